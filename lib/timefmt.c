#include "lib/timefmt.h"

#include <stdio.h>
#include <string.h>

#include "lib/err.h"

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, exact over the whole
 * proleptic Gregorian calendar; lib/civil.c has the way back). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t time_join(const struct civil *c)
{
    return days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 + c->min * 60 +
           c->sec;
}

int time_valid(const struct civil *c)
{
    static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (c->year < 1970 || c->year > 9999 || c->month < 1 || c->month > 12 || c->day < 1 ||
        c->day > month_days[c->month - 1] || c->hour < 0 || c->hour > 23 || c->min < 0 ||
        c->min > 59 || c->sec < 0 || c->sec > 59)
        return 0;
    struct civil back;
    civil_from_unix(time_join(c), &back);       /* catches 29 Feb of a common year */
    return back.day == c->day;
}

void time_format_date(int64_t t, char *buf, size_t size)
{
    struct civil c;
    civil_from_unix(t, &c);
    snprintf(buf, size, "%s %02d/%s/%04d %02d:%02d:%02d", civil_day_names[c.weekday], c.day,
             civil_month_names[c.month - 1], c.year, c.hour, c.min, c.sec);
}

static int parse_clock(const char *s, struct civil *c)
{
    char extra;
    c->sec = 0;
    int n = sscanf(s, "%d:%d:%d%c", &c->hour, &c->min, &c->sec, &extra);
    return n == 2 || n == 3 ? 0 : ERR_INVAL;
}

int time_parse(const char *text, int64_t base, int64_t *out)
{
    struct civil c;
    char sep1, sep2, clock[16] = "";
    civil_from_unix(base, &c);
    const char *space = strchr(text, ' ');
    if (!space && strchr(text, ':')) {
        if (parse_clock(text, &c) < 0)
            return ERR_INVAL;
    } else {
        if (sscanf(text, "%d%c%d%c%d %15s", &c.year, &sep1, &c.month, &sep2, &c.day, clock) != 6 ||
            sep1 != sep2 || (sep1 != '-' && sep1 != '/') || parse_clock(clock, &c) < 0)
            return ERR_INVAL;
    }
    if (!time_valid(&c))
        return ERR_INVAL;
    *out = time_join(&c);
    return 0;
}
