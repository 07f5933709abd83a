/* The flash root's metadata cache size, a user setting as in upyOS: /etc/system.conf's
 * "fscache" (bytes), else the port's default. It is read and applied when the root is
 * mounted; df -v shows the size in force and where it came from. */
#ifndef KERNEL_FSCACHE_H
#define KERNEL_FSCACHE_H

#include <stdint.h>

#include "hal/blockdev.h"

struct fscache_choice {
    uint32_t bytes;          /* in force: whole cache lines */
    char source[112];        /* "system.conf fscache", "the port's default", or the default
                              * and why the setting was not used */
};

/* flashfs_mount() with the cache size chosen as above. The setting lives on the filesystem
 * itself, so when it asks for another size than the default the mount's cache is resized
 * (flashfs_set_cache), before anything is open. A setting that cannot be used (not a number, negative, larger
 * than the flash, or more than the heap gives) leaves the default in force. Returns 0 or the
 * mount's negative error, as flashfs_mount. */
int fscache_mount_root(hal_blockdev_t *bd, uint32_t port_default, void **fs);

/* The choice made for the root; NULL when the root is not a flashfs mounted that way. */
const struct fscache_choice *fscache_root(void);

#endif
