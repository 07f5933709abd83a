/* hal/firmware.h on the Pico's slots (slots.h, lib/fwswap.h): the image goes into the
 * staging slot, the boot stage (bootstage.c) does the rest. */
#include "hal/firmware.h"

#include <string.h>

#include "lib/err.h"
#include "rp2040.h"
#include "slots.h"

static int slots(const struct fwswap_flash **f, const struct fwswap_layout **l)
{
    *f = slots_flash();
    *l = slots_layout();
    return *f ? 0 : ERR_NOTSUP;
}

size_t hal_firmware_slot_size(void)
{
    const struct fwswap_flash *f;
    const struct fwswap_layout *l;
    return slots(&f, &l) < 0 ? 0 : (size_t)l->sectors * f->sector;
}

/* Erases each sector as the writing reaches it. A pending or trial state is refused first
 * (the staging slot then holds the old firmware, needed to swap back). */
int hal_firmware_write(size_t offset, const void *data, size_t len)
{
    const struct fwswap_flash *f;
    const struct fwswap_layout *l;
    struct fwswap_state st;
    int r = slots(&f, &l);
    if (r < 0 || (r = fwswap_state(f, l, &st)) < 0)
        return r;
    if (st.phase == FWSWAP_PENDING || st.phase == FWSWAP_TRIAL || st.phase == FWSWAP_REVERTING)
        return ERR_BUSY;
    if (offset + len > hal_firmware_slot_size() || offset + len < offset)
        return ERR_FBIG;
    const uint8_t *d = data;
    while (len > 0) {
        uint32_t in_sector = (uint32_t)(offset % f->sector);
        size_t n = f->sector - in_sector < len ? f->sector - in_sector : len;
        if (in_sector == 0 && (r = f->erase(f->ctx, l->staging + (uint32_t)offset)) < 0)
            return r;
        if ((r = f->program(f->ctx, l->staging + (uint32_t)offset, d, n)) < 0)
            return r;
        offset += n;
        d += n;
        len -= n;
    }
    return 0;
}

int hal_firmware_read(size_t offset, void *data, size_t len)
{
    const struct fwswap_flash *f;
    const struct fwswap_layout *l;
    int r = slots(&f, &l);
    if (r < 0)
        return r;
    if (offset + len > hal_firmware_slot_size() || offset + len < offset)
        return ERR_INVAL;
    return f->read(f->ctx, l->staging + (uint32_t)offset, data, len);
}

int hal_firmware_request(size_t size)
{
    const struct fwswap_flash *f;
    const struct fwswap_layout *l;
    int r = slots(&f, &l);
    if (r < 0)
        return r;
    return fwswap_request(f, l, (uint32_t)((size + f->sector - 1) / f->sector));
}

enum hal_firmware_state hal_firmware_state(void)
{
    const struct fwswap_flash *f;
    const struct fwswap_layout *l;
    struct fwswap_state st;
    if (slots(&f, &l) < 0 || fwswap_state(f, l, &st) < 0)
        return HAL_FIRMWARE_CONFIRMED;
    switch (st.phase) {
    case FWSWAP_PENDING:
        return HAL_FIRMWARE_PENDING;
    case FWSWAP_TRIAL:
        return HAL_FIRMWARE_TRIAL;
    case FWSWAP_REVERTED:
        return HAL_FIRMWARE_ROLLED_BACK;
    default:
        return HAL_FIRMWARE_CONFIRMED;
    }
}

int hal_firmware_confirm(void)
{
    const struct fwswap_flash *f;
    const struct fwswap_layout *l;
    int r = slots(&f, &l);
    if (r < 0 || (r = fwswap_confirm(f, l)) < 0)
        return r;
    WATCHDOG_CTRL = 0;                /* the trial's, armed by the boot stage */
    return 0;
}
