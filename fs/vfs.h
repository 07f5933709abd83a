/* The virtual filesystem: one tree of absolute paths over mounted backends.
 *
 * Paths given to the vfs_* calls are absolute (a relative one is taken from "/"), cleaned of
 * "." and "..", and never climb above "/". Backends see paths relative to their mount point,
 * always starting with "/" ("/" itself is the mount's root).
 *
 * The VFS knows nothing of processes: an open file or directory belongs to the owner its
 * opener passes (lib/resource.h), or to nobody with NULL. kernel/files.h is the same API for
 * the current process: paths from its cwd, what it opens owned by it. */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <stddef.h>
#include <stdint.h>

struct owner;

#define VFS_PATH_MAX 256
#define VFS_NAME_MAX 63

/* open flags */
enum {
    VFS_O_READ = 1,
    VFS_O_WRITE = 2,
    VFS_O_CREATE = 4,
    VFS_O_TRUNC = 8,
    VFS_O_APPEND = 16,
    VFS_O_EXCL = 32,
    VFS_O_SYSTEM = 64,     /* the system rewrites a guarded file of its own (config_save);
                              never set from anything a user sends */
};

enum { VFS_SEEK_SET = 0, VFS_SEEK_CUR = 1, VFS_SEEK_END = 2 };

enum vfs_type { VFS_FILE = 1, VFS_DIR = 2 };

struct vfs_stat {
    enum vfs_type type;
    uint32_t size;
    int64_t mtime;         /* Unix seconds; 0 when the backend keeps no times */
};

/* What a listing needs of each entry, so that a lister never has to stat it (a stat can
 * cost a scan of the backend's metadata). The fields mean what struct vfs_stat's do. */
struct vfs_dirent {
    char name[VFS_NAME_MAX + 1];
    enum vfs_type type;
    uint32_t size;
    int64_t mtime;
};

struct vfs_statfs {
    uint32_t block_size;
    uint32_t blocks_total;
    uint32_t blocks_free;
    uint32_t ram_used;     /* bytes of RAM the mount uses (caches, buffers) */
    const char *read_only; /* NULL, or why the filesystem refuses every change */
};

struct vfs_mount;

/* What a backend implements. Handles are the backend's own; every call returns >= 0 or a
 * negative ERR_*. read/write return byte counts, seek the new position. */
struct vfs_ops {
    const char *name;      /* "flashfs", "ramfs", "hostfs" */
    int (*open)(struct vfs_mount *m, const char *path, int flags, void **file);
    int (*close)(struct vfs_mount *m, void *file);
    int (*read)(struct vfs_mount *m, void *file, void *buf, size_t len);
    int (*write)(struct vfs_mount *m, void *file, const void *buf, size_t len);
    long (*seek)(struct vfs_mount *m, void *file, long off, int whence);
    int (*truncate)(struct vfs_mount *m, void *file, uint32_t size);
    int (*sync)(struct vfs_mount *m, void *file);
    int (*stat)(struct vfs_mount *m, const char *path, struct vfs_stat *st);
    int (*unlink)(struct vfs_mount *m, const char *path);
    int (*rename)(struct vfs_mount *m, const char *from, const char *to);
    int (*mkdir)(struct vfs_mount *m, const char *path);
    int (*rmdir)(struct vfs_mount *m, const char *path);
    int (*opendir)(struct vfs_mount *m, const char *path, void **dir);
    int (*readdir)(struct vfs_mount *m, void *dir, struct vfs_dirent *ent); /* 1 entry, 0 end */
    int (*closedir)(struct vfs_mount *m, void *dir);
    int (*statfs)(struct vfs_mount *m, struct vfs_statfs *st);
    int (*unmount)(struct vfs_mount *m);
};

struct vfs_mount {
    char point[VFS_PATH_MAX];   /* "/", "/tmp" */
    const struct vfs_ops *ops;
    void *fs;                   /* the backend's state */
};

