/* hostfs: a directory of the host serves as a filesystem (the simulator's `--root DIR`).
 * Paths arrive cleaned by the VFS (no "..") and are joined below the directory; symbolic links
 * are not followed, so nothing outside the directory is reached. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "fs/vfs.h"
#include "lib/err.h"
#include "lib/str.h"
#include "posix_port.h"

struct hostfs {
    char dir[VFS_PATH_MAX];
};

static int map_errno(int e)
{
    switch (e) {
    case ENOENT: return ERR_NOENT;
    case EEXIST: return ERR_EXIST;
    case ENOTDIR: return ERR_NOTDIR;
    case EISDIR: return ERR_ISDIR;
    case ENOTEMPTY: return ERR_NOTEMPTY;
    case ENOSPC: return ERR_NOSPC;
    case ENOMEM: return ERR_NOMEM;
    case ENAMETOOLONG: return ERR_NAMETOOLONG;
    case EACCES: case EPERM: return ERR_PERM;
    case EBUSY: return ERR_BUSY;
    case EXDEV: return ERR_XDEV;
    case ELOOP: return ERR_PERM;
    case EMFILE: case ENFILE: return ERR_MFILE;
    case EINVAL: return ERR_INVAL;
    default: return ERR_IO;
    }
}

void *hostfs_new(const char *host_dir)
{
    struct hostfs *fs = calloc(1, sizeof *fs);
    if (fs)
        str_copy(fs->dir, host_dir, sizeof fs->dir);
    return fs;
}

static int host_path(struct vfs_mount *m, const char *path, char *out, size_t size)
{
    struct hostfs *fs = m->fs;
    int n = snprintf(out, size, "%s%s", fs->dir, strcmp(path, "/") ? path : "");
    return n < 0 || (size_t)n >= size ? ERR_NAMETOOLONG : 0;
}

static int h_open(struct vfs_mount *m, const char *path, int flags, void **file)
{
    char hp[VFS_PATH_MAX * 2];
    int r = host_path(m, path, hp, sizeof hp);
    if (r < 0)
        return r;
    int oflags = O_NOFOLLOW | O_CLOEXEC;
    if ((flags & VFS_O_READ) && (flags & VFS_O_WRITE))
        oflags |= O_RDWR;
    else if (flags & VFS_O_WRITE)
        oflags |= O_WRONLY;
    else
        oflags |= O_RDONLY;
    if (flags & VFS_O_CREATE) oflags |= O_CREAT;
    if (flags & VFS_O_TRUNC) oflags |= O_TRUNC;
    if (flags & VFS_O_APPEND) oflags |= O_APPEND;
    if (flags & VFS_O_EXCL) oflags |= O_EXCL;
    struct stat st;
    if (stat(hp, &st) == 0 && S_ISDIR(st.st_mode))
        return ERR_ISDIR;
    int fd = open(hp, oflags, 0644);
    if (fd < 0)
        return map_errno(errno);
    *file = (void *)(intptr_t)(fd + 1);
    return 0;
}

static int fd_of(void *file)
{
    return (int)(intptr_t)file - 1;
}

static int h_close(struct vfs_mount *m, void *file)
{
    return close(fd_of(file)) < 0 ? map_errno(errno) : 0;
}

static int h_read(struct vfs_mount *m, void *file, void *buf, size_t len)
{
    ssize_t n = read(fd_of(file), buf, len);
    return n < 0 ? (errno == EBADF ? ERR_BADF : map_errno(errno)) : (int)n;
}

static int h_write(struct vfs_mount *m, void *file, const void *buf, size_t len)
{
    ssize_t n = write(fd_of(file), buf, len);
    return n < 0 ? (errno == EBADF ? ERR_BADF : map_errno(errno)) : (int)n;
}

static long h_seek(struct vfs_mount *m, void *file, long off, int whence)
{
    int w = whence == VFS_SEEK_SET ? SEEK_SET : whence == VFS_SEEK_CUR ? SEEK_CUR : SEEK_END;
    off_t r = lseek(fd_of(file), off, w);
    return r < 0 ? map_errno(errno) : (long)r;
}

static int h_truncate(struct vfs_mount *m, void *file, uint32_t size)
{
    return ftruncate(fd_of(file), size) < 0 ? map_errno(errno) : 0;
}

static int h_sync(struct vfs_mount *m, void *file)
{
    return fsync(fd_of(file)) < 0 ? map_errno(errno) : 0;
}

static int h_stat(struct vfs_mount *m, const char *path, struct vfs_stat *st)
{
    char hp[VFS_PATH_MAX * 2];
    struct stat s;
    int r = host_path(m, path, hp, sizeof hp);
    if (r < 0)
        return r;
    if (lstat(hp, &s) < 0)
        return map_errno(errno);
    if (!S_ISDIR(s.st_mode) && !S_ISREG(s.st_mode))
        return ERR_NOENT;          /* links and devices are not part of the tree */
    st->type = S_ISDIR(s.st_mode) ? VFS_DIR : VFS_FILE;
    st->size = S_ISDIR(s.st_mode) ? 0 : (uint32_t)s.st_size;
    st->mtime = (int64_t)s.st_mtime;
    return 0;
}

