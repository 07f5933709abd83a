/* The posix flash device: an image file behaving like NOR flash. Erase writes 0xFF over a
 * 4 KB block; program ANDs the new bytes into the old ones (a program can only clear
 * bits), so a filesystem that programs over data it did not erase corrupts its own image
 * here just as it would on a chip. The image size fixes the block count; tools/mkfs
 * creates images.
 *
 * Reads come from a shared read-only mapping of the image: flashfs reads metadata in small
 * pieces (a stat reads a few thousand records), and one pread each made a stat ~50x slower
 * than on a RAM flash model. Programs and erases still go through pwrite and sync with
 * fsync, in the same order as before, so what reaches the file when power is cut is
 * unchanged; the mapping shares the file's page cache, so a read sees every write at once. */
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hal/blockdev.h"
#include "lib/err.h"

#define FLASH_BLOCK 4096u
#define FLASH_PAGE 256u

struct image {
    hal_blockdev_t dev;
    int fd;
    const uint8_t *map;                  /* the whole image, or NULL: read with pread */
    size_t size;
    unsigned long bits_set_by_program;   /* 0 -> 1 attempts: a filesystem bug */
};

static struct image *image_of(hal_blockdev_t *d)
{
    return d->ctx;
}

static int in_range(hal_blockdev_t *d, uint32_t block, uint32_t off, uint32_t len)
{
    return block < d->block_count && off <= d->block_size && len <= d->block_size - off;
}

static off_t where(hal_blockdev_t *d, uint32_t block, uint32_t off)
{
    return (off_t)block * d->block_size + off;
}

static int read_all(int fd, void *buf, size_t len, off_t at)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = pread(fd, p, len, at);
        if (n <= 0)
            return ERR_IO;
        p += n; len -= (size_t)n; at += n;
    }
    return 0;
}

static int write_all(int fd, const void *buf, size_t len, off_t at)
{
    const uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, at);
        if (n <= 0)
            return ERR_IO;
        p += n; len -= (size_t)n; at += n;
    }
    return 0;
}

static int flash_read(hal_blockdev_t *d, uint32_t block, uint32_t off, void *buf, uint32_t len)
{
    struct image *img = image_of(d);
    if (!in_range(d, block, off, len))
        return ERR_IO;
    if (!img->map)
        return read_all(img->fd, buf, len, where(d, block, off));
    memcpy(buf, img->map + where(d, block, off), len);
    return 0;
}

static int flash_prog(hal_blockdev_t *d, uint32_t block, uint32_t off, const void *buf, uint32_t len)
{
    struct image *img = image_of(d);
    if (!in_range(d, block, off, len) || off % d->prog_size || len % d->prog_size)
        return ERR_IO;
    uint8_t page[FLASH_PAGE];
    const uint8_t *src = buf;
    for (uint32_t done = 0; done < len; done += FLASH_PAGE) {
        off_t at = where(d, block, off + done);
        if (read_all(img->fd, page, FLASH_PAGE, at) < 0)
            return ERR_IO;
        for (uint32_t i = 0; i < FLASH_PAGE; i++) {
            if ((uint8_t)(~page[i] & src[done + i]) && img->bits_set_by_program++ == 0)
                fprintf(stderr, "hal_flash: program sets 0 bits back to 1 (block %u)\n",
                        (unsigned)block);
            page[i] &= src[done + i];
        }
        if (write_all(img->fd, page, FLASH_PAGE, at) < 0)
            return ERR_IO;
    }
    return 0;
}

static int flash_erase(hal_blockdev_t *d, uint32_t block)
{
    uint8_t ones[FLASH_PAGE];
    if (block >= d->block_count)
        return ERR_IO;
    memset(ones, 0xFF, sizeof ones);
    for (uint32_t off = 0; off < d->block_size; off += FLASH_PAGE)
        if (write_all(image_of(d)->fd, ones, sizeof ones, where(d, block, off)) < 0)
            return ERR_IO;
    return 0;
}

static int flash_sync(hal_blockdev_t *d)
{
    return fsync(image_of(d)->fd) == 0 ? 0 : ERR_IO;
}

hal_blockdev_t *hal_flash_open(const char *path)
{
    struct stat st;
    int fd = open(path, O_RDWR);
    if (fd < 0)
        return NULL;
    struct image *img = calloc(1, sizeof *img);
    if (!img || fstat(fd, &st) != 0 || st.st_size < (off_t)FLASH_BLOCK ||
        st.st_size % FLASH_BLOCK != 0 || st.st_size / FLASH_BLOCK > 0xFFFFFFFFll) {
        free(img);
        close(fd);
        return NULL;
    }
    img->fd = fd;
    img->size = (size_t)st.st_size;
    void *map = mmap(NULL, img->size, PROT_READ, MAP_SHARED, fd, 0);
    img->map = map == MAP_FAILED ? NULL : map;
    img->dev = (hal_blockdev_t){ FLASH_BLOCK, (uint32_t)(st.st_size / FLASH_BLOCK), FLASH_PAGE,
                                 flash_read, flash_prog, flash_erase, flash_sync, img };
    return &img->dev;
}

void hal_flash_close(hal_blockdev_t *d)
{
    if (!d)
        return;
    struct image *img = image_of(d);
    if (img->map)
        munmap((void *)img->map, img->size);
    fsync(img->fd);
    close(img->fd);
    free(img);
}
