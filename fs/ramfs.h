/* ramfs: files in RAM, for /tmp (and as root while no flash is present). */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include <stddef.h>

#include "fs/vfs.h"

extern const struct vfs_ops ramfs_ops;

/* A new empty filesystem that may hold up to limit bytes of file data. */
void *ramfs_new(size_t limit);

#endif
