/* Open files. Small files (up to FFS_INLINE_MAX bytes) live inside their record and in the
 * handle's buffer. Bigger ones are block chains; writing never touches a block a commit
 * refers to: a write session builds a new chain (sharing the untouched leading blocks of
 * the old one) and close/sync commits it in one record.
 *
 * Deferred create. open(O_CREATE) of a new name commits nothing: the handle keeps the name
 * and its first commit (close or sync) writes the file whole, so creating and writing a
 * small file is one commit, one program. Until then no other operation may miss it: every
 * entry point that looks up names (ops.c) first commits the creates still pending, as
 * empty files, exactly what open used to commit. A power cut before either leaves no file,
 * which POSIX allows (the create was never synced). */
#include <stdlib.h>
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

static struct flashfs *fs_of(struct vfs_mount *m)
{
    return m->fs;
}

void ffs_files_visit(struct flashfs *fs, ffs_visit_fn visit, void *ctx)
{
    for (struct ffs_file *f = fs->files; f; f = f->next) {
        if (f->head != FFS_NONE)
            ffs_ctz_walk(fs, f->head, f->writing ? f->old_size : f->size, visit, ctx);
        if (!f->writing)
            continue;
        visit(fs, f->w_block, ctx);
        if (f->w_index > 0)
            ffs_ctz_walk_index(fs, f->w_prev, f->w_index - 1, visit, ctx);
    }
}

/* ---- the write engine: fills f->buf a unit at a time and programs it ---- */

static int alloc_data(struct flashfs *fs, uint32_t *block, uint32_t *ec)
{
    int err = ffs_alloc_block(fs, 1, block, ec);
    int has_tail = fs->tail.index < fs->log.index ||
                   (fs->tail.index == fs->log.index && fs->tail.off < fs->log.off);
    if (err == ERR_NOSPC && !fs->dirty_tail && has_tail) {
        /* stale records may be pinning old chains: drop them and look again */
        err = ffs_compact(fs);
        if (!err)
            err = ffs_alloc_block(fs, 1, block, ec);
        else if (err != ERR_IO)
            err = ERR_NOSPC;
    }
    return err;
}

static int program_unit(struct flashfs *fs, struct ffs_file *f)
{
    memset(f->buf + f->w_fill, 0xFF, fs->unit - f->w_fill);
    int err = ffs_prog(fs, f->w_block, f->w_page_off, f->buf, fs->unit);
    if (err)
        return err;
    f->w_page_off += fs->unit;
    f->w_fill = 0;
    return 0;
}

/* Starts block `index` of the new chain; prev is block index-1. Its back pointers come
 * from prev, which is complete on flash. */
static int new_block(struct flashfs *fs, struct ffs_file *f, uint32_t index, uint32_t prev)
{
    uint32_t block, ec;
    int err = alloc_data(fs, &block, &ec);
    if (err)
        return err;
    ffs_put32(f->buf, FFS_MAGIC_BLOCK);
    ffs_put32(f->buf + 4, ec);
    uint32_t ptr = prev, start = ffs_ctz_data_start(index);
    for (uint32_t k = 0; FFS_DATA_HDR + 4 * k < start; k++) {
        if (k > 0 && (err = ffs_ctz_pointer(fs, ptr, k - 1, &ptr)) != 0)
            return err;
        ffs_put32(f->buf + FFS_DATA_HDR + 4 * k, ptr);
    }
    f->w_block = block;
    f->w_index = index;
    f->w_prev = prev;
    f->w_page_off = 0;
    f->w_fill = start;
    return 0;
}

/* Makes room for at least one more byte in the buffer. */
static int make_room(struct flashfs *fs, struct ffs_file *f)
{
    int err = 0;
    if (f->w_fill == fs->unit)
        err = program_unit(fs, f);
    if (!err && f->w_page_off == fs->bsize)
        err = new_block(fs, f, f->w_index + 1, f->w_block);
    return err;
}

