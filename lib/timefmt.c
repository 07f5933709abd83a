#include "lib/timefmt.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "lib/err.h"
#include "lib/str.h"

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

/* H:M or H:M:S, as sscanf("%d:%d:%d%c") returning 2 or 3 took it: after H:M anything but
 * ":S" is ignored, after H:M:S nothing may follow. */
static int parse_clock(const char *s, struct civil *c)
{
    c->sec = 0;
    if (!str_scan_int(&s, &c->hour) || *s++ != ':' || !str_scan_int(&s, &c->min))
        return ERR_INVAL;
    if (*s++ != ':' || !str_scan_int(&s, &c->sec))
        return 0;
    return *s ? ERR_INVAL : 0;
}

/* YYYY-MM-DD (or /) then white space and a clock of at most 15 characters into clock. */
static int parse_date(const char *s, struct civil *c, char *clock)
{
    char sep1, sep2;
    if (!str_scan_int(&s, &c->year) || !(sep1 = *s++) || !str_scan_int(&s, &c->month) ||
        !(sep2 = *s++) || !str_scan_int(&s, &c->day))
        return ERR_INVAL;
    if (sep1 != sep2 || (sep1 != '-' && sep1 != '/'))
        return ERR_INVAL;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = 0;
    while (n < 15 && s[n] && !isspace((unsigned char)s[n]))
        n++;
    memcpy(clock, s, n);
    clock[n] = '\0';
    return n ? 0 : ERR_INVAL;
}

int time_parse(const char *text, int64_t base, int64_t *out)
{
    struct civil c;
    char clock[16] = "";
    civil_from_unix(base, &c);
    const char *space = strchr(text, ' ');
    if (!space && strchr(text, ':')) {
        if (parse_clock(text, &c) < 0)
            return ERR_INVAL;
    } else {
        if (parse_date(text, &c, clock) < 0 || parse_clock(clock, &c) < 0)
            return ERR_INVAL;
    }
    if (!time_valid(&c))
        return ERR_INVAL;
    *out = time_join(&c);
    return 0;
}
