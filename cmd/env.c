/* Environment variables: export, unset, env. */
#include <string.h>

#include "kernel/command.h"
#include "kernel/env.h"
#include "lib/err.h"
#include "lib/str.h"

static void show(const char *name, const struct value *v, void *ctx)
{
    proc_t *p = ctx;
    char text[512];
    value_format(v, text, sizeof text);
    proc_printf(p, v->type == VAL_STR ? "%s='%s'\n" : "%s=%s\n", name, text);
}

COMMAND(env, "env", "list the environment variables", RAW_ARGS, 0, 0)
{
    env_each(show, p);
    return 0;
}

/* The value of `export NAME VALUE -i|-f|-b|-s`, as the flag asks. */
static int typed_value(const char *text, char type, struct value *v)
{
    long long i;
    double f;
    enum value_type t = value_parse_number(text, &i, &f);
    switch (type) {
    case 'i':
        if (t != VAL_INT)
            return ERR_INVAL;
        *v = value_int(i);
        return 0;
    case 'f':
        if (t == VAL_STR)
            return ERR_INVAL;
        *v = value_float(t == VAL_INT ? (double)i : f);
        return 0;
    case 'b':
        if (str_casecmp(text, "true") == 0 || strcmp(text, "1") == 0)
            *v = value_bool(1);
        else if (str_casecmp(text, "false") == 0 || strcmp(text, "0") == 0)
            *v = value_bool(0);
        else
            return ERR_INVAL;
        return 0;
    default:
        *v = value_str(text);
        return 0;
    }
}

static const char *type_words[] = { ['i'] = "an integer", ['f'] = "a float", ['b'] = "a bool" };

COMMAND(export, "export NAME VALUE [-i|-f|-b|-s]\nexport NAME = VALUE\nexport NAME=VALUE",
        "set an environment variable; -i int, -f float, -b bool, -s string (default)",
        RAW_ARGS, 0, MANY)
{
    char type = 's', name[64];
    const char *value = NULL;
    int n = 0;
    char *words[4];
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        if (w[0] == '-' && w[1] && strchr("ifbs", w[1]) && !w[2])
            type = w[1];
        else if (n < 4)
            words[n++] = argv[i];
        else
            return cmd_error(ctx, "too many arguments");
    }
    char *eq = n == 1 ? strchr(words[0], '=') : NULL;
    if (eq && eq != words[0]) {             /* NAME=VALUE */
        str_copy(name, words[0], (size_t)(eq - words[0]) + 1 < sizeof name
                                     ? (size_t)(eq - words[0]) + 1 : sizeof name);
        value = eq + 1;
    } else if (n == 2) {                    /* NAME VALUE */
        str_copy(name, words[0], sizeof name);
        value = words[1];
    } else if (n == 3 && strcmp(words[1], "=") == 0) {   /* NAME = VALUE */
        str_copy(name, words[0], sizeof name);
        value = words[2];
    } else {
        return cmd_error(ctx, "usage: export NAME VALUE [-i|-f|-b|-s]");
    }
    if (!env_valid_name(name))
        return cmd_error(ctx, "%s: not a valid variable name", name);
    struct value v;
    if (typed_value(value, type, &v) < 0)
        return cmd_error(ctx, "%s: not %s", value, type_words[(unsigned char)type]);
    int r = env_set(name, &v);
    value_free(&v);
    return r < 0 ? cmd_error(ctx, "%s", err_str(r)) : 0;
}

COMMAND(unset, "unset NAME...", "remove environment variables", RAW_ARGS, 1, MANY,
        .missing = "missing variable name")
{
    for (int i = 1; i < argc; i++)
        env_unset(argv[i]);
    return 0;
}
