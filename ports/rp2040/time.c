/* hal/time.h: the monotonic clock is the TIMER's 64-bit microsecond counter (datasheet
 * 4.6), which counts the watchdog's 1 MHz tick (clocks.c). The wall clock is that counter
 * plus an offset, seeded at boot from the RTC (datasheet 4.8) when it is running: on a Pico
 * it is not at power-on (no battery), so the wall clock starts at 1970 until `date -s` or
 * NTP sets it; the emulator's runner starts it at the host's time, as a board with a backed-up
 * clock would. hal_rtc_set moves the offset only. */
#include "hal/time.h"

#include "rp2040.h"

#define RTC_BASE        0x4005C000u
#define RTC_CTRL        REG32(RTC_BASE + 0x0C)
#define RTC_RTC1        REG32(RTC_BASE + 0x18)   /* year, month, day */
#define RTC_RTC0        REG32(RTC_BASE + 0x1C)   /* day of week, hour, minute, second */
#define RTC_CTRL_ACTIVE (1u << 1)
#define RESET_RTC       (1u << 15)

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

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (m > 2 ? m - 3 : m + 9) + 2u) / 5u + d - 1u;
    unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void time_init(void)
{
    if ((RESETS_RESET & RESET_RTC) || !(RTC_CTRL & RTC_CTRL_ACTIVE))
        return;
    uint32_t clock = RTC_RTC0;       /* read first: it latches RTC_RTC1 */
    uint32_t date = RTC_RTC1;
    int64_t days = days_from_civil((date >> 12) & 0xFFFu, (date >> 8) & 0xFu, date & 0x1Fu);
    int64_t secs = days * 86400 + ((clock >> 16) & 0x1Fu) * 3600 + ((clock >> 8) & 0x3Fu) * 60 +
                   (clock & 0x3Fu);
    rtc_offset = secs - (int64_t)(hal_time_us() / 1000000u);
}

int64_t hal_rtc_get(void)
{
    return rtc_offset + (int64_t)(hal_time_us() / 1000000u);
}

void hal_rtc_set(int64_t unix_seconds)
{
    rtc_offset = unix_seconds - (int64_t)(hal_time_us() / 1000000u);
}
