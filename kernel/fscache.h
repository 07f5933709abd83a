/* The flash root's metadata cache size, a user setting as in upyOS: /etc/system.conf's
 * "fscache" (bytes), else the port's default. The root is mounted with the default and the
 * setting applied once the boot has loaded the configuration (the cache holds copies only,
 * so its size can change under a mounted filesystem): system.conf is read and parsed once,
 * not a second time at mount for this one member. df -v shows the size in force and where
 * it came from. */
#ifndef KERNEL_FSCACHE_H
#define KERNEL_FSCACHE_H

#include <stdint.h>

#include "hal/blockdev.h"

struct fscache_choice {
    uint32_t bytes;          /* in force: whole cache lines */
    char source[112];        /* "system.conf fscache", "the port's default", or the default
                              * and why the setting was not used */
};

/* flashfs_mount() with the port's default cache; this root is the one fscache_configure
 * sizes. Returns 0 or the mount's negative error, as flashfs_mount. */
int fscache_mount_root(hal_blockdev_t *bd, uint32_t port_default, void **fs);

/* The configuration's setting applied to the root mounted above (the boot calls it after
 * config_load; nothing without such a root). When it asks for another size than the one in
 * force the cache is resized (flashfs_set_cache). A setting that cannot be used (not a
 * number, negative, larger than the flash, or more than the heap gives) leaves the default
 * in force. */
void fscache_configure(void);

/* The choice made for the root; NULL when the root is not a flashfs mounted that way. */
const struct fscache_choice *fscache_root(void);

#endif
