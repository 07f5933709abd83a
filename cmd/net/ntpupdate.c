/* ntpupdate: sets the clock from a time server (SNTP) and shows it in local time (TZ hours). */
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/env.h"
#include "lib/civil.h"
#include "lib/err.h"
#include "net/sntp.h"
#include "net/socket.h"

COMMAND(ntpupdate, "ntpupdate [HOST] [-p PORT]",
        "set the clock from an NTP server (default pool.ntp.org), then show it with TZ applied",
        RAW_ARGS, 0, MANY)
{
    const char *host = "pool.ntp.org";
    uint16_t port = SNTP_PORT;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-p") && i + 1 < argc) {
            long n = strtol(argv[++i], NULL, 10);
            if (n < 1 || n > 65535)
                return cmd_error(ctx, "%s: not a port number", argv[i]);
            port = (uint16_t)n;
        } else if (argv[i][0] == '-') {
            return cmd_error(ctx, "unknown option %s", argv[i]);
        } else {
            host = argv[i];
        }
    }
    uint32_t addr, usec, rtt;
    int64_t now;
    int r = sock_resolve(host, &addr);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", host, err_str(r));
    if ((r = sntp_query(addr, port, 3000, &now, &usec, &rtt)) < 0)
        return cmd_error(ctx, "%s: %s", host,
                         r == ERR_IO ? "no valid answer" : err_str(r));
    int64_t before = hal_rtc_get();
    hal_rtc_set(now);
    char tz[16];
    env_get_text("TZ", tz, sizeof tz);
    double hours = atof(tz);
    struct civil c;
    civil_from_unix(now + (int64_t)(hours * 3600), &c);
    proc_printf(p, "%s %02d/%s/%04d %02d:%02d:%02d (TZ %+g, clock moved %+llds, delay %u ms)\n",
                civil_day_names[c.weekday], c.day, civil_month_names[c.month - 1], c.year,
                c.hour, c.min, c.sec, hours, (long long)(now - before), (unsigned)(rtt / 1000));
    return 0;
}
