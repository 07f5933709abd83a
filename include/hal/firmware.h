/* The firmware image, on a board whose boot stage can replace it (the RP2040's slots,
 * docs/porting.md): `upgrade --firmware` writes a new image into the staging slot and asks
 * for it; the boot stage swaps it in at the next boot, where it runs on trial until
 * confirmed, and swaps the old one back after failed trial boots. A board without a boot
 * stage has no slot (hal_firmware_slot_size 0) and the rest says ERR_NOTSUP. */
#ifndef HAL_FIRMWARE_H
#define HAL_FIRMWARE_H

#include <stddef.h>

enum hal_firmware_state {
    HAL_FIRMWARE_CONFIRMED,   /* the running firmware is kept (or nothing was ever asked) */
    HAL_FIRMWARE_PENDING,     /* a new image is staged: it goes in at the next boot */
    HAL_FIRMWARE_TRIAL,       /* the running firmware is new and on trial */
    HAL_FIRMWARE_ROLLED_BACK, /* the last new image failed its trial; the old one runs */
};

/* The largest image the staging slot takes, in bytes; 0 on a board without a boot stage. */
size_t hal_firmware_slot_size(void);
/* Writes len bytes of the new image at offset (from 0 up, in order) into the staging slot. */
int hal_firmware_write(size_t offset, const void *data, size_t len);
/* Reads back what the staging slot holds (to verify it). */
int hal_firmware_read(size_t offset, void *data, size_t len);
/* The staging slot holds a whole, verified image of size bytes: swap it in at the next boot.
 * ERR_BUSY while another one is pending or on trial. */
int hal_firmware_request(size_t size);
enum hal_firmware_state hal_firmware_state(void);
/* Keeps the running firmware on trial (and stops the trial's watchdog). ERR_INVAL when
 * nothing is on trial. */
int hal_firmware_confirm(void);

#endif
