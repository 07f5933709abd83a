/* Firmware slots, MCUboot-style: the running firmware writes a new image into the staging
 * slot and asks for a swap; the boot stage swaps the staging and primary slots sector by
 * sector, keeping a progress record so that a power cut at any point resumes where it
 * stopped; the new firmware then runs on trial until it confirms itself, and after too many
 * trial boots without that the boot stage swaps back.
 *
 * The swap of sector i goes through a scratch sector in three steps, each redone from the
 * start after a cut (its source is intact until the step is recorded):
 *   A  scratch <- staging[i]      B  staging[i] <- primary[i]      C  primary[i] <- scratch
 * Swapping is its own inverse, so the rollback is the same swap again: the old firmware
 * returns to primary, the refused one to staging.
 *
 * The record is a log of 32-bit words in the status sector, appended to erased flash: each
 * word is a 16-bit entry and its complement, so a word cut while it was programmed (some of
 * its bits cleared) never reads as an entry. The layout and the flash are the caller's: the
 * boot stage and the firmware pass the same ones. Standard C only (lib), so that the boot
 * stage, the firmware and the unit tests share it. */
#ifndef LIB_FWSWAP_H
#define LIB_FWSWAP_H

#include <stddef.h>
#include <stdint.h>

/* The flash, by offset. erase clears one sector to 0xFF; program clears bits (len within a
 * sector, erased before). Each returns 0 or a negative ERR_*. */
struct fwswap_flash {
    void *ctx;
    uint32_t sector;      /* erase unit in bytes */
    int (*read)(void *ctx, uint32_t offset, void *buf, size_t len);
    int (*erase)(void *ctx, uint32_t offset);
    int (*program)(void *ctx, uint32_t offset, const void *buf, size_t len);
};

/* Where the slots are (offsets of sector boundaries); each slot is `sectors` sectors. */
struct fwswap_layout {
    uint32_t primary, staging, scratch, status;
    uint32_t sectors;
};

enum fwswap_phase {
    FWSWAP_NONE,          /* the primary slot's firmware is confirmed (or nothing happened) */
    FWSWAP_PENDING,       /* a swap is asked for, or cut midway: the boot stage finishes it */
    FWSWAP_TRIAL,         /* the new firmware runs on trial */
    FWSWAP_CONFIRMED,     /* the new firmware confirmed itself */
    FWSWAP_REVERTING,     /* the trial failed: swapping back, or cut midway */
    FWSWAP_REVERTED,      /* the old firmware is back; the refused one is in staging */
};

struct fwswap_state {
    enum fwswap_phase phase;
    uint32_t sectors;     /* of the swap asked for */
    uint32_t done;        /* steps of the current swap finished (3 per sector) */
    int boots;            /* trial boots begun */
    uint32_t used;        /* words of the status sector in use */
};

/* The state the status sector records. */
int fwswap_state(const struct fwswap_flash *f, const struct fwswap_layout *l,
                 struct fwswap_state *st);

/* From the running firmware, once the staging slot holds a verified image of `sectors`
 * sectors: starts a new record asking for the swap. ERR_BUSY while a swap or a trial is
 * under way, ERR_FBIG when the image is larger than the slot. */
int fwswap_request(const struct fwswap_flash *f, const struct fwswap_layout *l,
                   uint32_t sectors);

/* From the running firmware on trial: keeps it. ERR_INVAL when nothing is on trial. */
int fwswap_confirm(const struct fwswap_flash *f, const struct fwswap_layout *l);

/* From the boot stage, before it starts the primary slot's firmware: finishes a swap (or a
 * swap back), counts a trial boot, and swaps back once max_boots trial boots have begun
 * without a confirmation. buf is a sector-sized buffer. Returns the phase the firmware
 * starts in (FWSWAP_TRIAL: arm the watchdog) or a negative ERR_* from the flash. */
int fwswap_boot(const struct fwswap_flash *f, const struct fwswap_layout *l, int max_boots,
                void *buf);

#endif
