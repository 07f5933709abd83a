/* Local time for the commands that show dates (date, ls, uptime): the RTC keeps UTC and the
 * TZ variable (hours, fractions allowed: 5.5) gives the offset, as upyOS's TZ does. */
#ifndef CMD_CLOCK_H
#define CMD_CLOCK_H

#include <stdint.h>

int64_t clock_tz_seconds(void);
int64_t clock_local_now(void);

#endif
