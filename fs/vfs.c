#include "fs/vfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/resource.h"
#include "lib/str.h"

#define MOUNT_MAX 8

static struct vfs_mount mounts[MOUNT_MAX];
static int mount_count;

struct vfs_file {
    struct resource res;        /* first: its owner's list points here */
    struct vfs_mount *mount;
    void *handle;
};

struct vfs_dir {
    struct resource res;
    struct vfs_mount *mount;
    void *handle;
    int children_done;          /* mount points below this directory were listed */
    char path[VFS_PATH_MAX];
};

/* ---- paths ---- */

/* A control character (CR, LF, ...) in a name would go unescaped into every protocol that
 * prints names (FTP replies, HTTP headers, listings): no name may hold one. */
#define IS_CONTROL_CHAR(c) ((unsigned char)(c) < 0x20 || (c) == 0x7f)

/* The component c (n bytes, no slash and no control character in it) onto out. */
static int push_component(char *out, size_t *len, size_t size, const char *c, size_t n)
{
    if (n == 1 && c[0] == '.')
        return 0;
    if (n == 2 && c[0] == '.' && c[1] == '.') {
        while (*len > 0 && out[*len - 1] != '/')
            (*len)--;
        if (*len > 0)
            (*len)--;            /* drop the slash too; "/.." stays "/" */
        return 0;
    }
    if (n > VFS_NAME_MAX)
        return ERR_NAMETOOLONG;
    if (*len + 1 + n + 1 > size)
        return ERR_NAMETOOLONG;
    out[(*len)++] = '/';
    memcpy(out + *len, c, n);
    *len += n;
    return 0;
}

/* One pass over path: each component's end is found and its characters checked together
 * (every file operation resolves its path, most of them twice). A character above '/' other
 * than DEL (letters, digits, UTF-8) is neither an end nor a control character: one test
 * passes most of a name; the rest are told apart after it. */
static int add_components(char *out, size_t *len, size_t size, const char *path)
{
    while (*path) {
        while (*path == '/')
            path++;
        const char *end = path;
        for (;; end++) {
            unsigned char c = (unsigned char)*end;
            if (c > '/' && c != 0x7f)
                continue;
            if (c == '/' || c == '\0')
                break;
            if (IS_CONTROL_CHAR(c))
                return ERR_BADNAME;
        }
        if (end > path) {
            int r = push_component(out, len, size, path, (size_t)(end - path));
            if (r < 0)
                return r;
        }
        path = end;
    }
    return 0;
}

int vfs_resolve(const char *cwd, const char *path, char *out, size_t out_size)
{
    size_t len = 0;
    int r = 0;
    if (out_size < 2)
        return ERR_NAMETOOLONG;
    if (!path || !*path)
        return ERR_NOENT;
    if (path[0] != '/' && cwd)
        r = add_components(out, &len, out_size, cwd);
    if (r == 0)
        r = add_components(out, &len, out_size, path);
    if (r < 0)
        return r;
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    return 0;
}

const char *vfs_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return path;
    return slash[1] || slash == path ? slash + (slash[1] != 0) : slash + 1;
}

/* ---- mounts ---- */

