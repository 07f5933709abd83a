/* The default root filesystem (rootfs/), compiled into the firmware by embed_rootfs.cmake. */
#ifndef CORTEX_M_ROOTFS_IMAGE_H
#define CORTEX_M_ROOTFS_IMAGE_H

#include <stddef.h>

struct rootfs_file {
    const char *path;              /* absolute, e.g. "/etc/init.sh" */
    const unsigned char *data;
    size_t size;
};

extern const struct rootfs_file rootfs_files[];
extern const size_t rootfs_file_count;

#endif
