/* hal/time.h: the monotonic clock is the TIMER's 64-bit microsecond counter (datasheet
 * 4.6), which counts the watchdog's 1 MHz tick (clocks.c). The Pico has no battery-backed
 * clock: the wall clock starts at 1970 at every boot until `date -s` or NTP sets it, and is
 * that counter plus an offset. */
#include "hal/time.h"

#include "rp2040.h"

static int64_t rtc_offset;           /* Unix seconds at boot */

uint64_t hal_time_us(void)
{
    /* The raw registers: reading the high word, the low one and the high one again gives a
     * consistent pair without the latching TIMEHR/TIMELR (which two threads could interleave). */
    uint32_t hi = TIMER_TIMERAWH, lo, again;
    for (;;) {
        lo = TIMER_TIMERAWL;
        again = TIMER_TIMERAWH;
        if (again == hi)
            break;
        hi = again;
    }
    return ((uint64_t)hi << 32) | lo;
}

int64_t hal_rtc_get(void)
{
    return rtc_offset + (int64_t)(hal_time_us() / 1000000u);
}

void hal_rtc_set(int64_t unix_seconds)
{
    rtc_offset = unix_seconds - (int64_t)(hal_time_us() / 1000000u);
}
