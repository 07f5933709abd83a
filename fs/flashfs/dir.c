/* Names. The current state of an entry is its last record in the log; a record is current
 * when no later record has the same id. Look-ups scan the log once, keeping only the one
 * candidate that matches, so no table of entries is ever held in RAM. */
#include <stdlib.h>
#include <string.h>
#include "fs/flashfs/flashfs_int.h"
#include "hal/time.h"

int64_t ffs_now(void)
{
    return hal_rtc_get();
}

/* Every field but the name's unused bytes: each path look-up starts here, and clearing
 * all 104 bytes of the entry cost more than the rest of a one-component look-up. */
LEAF void ffs_root_entry(struct ffs_entry *e)
{
    e->type = FFS_T_DIR;
    e->name_len = 0;
    e->flags = 0;
    e->id = 0;
    e->parent = FFS_NONE;
    e->size = 0;
    e->head = FFS_NONE;
    e->mtime = 0;
    e->data_block = e->data_off = 0;
    e->name[0] = '\0';
}

static LEAF int is_live(const struct ffs_entry *e)
{
    return e->type == FFS_T_FILE || e->type == FFS_T_DIR;
}

/* 1 when no record after `after` names x's id. Records before the tail were written by a
 * compaction, one per id, so for a file the search can start at the tail; a compaction
 * writes every directory twice, so for a directory it starts right after. */
int ffs_is_current(struct flashfs *fs, const struct ffs_iter *after, const struct ffs_entry *x)
{
    struct ffs_iter it = *after;
    struct ffs_entry e;
    int more;
    if (x->type != FFS_T_DIR && ffs_iter_before(&it, &fs->tail))
        it = fs->tail;
    it.names_for = FFS_NO_NAMES;
    while ((more = ffs_iter_next(fs, &it, &e)) > 0)
        if (e.id == x->id)
            return 0;
    return more < 0 ? more : 1;
}

int ffs_find_child(struct flashfs *fs, uint32_t parent, const char *name, size_t len,
                   struct ffs_entry *e)
{
    if (ffs_index_usable(fs))
        return ffs_index_find_child(fs, parent, name, len, e);
    struct ffs_iter it;
    struct ffs_entry x;
    uint32_t candidate = FFS_NONE;
    int more;
    ffs_iter_init(fs, &it);
    it.names_for = parent;
    while ((more = ffs_iter_next(fs, &it, &x)) > 0) {
        if (x.id == candidate)
            candidate = FFS_NONE;   /* renamed, moved or deleted since */
        if (is_live(&x) && x.parent == parent && x.name_len == len &&
            memcmp(x.name, name, len) == 0) {
            candidate = x.id;
            *e = x;
        }
    }
    if (more < 0)
        return more;
    return candidate == FFS_NONE ? ERR_NOENT : 0;
}

int ffs_find_id(struct flashfs *fs, uint32_t id, struct ffs_entry *e)
{
    if (id == 0) {
        ffs_root_entry(e);
        return 0;
    }
    if (ffs_index_usable(fs))
        return ffs_index_find_id(fs, id, e);
    struct ffs_iter it;
    struct ffs_entry x;
    int more, found = 0;
    ffs_iter_init(fs, &it);
    while ((more = ffs_iter_next(fs, &it, &x)) > 0) {
        if (x.id == id) {
            *e = x;
            found = 1;
        }
    }
    if (more < 0)
        return more;
    return found && is_live(e) ? 0 : ERR_NOENT;
}

int ffs_has_children(struct flashfs *fs, uint32_t dir)
{
    if (ffs_index_usable(fs))
        return ffs_index_has_children(fs, dir);
    struct ffs_iter it;
    struct ffs_entry x;
    int more;
    ffs_iter_init(fs, &it);
    it.names_for = FFS_NO_NAMES;
    while ((more = ffs_iter_next(fs, &it, &x)) > 0) {
        if (!is_live(&x) || x.parent != dir)
            continue;
        int current = ffs_is_current(fs, &it, &x);
        if (current != 0)
            return current;
    }
    return more;
}

/* Splits the next component off *p. Returns its length, 0 at the end of the path. A loop
 * for the one separator: the C library's strcspn takes a set, and cost 60 instructions a
 * call on a short name (two or three calls a look-up). */
