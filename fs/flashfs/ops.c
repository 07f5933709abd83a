/* The vfs entry points of flashfs: the mount lock and the read-only gate.
 *
 * Locking. The console, telnet, FTP and HTTP threads all use the root filesystem, and the
 * MCU scheduler is preemptive. Every operation reads and changes state shared by the whole
 * mount: the log's append position, the free-block map and its cursor, the metadata cache,
 * the one program buffer, the list of open files the allocator walks. So each entry point
 * holds one lock per mount from start to end, as littlefs does with LFS_THREADSAFE. Finer
 * locks would buy nothing: there is one flash device, which serves one program or erase at
 * a time anyway, and an operation is bounded by the length the caller asked for (services
 * read and write a buffer at a time, so others wait for one chunk, not a whole transfer).
 * The lock is recursive and nothing inside flashfs waits for anything but the device.
 *
 * Read-only. Corruption found while running (ERR_CORRUPT from any operation) or a program
 * the device did not keep (io.c) means the view in RAM and the flash disagree; writing on
 * could only spread the damage. The mount then refuses every change with ERR_ROFS, says why
 * in statfs (df), and keeps serving reads until it is checked (mkfs --check --repair) and
 * mounted again.
 *
 * Names. A file created by an open is committed at its first close or sync (file.c); an
 * entry point that looks up names first commits the creates still pending (settle), so
 * that it sees every file an open made. One that changes names fails when that commit
 * does; one that only reads goes on with what is on flash. */
#include "fs/flashfs/flashfs_int.h"

static struct flashfs *enter(struct vfs_mount *m)
{
    struct flashfs *fs = m->fs;
    hal_mutex_lock(fs->lock);
    return fs;
}

/* Corruption found by an operation makes the mount read-only. */
static int note(struct flashfs *fs, int result)
{
    if (result == ERR_CORRUPT)
        ffs_go_read_only(fs, "corrupt metadata found (check the image)");
    return result;
}

static int leave(struct flashfs *fs, int result)
{
    note(fs, result);
    hal_mutex_unlock(fs->lock);
    return result;
}

/* Keeps the first reason: later ones are consequences of it. */
void ffs_go_read_only(struct flashfs *fs, const char *reason)
{
    if (!fs->read_only)
        fs->read_only = reason;
}

static int open_file(struct vfs_mount *m, const char *path, int flags, void **file)
{
    struct flashfs *fs = enter(m);
    int changes = flags & (VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC | VFS_O_APPEND);
    int err = ffs_files_settle(fs);
    if (changes && fs->read_only)
        err = ERR_ROFS;
    else if (!err || !(flags & VFS_O_CREATE))
        err = ffs_op_open(m, path, flags, file);
    return leave(fs, err);
}

/* A file written before the mount went read-only loses what close would have committed:
 * close says so (ERR_ROFS from the program that is refused) and still frees the handle. */
static int close_file(struct vfs_mount *m, void *file)
{
    struct flashfs *fs = enter(m);
    return leave(fs, ffs_op_close(m, file));
}

static int read_file(struct vfs_mount *m, void *file, void *buf, size_t len)
{
    struct flashfs *fs = enter(m);
    return leave(fs, ffs_op_read(m, file, buf, len));
}

static int write_file(struct vfs_mount *m, void *file, const void *buf, size_t len)
{
    struct flashfs *fs = enter(m);
    return leave(fs, fs->read_only ? ERR_ROFS : ffs_op_write(m, file, buf, len));
}

static long seek_file(struct vfs_mount *m, void *file, long off, int whence)
{
    struct flashfs *fs = enter(m);
    long pos = ffs_op_seek(m, file, off, whence);
    leave(fs, 0);
    return pos;
}

static int truncate_file(struct vfs_mount *m, void *file, uint32_t size)
{
    struct flashfs *fs = enter(m);
    return leave(fs, fs->read_only ? ERR_ROFS : ffs_op_truncate(m, file, size));
}

static int sync_file(struct vfs_mount *m, void *file)
{
    struct flashfs *fs = enter(m);
    return leave(fs, fs->read_only ? ERR_ROFS : ffs_op_sync(m, file));
}

static int stat_path(struct vfs_mount *m, const char *path, struct vfs_stat *st)
{
    struct flashfs *fs = enter(m);
    ffs_files_settle(fs);
    return leave(fs, ffs_op_stat(m, path, st));
}

static int unlink_path(struct vfs_mount *m, const char *path)
{
    struct flashfs *fs = enter(m);
    int err = ffs_files_settle(fs);
    return leave(fs, fs->read_only ? ERR_ROFS : err ? err : ffs_op_unlink(m, path));
}

static int rename_path(struct vfs_mount *m, const char *from, const char *to)
{
    struct flashfs *fs = enter(m);
    int err = ffs_files_settle(fs);
    return leave(fs, fs->read_only ? ERR_ROFS : err ? err : ffs_op_rename(m, from, to));
}

/* No gate here: ffs_op_mkdir refuses on a read-only mount itself, but answers "already
 * exists" for a directory that is there, so boot's making of its folders stays quiet. */
static int make_dir(struct vfs_mount *m, const char *path)
{
    struct flashfs *fs = enter(m);
    int err = ffs_files_settle(fs);
    return leave(fs, err ? err : ffs_op_mkdir(m, path));
}

static int remove_dir(struct vfs_mount *m, const char *path)
{
    struct flashfs *fs = enter(m);
    int err = ffs_files_settle(fs);
    return leave(fs, fs->read_only ? ERR_ROFS : err ? err : ffs_op_rmdir(m, path));
}

static int open_dir(struct vfs_mount *m, const char *path, void **dir)
{
    struct flashfs *fs = enter(m);
    ffs_files_settle(fs);
    return leave(fs, ffs_op_opendir(m, path, dir));
}

static int read_dir(struct vfs_mount *m, void *dir, struct vfs_dirent *ent)
{
    struct flashfs *fs = enter(m);
    return leave(fs, ffs_op_readdir(m, dir, ent));
}

static int close_dir(struct vfs_mount *m, void *dir)
{
    struct flashfs *fs = enter(m);
    return leave(fs, ffs_op_closedir(m, dir));
}

static int stat_fs(struct vfs_mount *m, struct vfs_statfs *st)
{
    struct flashfs *fs = enter(m);
    int err = note(fs, ffs_op_statfs(m, st));
    if (err && fs->read_only) {
        /* the free map cannot be rebuilt, and nothing more can be written anyway: the
         * size and the reason still reach df */
        st->block_size = fs->bsize;
        st->blocks_total = fs->count;
        st->blocks_free = 0;
        st->ram_used = ffs_ram_used(fs);
        err = 0;
    }
    st->read_only = fs->read_only;
    return leave(fs, err);
}

const struct vfs_ops flashfs_ops = {
    .name = "flashfs",
    .open = open_file,
    .close = close_file,
    .read = read_file,
    .write = write_file,
    .seek = seek_file,
    .truncate = truncate_file,
    .sync = sync_file,
    .stat = stat_path,
    .unlink = unlink_path,
    .rename = rename_path,
    .mkdir = make_dir,
    .rmdir = remove_dir,
    .opendir = open_dir,
    .readdir = read_dir,
    .closedir = close_dir,
    .statfs = stat_fs,
    .unmount = ffs_op_unmount,   /* flashfs_unmount takes the lock itself: it frees it */
};
