#include "kernel/files.h"

/* For now the VFS itself still resolves against the current process: these hand on. */

int file_open(const char *path, int flags, vfs_file_t **out)
{
    return vfs_open(path, flags, out);
}

int file_opendir(const char *path, vfs_dir_t **out)
{
    return vfs_opendir(path, out);
}

int file_stat(const char *path, struct vfs_stat *st)
{
    return vfs_stat(path, st);
}

int file_exists(const char *path)
{
    return vfs_exists(path);
}

int file_is_dir(const char *path)
{
    return vfs_is_dir(path);
}

int file_statfs(const char *path, struct vfs_statfs *st)
{
    return vfs_statfs(path, st);
}

int file_unlink(const char *path)
{
    return vfs_unlink(path);
}

int file_rename(const char *from, const char *to)
{
    return vfs_rename(from, to);
}

int file_mkdir(const char *path)
{
    return vfs_mkdir(path);
}

int file_rmdir(const char *path)
{
    return vfs_rmdir(path);
}

int file_check_change(const char *path)
{
    return vfs_check_change(path);
}

int file_read_all(const char *path, char **data, size_t *len)
{
    return vfs_read_all(path, data, len);
}

int file_write_all(const char *path, const void *data, size_t len)
{
    return vfs_write_all(path, data, len);
}

int file_replace_open(const char *path, char *part, size_t size, vfs_file_t **out)
{
    return vfs_replace_open(path, part, size, out);
}

int file_replace_commit(const char *part, const char *path, int result)
{
    return vfs_replace_commit(part, path, result);
}