/* The change guard: a policy the kernel installs (config's protected files) that every
 * mutation goes through, whoever asks (shell, FTP, HTTP, Python, OTA). guard(abs) answers
 * VFS_GUARD_FILE when abs itself is guarded, VFS_GUARD_ABOVE when abs is a directory above
 * a guarded path, 0 otherwise. A guarded path and the directories above it cannot be opened
 * for writing, removed, renamed or replaced (ERR_PROTECTED); mkdir refuses only the guarded
 * path itself, so a missing parent can still be made. Reading is never guarded. */
enum { VFS_GUARD_FILE = 2, VFS_GUARD_ABOVE = 1 };
typedef int (*vfs_guard_fn)(const char *abs);
void vfs_set_guard(vfs_guard_fn guard);
/* 0 when path (after cleaning) may be changed, else ERR_PROTECTED; for a command that wants
 * to refuse a whole tree before touching any of it. */
int vfs_check_change(const char *path);

/* Mount table */
int vfs_mount(const char *point, const struct vfs_ops *ops, void *fs);
int vfs_unmount(const char *point);
int vfs_unmount_all(void);
int vfs_mount_count(void);
const struct vfs_mount *vfs_mount_at(int index);

/* Path helpers. vfs_resolve makes an absolute clean path from cwd and path. */
int vfs_resolve(const char *cwd, const char *path, char *out, size_t out_size);
const char *vfs_basename(const char *path);

/* Files: an open file belongs to owner (NULL: to nobody), which closes it if it ends first. */
typedef struct vfs_file vfs_file_t;
int vfs_open(const char *path, int flags, struct owner *owner, vfs_file_t **out);
int vfs_close(vfs_file_t *f);
int vfs_read(vfs_file_t *f, void *buf, size_t len);
int vfs_write(vfs_file_t *f, const void *buf, size_t len);
long vfs_seek(vfs_file_t *f, long off, int whence);
int vfs_truncate(vfs_file_t *f, uint32_t size);
int vfs_sync(vfs_file_t *f);
/* The file stops belonging to its owner (a stream that outlives it holds it now). */
void vfs_file_detach(vfs_file_t *f);

int vfs_stat(const char *path, struct vfs_stat *st);
int vfs_unlink(const char *path);
int vfs_rename(const char *from, const char *to);
int vfs_mkdir(const char *path);
int vfs_rmdir(const char *path);
int vfs_statfs(const char *path, struct vfs_statfs *st);

typedef struct vfs_dir vfs_dir_t;
int vfs_opendir(const char *path, struct owner *owner, vfs_dir_t **out);
int vfs_readdir(vfs_dir_t *d, struct vfs_dirent *ent);
int vfs_closedir(vfs_dir_t *d);

/* Whole files: config, board and script loading. */
int vfs_read_all(const char *path, char **data, size_t *len); /* NUL-terminated, malloc'd */
int vfs_write_all(const char *path, const void *data, size_t len);
/* vfs_write_all for the system's own guarded file (VFS_O_SYSTEM). */
int vfs_write_all_system(const char *path, const void *data, size_t len);
/* Replacing a file all or nothing (an upload, FTP STOR): the new content goes into PATH.part
 * (vfs_replace_open, size >= VFS_PATH_MAX, owned by owner), which takes PATH's place only
 * when complete.
 * vfs_replace_commit, after the part is closed: with result >= 0 renames it over path, else
 * (or when the rename fails) removes it; 0 or the error. A transfer cut off or out of space
 * leaves path as it was; a path the change guard protects is refused by vfs_replace_open,
 * before any content arrives. */
int vfs_replace_open(const char *path, char *part, size_t size, struct owner *owner,
                     vfs_file_t **out);
int vfs_replace_commit(const char *part, const char *path, int result);
int vfs_exists(const char *path);
int vfs_is_dir(const char *path);

#endif
