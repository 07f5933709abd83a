#include <stdlib.h>

#include "kernel/command.h"

COMMAND(sleep, "sleep SECONDS", "wait; fractions work (sleep 0.5)")
{
    char *end;
    double secs = argc == 2 ? strtod(argv[1], &end) : -1;
    if (argc != 2 || *end || secs < 0 || secs > 31536000)
        return proc_error(p, "sleep", "expected a number of seconds");
    return proc_sleep_us((uint64_t)(secs * 1e6)) < 0 ? 130 : 0;
}