/* Appends n bytes (zeros when data is NULL) at w_pos. */
static int put(struct flashfs *fs, struct ffs_file *f, const uint8_t *data, uint32_t n)
{
    while (n > 0) {
        int err = make_room(fs, f);
        if (err)
            return err;
        uint32_t k = fs->unit - f->w_fill;
        if (k > n)
            k = n;
        if (data) {
            memcpy(f->buf + f->w_fill, data, k);
            data += k;
        } else {
            memset(f->buf + f->w_fill, 0, k);
        }
        f->w_fill += k;
        f->w_pos += k;
        n -= k;
    }
    return 0;
}

/* Copies the old chain's bytes [w_pos, w_pos+n) into the new chain. Both chains have the
 * same layout, so a byte lands at the same block index and offset it came from. */
static int copy_old(struct flashfs *fs, struct ffs_file *f, uint32_t n)
{
    uint32_t last = ffs_ctz_last_index(fs, f->old_size), cached = FFS_NONE, block = 0;
    while (n > 0) {
        int err = make_room(fs, f);
        if (err)
            return err;
        uint32_t index, off;
        ffs_ctz_locate(fs, f->w_pos, &index, &off);
        if (index != cached) {
            if ((err = ffs_ctz_find(fs, f->head, last, index, &block)) != 0)
                return err;
            cached = index;
        }
        uint32_t k = fs->unit - f->w_fill;
        if (k > n)
            k = n;
        if (k > fs->bsize - off)
            k = fs->bsize - off;
        if ((err = ffs_read(fs, block, off, f->buf + f->w_fill, k)) != 0)
            return err;
        f->w_fill += k;
        f->w_pos += k;
        n -= k;
    }
    return 0;
}

/* Opens a write session at pos (<= size) on a block-mode file. */
static int begin_session(struct flashfs *fs, struct ffs_file *f, uint32_t pos)
{
    uint32_t index, off, prev = FFS_NONE;
    ffs_ctz_locate(fs, pos, &index, &off);
    f->old_size = f->size;
    int err = 0;
    if (index > 0)
        err = ffs_ctz_find(fs, f->head, ffs_ctz_last_index(fs, f->size), index - 1, &prev);
    if (!err)
        err = new_block(fs, f, index, prev);
    if (err)
        return err;
    f->writing = 1;
    f->w_pos = (uint32_t)ffs_ctz_start_of(fs, index);
    return copy_old(fs, f, pos - f->w_pos);
}

/* Moves inline contents into block 0 of a new chain, leaving a session open at the end. */
static int spill(struct flashfs *fs, struct ffs_file *f)
{
    uint32_t block, ec;
    int err = alloc_data(fs, &block, &ec);
    if (err)
        return err;
    memmove(f->buf + FFS_DATA_HDR, f->buf, f->size);
    ffs_put32(f->buf, FFS_MAGIC_BLOCK);
    ffs_put32(f->buf + 4, ec);
    f->w_block = block;
    f->w_index = 0;
    f->w_prev = FFS_NONE;
    f->w_page_off = 0;
    f->w_fill = FFS_DATA_HDR + f->size;
    f->w_pos = f->old_size = f->size;
    f->head = FFS_NONE;
    f->is_inline = 0;
    f->writing = 1;
    return 0;
}

/* Ends the write session: the rest of the old contents follow, the last unit is
 * programmed, and the new chain becomes the handle's (not yet committed) file. */
int ffs_file_flush(struct flashfs *fs, struct ffs_file *f)
{
    if (!f->writing)
        return f->error;
    int err = 0;
    if (f->w_pos < f->old_size)
        err = copy_old(fs, f, f->old_size - f->w_pos);
    if (!err && f->w_fill > 0)
        err = program_unit(fs, f);
    f->writing = 0;
    if (err) {
        f->error = err;
        return err;
    }
    f->head = f->w_block;
    return 0;
}

/* ---- reading ---- */

