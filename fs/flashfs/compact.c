/* Compaction and root records. The log only grows; compaction copies the current record
 * of every live entry into a fresh chain and then switches to it by writing one root
 * record. Until that single page program completes, the old root and old log are
 * untouched, so a power cut anywhere in here loses nothing. */
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

/* Root record: magic, version, seq, block size, block count, unit, log head, tail block,
 * tail index, tail offset, base blocks, crc. */
static void encode_root(const struct flashfs *fs, uint8_t *p, uint32_t seq,
                        const struct ffs_log *lw, uint32_t base_blocks)
{
    const uint32_t v[11] = { FFS_MAGIC_ROOT, FFS_VERSION, seq, fs->bsize, fs->count, fs->unit,
                             lw->head, lw->block, lw->index, lw->off, base_blocks };
    for (int i = 0; i < 11; i++)
        ffs_put32(p + 4 * i, v[i]);
    ffs_put32(p + 44, ffs_crc32(0, p, 44));
}

struct root {
    uint32_t seq, head, tail_block, tail_index, tail_off, base_blocks;
};

static int decode_root(const struct flashfs *fs, const uint8_t *p, struct root *r)
{
    if (ffs_get32(p) != FFS_MAGIC_ROOT || ffs_get32(p + 44) != ffs_crc32(0, p, 44))
        return ERR_CORRUPT;
    if (ffs_get32(p + 4) != FFS_VERSION || ffs_get32(p + 12) != fs->bsize ||
        ffs_get32(p + 16) != fs->count || ffs_get32(p + 20) != fs->unit)
        return ERR_CORRUPT;
    r->seq = ffs_get32(p + 8);
    r->head = ffs_get32(p + 24);
    r->tail_block = ffs_get32(p + 28);
    r->tail_index = ffs_get32(p + 32);
    r->tail_off = ffs_get32(p + 36);
    r->base_blocks = ffs_get32(p + 40);
    if (r->head < FFS_SUPER_BLOCKS || r->head >= fs->count || r->tail_block >= fs->count ||
        r->tail_off < fs->unit || r->tail_off > fs->bsize || r->tail_index >= fs->count)
        return ERR_CORRUPT;
    return 0;
}

static uint32_t pages_per_block(const struct flashfs *fs)
{
    return fs->bsize / fs->unit;
}

/* The tail must be a block of the log chain at or before its end; a bad one would make
 * records look current that are not. */
static int check_tail(struct flashfs *fs)
{
    const struct ffs_iter *t = &fs->tail;
    if (t->index > fs->log.index || (t->index == fs->log.index && t->off > fs->log.off))
        return ERR_CORRUPT;
    uint32_t block = fs->log.head;
    for (uint32_t i = 0; i < t->index; i++) {
        int err = ffs_log_next_block(fs, fs->log.gen, block, i, &block);
        if (err)
            return err;
    }
    return block == t->block ? 0 : ERR_CORRUPT;
}

/* Finds the newest valid root in the two superblocks and opens its log. */
int ffs_find_root(struct flashfs *fs, uint32_t *valid_roots)
{
    struct root best = { 0 }, r;
    int found = 0;
    uint8_t p[FFS_ROOT_SIZE];
    *valid_roots = 0;
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++) {
        int err = ffs_check_meta_header(fs, b, FFS_KIND_SUPER, FFS_NONE, FFS_NONE);
        if (err == ERR_IO)
            return err;
        for (uint32_t pg = 1; !err && pg < pages_per_block(fs); pg++) {
            if ((err = ffs_read(fs, b, pg * fs->unit, p, sizeof p)) != 0)
                return err;
            if (decode_root(fs, p, &r) != 0)
                continue;
            ++*valid_roots;
            if (!found || r.seq > best.seq) {
                best = r;
                found = 1;
                fs->super_block = b;
                fs->root_page = pg;
            }
        }
    }
    if (!found)
        return ERR_CORRUPT;
    fs->seq = best.seq;
    fs->base_blocks = best.base_blocks;
    int err = ffs_log_open(fs, best.head, best.seq);
    if (err)
        return err;
    fs->tail.block = best.tail_block;
    fs->tail.index = best.tail_index;
    fs->tail.off = best.tail_off;
    fs->tail.in_commit = 0;
    return check_tail(fs);
    return 0;
}

