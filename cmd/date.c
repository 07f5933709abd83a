/* date and uptime. The RTC keeps UTC; both show local time (TZ hours, cmd/clock.h). */
#include <stdio.h>
#include <string.h>

#include "cmd/clock.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/timefmt.h"

static int set_clock(proc_t *p, int argc, char **argv)
{
    char text[40] = "";
    for (int i = 2; i < argc; i++) {      /* "date -s 2024-05-01 10:00" arrives as two words */
        if (strlen(text) + strlen(argv[i]) + 2 > sizeof text)
            break;
        strcat(text, i > 2 ? " " : "");
        strcat(text, argv[i]);
    }
    int64_t local;
    if (argc < 3 || time_parse(text, clock_local_now(), &local) < 0)
        return proc_error(p, "date", "expected YYYY-MM-DD HH:MM[:SS] or HH:MM[:SS], got '%s'",
                          text);
    hal_rtc_set(local - clock_tz_seconds());
    return 0;
}

COMMAND(date, "date [-d|-t]\ndate -s YYYY-MM-DD HH:MM[:SS]\ndate -s HH:MM[:SS]",
        "show the local date and time (Www DD/Mon/YYYY HH:MM:SS; TZ hours); -d date only, "
        "-t time only, -s set the clock")
{
    if (argc >= 2 && strcmp(argv[1], "-s") == 0)
        return set_clock(p, argc, argv);
    int n;
    long long flags = command_flags(p, argc, argv, "dt", &n);
    if (flags < 0)
        return 2;
    if (n > 0)
        return proc_error(p, "date", "too many arguments");
    char text[40];
    time_format_date(clock_local_now(), text, sizeof text);
    const char *shown = text;
    if (flags & FLAG('d'))
        text[15] = '\0', shown = text + 4;          /* "DD/Mon/YYYY" */
    else if (flags & FLAG('t'))
        shown = text + 16;                          /* "HH:MM:SS" */
    proc_printf(p, "%s\n", shown);
    proc_set_result(p, value_str(shown));
    return 0;
}

COMMAND(uptime, "uptime", "show how long the system has been up, and since when")
{
    if (argc > 1)
        return proc_error(p, "uptime", "too many arguments");
    uint64_t secs = (hal_time_us() - sysdata.boot_us) / 1000000u;
    char since[40];
    time_format_date(clock_local_now() - (int64_t)secs, since, sizeof since);   /* after date -s too */
    proc_printf(p, "Up %llu days, %02llu:%02llu:%02llu, since %s\n",
                (unsigned long long)(secs / 86400), (unsigned long long)(secs / 3600 % 24),
                (unsigned long long)(secs / 60 % 60), (unsigned long long)(secs % 60), since);
    proc_set_result(p, value_int((long long)secs));
    return 0;
}
