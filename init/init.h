/* init: the first session. A port brings up its hardware, mounts the root filesystem at "/"
 * (vfs_mount), then calls init_main(), which has the kernel boot, runs /etc/init.sh (or boots
 * in recovery mode), runs the console's shell until the user leaves and then shuts down. */
#ifndef INIT_INIT_H
#define INIT_INIT_H

#include "kernel/boot.h"

/* Runs until the user leaves with `exit` (HALT) or `exit -r` / `reboot` (REBOOT). */
enum kernel_exit init_main(const struct boot_options *opts);

#endif
