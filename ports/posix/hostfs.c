/* hostfs: a directory of the host serves as a filesystem (the simulator's `--root DIR`).
 * Paths arrive cleaned by the VFS (no ".."). They are walked one component at a time from a
 * descriptor of the root directory, with openat(O_NOFOLLOW) and the other *at calls, and no
 * symbolic link is ever followed, not even one that points inside the root: a link in the
 * tree, or any directory a link leads to, cannot take a path outside DIR. Links (and
 * devices) are not part of the tree: they are not listed, and a path through one is "no such
 * file". */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>        /* RENAME_EXCHANGE */
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif

#include "fs/vfs.h"
#include "lib/err.h"
#include "lib/str.h"
#include "posix_port.h"

struct hostfs {
    int root;                  /* the root directory, open: every path starts from it */
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
    case ELOOP: return ERR_NOENT;    /* a symbolic link: not part of the tree */
    case EMFILE: case ENFILE: return ERR_MFILE;
    case EINVAL: return ERR_INVAL;
    default: return ERR_IO;
    }
}

void *hostfs_new(const char *host_dir)
{
    struct hostfs *fs = calloc(1, sizeof *fs);
    if (!fs)
        return NULL;
    fs->root = open(host_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fs->root < 0) {
        free(fs);
        return NULL;
    }
    return fs;
}

/* Where a path's last component lives: its directory, open, and its name ("." for the
 * root itself). */
struct at {
    int dir;
    int owned;                 /* dir was opened for this path (not the root): close it */
    char name[VFS_NAME_MAX + 1];
};

/* The root's descriptor is shared, not duplicated: a path at the top level (`cd /`, most
 * stats) costs its one system call and no dup and close around it. */
static void at_close(struct at *a)
{
    if (a->owned)
        close(a->dir);
}

/* The next component of *path into name; 0 when there is none left. */
static int next_component(const char **path, char *name)
{
    const char *p = *path;
    while (*p == '/')
        p++;
    size_t n = strcspn(p, "/");
    if (n == 0 || n > VFS_NAME_MAX)
        return 0;
    memcpy(name, p, n);
    name[n] = '\0';
    *path = p + n;
    return 1;
}

/* Opens the directory name in dir, never through a link: a descriptor or ERR_* (a link is
 * "no such file", whatever errno the host gives for it: ELOOP, or ENOTDIR on Linux). */
