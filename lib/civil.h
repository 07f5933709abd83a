/* Calendar dates from Unix seconds (UTC), for date, listings and HTTP/FTP dates. */
#ifndef LIB_CIVIL_H
#define LIB_CIVIL_H

#include <stdint.h>

struct civil {
    int year, month, day;       /* month 1..12 */
    int hour, min, sec;
    int weekday;                /* 0 = Sunday */
};

void civil_from_unix(int64_t t, struct civil *c);
extern const char civil_month_names[12][4];    /* "Jan" */
extern const char civil_day_names[7][4];       /* "Sun" */

#endif
