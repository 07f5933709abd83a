/* The boot stage: the first program after boot2 (bootstage.ld), MCUboot-style. Before it
 * starts the firmware in the primary slot it finishes what the slots' record asks for
 * (lib/fwswap.h): a swap with the staging slot that `upgrade --firmware` asked for, or that a
 * power cut interrupted; a trial boot counted, with the watchdog armed so that a firmware
 * that hangs before it confirms itself comes back here; and the swap back after
 * SLOT_TRIAL_BOOTS trial boots without a confirmation. Then it points the vector table at
 * the primary slot and jumps to its reset handler. Nothing here prints: the firmware reports
 * what happened (`upgrade --status`). */
#include <stdint.h>
#include <string.h>

#include "lib/fwswap.h"
#include "rp2040.h"
#include "slots.h"

#define VTOR (*(volatile uint32_t *)0xe000ed08u)
#define BKPT_NO_FLASH 0x43

extern char __stack_top[], __data_start[], __data_end[], __data_source[];
extern char __bss_start[], __bss_end[];

static uint8_t sector_buf[4096];

void bootstage_reset(void);

static void arm_watchdog(void)
{
    WATCHDOG_TICK = WATCHDOG_TICK_ENABLE | 12u;            /* 1 MHz from the 12 MHz crystal */
    PSM_WDSEL = PSM_ALL & ~(PSM_ROSC | PSM_XOSC);
    WATCHDOG_LOAD = SLOT_TRIAL_WATCHDOG_MS * 1000u * 2u;   /* erratum RP2040-E1: two a tick */
    WATCHDOG_CTRL = WATCHDOG_CTRL_ENABLE;
}

static void start_firmware(void)
{
    const uint32_t *vectors = (const uint32_t *)(uintptr_t)slots_layout()->primary;
    vectors = (const uint32_t *)((uintptr_t)vectors + XIP_BASE);
    VTOR = (uint32_t)(uintptr_t)vectors;
    __asm volatile("msr msp, %0\n bx %1" :: "r"(vectors[0]), "r"(vectors[1]) : "memory");
    for (;;)
        ;
}

void bootstage_reset(void)
{
    memcpy(__data_start, __data_source, (size_t)(__data_end - __data_start));
    memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
    const struct fwswap_flash *flash = slots_flash();
    if (!flash)
        __asm volatile("bkpt %0" :: "i"(BKPT_NO_FLASH));
    /* A flash error leaves the record as it was: the next boot tries again, and meanwhile
     * the primary slot's firmware runs. */
    if (fwswap_boot(flash, slots_layout(), SLOT_TRIAL_BOOTS, sector_buf) == FWSWAP_TRIAL)
        arm_watchdog();
    start_firmware();
}

__attribute__((used, section(".vectors"))) static const uintptr_t vectors[2] = {
    (uintptr_t)__stack_top,
    (uintptr_t)bootstage_reset,
};
