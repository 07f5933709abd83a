#include "fs/ramfs.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "lib/err.h"
#include "lib/str.h"

struct node {
    char name[VFS_NAME_MAX + 1];
    enum vfs_type type;
    struct node *parent, *children, *next;
    char *data;
    size_t size, cap;
    int64_t mtime;
    int open_count;
    int unlinked;               /* removed while open: freed at the last close */
};

/* A file's size is a uint32_t in struct vfs_stat, and a position a long (vfs_seek): no
 * position goes beyond either. */
#if LONG_MAX > UINT32_MAX
#define RAM_FILE_MAX ((size_t)UINT32_MAX)
#else
#define RAM_FILE_MAX ((size_t)LONG_MAX)
#endif

struct ramfs {
    struct node root;
    size_t used, limit;
    hal_mutex_t *lock;
};

struct open_file {
    struct node *node;
    size_t pos;
    int flags;
};

struct open_dir {
    struct node *next;
};

void *ramfs_new(size_t limit)
{
    struct ramfs *fs = calloc(1, sizeof *fs);
    if (!fs)
        return NULL;
    fs->root.type = VFS_DIR;
    fs->root.mtime = hal_rtc_get();  /* a mount point lists with the time it was made */
    fs->limit = limit;
    fs->lock = hal_mutex_new();
    return fs;
}

static struct node *child_named(struct node *dir, const char *name, size_t n)
{
    for (struct node *c = dir->children; c; c = c->next)
        if (strlen(c->name) == n && memcmp(c->name, name, n) == 0)
            return c;
    return NULL;
}

/* Walks a "/"-based path. With parent_out, stops at the last component and returns its
 * parent directory, with the last name in last. */
static int walk(struct ramfs *fs, const char *path, struct node **out, const char **last)
{
    struct node *n = &fs->root;
    while (*path == '/')
        path++;
    while (*path) {
        const char *end = strchr(path, '/');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        if (last && !end) {
            *last = path;
            *out = n;
            return 0;
        }
        if (n->type != VFS_DIR)
            return ERR_NOTDIR;
        n = child_named(n, path, len);
        if (!n)
            return ERR_NOENT;
        path += len;
        while (*path == '/')
            path++;
    }
    if (last)
        return ERR_INVAL;      /* the root has no parent */
    *out = n;
    return 0;
}

static int lookup_node(struct ramfs *fs, const char *path, struct node **out)
{
    return walk(fs, path, out, NULL);
}

static int lookup_parent(struct ramfs *fs, const char *path, struct node **dir, const char **name)
{
    int r = walk(fs, path, dir, name);
    if (r == 0 && (*dir)->type != VFS_DIR)
        return ERR_NOTDIR;
    return r;
}

static struct node *add_node(struct node *dir, const char *name, enum vfs_type type)
{
    struct node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    str_copy(n->name, name, sizeof n->name);
    n->type = type;
    n->parent = dir;
    n->mtime = hal_rtc_get();
    n->next = dir->children;
    dir->children = n;
    return n;
}

static void detach(struct node *n)
{
    struct node **link = &n->parent->children;
    while (*link != n)
        link = &(*link)->next;
    *link = n->next;
    n->next = NULL;
}

static void free_node(struct ramfs *fs, struct node *n)
{
    fs->used -= n->cap;
    free(n->data);
    free(n);
}

/* Takes N out of its directory; an open file is freed at its last close (ram_close). */
static void remove_node(struct ramfs *fs, struct node *n)
{
    detach(n);
    if (n->open_count)
        n->unlinked = 1;
    else
        free_node(fs, n);
}

static int ram_open(struct vfs_mount *m, const char *path, int flags, void **file)
{
    struct ramfs *fs = m->fs;
    struct node *dir, *n;
    const char *name;
    hal_mutex_lock(fs->lock);
    int r = lookup_parent(fs, path, &dir, &name);
    if (r == ERR_INVAL)
        r = ERR_ISDIR;
    if (r == 0) {
        n = child_named(dir, name, strlen(name));
        if (n && (flags & VFS_O_CREATE) && (flags & VFS_O_EXCL))
            r = ERR_EXIST;
        else if (!n && !(flags & VFS_O_CREATE))
            r = ERR_NOENT;
        else if (!n && strlen(name) > VFS_NAME_MAX)
            r = ERR_NAMETOOLONG;
        else if (!n && !(n = add_node(dir, name, VFS_FILE)))
            r = ERR_NOMEM;
        else if (n->type == VFS_DIR)
            r = ERR_ISDIR;
    }
    struct open_file *of = NULL;
    if (r == 0 && !(of = calloc(1, sizeof *of)))
        r = ERR_NOMEM;
    if (r == 0) {
        if (flags & VFS_O_TRUNC && flags & VFS_O_WRITE) {
            n->size = 0;
            n->mtime = hal_rtc_get();
        }
        of->node = n;
        of->flags = flags;
        n->open_count++;
        *file = of;
    }
    hal_mutex_unlock(fs->lock);
    return r;
}

