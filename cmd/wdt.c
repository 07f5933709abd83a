/* wdt: the hardware watchdog. Once started it resets the board unless fed in time, which is
 * how a board recovers from a hung program. */
#include <stdlib.h>
#include <string.h>

#include "hal/system.h"
#include "kernel/command.h"
#include "lib/err.h"

COMMAND(wdt, "wdt -t SECONDS\nwdt -f",
        "start the watchdog: the board resets unless fed within SECONDS (-t); feed it (-f)",
        RAW_ARGS, 0, MANY)
{
    if (argc == 2 && strcmp(argv[1], "-f") == 0) {
        hal_watchdog_feed();
        return 0;
    }
    if (argc != 3 || strcmp(argv[1], "-t") != 0)
        return cmd_error(ctx, "expected -t SECONDS or -f");
    char *end;
    double secs = strtod(argv[2], &end);
    if (*end || secs < 0.1 || secs > 3600)
        return cmd_error(ctx, "%s: expected seconds between 0.1 and 3600", argv[2]);
    int r = hal_watchdog_start((uint32_t)(secs * 1000));
    if (r < 0)
        return cmd_error(ctx, "%s", err_str(r));
    proc_printf(p, "Watchdog started: feed it (wdt -f) within %g s\n", secs);
    return 0;
}
