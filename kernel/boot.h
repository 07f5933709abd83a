/* The hand-over from a port to the portable kernel.
 *
 * A port brings up its hardware, mounts the root filesystem at "/" (vfs_mount), then calls
 * kernel_main(), which runs the boot sequence, the console shell and the shutdown sequence. */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

struct boot_options {
    int recovery;          /* 1: skip /etc/init.sh (asked for with -r, or by a key at boot) */
    const char *root_desc; /* what "/" is, for messages: "hostfs DIR", "flashfs IMAGE" */
    const char *board;     /* a board file to boot as instead of system.conf's, or NULL */
};

enum kernel_exit { KERNEL_EXIT_HALT = 0, KERNEL_EXIT_REBOOT = 1 };

/* Runs until the user leaves with `exit` (HALT) or `exit -r` / `reboot` (REBOOT). */
enum kernel_exit kernel_main(const struct boot_options *opts);

#endif
