/* pyrun.elf's files: open(), os.remove and os.rename on the host's files through semihosting,
 * so that a program of the conformance suite (tests/py) that writes and reads back a file runs
 * on the board as it does on posix. Paths are the host's, relative to QEMU's working folder.
 * Folders are not reachable through semihosting: the os module's other calls say ENOSYS. */
#include "pyrun_files.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "py/py.h"
#include "semihost.h"

/* The host keeps each handle's position; tell() and relative seeks need it here too. */
struct host_file {
    int fd;
    long pos;
};

/* py/file.c hands over "rb", "wb+", "ab", "xb": SYS_OPEN's number for it, or -1. */
static int open_mode(const char *mode)
{
    int base = mode[0] == 'r' ? 0 : mode[0] == 'w' || mode[0] == 'x' ? 4 : mode[0] == 'a' ? 8 : -1;
    if (base < 0)
        return -1;
    return base + 1 + (strchr(mode, '+') ? 2 : 0);
}

static bool host_file_exists(const char *path)
{
    int fd = semihost_open(path, SH_OPEN_RB);
    if (fd >= 0)
        semihost_close(fd);
    return fd >= 0;
}

void *pyrun_fopen(void *ctx, const char *path, const char *mode, int *err)
{
    (void)ctx;
    int sh_mode = open_mode(mode);
    if (sh_mode < 0) {
        *err = EINVAL;
        return NULL;
    }
    if (mode[0] == 'x' && host_file_exists(path)) {
        *err = EEXIST;
        return NULL;
    }
    struct host_file *f = malloc(sizeof *f);
    if (!f) {
        *err = ENOMEM;
        return NULL;
    }
    f->fd = semihost_open(path, (enum semihost_open_mode)sh_mode);
    if (f->fd < 0) {
        *err = semihost_errno();
        free(f);
        return NULL;
    }
    f->pos = mode[0] == 'a' ? semihost_flen(f->fd) : 0;
    return f;
}

long pyrun_fread(void *ctx, void *h, char *buf, size_t n)
{
    (void)ctx;
    struct host_file *f = h;
    long got = semihost_read_upto(f->fd, buf, n);
    if (got > 0)
        f->pos += got;
    return got;
}

long pyrun_fwrite(void *ctx, void *h, const char *buf, size_t n)
{
    (void)ctx;
    struct host_file *f = h;
    if (semihost_write(f->fd, buf, n) != 0)
        return -1;
    f->pos += (long)n;
    return (long)n;
}

void pyrun_fclose(void *ctx, void *h)
{
    (void)ctx;
    struct host_file *f = h;
    semihost_close(f->fd);
    free(f);
}

long pyrun_fseek(void *ctx, void *h, long off, int whence)
{
    (void)ctx;
    struct host_file *f = h;
    long from = whence == 1 ? f->pos : whence == 2 ? semihost_flen(f->fd) : 0;
    if (from < 0 || from + off < 0 || semihost_seek(f->fd, (uint32_t)(from + off)) != 0)
        return -1;
    f->pos = from + off;
    return f->pos;
}

int pyrun_remove(void *ctx, const char *path)
{
    (void)ctx;
    return semihost_remove(path) == 0 ? 0 : semihost_errno();
}

int pyrun_fs(void *ctx, int op, const char *path, const char *path2, void *out)
{
    (void)out;
    switch (op) {
    case PY_FS_REMOVE:
        return pyrun_remove(ctx, path);
    case PY_FS_RENAME:
        return semihost_rename(path, path2) == 0 ? 0 : semihost_errno();
    default:
        return ENOSYS;
    }
}
