/* The default root filesystem (rootfs/), compiled into the firmware by
 * ports/mps2-an385/embed_rootfs.cmake. */
#ifndef RP2040_ROOTFS_IMAGE_H
#define RP2040_ROOTFS_IMAGE_H

#include <stddef.h>

struct rootfs_file {
    const char *path;              /* absolute, e.g. "/etc/init.sh" */
    const unsigned char *data;
    size_t size;
};

extern const struct rootfs_file rootfs_files[];
extern const size_t rootfs_file_count;

#endif
