/* hal/blockdev.h: the flash chip is an image file on the host, reached through semihosting
 * file I/O, so what the OS writes survives QEMU restarts. It behaves like NOR flash: 4096-byte
 * erase blocks set to 0xFF, 256-byte pages programmed in pieces of 4 bytes or more, and
 * programming can only clear bits (the new data is ANDed into what is there), so the flash
 * filesystem meets the same rules as on a chip.
 * The image must exist (tools/mkfs makes one; any file of whole blocks will do): a missing one
 * is not created, so a mistyped name cannot leave a blank "chip" behind. */
#include "hal/blockdev.h"

#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "lib/err.h"
#include "semihost.h"

#define BLOCK_SIZE 4096u
#define PAGE_SIZE 256u
#define PROG_SIZE 4u        /* NOR: a page takes several programs (hal/blockdev.h) */

struct flash {
    hal_blockdev_t dev;
    int fd;
    hal_mutex_t *lock;               /* a seek and its transfer must not be split */
    uint8_t page[PAGE_SIZE];
};

static int in_range(hal_blockdev_t *d, uint32_t block, uint32_t off, uint32_t len)
{
    return block < d->block_count && off <= d->block_size && len <= d->block_size - off;
}

static int at(struct flash *f, uint32_t block, uint32_t off)
{
    return semihost_seek(f->fd, block * BLOCK_SIZE + off);
}

static int flash_read(hal_blockdev_t *d, uint32_t block, uint32_t off, void *buf, uint32_t len)
{
    struct flash *f = d->ctx;
    if (!in_range(d, block, off, len))
        return ERR_INVAL;
    hal_mutex_lock(f->lock);
    int r = at(f, block, off) || semihost_read(f->fd, buf, len) ? ERR_IO : 0;
    hal_mutex_unlock(f->lock);
    return r;
}

static int flash_prog(hal_blockdev_t *d, uint32_t block, uint32_t off, const void *buf,
                      uint32_t len)
{
    struct flash *f = d->ctx;
    if (!in_range(d, block, off, len) || off % PROG_SIZE || len % PROG_SIZE)
        return ERR_INVAL;
    const uint8_t *src = buf;
    int r = 0;
    hal_mutex_lock(f->lock);
    for (uint32_t done = 0, n; done < len && r == 0; done += n) {
        n = len - done < PAGE_SIZE ? len - done : PAGE_SIZE;
        if (at(f, block, off + done) || semihost_read(f->fd, f->page, n)) {
            r = ERR_IO;
            break;
        }
        for (uint32_t i = 0; i < n; i++)
            f->page[i] &= src[done + i];
        if (at(f, block, off + done) || semihost_write(f->fd, f->page, n))
            r = ERR_IO;
    }
    hal_mutex_unlock(f->lock);
    return r;
}

static int erase_block(struct flash *f, uint32_t block)
{
    memset(f->page, 0xFF, PAGE_SIZE);
    if (at(f, block, 0))
        return ERR_IO;
    for (uint32_t off = 0; off < BLOCK_SIZE; off += PAGE_SIZE)
        if (semihost_write(f->fd, f->page, PAGE_SIZE))
            return ERR_IO;
    return 0;
}

static int flash_erase(hal_blockdev_t *d, uint32_t block)
{
    struct flash *f = d->ctx;
    if (block >= d->block_count)
        return ERR_INVAL;
    hal_mutex_lock(f->lock);
    int r = erase_block(f, block);
    hal_mutex_unlock(f->lock);
    return r;
}

static int flash_sync(hal_blockdev_t *d)
{
    return 0;                        /* semihosting writes go straight to the host file */
}

hal_blockdev_t *hal_flash_open(const char *name)
{
    struct flash *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->lock = hal_mutex_new();
    f->fd = semihost_open(name, SH_OPEN_RPB);
    uint32_t blocks = 0;
    if (f->fd >= 0) {
        long len = semihost_flen(f->fd);
        blocks = len > 0 && len % BLOCK_SIZE == 0 ? (uint32_t)len / BLOCK_SIZE : 0;
    }
    if (f->fd < 0 || blocks == 0 || !f->lock) {
        if (f->fd >= 0)
            semihost_close(f->fd);
        hal_mutex_free(f->lock);
        free(f);
        return NULL;
    }
    f->dev = (hal_blockdev_t){
        .block_size = BLOCK_SIZE, .block_count = blocks, .prog_size = PROG_SIZE,
        .read = flash_read, .prog = flash_prog, .erase = flash_erase, .sync = flash_sync,
        .ctx = f,
    };
    return &f->dev;
}

void hal_flash_close(hal_blockdev_t *d)
{
    if (!d)
        return;
    struct flash *f = d->ctx;
    semihost_close(f->fd);
    hal_mutex_free(f->lock);
    free(f);
}
