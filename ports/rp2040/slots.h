/* The firmware slots on the Pico's flash (rp2040.ld, docs/porting.md), for lib/fwswap.h:
 * shared by the boot stage (bootstage.c) and the firmware (firmware.c). Erase and program
 * go through the boot ROM's functions from RAM, with interrupts masked. */
#ifndef RP2040_SLOTS_H
#define RP2040_SLOTS_H

#include "lib/fwswap.h"

#define SLOT_TRIAL_BOOTS 2            /* trial boots without a confirmation: swap back */
#define SLOT_TRIAL_WATCHDOG_MS 8000   /* a trial boot that does not confirm by then resets */

/* The flash and the layout; NULL when the boot ROM lacks a flash function. */
const struct fwswap_flash *slots_flash(void);
const struct fwswap_layout *slots_layout(void);

#endif
