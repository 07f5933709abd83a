/* hal/time.h: the monotonic clock counts from reset: the time SysTick ran free before the
 * scheduler started, then SysTick interrupts (1 ms) plus the current count of the 25 MHz
 * SysTick counter; the wall clock is that plus an offset. QEMU's board has no
 * battery RTC, so the offset starts from the host's clock (semihosting SYS_TIME), the way a
 * board with an RTC would keep time over a reset; hal_rtc_set moves it. */
#include "hal/time.h"

#include "cmsdk.h"
#include "port.h"
#include "sched.h"
#include "semihost.h"

static int64_t rtc_offset;           /* Unix seconds at boot */
static uint32_t reset_us;            /* from reset to the scheduler's start */

void time_count_from_reset(void)
{
    reset_us = (SYSTICK_FREE_RUN - SYST_CVR) / (MPS2_CLOCK_HZ / 1000000u);
}

void time_init(void)
{
    rtc_offset = semihost_time();
}

uint64_t hal_time_us(void)
{
    uint32_t s = irq_lock();
    uint64_t ticks = sched_ticks;
    uint32_t count = SYST_CVR;
    if (SCB_ICSR & ICSR_PENDSTSET) { /* wrapped, and the interrupt has not run yet */
        count = SYST_CVR;
        ticks++;
    }
    irq_unlock(s);
    uint32_t reload = SYST_RVR;
    uint32_t per_us = MPS2_CLOCK_HZ / 1000000u;
    return reset_us + ticks * (1000000u / SCHED_TICK_HZ) + (reload - count) / per_us;
}

int64_t hal_rtc_get(void)
{
    return rtc_offset + (int64_t)(hal_time_us() / 1000000u);
}

void hal_rtc_set(int64_t unix_seconds)
{
    rtc_offset = unix_seconds - (int64_t)(hal_time_us() / 1000000u);
}
