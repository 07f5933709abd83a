#include <stdlib.h>

#include "kernel/command.h"

COMMAND(sleep, "sleep SECONDS", "wait; fractions work (sleep 0.5)", RAW_ARGS, 1, 1,
        .missing = "expected a number of seconds")
{
    char *end;
    double secs = strtod(argv[1], &end);
    if (*end || secs < 0 || secs > 31536000)
        return cmd_error(ctx, "expected a number of seconds");
    return proc_sleep_us((uint64_t)(secs * 1e6)) < 0 ? 130 : 0;
}
