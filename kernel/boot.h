/* The kernel's part of the boot: the steps that need nothing above the kernel. init_main()
 * (init/init.h), which a port calls, runs them in the boot sequence. */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include "kernel/proc.h"

struct boot_options {
    int recovery;          /* 1: skip /etc/init.sh (asked for with -r, or by a key at boot) */
    const char *root_desc; /* what "/" is, for messages: "hostfs DIR", "flashfs IMAGE" */
    const char *board;     /* a board file to boot as instead of system.conf's, or NULL */
};

enum kernel_exit { KERNEL_EXIT_HALT = 0, KERNEL_EXIT_REBOOT = 1 };

/* The kernel's boot steps, reported on p's streams: banner, folders, /tmp, the protected
 * files' guard, /etc/system.conf (created with defaults), the board file. */
void kernel_boot(proc_t *p, const struct boot_options *o);

#endif