static int is_under(const char *path, const char *point)
{
    size_t n = strlen(point);
    if (strcmp(point, "/") == 0)
        return 1;
    return strncmp(path, point, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The mount holding path, and the path inside it ("/" based). */
static struct vfs_mount *lookup(const char *path, const char **inner)
{
    struct vfs_mount *best = NULL;
    size_t best_len = 0;
    for (int i = 0; i < mount_count; i++) {
        size_t n = strlen(mounts[i].point);
        if (is_under(path, mounts[i].point) && (!best || n > best_len)) {
            best = &mounts[i];
            best_len = n;
        }
    }
    if (best && inner) {
        const char *rest = strcmp(best->point, "/") == 0 ? path : path + best_len;
        *inner = *rest ? rest : "/";
    }
    return best;
}

int vfs_mount(const char *point, const struct vfs_ops *ops, void *fs)
{
    if (mount_count == MOUNT_MAX)
        return ERR_NOSPC;
    for (int i = 0; i < mount_count; i++)
        if (strcmp(mounts[i].point, point) == 0)
            return ERR_BUSY;
    struct vfs_mount *m = &mounts[mount_count];
    m->point = str_dup(point);
    if (!m->point)
        return ERR_NOMEM;
    m->ops = ops;
    m->fs = fs;
    mount_count++;
    return 0;
}

int vfs_unmount(const char *point)
{
    for (int i = 0; i < mount_count; i++) {
        if (strcmp(mounts[i].point, point) != 0)
            continue;
        if (mounts[i].ops->unmount)
            mounts[i].ops->unmount(&mounts[i]);
        free(mounts[i].point);
        mounts[i] = mounts[--mount_count];
        return 0;
    }
    return ERR_NOENT;
}

int vfs_unmount_all(void)
{
    while (mount_count)
        vfs_unmount(mounts[mount_count - 1].point);
    return 0;
}

int vfs_mount_count(void)
{
    return mount_count;
}

const struct vfs_mount *vfs_mount_at(int index)
{
    return index >= 0 && index < mount_count ? &mounts[index] : NULL;
}

/* ---- the mount and inner path of an absolute path ---- */

struct target {
    char abs[VFS_PATH_MAX];
    struct vfs_mount *mount;
    const char *inner;
};

static int find_target(const char *path, struct target *t)
{
    int r = vfs_resolve("/", path, t->abs, sizeof t->abs);
    if (r < 0)
        return r;
    t->mount = lookup(t->abs, &t->inner);
    return t->mount ? 0 : ERR_NOENT;
}

/* ---- the change guard ---- */

static vfs_guard_fn guard;

void vfs_set_guard(vfs_guard_fn fn)
{
    guard = fn;
}

/* ERR_PROTECTED when abs is guarded at least as strongly as level. */
static int guarded(const char *abs, int level)
{
    return guard && guard(abs) >= level ? ERR_PROTECTED : 0;
}

/* Removing, renaming or rewriting abs would change a guarded file. */
static int refuse_change(const char *abs)
{
    return guarded(abs, VFS_GUARD_ABOVE);
}

int vfs_check_change(const char *path)
{
    struct target t;
    int r = find_target(path, &t);
    return r < 0 ? r : refuse_change(t.abs);
}

/* ---- files ---- */

static void release_file(struct resource *r)
{
    struct vfs_file *f = (struct vfs_file *)r;
    f->mount->ops->close(f->mount, f->handle);
    free(f);
}

int vfs_open(const char *path, int flags, struct owner *owner, vfs_file_t **out)
{
    struct target t;
    int r = find_target(path, &t);
    int changes = flags & (VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC | VFS_O_APPEND);
    if (r == 0 && changes && !(flags & VFS_O_SYSTEM))
        r = refuse_change(t.abs);
    if (r < 0)
        return r;
    vfs_file_t *f = calloc(1, sizeof *f);
    if (!f)
        return ERR_NOMEM;
    r = t.mount->ops->open(t.mount, t.inner, flags & ~VFS_O_SYSTEM, &f->handle);
    if (r < 0) {
        free(f);
        return r;
    }
    f->mount = t.mount;
    f->res.release = release_file;
    owner_add(owner, &f->res);
    *out = f;
    return 0;
}

int vfs_close(vfs_file_t *f)
{
    if (!f)
        return ERR_BADF;
    resource_detach(&f->res);
    int r = f->mount->ops->close(f->mount, f->handle);
    free(f);
    return r;
}

void vfs_file_detach(vfs_file_t *f)
{
    resource_detach(&f->res);
}

int vfs_read(vfs_file_t *f, void *buf, size_t len)
{
    return f->mount->ops->read(f->mount, f->handle, buf, len);
}

int vfs_write(vfs_file_t *f, const void *buf, size_t len)
{
    return f->mount->ops->write(f->mount, f->handle, buf, len);
}

long vfs_seek(vfs_file_t *f, long off, int whence)
{
    return f->mount->ops->seek(f->mount, f->handle, off, whence);
}

int vfs_truncate(vfs_file_t *f, uint32_t size)
{
    return f->mount->ops->truncate ? f->mount->ops->truncate(f->mount, f->handle, size)
                                   : ERR_NOTSUP;
}

int vfs_sync(vfs_file_t *f)
{
    return f->mount->ops->sync ? f->mount->ops->sync(f->mount, f->handle) : 0;
}

/* ---- names ---- */

static int stat_in(struct vfs_mount *m, const char *inner, struct vfs_stat *st)
{
    int r = m->ops->stat(m, inner, st);
    if (r == ERR_NOENT && strcmp(inner, "/") == 0) {
        st->type = VFS_DIR;    /* a mount point is a directory even if its backend is empty */
        st->size = 0;
        st->mtime = 0;
        r = 0;
    }
    return r;
}

int vfs_stat(const char *path, struct vfs_stat *st)
{
    struct target t;
    int r = find_target(path, &t);
    return r < 0 ? r : stat_in(t.mount, t.inner, st);
}

static int is_mount_point(const char *abs)
{
    for (int i = 0; i < mount_count; i++)
        if (strcmp(mounts[i].point, abs) == 0)
            return 1;
    return 0;
}

int vfs_unlink(const char *path)
{
    struct target t;
    int r = find_target(path, &t);
    if (r == 0)
        r = refuse_change(t.abs);
    if (r < 0)
        return r;
    return t.mount->ops->unlink(t.mount, t.inner);
}

int vfs_rename(const char *from, const char *to)
{
    struct target a, b;
    int r = find_target(from, &a);
    if (r == 0)
        r = find_target(to, &b);
    if (r == 0)
        r = refuse_change(a.abs);
    if (r == 0)
        r = refuse_change(b.abs);
    if (r < 0)
        return r;
    if (a.mount != b.mount)
        return ERR_XDEV;
    if (is_mount_point(a.abs) || is_mount_point(b.abs))
        return ERR_BUSY;
    size_t n = strlen(a.abs);
    if (strncmp(b.abs, a.abs, n) == 0 && b.abs[n] == '/')
        return ERR_INVAL;      /* a directory into itself */
    return a.mount->ops->rename(a.mount, a.inner, b.inner);
}

int vfs_mkdir(const char *path)
{
    struct target t;
    int r = find_target(path, &t);
    if (r == 0)
        r = guarded(t.abs, VFS_GUARD_FILE);
    if (r < 0)
        return r;
    if (is_mount_point(t.abs))
        return ERR_EXIST;
    return t.mount->ops->mkdir(t.mount, t.inner);
}

int vfs_rmdir(const char *path)
{
    struct target t;
    int r = find_target(path, &t);
    if (r == 0)
        r = refuse_change(t.abs);
    if (r < 0)
        return r;
    if (is_mount_point(t.abs))
        return ERR_BUSY;
    return t.mount->ops->rmdir(t.mount, t.inner);
}

int vfs_statfs(const char *path, struct vfs_statfs *st)
{
    struct target t;
    int r = find_target(path, &t);
    if (r < 0)
        return r;
    memset(st, 0, sizeof *st);
    return t.mount->ops->statfs ? t.mount->ops->statfs(t.mount, st) : ERR_NOTSUP;
}

/* ---- directories ---- */

static void release_dir(struct resource *r)
{
    struct vfs_dir *d = (struct vfs_dir *)r;
    if (d->handle)
        d->mount->ops->closedir(d->mount, d->handle);
    free(d);
}

int vfs_opendir(const char *path, struct owner *owner, vfs_dir_t **out)
{
    struct target t;
    int r = find_target(path, &t);
    if (r < 0)
        return r;
    vfs_dir_t *d = calloc(1, sizeof *d);
    if (!d)
        return ERR_NOMEM;
    r = t.mount->ops->opendir(t.mount, t.inner, &d->handle);
    if (r == ERR_NOENT && strcmp(t.inner, "/") == 0) {
        d->handle = NULL;      /* an empty mount point still lists its sub-mounts */
        r = 0;
    }
    if (r < 0) {
        free(d);
        return r;
    }
    d->mount = t.mount;
    str_copy(d->path, t.abs, sizeof d->path);
    d->res.release = release_dir;
    owner_add(owner, &d->res);
    *out = d;
    return 0;
}

/* The name of mount i in the listing of dir when it is mounted directly below it, or NULL. */
static const char *mounted_child(int i, const char *dir)
{
    const char *point = mounts[i].point;
    if (strcmp(point, dir) == 0 || !is_under(point, dir))
        return NULL;
    const char *rest = point + (strcmp(dir, "/") == 0 ? 1 : strlen(dir) + 1);
    return strchr(rest, '/') ? NULL : rest;
}

/* A mount point lists as what a stat of it says: the root of the mounted filesystem. */
static void describe_mount(int i, struct vfs_dirent *ent)
{
    struct vfs_stat st;
    if (stat_in(&mounts[i], "/", &st) < 0)
        st = (struct vfs_stat){ VFS_DIR, 0, 0 };
    ent->type = VFS_DIR;
    ent->size = st.size;
    ent->mtime = st.mtime;
}

/* Mount points directly below the directory show up in its listing. */
static int next_sub_mount(vfs_dir_t *d, struct vfs_dirent *ent)
{
    for (int i = d->children_done; i < mount_count; i++) {
        const char *point = mounts[i].point, *rest = mounted_child(i, d->path);
        d->children_done = i + 1;
        if (!rest)
            continue;
        struct vfs_stat st;
        if (d->mount->ops->stat(d->mount, point + (strcmp(d->mount->point, "/") ? strlen(d->mount->point) : 0), &st) == 0)
            continue;          /* the backend lists it itself */
        str_copy(ent->name, rest, sizeof ent->name);
        describe_mount(i, ent);
        return 1;
    }
    return 0;
}

int vfs_readdir(vfs_dir_t *d, struct vfs_dirent *ent)
{
    if (d->handle) {
        int r = d->mount->ops->readdir(d->mount, d->handle, ent);
        if (r < 0)
            return r;
        for (int i = 0; r > 0 && i < mount_count; i++) {
            const char *rest = mounted_child(i, d->path);
            if (rest && strcmp(rest, ent->name) == 0)
                describe_mount(i, ent);   /* the backend's own directory is hidden under it */
        }
        if (r > 0)
            return r;
    }
    return next_sub_mount(d, ent);
}

int vfs_closedir(vfs_dir_t *d)
{
    if (!d)
        return ERR_BADF;
    resource_detach(&d->res);
    release_dir(&d->res);
    return 0;
}

/* ---- whole files ---- */

/* No stat first: every backend's open refuses a directory with ERR_ISDIR, and a path
 * look-up is most of what reading a small file costs. */
int vfs_read_all(const char *path, char **data, size_t *len)
{
    vfs_file_t *f;
    int r = vfs_open(path, VFS_O_READ, NULL, &f);
    if (r < 0)
        return r;
    struct strbuf b;
    strbuf_init(&b);
    char chunk[256];
    while ((r = vfs_read(f, chunk, sizeof chunk)) > 0)
        strbuf_add(&b, chunk, (size_t)r);
    vfs_close(f);
    if (r < 0 || b.failed) {
        strbuf_free(&b);
        return r < 0 ? r : ERR_NOMEM;
    }
    *len = b.len;
    *data = strbuf_take(&b);
    return 0;
}

/* A short write is followed by another for the rest, which tells why it was short (a full
 * device, or the I/O error that stopped it). */
static int write_all(const char *path, const void *data, size_t len, int extra_flags)
{
    vfs_file_t *f;
    int r = vfs_open(path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC | extra_flags, NULL, &f);
    if (r < 0)
        return r;
    for (size_t done = 0; done < len && r >= 0; done += (size_t)r) {
        r = vfs_write(f, (const char *)data + done, len - done);
        if (r == 0)
            r = ERR_NOSPC;
    }
    int c = vfs_close(f);
    return r < 0 ? r : c;
}

int vfs_write_all(const char *path, const void *data, size_t len)
{
    return write_all(path, data, len, 0);
}

int vfs_write_all_system(const char *path, const void *data, size_t len)
{
    return write_all(path, data, len, VFS_O_SYSTEM);
}

int vfs_replace_open(const char *path, char *part, size_t size, struct owner *owner,
                     vfs_file_t **out)
{
    int r = vfs_check_change(path);     /* refused before the new content is received */
    if (r < 0)
        return r;
    if ((size_t)snprintf(part, size, "%s.part", path) >= size)
        return ERR_NAMETOOLONG;
    return vfs_open(part, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, owner, out);
}

int vfs_replace_commit(const char *part, const char *path, int result)
{
    if (result >= 0)
        result = vfs_rename(part, path);
    if (result < 0)
        vfs_unlink(part);
    return result < 0 ? result : 0;
}

int vfs_exists(const char *path)
{
    struct vfs_stat st;
    return vfs_stat(path, &st) == 0;
}

int vfs_is_dir(const char *path)
{
    struct vfs_stat st;
    return vfs_stat(path, &st) == 0 && st.type == VFS_DIR;
}
