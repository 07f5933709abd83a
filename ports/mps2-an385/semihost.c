#include "semihost.h"

#include <string.h>

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05, SYS_READ = 0x06,
    SYS_SEEK = 0x0A, SYS_FLEN = 0x0C, SYS_REMOVE = 0x0E, SYS_RENAME = 0x0F,
    SYS_TIME = 0x11, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
};
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static int call(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

int semihost_open(const char *path, enum semihost_open_mode mode)
{
    uint32_t args[3] = { (uint32_t)(uintptr_t)path, (uint32_t)mode, (uint32_t)strlen(path) };
    return call(SYS_OPEN, args);
}

int semihost_close(int fd)
{
    uint32_t args[1] = { (uint32_t)fd };
    return call(SYS_CLOSE, args);
}

long semihost_read_upto(int fd, void *buf, size_t len)
{
    uint32_t args[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, (uint32_t)len };
    int left = call(SYS_READ, args);              /* the call returns the bytes NOT read */
    return left < 0 || (size_t)left > len ? -1 : (long)(len - (size_t)left);
}

int semihost_read(int fd, void *buf, size_t len)
{
    return semihost_read_upto(fd, buf, len) == (long)len ? 0 : -1;
}

int semihost_remove(const char *path)
{
    uint32_t args[2] = { (uint32_t)(uintptr_t)path, (uint32_t)strlen(path) };
    return call(SYS_REMOVE, args) == 0 ? 0 : -1;
}

int semihost_rename(const char *from, const char *to)
{
    uint32_t args[4] = { (uint32_t)(uintptr_t)from, (uint32_t)strlen(from),
                         (uint32_t)(uintptr_t)to, (uint32_t)strlen(to) };
    return call(SYS_RENAME, args) == 0 ? 0 : -1;
}

int semihost_errno(void)
{
    return call(SYS_ERRNO, 0);
}

int semihost_write(int fd, const void *buf, size_t len)
{
    uint32_t args[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, (uint32_t)len };
    return call(SYS_WRITE, args) == 0 ? 0 : -1;
}

int semihost_seek(int fd, uint32_t pos)
{
    uint32_t args[2] = { (uint32_t)fd, pos };
    return call(SYS_SEEK, args) == 0 ? 0 : -1;
}

long semihost_flen(int fd)
{
    uint32_t args[1] = { (uint32_t)fd };
    return call(SYS_FLEN, args);
}

void semihost_write0(const char *text)
{
    call(SYS_WRITE0, text);
}

int64_t semihost_time(void)
{
    return (uint32_t)call(SYS_TIME, 0);
}

int semihost_cmdline(char *buf, size_t size)
{
    uint32_t args[2] = { (uint32_t)(uintptr_t)buf, (uint32_t)size };
    if (size == 0 || call(SYS_GET_CMDLINE, args) != 0)
        return -1;
    buf[size - 1] = '\0';
    return 0;
}

_Noreturn void semihost_exit(int code)
{
    uint32_t args[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code };
    call(SYS_EXIT_EXTENDED, args);
    call(SYS_EXIT, (const void *)(uintptr_t)ADP_STOPPED_APPLICATION_EXIT); /* older hosts */
    for (;;)
        __asm__ volatile("wfi");
}
