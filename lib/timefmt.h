/* Calendar arithmetic without the C library's time zone machinery (which MCU libcs lack or
 * implement with a heap): Unix seconds <-> civil date and time, and upyOS's formats. */
#ifndef LIB_TIMEFMT_H
#define LIB_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

struct civil {
    int year, month, day;      /* month 1..12, day 1..31 */
    int hour, min, sec;
    int weekday;               /* 0 Sunday .. 6 Saturday */
};

void time_split(int64_t t, struct civil *c);
int64_t time_join(const struct civil *c);
/* 1 when the fields name a real date and time. */
int time_valid(const struct civil *c);

extern const char *const time_month_names[12];   /* "Jan".. */
extern const char *const time_day_names[7];      /* "Sun".. */

/* "Www DD/Mon/YYYY HH:MM:SS", as upyOS's date prints it. */
void time_format_date(int64_t t, char *buf, size_t size);
/* Parses "YYYY-MM-DD HH:MM[:SS]", "YYYY/MM/DD HH:MM[:SS]" or "HH:MM[:SS]" (today, base's
 * date). Returns 0 or ERR_INVAL. */
int time_parse(const char *text, int64_t base, int64_t *out);

#endif
