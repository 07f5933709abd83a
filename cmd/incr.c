/* incr and decr: counters in environment variables, as upyOS scripts use them in loops. */
#include <string.h>

#include "kernel/command.h"
#include "kernel/env.h"

/* A variable's integer value: an int, or a str that reads as one (export makes strings). A
 * missing variable counts as 0. */
static int integer_of(const char *name, long long *out)
{
    struct value v;
    double f;
    *out = 0;
    if (env_get(name, &v) < 0)
        return 0;
    int ok = v.type == VAL_INT ||
             (v.type == VAL_STR && value_parse_number(v.u.s, out, &f) == VAL_INT);
    if (v.type == VAL_INT)
        *out = v.u.i;
    value_free(&v);
    return ok ? 0 : -1;
}

static int step(const struct cmd_ctx *ctx, int argc, char **argv, int sign)
{
    long long by = 1, now;
    double f;
    if (!env_valid_name(argv[1]))
        return cmd_error(ctx, "%s: not a valid variable name", argv[1]);
    if (argc == 3 && value_parse_number(argv[2], &by, &f) != VAL_INT)
        return cmd_error(ctx, "%s: not an integer", argv[2]);
    if (integer_of(argv[1], &now) < 0)
        return cmd_error(ctx, "Variable %s is not an integer", argv[1]);
    if (sign < 0)
        by = by == (-9223372036854775807LL - 1) ? by : -by;
    if ((by > 0 && now > 9223372036854775807LL - by) ||
        (by < 0 && now < (-9223372036854775807LL - 1) - by))
        return cmd_error(ctx, "%s: integer overflow", argv[1]);
    struct value v = value_int(now + by);
    env_set(argv[1], &v);
    return 0;
}

COMMAND(incr, "incr VAR [N]", "add N (default 1) to an integer variable (a missing one is 0)",
        RAW_ARGS, 1, 2)
{
    return step(ctx, argc, argv, 1);
}

COMMAND(decr, "decr VAR [N]", "subtract N (default 1) from an integer variable (a missing one is 0)",
        RAW_ARGS, 1, 2)
{
    return step(ctx, argc, argv, -1);
}