static size_t component(const char **p)
{
    while (**p == '/')
        (*p)++;
    const char *end = *p;
    while (*end && *end != '/')
        end++;
    return (size_t)(end - *p);
}

int ffs_lookup(struct flashfs *fs, const char *path, struct ffs_entry *e)
{
    ffs_root_entry(e);
    size_t n;
    while ((n = component(&path)) > 0) {
        if (n > FFS_NAME_MAX)
            return ERR_NAMETOOLONG;
        if (e->type != FFS_T_DIR)
            return ERR_NOTDIR;
        int err = ffs_find_child(fs, e->id, path, n, e);
        if (err)
            return err;
        path += n;
    }
    return 0;
}

/* Resolves every component but the last, which is returned in name/len. ERR_INVAL when
 * the path names the root itself. */
int ffs_lookup_parent(struct flashfs *fs, const char *path, struct ffs_entry *dir,
                      const char **name, size_t *len)
{
    ffs_root_entry(dir);
    for (;;) {
        size_t n = component(&path);
        if (n == 0)
            return ERR_INVAL;
        if (n > FFS_NAME_MAX)
            return ERR_NAMETOOLONG;
        const char *rest = path + n;
        while (*rest == '/')
            rest++;
        if (*rest == '\0') {
            *name = path;
            *len = n;
            return 0;
        }
        int err = ffs_find_child(fs, dir->id, path, n, dir);
        if (err)
            return err;
        if (dir->type != FFS_T_DIR)
            return ERR_NOTDIR;
        path = rest;
    }
}

/* ---- vfs operations on names ---- */

static struct flashfs *fs_of(struct vfs_mount *m)
{
    return m->fs;
}

int ffs_op_stat(struct vfs_mount *m, const char *path, struct vfs_stat *st)
{
    struct ffs_entry e;
    int err = ffs_lookup(fs_of(m), path, &e);
    if (err)
        return err;
    st->type = e.type == FFS_T_DIR ? VFS_DIR : VFS_FILE;
    st->size = e.size;
    st->mtime = e.mtime;
    return 0;
}

/* Ends entry id with a DEL record (unlink, rmdir, fsck's repair). */
int ffs_commit_delete(struct flashfs *fs, uint32_t id)
{
    struct ffs_entry del;
    memset(&del, 0, sizeof del);
    del.type = FFS_T_DEL;
    del.id = id;
    del.parent = FFS_NONE;
    del.head = FFS_NONE;
    return ffs_commit(fs, &del, 1, NULL);
}

int ffs_op_mkdir(struct vfs_mount *m, const char *path)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_entry dir, e;
    const char *name;
    size_t len;
    int err = ffs_maintain(fs);
    if (err == ERR_ROFS && ffs_lookup(fs, path, &e) == 0)
        return ERR_EXIST;   /* what was asked for is there: boot's mkdir -p still works */
    if (!err)
        err = ffs_lookup_parent(fs, path, &dir, &name, &len);
    if (err)
        return err == ERR_INVAL ? ERR_EXIST : err;
    err = ffs_find_child(fs, dir.id, name, len, &e);
    if (err != ERR_NOENT)
        return err ? err : ERR_EXIST;
    memset(&e, 0, sizeof e);
    e.type = FFS_T_DIR;
    e.id = fs->next_id;
    e.parent = dir.id;
    e.head = FFS_NONE;
    e.mtime = ffs_now();
    e.name_len = (uint8_t)len;
    memcpy(e.name, name, len);
    err = ffs_commit_new(fs, &e, NULL);
    if (!err)
        fs->next_id++;
    return err;
}

/* The entry a removal acts on, after the log maintenance every change starts with. */
static int find_to_remove(struct flashfs *fs, const char *path, struct ffs_entry *e)
{
    int err = ffs_maintain(fs);
    return err ? err : ffs_lookup(fs, path, e);
}

int ffs_op_rmdir(struct vfs_mount *m, const char *path)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_entry e;
    int err = find_to_remove(fs, path, &e);
    if (err)
        return err;
    if (e.id == 0)
        return ERR_BUSY;
    if (e.type != FFS_T_DIR)
        return ERR_NOTDIR;
    err = ffs_has_children(fs, e.id);
    if (err)
        return err > 0 ? ERR_NOTEMPTY : err;
    return ffs_commit_delete(fs, e.id);
}

