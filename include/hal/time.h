/* Time: a monotonic clock since boot, and the wall clock (RTC) in Unix seconds, UTC. */
#ifndef HAL_TIME_H
#define HAL_TIME_H

#include <stdint.h>

uint64_t hal_time_us(void);            /* monotonic, microseconds since boot */
int64_t hal_rtc_get(void);             /* seconds since 1970-01-01 UTC */
void hal_rtc_set(int64_t unix_seconds); /* sets the wall clock (date -s, ntpupdate) */

#endif
