/* The files of the current process: what commands, services, the shell and programs use.
 *
 * A path is taken relative to the current process's working directory (from "/" when no
 * process runs), and a file or directory opened here belongs to that process: it is closed
 * when the process ends or is killed, as its memory and sockets are. Everything else is the
 * VFS's (fs/vfs.h): these calls resolve the path and hand the absolute one on, so the VFS's
 * rules (clean paths, the change guard, mounts) hold the same for every caller. Reading,
 * writing, seeking and closing work on the handle: vfs_read, vfs_write, vfs_seek, vfs_close,
 * vfs_readdir, vfs_closedir. */
#ifndef KERNEL_FILES_H
#define KERNEL_FILES_H

#include <stddef.h>

#include "fs/vfs.h"

/* An open file or directory, owned by the current process until closed (or detached). */
int file_open(const char *path, int flags, vfs_file_t **out);
int file_opendir(const char *path, vfs_dir_t **out);

int file_stat(const char *path, struct vfs_stat *st);
int file_exists(const char *path);
int file_is_dir(const char *path);
int file_statfs(const char *path, struct vfs_statfs *st);
int file_unlink(const char *path);
int file_rename(const char *from, const char *to);
int file_mkdir(const char *path);
int file_rmdir(const char *path);
/* 0 when path may be changed, else ERR_PROTECTED (vfs_check_change). */
int file_check_change(const char *path);

/* Whole files (vfs_read_all, vfs_write_all). */
int file_read_all(const char *path, char **data, size_t *len);
int file_write_all(const char *path, const void *data, size_t len);
/* A JSON file to keep as text (system.conf, the board file): read whole, checked, and with
 * the white space outside strings removed, in an allocation of its own size. 0; ERR_CORRUPT
 * when it is not JSON (json_check's message in err); else the read's error or ERR_NOMEM. */
int file_read_json(const char *path, char **text, char *err, size_t err_size);
/* Replacing a file all or nothing (vfs_replace_open, vfs_replace_commit); the part file
 * belongs to the current process. */
int file_replace_open(const char *path, char *part, size_t size, vfs_file_t **out);
int file_replace_commit(const char *part, const char *path, int result);

#endif