int ffs_op_unlink(struct vfs_mount *m, const char *path)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_entry e;
    int err = find_to_remove(fs, path, &e);
    if (err)
        return err;
    if (e.type == FFS_T_DIR)
        return ERR_ISDIR;
    return ffs_commit_delete(fs, e.id);
}

/* ERR_INVAL when dir is src or lies below it: moving a directory into itself would cut
 * the subtree off from the root. */
static int check_not_inside(struct flashfs *fs, uint32_t dir, uint32_t src)
{
    for (uint32_t steps = 0; dir != 0; steps++) {
        if (dir == src)
            return ERR_INVAL;
        struct ffs_entry e;
        int err = ffs_find_id(fs, dir, &e);
        if (err)
            return err == ERR_NOENT ? ERR_CORRUPT : err;
        if (steps > fs->next_id)
            return ERR_CORRUPT;   /* a parent cycle in a damaged image */
        dir = e.parent;
    }
    return 0;
}

/* What replacing dst by src needs: same kind, and an empty directory. */
static int check_replace(struct flashfs *fs, const struct ffs_entry *src, const struct ffs_entry *dst)
{
    if (src->type == FFS_T_DIR && dst->type != FFS_T_DIR)
        return ERR_NOTDIR;
    if (src->type != FFS_T_DIR && dst->type == FFS_T_DIR)
        return ERR_ISDIR;
    if (dst->type != FFS_T_DIR)
        return 0;
    int err = ffs_has_children(fs, dst->id);
    return err > 0 ? ERR_NOTEMPTY : err;
}

/* One commit holds the entry's new name and the removal of whatever it replaces, so the
 * rename happens entirely or not at all. */
int ffs_op_rename(struct vfs_mount *m, const char *from, const char *to)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_entry recs[2], dir;
    const char *name;
    size_t len;
    int n = 1;
    int err = ffs_maintain(fs);
    if (!err)
        err = ffs_lookup(fs, from, &recs[0]);
    if (err)
        return err;
    if (recs[0].id == 0)
        return ERR_BUSY;
    err = ffs_lookup_parent(fs, to, &dir, &name, &len);
    if (err)
        return err == ERR_INVAL ? ERR_BUSY : err;
    err = ffs_find_child(fs, dir.id, name, len, &recs[1]);
    if (err == 0) {
        if (recs[1].id == recs[0].id)
            return 0;
        if ((err = check_replace(fs, &recs[0], &recs[1])) != 0)
            return err;
        recs[1].type = FFS_T_DEL;
        recs[1].name_len = 0;
        recs[1].flags = 0;
        n = 2;
    } else if (err != ERR_NOENT) {
        return err;
    }
    if (recs[0].type == FFS_T_DIR && (err = check_not_inside(fs, dir.id, recs[0].id)) != 0)
        return err;
    recs[0].parent = dir.id;
    recs[0].name_len = (uint8_t)len;
    memcpy(recs[0].name, name, len);
    return ffs_commit(fs, recs, n, NULL);
}

/* ---- directory listing ----
 * Entries are listed in id order: ids never change, so an entry that exists during the
 * whole listing is returned exactly once even if it is rewritten, renamed inside the
 * directory or the log is compacted meanwhile, and the handle needs to remember no name.
 * One walk of the log fills a fixed batch with the children of the smallest ids above the
 * last one returned, and where their current records are; the entries are then read
 * straight from those places. A compaction moves every record, so a batch is only used in
 * the log generation that found it; otherwise the next walk starts again after last_id. */

int ffs_op_opendir(struct vfs_mount *m, const char *path, void **out)
{
    struct flashfs *fs = fs_of(m);
    struct ffs_entry e;
    int err = ffs_lookup(fs, path, &e);
    if (err)
        return err;
    if (e.type != FFS_T_DIR)
        return ERR_NOTDIR;
    struct ffs_dir *d = malloc(sizeof *d);
    if (!d)
        return ERR_NOMEM;
    d->id = e.id;
    d->last_id = 0;
    d->count = 0;
    fs->open_dirs++;
    *out = d;
    return 0;
}

