#include "lib/timefmt.h"

#include <stdio.h>
#include <string.h>

#include "lib/err.h"

const char *const time_month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
const char *const time_day_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms, which are
 * exact over the whole proleptic Gregorian calendar). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, struct civil *c)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
    c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
    c->year = (int)(yoe + era * 400 + (c->month <= 2));
}

void time_split(int64_t t, struct civil *c)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t rest = t - days * 86400;
    civil_from_days(days, c);
    c->hour = (int)(rest / 3600);
    c->min = (int)(rest / 60 % 60);
    c->sec = (int)(rest % 60);
    c->weekday = (int)(((days % 7) + 11) % 7);   /* 1970-01-01 was a Thursday */
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
    time_split(time_join(c), &back);       /* catches 29 Feb of a common year */
    return back.day == c->day;
}

void time_format_date(int64_t t, char *buf, size_t size)
{
    struct civil c;
    time_split(t, &c);
    snprintf(buf, size, "%s %02d/%s/%04d %02d:%02d:%02d", time_day_names[c.weekday], c.day,
             time_month_names[c.month - 1], c.year, c.hour, c.min, c.sec);
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
    time_split(base, &c);
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