static int read_chain(struct flashfs *fs, uint32_t head, uint32_t size, uint32_t pos,
                      uint8_t *out, uint32_t n)
{
    uint32_t last = ffs_ctz_last_index(fs, size);
    while (n > 0) {
        uint32_t index, off, block;
        ffs_ctz_locate(fs, pos, &index, &off);
        int err = ffs_ctz_find(fs, head, last, index, &block);
        if (err)
            return err;
        uint32_t k = fs->bsize - off < n ? fs->bsize - off : n;
        if ((err = ffs_read(fs, block, off, out, k)) != 0)
            return err;
        out += k; pos += k; n -= k;
    }
    return 0;
}

int ffs_op_read(struct vfs_mount *m, void *file, void *buf, size_t len)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_file *f = file;
    if (!(f->flags & VFS_O_READ))
        return ERR_BADF;
    int err = ffs_file_flush(fs, f);
    if (err)
        return err;
    if (f->pos >= f->size)
        return 0;
    uint32_t n = f->size - f->pos;
    if (len < n)
        n = (uint32_t)len;
    if (n > 0x7FFFFFFFu)
        n = 0x7FFFFFFFu;
    if (f->is_inline)
        memcpy(buf, f->buf + f->pos, n);
    else if ((err = read_chain(fs, f->head, f->size, f->pos, buf, n)) != 0)
        return err;
    f->pos += n;
    return (int)n;
}

/* ---- writing ---- */

static int write_inline(struct ffs_file *f, const uint8_t *data, uint32_t len)
{
    if (f->pos > f->size)
        memset(f->buf + f->size, 0, f->pos - f->size);
    if (data)
        memcpy(f->buf + f->pos, data, len);
    else
        memset(f->buf + f->pos, 0, len);
    f->pos += len;
    if (f->pos > f->size)
        f->size = f->pos;
    return (int)len;
}

/* Writes len bytes (zeros when data is NULL) at f->pos; returns the count written, which
 * is short only when the device filled up. */
static int write_at_pos(struct flashfs *fs, struct ffs_file *f, const uint8_t *data, uint32_t len)
{
    if ((uint64_t)f->pos + len > (uint64_t)fs->count * fs->bsize)
        return ERR_FBIG;
    f->dirty = 1;
    f->mtime = ffs_now();
    if (f->is_inline && f->pos + len <= FFS_INLINE_MAX)
        return write_inline(f, data, len);
    int err = f->is_inline ? spill(fs, f) : 0;
    /* the session continues only where it is: at pos, or at the end when pos is past it */
    if (!err && f->writing && f->pos != f->w_pos && !(f->pos > f->w_pos && f->w_pos == f->size))
        err = ffs_file_flush(fs, f);
    if (!err && !f->writing)
        err = begin_session(fs, f, f->pos < f->size ? f->pos : f->size);
    if (!err && f->pos > f->w_pos)
        err = put(fs, f, NULL, f->pos - f->w_pos);
    uint32_t start = f->w_pos;
    if (!err)
        err = put(fs, f, data, len);
    uint32_t done = f->writing && f->w_pos > start ? f->w_pos - start : 0;
    if (f->writing) {
        f->pos = f->w_pos;
        if (f->w_pos > f->size)
            f->size = f->w_pos;
    }
    if (err && err != ERR_NOSPC)
        f->error = err;
    return done > 0 ? (int)done : err ? err : 0;
}

int ffs_op_write(struct vfs_mount *m, void *file, const void *buf, size_t len)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_file *f = file;
    if (!(f->flags & VFS_O_WRITE))
        return ERR_BADF;
    if (f->error)
        return f->error;
    if (len == 0)
        return 0;
    if (len > 0x7FFFFFFFu)
        len = 0x7FFFFFFFu;
    if (f->flags & VFS_O_APPEND)
        f->pos = f->size;
    return write_at_pos(fs, f, buf, (uint32_t)len);
}

