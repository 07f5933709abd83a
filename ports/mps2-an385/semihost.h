/* ARM semihosting: requests to the debugger or emulator (QEMU with -semihosting-config
 * enable=on,target=native). The port uses it for the flash image file, for leaving QEMU with
 * an exit code, for the host's clock and command line, and for reports to the host's stderr
 * that must not appear on the console. */
#ifndef MPS2_SEMIHOST_H
#define MPS2_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* SYS_OPEN's modes are fopen's, numbered: r rb r+ r+b w wb w+ w+b a ab a+ a+b (0 to 11). The
 * name ":tt" opens the host's standard input (mode r), output (w) or error (a). */
enum semihost_open_mode { SH_OPEN_RB = 1, SH_OPEN_RPB = 3, SH_OPEN_WPB = 7, SH_OPEN_A = 8 };

int semihost_open(const char *path, enum semihost_open_mode mode); /* handle or -1 */
int semihost_close(int fd);
/* Both return 0 when every byte was transferred, -1 otherwise. */
int semihost_read(int fd, void *buf, size_t len);
int semihost_write(int fd, const void *buf, size_t len);
long semihost_read_upto(int fd, void *buf, size_t len);   /* bytes read (0 at the end), or -1 */
int semihost_remove(const char *path);                    /* 0, or -1 */
int semihost_rename(const char *from, const char *to);    /* 0, or -1 */
int semihost_errno(void);                                 /* the host's errno of the last call */
int semihost_seek(int fd, uint32_t pos);
long semihost_flen(int fd);
void semihost_write0(const char *text);          /* to QEMU's stdout (host side) */
int64_t semihost_time(void);                      /* host wall clock, Unix seconds */
int semihost_cmdline(char *buf, size_t size);     /* 0, or -1 when there is none */
_Noreturn void semihost_exit(int code);

#endif
