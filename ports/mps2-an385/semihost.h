/* ARM semihosting: requests to the debugger or emulator (QEMU with -semihosting-config
 * enable=on,target=native). The port uses it for the flash image file, for leaving QEMU with
 * an exit code, for the host's clock and command line, and for reports to the host's stderr
 * that must not appear on the console. */
#ifndef MPS2_SEMIHOST_H
#define MPS2_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

enum semihost_open_mode { SH_OPEN_RB = 1, SH_OPEN_RPB = 3, SH_OPEN_WPB = 7 };

int semihost_open(const char *path, enum semihost_open_mode mode); /* handle or -1 */
int semihost_close(int fd);
/* Both return 0 when every byte was transferred, -1 otherwise. */
int semihost_read(int fd, void *buf, size_t len);
int semihost_write(int fd, const void *buf, size_t len);
int semihost_seek(int fd, uint32_t pos);
long semihost_flen(int fd);
void semihost_write0(const char *text);          /* to QEMU's stdout (host side) */
int64_t semihost_time(void);                      /* host wall clock, Unix seconds */
int semihost_cmdline(char *buf, size_t size);     /* 0, or -1 when there is none */
_Noreturn void semihost_exit(int code);

#endif
