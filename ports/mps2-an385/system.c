/* hal/system.h: identity, clock, memory statistics and reset. */
#include "hal/system.h"

#include <string.h>

#include "cmsdk.h"
#include "lib/err.h"
#include "port.h"
#include "semihost.h"

const char *hal_platform_name(void)
{
    return "mps2-an385";
}

const char *hal_board_name(void);
const char *hal_board_name(void)
{
    return "mps2-an385";
}

/* The board has no serial number: the CPUID word and the board's name stand in for one. */
size_t hal_unique_id(uint8_t *buf, size_t max)
{
    uint32_t cpuid = SCB_CPUID;
    uint8_t id[8] = { (uint8_t)(cpuid >> 24), (uint8_t)(cpuid >> 16), (uint8_t)(cpuid >> 8),
                      (uint8_t)cpuid, 'M', 'P', 'S', '2' };
    size_t n = max < sizeof id ? max : sizeof id;
    memcpy(buf, id, n);
    return n;
}

uint32_t hal_cpu_mhz(void)
{
    return MPS2_CLOCK_HZ / 1000000u;
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
        semihost_exit(0);
    __asm__ volatile("dsb" ::: "memory");
    SCB_AIRCR = AIRCR_RESET;
    __asm__ volatile("dsb" ::: "memory");
    for (;;)
        ;
}

/* QEMU's MPS2 models no reset-cause register: every start reads as a power-on. */
int hal_reset_cause(void)
{
    return HAL_RESET_POWER_ON;
}