static int slot_of(const struct ffs_dir *d, uint32_t id)
{
    for (uint32_t i = 0; i < d->count; i++)
        if (d->batch[i].id == id)
            return (int)i;
    return -1;
}

static uint32_t slot_of_largest(const struct ffs_dir *d)
{
    uint32_t top = 0;
    for (uint32_t i = 1; i < d->count; i++)
        if (d->batch[i].id > d->batch[top].id)
            top = i;
    return top;
}

static void drop_slot(struct ffs_dir *d, uint32_t i)
{
    d->batch[i] = d->batch[--d->count];
}

/* Takes record x (met in log order) into the batch. A child's later record replaces its
 * earlier one, and a record saying it left (deleted, moved away) drops it. A full batch
 * gives up its largest id for a smaller one; bound then says that no child at or above it
 * is known, which keeps the batch complete below bound. */
static void batch_record(struct ffs_dir *d, const struct ffs_entry *x)
{
    if (x->id <= d->last_id || x->id >= d->bound)
        return;
    int i = slot_of(d, x->id);
    if (!is_live(x) || x->parent != d->id) {
        if (i >= 0)
            drop_slot(d, (uint32_t)i);
        return;
    }
    if (i < 0 && d->count < FFS_DIR_BATCH) {
        i = (int)d->count++;
    } else if (i < 0) {
        uint32_t top = slot_of_largest(d);
        if (x->id > d->batch[top].id) {
            d->bound = x->id;
            return;
        }
        d->bound = d->batch[top].id;
        i = (int)top;
    }
    d->batch[i].id = x->id;
    d->batch[i].block = x->data_block;
    d->batch[i].off = ffs_record_off(x);
}

/* One walk of the log: the next batch of children after last_id. */
static int fill_batch(struct flashfs *fs, struct ffs_dir *d)
{
    struct ffs_iter it;
    struct ffs_entry x;
    int more;
    d->count = 0;
    d->bound = FFS_NONE;
    d->gen = fs->seq;
    ffs_iter_init(fs, &it);
    it.names_for = FFS_NO_NAMES;
    while ((more = ffs_iter_next(fs, &it, &x)) > 0)
        batch_record(d, &x);
    if (more < 0)
        d->count = 0;
    return more;
}

/* Moves past the batch just used up: every child below bound has been returned. */
static void batch_done(struct ffs_dir *d)
{
    d->last_id = d->bound == FFS_NONE ? FFS_NONE : d->bound - 1;
}

/* The child of d with the smallest id above d->last_id: 1 found, 0 none, or an error. */
static int next_child(struct flashfs *fs, struct ffs_dir *d, struct ffs_entry *e)
{
    if (d->gen != fs->seq)
        d->count = 0;   /* compacted: the batch's records have moved */
    while (d->count == 0) {
        if (d->last_id == FFS_NONE)
            return 0;
        int err = fill_batch(fs, d);
        if (err)
            return err;
        if (d->count == 0)
            batch_done(d);
    }
    uint32_t first = 0;
    for (uint32_t i = 1; i < d->count; i++)
        if (d->batch[i].id < d->batch[first].id)
            first = i;
    struct ffs_dir_slot s = d->batch[first];
    int err = ffs_record_at(fs, s.block, s.off, e);
    if (err)
        return err;
    if (e->id != s.id)
        return ERR_CORRUPT;
    drop_slot(d, first);
    d->last_id = s.id;
    if (d->count == 0)
        batch_done(d);
    return 1;
}

int ffs_op_readdir(struct vfs_mount *m, void *dir, struct vfs_dirent *ent)
{
    struct ffs_entry e;
    int found = next_child(fs_of(m), dir, &e);
    if (found <= 0)
        return found;
    memcpy(ent->name, e.name, (size_t)e.name_len + 1);
    ent->type = e.type == FFS_T_DIR ? VFS_DIR : VFS_FILE;
    ent->size = e.size;
    ent->mtime = e.mtime;
    return 1;
}

int ffs_op_closedir(struct vfs_mount *m, void *dir)
{
    struct flashfs *fs = fs_of(m);
    free(dir);
    fs->open_dirs--;
    return 0;
}
