#include "kernel/files.h"

#include <stdlib.h>

#include "kernel/proc.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

/* path made absolute against the current process's working directory ("/" when none). */
static int resolve(const char *path, char abs[VFS_PATH_MAX])
{
    proc_t *p = proc_current();
    return vfs_resolve(p ? p->cwd : "/", path, abs, VFS_PATH_MAX);
}

/* A VFS call that takes one path and nothing else, on path resolved. */
static int on_path(const char *path, int (*op)(const char *abs))
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : op(abs);
}

int file_open(const char *path, int flags, vfs_file_t **out)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_open(abs, flags, proc_owner(proc_current()), out);
}

int file_opendir(const char *path, vfs_dir_t **out)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_opendir(abs, proc_owner(proc_current()), out);
}

int file_stat(const char *path, struct vfs_stat *st)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_stat(abs, st);
}

int file_exists(const char *path)
{
    struct vfs_stat st;
    return file_stat(path, &st) == 0;
}

int file_is_dir(const char *path)
{
    struct vfs_stat st;
    return file_stat(path, &st) == 0 && st.type == VFS_DIR;
}

int file_statfs(const char *path, struct vfs_statfs *st)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_statfs(abs, st);
}

int file_unlink(const char *path)
{
    return on_path(path, vfs_unlink);
}

int file_mkdir(const char *path)
{
    return on_path(path, vfs_mkdir);
}

int file_rmdir(const char *path)
{
    return on_path(path, vfs_rmdir);
}

int file_check_change(const char *path)
{
    return on_path(path, vfs_check_change);
}

int file_rename(const char *from, const char *to)
{
    char a[VFS_PATH_MAX], b[VFS_PATH_MAX];
    int r = resolve(from, a);
    if (r == 0)
        r = resolve(to, b);
    return r < 0 ? r : vfs_rename(a, b);
}

int file_read_all(const char *path, char **data, size_t *len)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_read_all(abs, data, len);
}

int file_read_json(const char *path, char **text, char *err, size_t err_size)
{
    char *read;
    size_t len;
    int r = file_read_all(path, &read, &len);
    if (r < 0)
        return r;
    if (json_check(read, err, err_size) < 0)
        r = ERR_CORRUPT;
    else if (!(*text = str_ndup(read, json_squeeze(read))))
        r = ERR_NOMEM;
    free(read);
    return r;
}

int file_write_all(const char *path, const void *data, size_t len)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_write_all(abs, data, len);
}

int file_replace_open(const char *path, char *part, size_t size, vfs_file_t **out)
{
    char abs[VFS_PATH_MAX];
    int r = resolve(path, abs);
    return r < 0 ? r : vfs_replace_open(abs, part, size, proc_owner(proc_current()), out);
}

int file_replace_commit(const char *part, const char *path, int result)
{
    char a[VFS_PATH_MAX], b[VFS_PATH_MAX];
    int r = resolve(part, a);
    if (r == 0)
        r = resolve(path, b);
    return r < 0 ? r : vfs_replace_commit(a, b, result);
}
