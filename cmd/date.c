/* date and uptime. The RTC keeps UTC; both show local time (TZ hours, cmd/clock.h). */
#include <stdio.h>
#include <string.h>

#include "cmd/clock.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/timefmt.h"

static int set_clock(const struct cmd_ctx *ctx, int argc, char **argv)
{
    char text[40] = "";
    for (int i = 1; i < argc; i++) {      /* "date -s 2024-05-01 10:00" arrives as two words */
        if (strlen(text) + strlen(argv[i]) + 2 > sizeof text)
            break;
        strcat(text, i > 1 ? " " : "");
        strcat(text, argv[i]);
    }
    int64_t local;
    if (argc < 2 || time_parse(text, clock_local_now(), &local) < 0)
        return cmd_error(ctx, "expected YYYY-MM-DD HH:MM[:SS] or HH:MM[:SS], got '%s'", text);
    hal_rtc_set(local - clock_tz_seconds());
    return 0;
}

COMMAND(date, "date [-d|-t]\ndate -s YYYY-MM-DD HH:MM[:SS]\ndate -s HH:MM[:SS]",
        "show the local date and time (Www DD/Mon/YYYY HH:MM:SS; TZ hours); -d date only, "
        "-t time only, -s set the clock",
        "dts", 0, 2)
{
    if (ctx->flags & FLAG('s'))
        return set_clock(ctx, argc, argv);
    if (argc > 1)                   /* only a date to set takes words */
        return cmd_error(ctx, "too many arguments");
    char text[40];
    time_format_date(clock_local_now(), text, sizeof text);
    const char *shown = text;
    if (ctx->flags & FLAG('d'))
        text[15] = '\0', shown = text + 4;          /* "DD/Mon/YYYY" */
    else if (ctx->flags & FLAG('t'))
        shown = text + 16;                          /* "HH:MM:SS" */
    proc_printf(p, "%s\n", shown);
    proc_set_result(p, value_str(shown));
    return 0;
}

COMMAND(uptime, "uptime", "show how long the system has been up, and since when", RAW_ARGS, 0, 0)
{
    uint64_t secs = (hal_time_us() - sysdata.boot_us) / 1000000u;
    char since[40];
    time_format_date(clock_local_now() - (int64_t)secs, since, sizeof since);   /* after date -s too */
    proc_printf(p, "Up %llu days, %02llu:%02llu:%02llu, since %s\n",
                (unsigned long long)(secs / 86400), (unsigned long long)(secs / 3600 % 24),
                (unsigned long long)(secs / 60 % 60), (unsigned long long)(secs % 60), since);
    proc_set_result(p, value_int((long long)secs));
    return 0;
}