static int open_dir_at(int dir, const char *name)
{
    int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        return fd;
    int e = errno;
    struct stat s;
    if (fstatat(dir, name, &s, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(s.st_mode))
        return ERR_NOENT;
    return map_errno(e);
}

/* Opens the directory dirs ("a/b/c", relative to the root) one component at a time without
 * following links: a descriptor or ERR_*. */
static int walk_dirs(int root, const char *dirs)
{
    char name[VFS_NAME_MAX + 1];
    int dir = dup(root);
    if (dir < 0)
        return map_errno(errno);
    while (next_component(&dirs, name)) {
        int d = open_dir_at(dir, name);
        close(dir);
        if (d < 0)
            return d;
        dir = d;
    }
    return dir;
}

/* The same in one call where the host resolves a whole path beneath a directory with no link
 * followed (Linux's openat2): a request for a file two levels down costs one open instead of
 * a dup and two opens and closes. Any failure takes the walk, which gives the same answer
 * and the same error as before. */
static int open_dirs(int root, const char *dirs)
{
#ifdef SYS_openat2
    struct open_how how = {
        .flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
    };
    long fd = syscall(SYS_openat2, root, dirs, &how, sizeof how);
    if (fd >= 0)
        return (int)fd;
#endif
    return walk_dirs(root, dirs);
}

/* Opens the directory of path's last component without following links: a top-level name
 * uses the root's own descriptor, a deeper one the directories opened in one call. 0
 * (at_close(a) after) or ERR_*. */
static int at_open(struct vfs_mount *m, const char *path, struct at *a)
{
    struct hostfs *fs = m->fs;
    char next[VFS_NAME_MAX + 1], dirs[VFS_PATH_MAX];
    size_t len = 0;
    a->dir = fs->root;
    a->owned = 0;
    str_copy(a->name, ".", sizeof a->name);
    if (!next_component(&path, a->name))
        return 0;
    while (next_component(&path, next)) {
        size_t n = strlen(a->name);
        if (len + n + 2 > sizeof dirs)
            return ERR_NAMETOOLONG;
        memcpy(dirs + len, a->name, n);
        dirs[len + n] = '/';
        len += n + 1;
        memcpy(a->name, next, sizeof next);
    }
    if (!len)
        return 0;
    dirs[len] = '\0';
    int d = open_dirs(fs->root, dirs);
    if (d < 0)
        return d;
    a->dir = d;
    a->owned = 1;
    return 0;
}

static int at_stat(const struct at *a, struct stat *s)
{
    return fstatat(a->dir, a->name, s, AT_SYMLINK_NOFOLLOW);
}

static int h_open(struct vfs_mount *m, const char *path, int flags, void **file)
{
    struct at a;
    int r = at_open(m, path, &a);
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
    int fd = -1, exists = at_stat(&a, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        r = ERR_ISDIR;
    else if (exists && !S_ISREG(st.st_mode))
        r = ERR_NOENT;             /* a link, a device, a pipe: not part of the tree */
    else if ((fd = openat(a.dir, a.name, oflags, 0644)) < 0)
        r = map_errno(errno);
    at_close(&a);
    if (r < 0)
        return r;
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
    struct at a;
    struct stat s;
    int r = at_open(m, path, &a);
    if (r < 0)
        return r;
    r = at_stat(&a, &s) < 0 ? map_errno(errno) : 0;
    at_close(&a);
    if (r < 0)
        return r;
    if (!S_ISDIR(s.st_mode) && !S_ISREG(s.st_mode))
        return ERR_NOENT;          /* links and devices are not part of the tree */
    st->type = S_ISDIR(s.st_mode) ? VFS_DIR : VFS_FILE;
    st->size = S_ISDIR(s.st_mode) ? 0 : (uint32_t)s.st_size;
    st->mtime = (int64_t)s.st_mtime;
    return 0;
}

/* Runs op on path's directory and name; 0 or ERR_* from errno. */
static int path_op(struct vfs_mount *m, const char *path, int (*op)(const struct at *a))
{
    struct at a;
    int r = at_open(m, path, &a);
    if (r < 0)
        return r;
    r = op(&a) < 0 ? map_errno(errno) : 0;
    at_close(&a);
    return r;
}

static int unlink_file(const struct at *a)
{
    struct stat s;
    if (at_stat(a, &s) == 0 && S_ISDIR(s.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    return unlinkat(a->dir, a->name, 0);
}

static int make_dir(const struct at *a)
{
    return mkdirat(a->dir, a->name, 0755);
}

static int remove_dir(const struct at *a)
{
    return unlinkat(a->dir, a->name, AT_REMOVEDIR);
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
    return path_op(m, path, remove_dir);
}

/* Whether a and b name two different regular files. */
static int two_files(const struct at *a, const struct at *b)
{
    struct stat sa, sb;
    return fstatat(a->dir, a->name, &sa, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sa.st_mode) &&
           fstatat(b->dir, b->name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
           (sa.st_ino != sb.st_ino || sa.st_dev != sb.st_dev);
}

/* A file renamed over another (a replacing upload's part file, `mv`) is exchanged with it
 * and the old one unlinked: as atomic as rename(2), the name always holds one of the two.
 * rename(2) over an existing file has ext4 start writing the new file back at once
 * (auto_da_alloc), 50 ms for 100 MB before the rename returns, which made an FTP upload
 * replacing a file 1.7x vsftpd's time. A host folder makes no promise across a host power
 * cut (the flash image root does: docs/flashfs.md), so that safety net is not ours to keep.
 * Anything else (a folder, a missing target, a host without RENAME_EXCHANGE) renames. */
static int rename_at(const struct at *a, const struct at *b)
{
    if (two_files(a, b) &&
        syscall(SYS_renameat2, a->dir, a->name, b->dir, b->name, RENAME_EXCHANGE) == 0) {
        if (unlinkat(a->dir, a->name, 0) == 0)
            return 0;
        int err = errno;               /* put them back as they were */
        syscall(SYS_renameat2, a->dir, a->name, b->dir, b->name, RENAME_EXCHANGE);
        return map_errno(err);
    }
    return renameat(a->dir, a->name, b->dir, b->name) < 0 ? map_errno(errno) : 0;
}

static int h_rename(struct vfs_mount *m, const char *from, const char *to)
{
    struct at a, b;
    int r = at_open(m, from, &a);
    if (r < 0)
        return r;
    if ((r = at_open(m, to, &b)) == 0) {
        r = rename_at(&a, &b);
        at_close(&b);
    }
    at_close(&a);
    return r;
}

static int h_opendir(struct vfs_mount *m, const char *path, void **dir)
{
    struct at a;
    int r = at_open(m, path, &a);
    if (r < 0)
        return r;
    int fd = open_dir_at(a.dir, a.name);
    at_close(&a);
    if (fd < 0)
        return fd;
    DIR *d = fdopendir(fd);
    if (!d) {
        r = map_errno(errno);
        close(fd);
        return r;
    }
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
    if (fstatvfs(fs->root, &s) < 0)
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
    struct hostfs *fs = m->fs;
    close(fs->root);
    free(fs);
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
