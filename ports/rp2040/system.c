/* hal/system.h: identity, clock, memory statistics and reset. */
#include "hal/system.h"

#include <string.h>

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"

const char *hal_platform_name(void)
{
    return "rp2040";
}

const char *hal_board_name(void)
{
    return "pico";
}

/* The chip has no serial number of its own; the Pico's is the flash chip's 64-bit unique id
 * (command 4Bh), which the boot ROM's functions do not read. Until a raw SSI transfer reads
 * it, the id is the chip id word (SYSINFO: part and revision) and the board's name. */
size_t hal_unique_id(uint8_t *buf, size_t max)
{
    uint32_t chip = SYSINFO_CHIP_ID;
    uint8_t id[8] = { (uint8_t)(chip >> 24), (uint8_t)(chip >> 16), (uint8_t)(chip >> 8),
                      (uint8_t)chip, 'P', 'I', 'C', 'O' };
    size_t n = max < sizeof id ? max : sizeof id;
    memcpy(buf, id, n);
    return n;
}

uint32_t hal_cpu_mhz(void)
{
    return CLK_SYS_HZ / 1000000u;
}

int hal_cpu_set_mhz(uint32_t mhz)
{
    return mhz == hal_cpu_mhz() ? 0 : ERR_NOTSUP;
}

void hal_mem_stats(struct hal_mem_stats *out)
{
    heap_stats(&out->heap_total, &out->heap_used, &out->heap_peak);
    out->stack_total = port_main_stack;
}

void hal_restart(int reboot)
{
    if (!reboot)
        port_halt(0);
    __asm__ volatile("dsb" ::: "memory");
    SCB_AIRCR = AIRCR_RESET;
    __asm__ volatile("dsb" ::: "memory");
    for (;;)
        ;
}

/* The watchdog's reason register says whether it reset the chip (its timer ran out, or the
 * reset was forced through it); anything else, a reset request included, reads as a power-on. */
int hal_reset_cause(void)
{
    uint32_t reason = WATCHDOG_REASON;
    if (reason & WATCHDOG_REASON_TIMER)
        return HAL_RESET_WATCHDOG;
    return reason & WATCHDOG_REASON_FORCE ? HAL_RESET_SOFT : HAL_RESET_POWER_ON;
}
