#include <time.h>

#include "hal/time.h"

static int64_t rtc_offset;       /* date -s moves the simulated clock, not the host's */

uint64_t hal_time_us(void)
{
    static struct timespec start;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!start.tv_sec && !start.tv_nsec)
        start = now;
    return (uint64_t)(now.tv_sec - start.tv_sec) * 1000000u +
           (uint64_t)((now.tv_nsec - start.tv_nsec) / 1000);
}

int64_t hal_rtc_get(void)
{
    return (int64_t)time(NULL) + rtc_offset;
}

void hal_rtc_set(int64_t unix_seconds)
{
    rtc_offset = unix_seconds - (int64_t)time(NULL);
}
