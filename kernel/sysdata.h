/* System data: what the system knows about itself (sdata.* in the expression language). */
#ifndef KERNEL_SYSDATA_H
#define KERNEL_SYSDATA_H

#include <stdint.h>

struct sysdata {
    const char *name;          /* "upyOS-C" */
    const char *version;
    const char *platform;      /* the port: "posix", "mps2-an385" */
    char sid[41];              /* unique chip id, upper-case hex */
    int64_t boot_rtc;          /* wall clock at boot */
    uint64_t boot_us;          /* monotonic clock at boot */
    char board[64];            /* the board's name from its board file */
    int debug;
    int recovery;              /* booted in recovery mode */
};

extern struct sysdata sysdata;

void sysdata_init(void);

#endif
