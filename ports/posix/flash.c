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
 * unchanged; the mapping shares the file's page cache, so a read sees every write at once.
 *
 * One simulator owns an image: it holds an exclusive lock on the file while it is open, so a
 * second `upyos --image` (or mkfs) on the same file is refused instead of writing over
 * blocks the first believes free. The descriptor is close-on-exec, so a reset (which
 * execs the simulator again) hands the lock on. */
#ifndef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hal/blockdev.h"
#include "lib/err.h"
#include "posix_port.h"

#define FLASH_BLOCK 4096u
#define FLASH_PAGE 256u
#define FLASH_PROG 4u       /* NOR: a page takes several programs (hal/blockdev.h) */

struct image {
    hal_blockdev_t dev;
    int fd;
    const uint8_t *map;                  /* the whole image, or NULL: read with pread */
    size_t size;
    unsigned long bits_set_by_program;   /* 0 -> 1 attempts: a filesystem bug */
};

static atomic_int faults;                /* POSIX_FLASH_*, from the control socket */

void posix_flash_faults(int which)
{
    atomic_store(&faults, which);
}

static int faulty(int which)
{
    return (atomic_load(&faults) & which) != 0;
}

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
    if (!in_range(d, block, off, len) || off % d->prog_size || len % d->prog_size ||
        faulty(POSIX_FLASH_FAIL_PROG))
        return ERR_IO;
    if (faulty(POSIX_FLASH_DROP_PROG))
        return 0;
    uint8_t page[FLASH_PAGE];
    const uint8_t *src = buf;
    for (uint32_t done = 0, n; done < len; done += n) {
        n = len - done < FLASH_PAGE ? len - done : FLASH_PAGE;
        off_t at = where(d, block, off + done);
        if (read_all(img->fd, page, n, at) < 0)
            return ERR_IO;
        for (uint32_t i = 0; i < n; i++) {
            if ((uint8_t)(~page[i] & src[done + i]) && img->bits_set_by_program++ == 0)
                fprintf(stderr, "hal_flash: program sets 0 bits back to 1 (block %u)\n",
                        (unsigned)block);
            page[i] &= src[done + i];
        }
        if (write_all(img->fd, page, n, at) < 0)
            return ERR_IO;
    }
    return 0;
}

static int flash_erase(hal_blockdev_t *d, uint32_t block)
{
    uint8_t ones[FLASH_PAGE];
    if (block >= d->block_count || faulty(POSIX_FLASH_FAIL_ERASE))
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

/* Opens the image for this process alone: NULL with errno EBUSY when another holds it. */
static int open_exclusive(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0)
        return fd;
    int why = errno == EWOULDBLOCK ? EBUSY : errno;
    close(fd);
    errno = why;
    return -1;
}

static int refuse_prog(hal_blockdev_t *d, uint32_t block, uint32_t off, const void *buf,
                       uint32_t len)
{
    return ERR_IO;
}

static int refuse_erase(hal_blockdev_t *d, uint32_t block)
{
    return ERR_IO;
}

static hal_blockdev_t *open_image(int fd, int writable)
{
    struct stat st;
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
    img->dev = (hal_blockdev_t){ FLASH_BLOCK, (uint32_t)(st.st_size / FLASH_BLOCK), FLASH_PROG,
                                 flash_read, writable ? flash_prog : refuse_prog,
                                 writable ? flash_erase : refuse_erase, flash_sync, img };
    return &img->dev;
}

hal_blockdev_t *hal_flash_open(const char *path)
{
    return open_image(open_exclusive(path), 1);
}

/* For reading an image another process may own (mkfs --extract of a running board's
 * image): no lock, and every program or erase fails. */
hal_blockdev_t *posix_flash_open_readonly(const char *path)
{
    return open_image(open(path, O_RDONLY | O_CLOEXEC), 0);
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