static int ram_close(struct vfs_mount *m, void *file)
{
    struct ramfs *fs = m->fs;
    struct open_file *of = file;
    hal_mutex_lock(fs->lock);
    if (--of->node->open_count == 0 && of->node->unlinked)
        free_node(fs, of->node);
    hal_mutex_unlock(fs->lock);
    free(of);
    return 0;
}

static int ram_read(struct vfs_mount *m, void *file, void *buf, size_t len)
{
    struct ramfs *fs = m->fs;
    struct open_file *of = file;
    if (!(of->flags & VFS_O_READ))
        return ERR_BADF;
    hal_mutex_lock(fs->lock);
    size_t avail = of->pos < of->node->size ? of->node->size - of->pos : 0;
    size_t n = len < avail ? len : avail;
    if (n)                          /* an empty file has no data buffer at all */
        memcpy(buf, of->node->data + of->pos, n);
    of->pos += n;
    hal_mutex_unlock(fs->lock);
    return (int)n;
}

/* Room for size bytes in n. The capacity doubles (few reallocs while a file grows) but never
 * past what the filesystem has left: a size beyond that is ERR_NOSPC, checked before any
 * doubling, so no size (a seek far past the end) can overflow the capacity. */
static int reserve(struct ramfs *fs, struct node *n, size_t size)
{
    if (size <= n->cap)
        return 0;
    size_t room = fs->limit - (fs->used - n->cap);    /* what n may grow to */
    if (size > room)
        return ERR_NOSPC;
    size_t cap = n->cap ? n->cap : 64;
    while (cap < size)
        cap = cap > room / 2 ? room : cap * 2;
    if (cap > room)
        cap = room;
    char *d = realloc(n->data, cap);
    if (!d)
        return ERR_NOMEM;
    fs->used += cap - n->cap;
    n->data = d;
    n->cap = cap;
    return 0;
}

static int ram_write(struct vfs_mount *m, void *file, const void *buf, size_t len)
{
    struct ramfs *fs = m->fs;
    struct open_file *of = file;
    if (!(of->flags & VFS_O_WRITE))
        return ERR_BADF;
    hal_mutex_lock(fs->lock);
    struct node *n = of->node;
    if (of->flags & VFS_O_APPEND)
        of->pos = n->size;
    int r = of->pos > RAM_FILE_MAX || len > RAM_FILE_MAX - of->pos ? ERR_FBIG
          : reserve(fs, n, of->pos + len);
    if (r == 0) {
        if (of->pos > n->size)
            memset(n->data + n->size, 0, of->pos - n->size);
        memcpy(n->data + of->pos, buf, len);
        of->pos += len;
        if (of->pos > n->size)
            n->size = of->pos;
        n->mtime = hal_rtc_get();
        r = (int)len;
    }
    hal_mutex_unlock(fs->lock);
    return r;
}

static long ram_seek(struct vfs_mount *m, void *file, long off, int whence)
{
    struct ramfs *fs = m->fs;
    struct open_file *of = file;
    hal_mutex_lock(fs->lock);
    long base = whence == VFS_SEEK_SET ? 0
              : whence == VFS_SEEK_CUR ? (long)of->pos : (long)of->node->size;
    long pos = off > 0 && off > (long)RAM_FILE_MAX - base ? ERR_FBIG
             : off < 0 && off < -base ? ERR_INVAL : base + off;
    if (pos >= 0)
        of->pos = (size_t)pos;
    hal_mutex_unlock(fs->lock);
    return pos;
}

static int ram_truncate(struct vfs_mount *m, void *file, uint32_t size)
{
    struct ramfs *fs = m->fs;
    struct open_file *of = file;
    hal_mutex_lock(fs->lock);
    int r = reserve(fs, of->node, size);
    if (r == 0) {
        if (size > of->node->size)
            memset(of->node->data + of->node->size, 0, size - of->node->size);
        of->node->size = size;
    }
    hal_mutex_unlock(fs->lock);
    return r;
}

static int ram_stat(struct vfs_mount *m, const char *path, struct vfs_stat *st)
{
    struct ramfs *fs = m->fs;
    struct node *n;
    hal_mutex_lock(fs->lock);
    int r = lookup_node(fs, path, &n);
    if (r == 0) {
        st->type = n->type;
        st->size = (uint32_t)n->size;
        st->mtime = n->mtime;
    }
    hal_mutex_unlock(fs->lock);
    return r;
}

/* unlink (TYPE a file) and rmdir (a directory, empty, not the root). */
static int remove_path(struct vfs_mount *m, const char *path, enum vfs_type type)
{
    struct ramfs *fs = m->fs;
    struct node *n;
    hal_mutex_lock(fs->lock);
    int r = lookup_node(fs, path, &n);
    if (r == 0 && n->type != type)
        r = type == VFS_DIR ? ERR_NOTDIR : ERR_ISDIR;
    if (r == 0 && n == &fs->root)
        r = ERR_BUSY;
    if (r == 0 && n->children)
        r = ERR_NOTEMPTY;
    if (r == 0)
        remove_node(fs, n);
    hal_mutex_unlock(fs->lock);
    return r;
}

