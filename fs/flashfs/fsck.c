/* Consistency check and repair. Mount already verified every commit and found the damaged
 * ones; this reports them and looks at what commits cannot promise on a damaged image:
 * that every entry hangs off the root, that file chains can be followed, and that names
 * are unique. */
#include <stdio.h>
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

/* 1 when some ancestor is missing or not a directory (or the parents form a cycle); then
 * *missing is the nearest ancestor id that has no record at all, or FFS_NONE. */
static int is_orphan(struct flashfs *fs, const struct ffs_entry *e, uint32_t *missing)
{
    uint32_t dir = e->parent;
    *missing = FFS_NONE;
    for (uint32_t steps = 0; dir != 0; steps++) {
        struct ffs_entry p;
        int err = ffs_find_id(fs, dir, &p);
        if (err == ERR_IO)
            return err;
        if (err == ERR_NOENT)
            *missing = dir;
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

/* What check_entry found wrong with an entry. */
struct verdict {
    int orphan, broken;
    uint32_t missing;   /* of an orphan: the ancestor id without a record, or FFS_NONE */
};

/* Checks one current entry; returns 1 if it needs repair, 0 if fine, or an error. */
static int check_entry(struct flashfs *fs, const struct ffs_entry *e, struct flashfs_fsck_report *r,
                       struct verdict *v)
{
    if (e->type == FFS_T_DIR)
        r->dirs++;
    else
        r->files++;
    int orphan = is_orphan(fs, e, &v->missing);
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
    v->orphan = orphan;
    v->broken = broken;
    return orphan || broken;
}

#define LOST_FOUND "lost+found"

/* The id of /lost+found, made when first needed. */
static int lost_found(struct flashfs *fs, uint32_t *id)
{
    struct ffs_entry e;
    int err = ffs_find_child(fs, 0, LOST_FOUND, strlen(LOST_FOUND), &e);
    if (!err) {
        *id = e.id;
        return e.type == FFS_T_DIR ? 0 : ERR_EXIST;
    }
    if (err != ERR_NOENT)
        return err;
    memset(&e, 0, sizeof e);
    e.type = FFS_T_DIR;
    e.id = fs->next_id;
    e.head = FFS_NONE;
    e.mtime = ffs_now();
    e.name_len = (uint8_t)strlen(LOST_FOUND);
    memcpy(e.name, LOST_FOUND, e.name_len);
    err = ffs_commit(fs, &e, 1, NULL);
    if (!err) {
        fs->next_id++;
        *id = e.id;
    }
    return err;
}

/* Hangs an orphan back under /lost+found, named by id. When a directory above it has no
 * record left (it was in a damaged commit), that directory is made again there, which
 * brings back its whole subtree at once; otherwise the entry itself moves there. */
static int adopt(struct flashfs *fs, const struct ffs_entry *e, uint32_t missing)
{
    uint32_t home;
    int err = lost_found(fs, &home);
    if (err)
        return err;
    struct ffs_entry n = *e;
    if (missing != FFS_NONE) {
        memset(&n, 0, sizeof n);
        n.type = FFS_T_DIR;
        n.id = missing;
        n.head = FFS_NONE;
        n.mtime = ffs_now();
    }
    n.parent = home;
    n.name_len = (uint8_t)snprintf(n.name, sizeof n.name, "#%lu", (unsigned long)n.id);
    return ffs_commit(fs, &n, 1, NULL);
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
        int current = ffs_is_current(fs, &it, &e);
        if (current <= 0) {
            if (current < 0)
                return current;
            continue;
        }
        struct verdict v;
        int bad = check_entry(fs, &e, r, &v);
        if (bad < 0)
            return bad;
        if (bad && repair) {
            /* the log grows behind the iterator; the records it meets there are current */
            int err = v.orphan ? adopt(fs, &e, v.missing) : ffs_commit_delete(fs, e.id);
            if (err)
                return err;
            r->repaired++;
        }
    }
    return more;
}

static uint32_t superblocks_current(const struct flashfs *fs)
{
    uint32_t n = 0;
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++)
        n += fs->root_current >> b & 1u;
    return n;
}

/* Rewrites the log without what mount found damaged or torn, and gives both superblocks
 * the root. The damaged commits are dropped for good: the entries they held go back to
 * their previous records (or are gone when created there), and every later commit stays. */
static int repair_log(struct flashfs *fs, struct flashfs_fsck_report *r)
{
    int err = 0;
    if (fs->dirty_tail || fs->read_only) {
        fs->read_only = NULL;   /* asked for: the loss of what the damage held is accepted */
        err = ffs_compact(fs);
        if (!err)
            r->repaired += r->damaged_commits + r->damaged_links;
    }
    if (!err && superblocks_current(fs) < FFS_SUPER_BLOCKS)
        err = ffs_restore_roots(fs);
    return err;
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
    r->superblocks = superblocks_current(fs);
    r->dirty_tail = (uint32_t)fs->dirty_tail;
    r->damaged_commits = fs->damaged_commits;
    r->damaged_links = fs->damaged_links;
    if (repair)
        err = repair_log(fs, r);   /* a torn end and a stale superblock are not problems */
    if (!err)
        err = scan(fs, repair, r);
    if (!err)
        err = ffs_count_used(fs, &r->blocks_used);
    r->log_blocks = fs->log.index + 1;
    flashfs_unmount(fs);
    if (err)
        return err;
    uint32_t problems = r->orphans + r->broken_files + r->duplicates + r->damaged_commits +
                        r->damaged_links;
    return (int)(problems - (r->repaired < problems ? r->repaired : problems));
}