/* The next erased page after the current root, or a freshly erased other superblock. */
static int root_slot(struct flashfs *fs, uint32_t *block, uint32_t *page)
{
    for (uint32_t pg = fs->root_page + 1; pg < pages_per_block(fs); pg++) {
        int erased = ffs_is_erased(fs, fs->super_block, pg * fs->unit, fs->unit);
        if (erased < 0)
            return erased;
        if (erased) {
            *block = fs->super_block;
            *page = pg;
            return 0;
        }
    }
    uint32_t other = fs->super_block ^ 1u;
    uint32_t ec = ffs_erase_count(fs, other);
    int err = ffs_erase(fs, other);
    if (!err)
        err = ffs_write_meta_header(fs, other, ec == FFS_NONE ? fs->ec_guess : ec + 1,
                                    FFS_KIND_SUPER, 0, 0);
    *block = other;
    *page = 1;
    return err;
}

int ffs_write_root(struct flashfs *fs, uint32_t seq, const struct ffs_log *lw,
                   uint32_t base_blocks)
{
    uint32_t block, page;
    int err = root_slot(fs, &block, &page);
    if (err)
        return err;
    memset(fs->prog_buf, 0xFF, fs->unit);
    encode_root(fs, fs->prog_buf, seq, lw, base_blocks);
    err = ffs_prog(fs, block, page * fs->unit, fs->prog_buf, fs->unit);
    if (err)
        return err;
    fs->super_block = block;
    fs->root_page = page;
    return 0;
}

static int start_chain(struct flashfs *fs, struct ffs_log *lw, uint32_t gen)
{
    uint32_t block, ec;
    memset(lw, 0, sizeof *lw);
    int err = ffs_alloc_block(fs, 0, &block, &ec);
    if (err)
        return err;
    lw->head = lw->block = block;
    lw->gen = gen;
    lw->off = fs->unit;
    return ffs_write_meta_header(fs, block, ec, FFS_KIND_LOG, gen, 0);
}

/* Copies every current, live record of the old log into lw, in log order (readdir relies
 * on the order being kept). */
static int copy_live(struct flashfs *fs, struct ffs_log *lw)
{
    struct ffs_iter it;
    struct ffs_entry e;
    int more, err = ffs_log_begin(fs, lw, 0);
    ffs_iter_init(fs, &it);
    while (!err && (more = ffs_iter_next(fs, &it, &e)) > 0) {
        if (e.type == FFS_T_DEL)
            continue;
        int current = ffs_is_current(fs, &it, e.id);
        if (current <= 0) {
            err = current;
            continue;
        }
        uint32_t size = ffs_record_size(&e);
        if (!ffs_log_room(fs, lw, size)) {
            err = ffs_log_end(fs, lw);
            if (!err)
                err = ffs_log_begin(fs, lw, size);
        }
        if (!err)
            err = ffs_log_put(fs, lw, &e, NULL);
    }
    if (!err && more < 0)
        err = more;
    return err ? err : ffs_log_end(fs, lw);
}

int ffs_compact(struct flashfs *fs)
{
    struct ffs_log nl;
    uint32_t gen = fs->seq + 1;
    fs->building = &nl;
    int err = start_chain(fs, &nl, gen);
    if (!err)
        err = copy_live(fs, &nl);
    if (!err)
        err = ffs_write_root(fs, gen, &nl, nl.index + 1);
    fs->building = NULL;
    if (err) {
        fs->map_valid = 0;   /* give the half-built chain back */
        return err;
    }
    fs->seq = gen;
    fs->log = nl;
    ffs_cache_clear(fs);   /* let the new base take the cache */
    fs->tail.block = nl.block;
    fs->tail.index = nl.index;
    fs->tail.off = nl.off;
    fs->tail.in_commit = 0;
    fs->base_blocks = nl.index + 1;
    fs->dirty_tail = 0;
    return 0;
}

/* Compacts when the log is torn (required before appending) or its tail has grown past
 * the limit (keeps look-ups and mount fast). */
int ffs_maintain(struct flashfs *fs)
{
    uint32_t limit = fs->count / 16;
    if (limit < 2)
        limit = 2;
    if (limit > 16)
        limit = 16;
    if (limit < fs->base_blocks)
        limit = fs->base_blocks;
    if (fs->dirty_tail)
        return ffs_compact(fs);
    if (fs->log.index - fs->tail.index < limit)
        return 0;
    int err = ffs_compact(fs);
    return err == ERR_NOSPC ? 0 : err;   /* a long log still works, it is only slower */
}