static int ram_unlink(struct vfs_mount *m, const char *path)
{
    return remove_path(m, path, VFS_FILE);
}

static int ram_rename(struct vfs_mount *m, const char *from, const char *to)
{
    struct ramfs *fs = m->fs;
    struct node *n, *dir, *old;
    const char *name;
    hal_mutex_lock(fs->lock);
    int r = lookup_node(fs, from, &n);
    if (r == 0)
        r = lookup_parent(fs, to, &dir, &name);
    if (r == 0 && strlen(name) > VFS_NAME_MAX)
        r = ERR_NAMETOOLONG;
    if (r == 0 && n == &fs->root)
        r = ERR_BUSY;
    if (r == 0 && (old = child_named(dir, name, strlen(name))) && old != n) {
        if (old->type == VFS_DIR && (n->type != VFS_DIR || old->children))
            r = old->type == VFS_DIR && old->children ? ERR_NOTEMPTY : ERR_ISDIR;
        else if (old->type != VFS_DIR && n->type == VFS_DIR)
            r = ERR_NOTDIR;
        else
            remove_node(fs, old);
    }
    if (r == 0) {
        detach(n);
        str_copy(n->name, name, sizeof n->name);
        n->parent = dir;
        n->next = dir->children;
        dir->children = n;
    }
    hal_mutex_unlock(fs->lock);
    return r;
}

static int ram_mkdir(struct vfs_mount *m, const char *path)
{
    struct ramfs *fs = m->fs;
    struct node *dir;
    const char *name;
    hal_mutex_lock(fs->lock);
    int r = lookup_parent(fs, path, &dir, &name);
    if (r == ERR_INVAL)
        r = ERR_EXIST;
    if (r == 0 && child_named(dir, name, strlen(name)))
        r = ERR_EXIST;
    if (r == 0 && strlen(name) > VFS_NAME_MAX)
        r = ERR_NAMETOOLONG;
    if (r == 0 && !add_node(dir, name, VFS_DIR))
        r = ERR_NOMEM;
    hal_mutex_unlock(fs->lock);
    return r;
}

static int ram_rmdir(struct vfs_mount *m, const char *path)
{
    return remove_path(m, path, VFS_DIR);
}

/* Directory listing keeps a pointer to the next child, so the listing is stable as long as the
 * directory is not changed while it is read (the same promise as readdir(3)). */
static int ram_opendir(struct vfs_mount *m, const char *path, void **dir)
{
    struct ramfs *fs = m->fs;
    struct node *n;
    hal_mutex_lock(fs->lock);
    int r = lookup_node(fs, path, &n);
    if (r == 0 && n->type != VFS_DIR)
        r = ERR_NOTDIR;
    struct open_dir *d = NULL;
    if (r == 0 && !(d = calloc(1, sizeof *d)))
        r = ERR_NOMEM;
    if (r == 0) {
        d->next = n->children;
        *dir = d;
    }
    hal_mutex_unlock(fs->lock);
    return r;
}

static int ram_readdir(struct vfs_mount *m, void *dir, struct vfs_dirent *ent)
{
    struct ramfs *fs = m->fs;
    struct open_dir *d = dir;
    hal_mutex_lock(fs->lock);
    struct node *n = d->next;
    if (n) {
        str_copy(ent->name, n->name, sizeof ent->name);
        ent->type = n->type;
        ent->size = (uint32_t)n->size;
        ent->mtime = n->mtime;
        d->next = n->next;
    }
    hal_mutex_unlock(fs->lock);
    return n != NULL;
}

static int ram_closedir(struct vfs_mount *m, void *dir)
{
    free(dir);
    return 0;
}

static int ram_statfs(struct vfs_mount *m, struct vfs_statfs *st)
{
    struct ramfs *fs = m->fs;
    hal_mutex_lock(fs->lock);
    st->block_size = 1024;
    st->blocks_total = (uint32_t)(fs->limit / 1024);
    st->blocks_free = (uint32_t)((fs->limit - fs->used) / 1024);
    st->ram_used = (uint32_t)fs->used;
    hal_mutex_unlock(fs->lock);
    return 0;
}

static void free_tree(struct ramfs *fs, struct node *n)
{
    while (n->children) {
        struct node *c = n->children;
        n->children = c->next;
        free_tree(fs, c);
        free_node(fs, c);
    }
}

static int ram_unmount(struct vfs_mount *m)
{
    struct ramfs *fs = m->fs;
    free_tree(fs, &fs->root);
    hal_mutex_free(fs->lock);
    free(fs);
    return 0;
}

const struct vfs_ops ramfs_ops = {
    .name = "ramfs",
    .open = ram_open,
    .close = ram_close,
    .read = ram_read,
    .write = ram_write,
    .seek = ram_seek,
    .truncate = ram_truncate,
    .stat = ram_stat,
    .unlink = ram_unlink,
    .rename = ram_rename,
    .mkdir = ram_mkdir,
    .rmdir = ram_rmdir,
    .opendir = ram_opendir,
    .readdir = ram_readdir,
    .closedir = ram_closedir,
    .statfs = ram_statfs,
    .unmount = ram_unmount,
};