long ffs_op_seek(struct vfs_mount *m, void *file, long off, int whence)
{
    (void)m;
    struct ffs_file *f = file;
    int64_t base = whence == VFS_SEEK_SET ? 0 : whence == VFS_SEEK_CUR ? f->pos : f->size;
    if (whence != VFS_SEEK_SET && whence != VFS_SEEK_CUR && whence != VFS_SEEK_END)
        return ERR_INVAL;
    int64_t pos = base + off;
    if (pos < 0 || pos > 0x7FFFFFFF)
        return ERR_INVAL;
    f->pos = (uint32_t)pos;
    return (long)pos;
}

static int shrink(struct flashfs *fs, struct ffs_file *f, uint32_t size)
{
    if (!f->is_inline && size <= FFS_INLINE_MAX) {
        int err = read_chain(fs, f->head, f->size, 0, f->buf, size);
        if (err)
            return err;
        f->is_inline = 1;
        f->head = FFS_NONE;
    } else if (!f->is_inline) {
        uint32_t block;
        int err = ffs_ctz_find(fs, f->head, ffs_ctz_last_index(fs, f->size),
                               ffs_ctz_last_index(fs, size), &block);
        if (err)
            return err;
        f->head = block;   /* the leading blocks already hold the kept bytes */
    }
    f->size = size;
    return 0;
}

int ffs_op_truncate(struct vfs_mount *m, void *file, uint32_t size)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_file *f = file;
    if (!(f->flags & VFS_O_WRITE))
        return ERR_BADF;
    int err = ffs_file_flush(fs, f);
    if (err || size == f->size)
        return err;
    f->dirty = 1;
    f->mtime = ffs_now();
    if (size < f->size)
        return shrink(fs, f, size);
    uint32_t pos = f->pos, grow = size - f->size;
    f->pos = f->size;
    int n = write_at_pos(fs, f, NULL, grow);
    f->pos = pos;
    return n < 0 ? n : (uint32_t)n < grow ? ERR_NOSPC : 0;
}

/* ---- commit ---- */

/* The record of a file created by this open, as open would have committed it. */
static void created_entry(const struct ffs_file *f, struct ffs_entry *e)
{
    memset(e, 0, sizeof *e);
    e->type = FFS_T_FILE;
    e->flags = FFS_F_INLINE;
    e->id = f->id;
    e->parent = f->parent;
    e->head = FFS_NONE;
    e->mtime = f->mtime;
    e->name_len = f->name_len;
    memcpy(e->name, f->name, f->name_len);
}

static void created_done(struct flashfs *fs, struct ffs_file *f)
{
    if (f->created) {
        f->created = 0;
        fs->created_files--;
    }
}

/* Commits the creates still pending as empty files, before an operation that looks up
 * names. A read-only mount can commit nothing: they are lost as unsynced writes are. */
int ffs_files_settle(struct flashfs *fs)
{
    for (struct ffs_file *f = fs->files; f && fs->created_files && !fs->read_only; f = f->next) {
        if (!f->created)
            continue;
        struct ffs_entry e;
        created_entry(f, &e);
        int err = ffs_maintain(fs);
        if (!err)
            err = ffs_commit_new(fs, &e, NULL);
        if (err)
            return err;
        created_done(fs, f);
    }
    return 0;
}

static int commit_file(struct flashfs *fs, struct ffs_file *f)
{
    int err = ffs_file_flush(fs, f);
    if (err || !f->dirty)
        return err;
    struct ffs_entry e;
    if ((err = ffs_maintain(fs)) != 0)
        return err;
    int created = f->created;
    if (created)
        created_entry(f, &e);
    else
        err = ffs_find_id(fs, f->id, &e);   /* the name may have changed since open */
    if (err == ERR_NOENT) {
        f->dirty = 0;                   /* unlinked while open: nothing to keep */
        return 0;
    }
    if (err)
        return err;
    if (!f->is_inline && f->size == 0) {
        f->is_inline = 1;
        f->head = FFS_NONE;
    }
    e.size = f->size;
    e.head = f->is_inline ? FFS_NONE : f->head;
    e.flags = f->is_inline ? FFS_F_INLINE : 0;
    e.mtime = f->mtime;
    err = created ? ffs_commit_new(fs, &e, f->buf) : ffs_commit(fs, &e, 1, f->buf);
    if (!err) {
        f->dirty = 0;
        created_done(fs, f);
    }
    return err;
}

