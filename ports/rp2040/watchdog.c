/* hal_watchdog_*: the RP2040's watchdog (datasheet 4.7). Its counter runs on the 1 MHz tick
 * (clocks.c) but, by erratum RP2040-E1, goes down by two per tick, so it is loaded with twice
 * the time-out in microseconds (at most 0xffffff: about 8.3 s). At zero it resets the chip
 * through the power-on state machine: everything but the oscillators (PSM_WDSEL), so the
 * scratch registers and the reason register survive and the firmware boots afresh. */
#include "hal/system.h"

#include "lib/err.h"
#include "rp2040.h"

#define LOAD_MAX 0xFFFFFFu

static uint32_t load;

int hal_watchdog_start(uint32_t timeout_ms)
{
    uint64_t ticks = (uint64_t)timeout_ms * 1000u * 2u;
    if (timeout_ms == 0 || ticks > LOAD_MAX)
        return ERR_INVAL;
    load = (uint32_t)ticks;
    PSM_WDSEL = PSM_ALL & ~(PSM_ROSC | PSM_XOSC);
    WATCHDOG_LOAD = load;
    WATCHDOG_CTRL = WATCHDOG_CTRL_ENABLE;   /* and not paused while a debugger is attached */
    return 0;
}

void hal_watchdog_feed(void)
{
    WATCHDOG_LOAD = load;
}

void hal_watchdog_stop(void)
{
    WATCHDOG_CTRL = 0;
}