static int path_op(struct vfs_mount *m, const char *path, int (*op)(const char *))
{
    char hp[VFS_PATH_MAX * 2];
    int r = host_path(m, path, hp, sizeof hp);
    if (r < 0)
        return r;
    return op(hp) < 0 ? map_errno(errno) : 0;
}

static int unlink_file(const char *hp)
{
    struct stat s;
    if (lstat(hp, &s) == 0 && S_ISDIR(s.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    return unlink(hp);
}

static int make_dir(const char *hp)
{
    return mkdir(hp, 0755);
}

static int h_unlink(struct vfs_mount *m, const char *path)
{
    return path_op(m, path, unlink_file);
}

static int h_mkdir(struct vfs_mount *m, const char *path)
{
    return path_op(m, path, make_dir);
}

static int h_rmdir(struct vfs_mount *m, const char *path)
{
    return path_op(m, path, rmdir);
}

static int h_rename(struct vfs_mount *m, const char *from, const char *to)
{
    char a[VFS_PATH_MAX * 2], b[VFS_PATH_MAX * 2];
    int r = host_path(m, from, a, sizeof a);
    if (r == 0)
        r = host_path(m, to, b, sizeof b);
    if (r < 0)
        return r;
    return rename(a, b) < 0 ? map_errno(errno) : 0;
}

static int h_opendir(struct vfs_mount *m, const char *path, void **dir)
{
    char hp[VFS_PATH_MAX * 2];
    int r = host_path(m, path, hp, sizeof hp);
    if (r < 0)
        return r;
    struct stat s;
    if (lstat(hp, &s) == 0 && !S_ISDIR(s.st_mode))
        return ERR_NOTDIR;
    DIR *d = opendir(hp);
    if (!d)
        return map_errno(errno);
    *dir = d;
    return 0;
}

static int h_readdir(struct vfs_mount *m, void *dir, struct vfs_dirent *ent)
{
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strlen(e->d_name) > VFS_NAME_MAX)
            continue;
        struct stat s;
        if (fstatat(dirfd((DIR *)dir), e->d_name, &s, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (!S_ISDIR(s.st_mode) && !S_ISREG(s.st_mode))
            continue;
        str_copy(ent->name, e->d_name, sizeof ent->name);
        ent->type = S_ISDIR(s.st_mode) ? VFS_DIR : VFS_FILE;
        ent->size = S_ISDIR(s.st_mode) ? 0 : (uint32_t)s.st_size;
        ent->mtime = (int64_t)s.st_mtime;
        return 1;
    }
    return 0;
}

static int h_closedir(struct vfs_mount *m, void *dir)
{
    return closedir(dir) < 0 ? map_errno(errno) : 0;
}

static int h_statfs(struct vfs_mount *m, struct vfs_statfs *st)
{
    struct hostfs *fs = m->fs;
    struct statvfs s;
    if (statvfs(fs->dir, &s) < 0)
        return map_errno(errno);
    st->block_size = 4096;
    unsigned long long unit = s.f_frsize ? s.f_frsize : s.f_bsize;
    unsigned long long total = (unsigned long long)s.f_blocks * unit / 4096;
    unsigned long long avail = (unsigned long long)s.f_bavail * unit / 4096;
    st->blocks_total = total > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)total;
    st->blocks_free = avail > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)avail;
    st->ram_used = 0;
    return 0;
}

static int h_unmount(struct vfs_mount *m)
{
    free(m->fs);
    return 0;
}

const struct vfs_ops hostfs_ops = {
    .name = "hostfs",
    .open = h_open,
    .close = h_close,
    .read = h_read,
    .write = h_write,
    .seek = h_seek,
    .truncate = h_truncate,
    .sync = h_sync,
    .stat = h_stat,
    .unlink = h_unlink,
    .rename = h_rename,
    .mkdir = h_mkdir,
    .rmdir = h_rmdir,
    .opendir = h_opendir,
    .readdir = h_readdir,
    .closedir = h_closedir,
    .statfs = h_statfs,
    .unmount = h_unmount,
};