int ffs_op_sync(struct vfs_mount *m, void *file)
{
    return commit_file(fs_of(m), file);
}

/* ---- open and close ---- */

/* The entry of a new file; nothing is committed before its first close or sync. */
static int create_file(struct flashfs *fs, uint32_t parent, const char *name, size_t len,
                       struct ffs_entry *e)
{
    memset(e, 0, sizeof *e);
    e->type = FFS_T_FILE;
    e->flags = FFS_F_INLINE;
    e->id = fs->next_id++;
    e->parent = parent;
    e->head = FFS_NONE;
    e->mtime = ffs_now();
    e->name_len = (uint8_t)len;
    memcpy(e->name, name, len);
    return 1;
}

static int find_or_create(struct flashfs *fs, const char *path, int flags, struct ffs_entry *e)
{
    struct ffs_entry dir;
    const char *name;
    size_t len;
    int err = (flags & VFS_O_CREATE) ? ffs_maintain(fs) : 0;
    if (!err)
        err = ffs_lookup_parent(fs, path, &dir, &name, &len);
    if (err)
        return err == ERR_INVAL ? ERR_ISDIR : err;
    err = ffs_find_child(fs, dir.id, name, len, e);
    if (err == ERR_NOENT && (flags & VFS_O_CREATE))
        return create_file(fs, dir.id, name, len, e);
    if (err)
        return err;
    if ((flags & VFS_O_CREATE) && (flags & VFS_O_EXCL))
        return ERR_EXIST;
    return e->type == FFS_T_DIR ? ERR_ISDIR : 0;
}

int ffs_op_open(struct vfs_mount *m, const char *path, int flags, void **file)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_entry e;
    int err = (flags & VFS_O_WRITE) ? ffs_writable(fs) : 0;
    if (!err)
        err = find_or_create(fs, path, flags, &e);
    if (err < 0)
        return err;
    int created = err;
    struct ffs_file *f = calloc(1, sizeof *f + fs->unit);
    if (!f)
        return ERR_NOMEM;
    f->id = e.id;
    f->flags = flags;
    f->size = e.size;
    f->head = e.head;
    f->mtime = e.mtime;
    f->is_inline = (e.flags & FFS_F_INLINE) != 0;
    if (created) {
        f->created = f->dirty = 1;
        f->parent = e.parent;
        f->name_len = e.name_len;
        memcpy(f->name, e.name, e.name_len);
        fs->created_files++;
    } else if (f->is_inline &&
               (err = ffs_meta_read(fs, e.data_block, e.data_off, f->buf, e.size)) != 0) {
        free(f);
        return err;
    }
    if ((flags & VFS_O_TRUNC) && (flags & VFS_O_WRITE) && f->size > 0) {
        f->size = 0;
        f->is_inline = 1;
        f->head = FFS_NONE;
        f->dirty = 1;
        f->mtime = ffs_now();
    }
    f->next = fs->files;
    fs->files = f;
    fs->open_files++;
    *file = f;
    return 0;
}

int ffs_op_close(struct vfs_mount *m, void *file)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_file *f = file;
    int err = f->error ? f->error : commit_file(fs, f);
    created_done(fs, f);   /* not committed (an error): the file was never made */
    for (struct ffs_file **p = &fs->files; *p; p = &(*p)->next) {
        if (*p == f) {
            *p = f->next;
            break;
        }
    }
    fs->open_files--;
    free(f);
    return err;
}
