/* Consistency check and repair. Mount already verified every commit; this looks at what
 * commits cannot promise on a damaged image: that every entry hangs off the root, that
 * file chains can be followed, and that names are unique. */
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

struct chain_check {
    int bad;
};

static void check_block(struct flashfs *fs, uint32_t block, void *ctx)
{
    uint8_t magic[4];
    struct chain_check *c = ctx;
    if (ffs_read(fs, block, 0, magic, 4) != 0 || ffs_get32(magic) != FFS_MAGIC_BLOCK)
        c->bad = 1;
}

static int chain_broken(struct flashfs *fs, const struct ffs_entry *e)
{
    if (e->type != FFS_T_FILE || (e->flags & FFS_F_INLINE))
        return 0;
    struct chain_check c = { 0 };
    int err = ffs_ctz_walk(fs, e->head, e->size, check_block, &c);
    return err == ERR_IO ? err : (err != 0 || c.bad);
}

/* 1 when some ancestor is missing or not a directory (or the parents form a cycle). */
static int is_orphan(struct flashfs *fs, const struct ffs_entry *e)
{
    uint32_t dir = e->parent;
    for (uint32_t steps = 0; dir != 0; steps++) {
        struct ffs_entry p;
        int err = ffs_find_id(fs, dir, &p);
        if (err == ERR_IO)
            return err;
        if (err || p.type != FFS_T_DIR || steps > fs->next_id)
            return 1;
        dir = p.parent;
    }
    return 0;
}

static int is_duplicate(struct flashfs *fs, const struct ffs_entry *e)
{
    struct ffs_entry found;
    int err = ffs_find_child(fs, e->parent, e->name, e->name_len, &found);
    if (err == ERR_IO)
        return err;
    return err != 0 || found.id != e->id;
}

/* Checks one current entry; returns 1 if it should be removed, 0 if fine, or an error. */
static int check_entry(struct flashfs *fs, const struct ffs_entry *e, struct flashfs_fsck_report *r)
{
    if (e->type == FFS_T_DIR)
        r->dirs++;
    else
        r->files++;
    int orphan = is_orphan(fs, e);
    if (orphan < 0)
        return orphan;
    int broken = orphan ? 0 : chain_broken(fs, e);
    if (broken < 0)
        return broken;
    int dup = orphan ? 0 : is_duplicate(fs, e);
    if (dup < 0)
        return dup;
    r->orphans += (uint32_t)orphan;
    r->broken_files += (uint32_t)broken;
    r->duplicates += (uint32_t)dup;
    return orphan || broken;
}

static int scan(struct flashfs *fs, int repair, struct flashfs_fsck_report *r)
{
    struct ffs_iter it;
    struct ffs_entry e;
    int more;
    ffs_iter_init(fs, &it);
    while ((more = ffs_iter_next(fs, &it, &e)) > 0) {
        r->records++;
        if (e.type == FFS_T_DEL)
            continue;
        int current = ffs_is_current(fs, &it, e.id);
        if (current <= 0) {
            if (current < 0)
                return current;
            continue;
        }
        int bad = check_entry(fs, &e, r);
        if (bad < 0)
            return bad;
        if (bad && repair) {
            /* the log grows behind the iterator; the DEL records it meets are skipped */
            int err = ffs_commit_delete(fs, e.id);
            if (err)
                return err;
            r->repaired++;
        }
    }
    return more;
}

int flashfs_fsck(hal_blockdev_t *bd, int repair, struct flashfs_fsck_report *r)
{
    void *handle;
    memset(r, 0, sizeof *r);
    int err = flashfs_mount(bd, NULL, &handle);
    if (err)
        return err;
    struct flashfs *fs = handle;
    r->roots_valid = fs->roots_found;
    r->dirty_tail = (uint32_t)fs->dirty_tail;
    if (repair && fs->dirty_tail)
        err = ffs_compact(fs);   /* expected after a power cut: not counted as a problem */
    if (!err)
        err = scan(fs, repair, r);
    if (!err)
        err = ffs_count_used(fs, &r->blocks_used);
    r->log_blocks = fs->log.index + 1;
    flashfs_unmount(fs);
    if (err)
        return err;
    uint32_t problems = r->orphans + r->broken_files + r->duplicates;
    return (int)(problems - (r->repaired < problems ? r->repaired : problems));
}
