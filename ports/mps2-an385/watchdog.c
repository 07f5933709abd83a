/* hal_watchdog_*: the CMSDK APB watchdog, which QEMU models. It counts down at 25 MHz; the
 * first time it reaches zero it raises its interrupt (wired to NMI on this board) and
 * reloads, and if that interrupt is still pending at the second zero it resets the board.
 * So the counter is loaded with half the time-out, and feeding clears the interrupt. */
#include "hal/system.h"

#include "cmsdk.h"
#include "lib/err.h"
#include "port.h"

static void unlocked(uint32_t ctrl, uint32_t load)
{
    WDOG_LOCK = WDOG_UNLOCK_KEY;
    if (load)
        WDOG_LOAD = load;
    WDOG_CTRL = ctrl;
    WDOG_LOCK = 0;
}

int hal_watchdog_start(uint32_t timeout_ms)
{
    uint64_t load = (uint64_t)timeout_ms * (MPS2_CLOCK_HZ / 1000u) / 2u;
    if (timeout_ms == 0 || load > UINT32_MAX)
        return ERR_INVAL;
    WDOG_LOCK = WDOG_UNLOCK_KEY;
    WDOG_INTCLR = 1;
    WDOG_LOCK = 0;
    unlocked(WDOG_CTRL_INTEN | WDOG_CTRL_RESEN, (uint32_t)load);
    return 0;
}

void hal_watchdog_feed(void)
{
    WDOG_LOCK = WDOG_UNLOCK_KEY;
    WDOG_INTCLR = 1;                 /* clears the interrupt and reloads the counter */
    WDOG_LOCK = 0;
}

void hal_watchdog_stop(void)
{
    unlocked(0, 0);
}

/* First expiry: warn, and leave the interrupt pending so the second one resets. */
void watchdog_nmi(void)
{
    static int warned;
    if (!warned) {
        warned = 1;
        port_print("watchdog: not fed, resetting");
    }
}
