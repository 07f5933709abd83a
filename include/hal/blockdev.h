/* Block device with flash semantics: erase sets a whole block to 0xFF, program can only
 * clear bits and works in multiples of prog_size inside one block. The flash filesystem is written
 * against this contract, so a RAM model in the tests, an image file on posix and semihosting
 * or real flash on an MCU are interchangeable. */
#ifndef HAL_BLOCKDEV_H
#define HAL_BLOCKDEV_H

#include <stdint.h>

typedef struct hal_blockdev hal_blockdev_t;

struct hal_blockdev {
    uint32_t block_size;   /* erase unit in bytes, e.g. 4096 */
    uint32_t block_count;
    uint32_t prog_size;    /* program offsets and lengths are multiples of it. A NOR chip
                              that programs whole pages gives less when its driver pads a
                              piece with 0xFF (which leaves cells as they are): a page is
                              then programmed in several pieces, each one clearing bits
                              only where it was still erased. A device that cannot
                              program a page twice (ECC'd flash, NAND) gives its page. */
    /* Each returns 0 or a negative error (ERR_IO). */
    int (*read)(hal_blockdev_t *d, uint32_t block, uint32_t off, void *buf, uint32_t len);
    int (*prog)(hal_blockdev_t *d, uint32_t block, uint32_t off, const void *buf, uint32_t len);
    int (*erase)(hal_blockdev_t *d, uint32_t block);
    int (*sync)(hal_blockdev_t *d);
    void *ctx;             /* the driver's own state */
};

/* The port's flash device. name is port specific (an image file path on posix and mps2).
 * Returns NULL when it cannot be opened. */
hal_blockdev_t *hal_flash_open(const char *name);
void hal_flash_close(hal_blockdev_t *d);

#endif
