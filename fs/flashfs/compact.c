/* Compaction and root records. The log only grows; compaction copies the current record
 * of every live entry into a fresh chain and then switches to it by writing one root
 * record. Until that single page program completes, the old root and old log are
 * untouched, so a power cut anywhere in here loses nothing. */
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

/* Root record: magic, version, seq, block size, block count, unit, log head, tail block,
 * tail index, tail offset, base blocks, commit alignment of the log, crc. */
static void encode_root(const struct flashfs *fs, uint8_t *p, uint32_t seq,
                        const struct ffs_log *lw, uint32_t base_blocks)
{
    const uint32_t v[12] = { FFS_MAGIC_ROOT, FFS_VERSION, seq, fs->bsize, fs->count, fs->unit,
                             lw->head, lw->block, lw->index, lw->off, base_blocks, lw->align };
    for (int i = 0; i < 12; i++)
        ffs_put32(p + 4 * i, v[i]);
    ffs_put32(p + 48, ffs_crc32(0, p, 48));
}

struct root {
    uint32_t seq, head, tail_block, tail_index, tail_off, base_blocks, align;
};

/* Version 1 (no alignment field: its commits start at units) and 2 are read. */
static int decode_root(const struct flashfs *fs, const uint8_t *p, struct root *r)
{
    uint32_t version = ffs_get32(p + 4);
    uint32_t crc_at = version == 1 ? FFS_ROOT_SIZE_V1 - 4 : FFS_ROOT_SIZE - 4;
    if (ffs_get32(p) != FFS_MAGIC_ROOT || (version != 1 && version != FFS_VERSION) ||
        ffs_get32(p + crc_at) != ffs_crc32(0, p, crc_at))
        return ERR_CORRUPT;
    if (ffs_get32(p + 12) != fs->bsize || ffs_get32(p + 16) != fs->count ||
        ffs_get32(p + 20) != fs->unit)
        return ERR_CORRUPT;
    r->align = version == 1 ? fs->unit : ffs_get32(p + 44);
    if (r->align == 0 || r->align % fs->bd->prog_size || fs->unit % r->align)
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

/* The page after the last programmed one of superblock b (a damaged or torn root is never
 * programmed over), or 0 when the block is full and must be erased first. */
static int next_root_page(struct flashfs *fs, uint32_t b, uint32_t *page)
{
    uint32_t pg = pages_per_block(fs);
    for (; pg > 1; pg--) {
        int erased = ffs_is_erased(fs, b, (pg - 1) * fs->unit, fs->unit);
        if (erased < 0)
            return erased;
        if (!erased)
            break;
    }
    *page = pg < pages_per_block(fs) ? pg : 0;
    return 0;
}

/* Reads the roots of superblock b: the newest valid one in *newest (found: 1), and where
 * the next one goes. A block without a valid header must be erased before use. */
static int read_superblock(struct flashfs *fs, uint32_t b, struct root *newest, int *found)
{
    uint8_t p[FFS_ROOT_SIZE];
    struct root r;
    *found = 0;
    fs->root_next[b] = 0;
    int err = ffs_check_meta_header(fs, b, FFS_KIND_SUPER, FFS_NONE, FFS_NONE);
    if (err)
        return err == ERR_IO ? err : 0;
    for (uint32_t pg = 1; pg < pages_per_block(fs); pg++) {
        if ((err = ffs_read(fs, b, pg * fs->unit, p, sizeof p)) != 0)
            return err;
        if (decode_root(fs, p, &r) != 0)
            continue;
        fs->roots_found++;
        if (!*found || r.seq > newest->seq)
            *newest = r;
        *found = 1;
    }
    fs->root_next[b] = FFS_NONE;   /* looked for when a root is next written */
    return 0;
}

/* Where the next root of each superblock goes. Mount leaves it to the first root written:
 * finding it means checking every page after the last root for erased bytes, which a boot
 * that writes no root does not need. */
static int find_root_pages(struct flashfs *fs)
{
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++) {
        if (fs->root_next[b] != FFS_NONE)
            continue;
        int err = next_root_page(fs, b, &fs->root_next[b]);
        if (err) {
            fs->root_next[b] = FFS_NONE;
            return err;
        }
    }
    return 0;
}

/* Finds the newest valid root in the two superblocks and opens its log. Both hold a copy
 * of it, so either can be lost; one without it (a power cut between the two copies, or a
 * lost block) gets it again before the next change. */
int ffs_find_root(struct flashfs *fs, uint32_t *valid_roots)
{
    struct root newest[FFS_SUPER_BLOCKS], best = { 0 };
    int found[FFS_SUPER_BLOCKS], any = 0;
    fs->roots_found = 0;
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++) {
        int err = read_superblock(fs, b, &newest[b], &found[b]);
        if (err)
            return err;
        if (found[b] && (!any || newest[b].seq > best.seq))
            best = newest[b];
        any |= found[b];
    }
    *valid_roots = fs->roots_found;
    if (!any)
        return ERR_CORRUPT;
    fs->root_current = 0;
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++)
        if (found[b] && newest[b].seq == best.seq)
            fs->root_current |= 1u << b;
    fs->seq = best.seq;
    fs->base_blocks = best.base_blocks;
    int err = ffs_log_open(fs, best.head, best.seq, best.align);
    if (err)
        return err;
    fs->tail.block = best.tail_block;
    fs->tail.index = best.tail_index;
    fs->tail.off = best.tail_off;
    fs->tail.in_commit = 0;
    /* a log that is only its base holds nothing stale; a tail was not counted */
    fs->stale = 0;
    fs->stale_known = fs->tail.index == fs->log.index && fs->tail.off == fs->log.off &&
                      fs->log.align == ffs_commit_align(fs);
    return check_tail(fs);
}

/* Programs one copy of a root record into superblock b, erasing it first when it is full
 * or unreadable. */
static int write_root_copy(struct flashfs *fs, uint32_t b, const uint8_t *root)
{
    uint32_t page = fs->root_next[b];
    if (page == 0) {
        uint32_t ec = ffs_erase_count(fs, b);
        int err = ffs_erase(fs, b);
        if (!err)
            err = ffs_write_meta_header(fs, b, ec == FFS_NONE ? fs->ec_guess : ec + 1,
                                        FFS_KIND_SUPER, 0, 0);
        if (err)
            return err;
        page = 1;
    }
    uint32_t len = ffs_prog_len(fs, FFS_ROOT_SIZE);
    memset(fs->prog_buf, 0xFF, len);
    memcpy(fs->prog_buf, root, FFS_ROOT_SIZE);
    int err = ffs_prog(fs, b, page * fs->unit, fs->prog_buf, len);
    fs->root_next[b] = page + 1 < pages_per_block(fs) ? page + 1 : 0;
    return err;
}

/* Writes the copies of a root that the superblocks in `missing` lack. A copy that needs no
 * erase goes first: while a block is erased the other one holds the new root, or the
 * previous one whose log is still intact. The root is in force once one copy is written;
 * a failed second copy is only redundancy lost, rewritten before the next change. */
static int write_roots(struct flashfs *fs, const uint8_t *root, uint32_t missing)
{
    uint32_t order[FFS_SUPER_BLOCKS] = { 0, 1 };
    int err = find_root_pages(fs);
    if (err)
        return err;
    if (fs->root_next[0] == 0) {
        order[0] = 1;
        order[1] = 0;
    }
    uint32_t written = fs->root_current & ~missing;
    for (uint32_t i = 0; i < FFS_SUPER_BLOCKS; i++) {
        uint32_t b = order[i];
        if (!(missing & 1u << b))
            continue;
        err = write_root_copy(fs, b, root);
        if (err && !written)
            return err;
        if (!err)
            written |= 1u << b;
    }
    fs->root_current = written;
    return 0;
}

int ffs_write_root(struct flashfs *fs, uint32_t seq, const struct ffs_log *lw,
                   uint32_t base_blocks)
{
    uint8_t root[FFS_ROOT_SIZE];
    encode_root(fs, root, seq, lw, base_blocks);
    uint32_t before = fs->root_current;
    fs->root_current = 0;
    int err = write_roots(fs, root, (1u << FFS_SUPER_BLOCKS) - 1);
    if (err)
        fs->root_current = before;   /* no copy written: the old root is still in force */
    return err;
}

/* Gives the current root back to a superblock that lacks it. */
int ffs_restore_roots(struct flashfs *fs)
{
    uint8_t root[FFS_ROOT_SIZE];
    struct ffs_log lw = { .head = fs->log.head, .block = fs->tail.block,
                          .index = fs->tail.index, .off = fs->tail.off,
                          .align = fs->log.align };
    encode_root(fs, root, fs->seq, &lw, fs->base_blocks);
    return write_roots(fs, root, ((1u << FFS_SUPER_BLOCKS) - 1) & ~fs->root_current);
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
    lw->align = ffs_commit_align(fs);
    return ffs_write_meta_header(fs, block, ec, FFS_KIND_LOG, gen, 0);
}

/* A compaction ends a commit before it grows past one unit: a damaged commit loses only
 * what it holds, so a base commit holds a few entries, not a block of them. The price is
 * padding: up to twice the base for trees of inline files (docs/flashfs.md). */
#define BASE_COMMIT_MAX(fs) ((fs)->unit)

/* 1 when the record of `size` bytes must start a new commit. */
static int commit_full(const struct flashfs *fs, const struct ffs_log *lw, uint32_t size)
{
    uint32_t used = lw->page_off + lw->fill - lw->off;
    return !ffs_log_room(fs, lw, size) ||
           (used > 0 && used + size + FFS_END_SIZE > BASE_COMMIT_MAX(fs));
}

/* Copies every current record of the old log (only the directories when dirs_only) into
 * lw, in log order (readdir relies on the order being kept), in commits of its own. */
static int copy_pass(struct flashfs *fs, struct ffs_log *lw, int dirs_only)
{
    struct ffs_iter it;
    struct ffs_entry e;
    int more = 0, err = dirs_only ? 0 : ffs_log_begin(fs, lw, 0);
    ffs_iter_init(fs, &it);
    while (!err && (more = ffs_iter_next(fs, &it, &e)) > 0) {
        if (e.type == FFS_T_DEL || (dirs_only && e.type != FFS_T_DIR))
            continue;
        int current = ffs_is_current(fs, &it, &e);
        if (current <= 0) {
            err = current;
            continue;
        }
        uint32_t size = ffs_record_size(&e);
        if (lw->open && commit_full(fs, lw, size))
            err = ffs_log_end(fs, lw);
        if (!err && !lw->open)
            err = ffs_log_begin(fs, lw, size);
        if (!err)
            err = ffs_log_put(fs, lw, &e, NULL);
    }
    if (!err && more < 0)
        err = more;
    return err || !lw->open ? err : ffs_log_end(fs, lw);
}

/* Every current record once, then every directory a second time in later commits: one
 * damaged commit of the base cannot take a directory, and with it the way to everything
 * below it. */
static int copy_live(struct flashfs *fs, struct ffs_log *lw)
{
    int err = copy_pass(fs, lw, 0);
    return err ? err : copy_pass(fs, lw, 1);
}

int ffs_compact(struct flashfs *fs)
{
    if (fs->read_only)
        return ERR_ROFS;   /* it would drop what damaged commits hide for good */
    struct ffs_log nl;
    uint32_t gen = fs->seq + 1;
    fs->building = &nl;
    ffs_free_unknown(fs);   /* the old chain and the chains only it named are let go */
    int err = start_chain(fs, &nl, gen);
    if (!err)
        err = copy_live(fs, &nl);
    if (!err)
        err = ffs_write_root(fs, gen, &nl, nl.index + 1);
    fs->building = NULL;
    ffs_free_unknown(fs);   /* a scan while it ran counted the chain being replaced */
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
    fs->stale = 0;
    fs->stale_known = 1;
    fs->damaged = fs->damaged_commits = fs->damaged_links = 0;
    ffs_index_rebuild(fs);   /* every record moved; a failed rebuild only means scans */
    return 0;
}

/* 1 when at least half of the log is stale records: a compaction then frees at least as
 * much as it copies, and the log stays under twice the live metadata. A log of live
 * records only (files being created) is not copied again and again for nothing. */
static int mostly_stale(const struct flashfs *fs)
{
    uint64_t room = (uint64_t)(fs->log.index + 1) * (fs->bsize - 2 * fs->unit);
    return !fs->stale_known || (uint64_t)fs->stale * 2 >= room;
}

/* Before every change: compacts when the log is torn (required before appending) or its
 * tail has grown past the limit and half the log is stale (keeps look-ups and mount
 * fast), and gives a superblock that lacks it the current root. Refused on a mount that
 * found damage. */
int ffs_maintain(struct flashfs *fs)
{
    uint32_t limit = fs->count / 16;
    if (limit < 2)
        limit = 2;
    if (limit > 16)
        limit = 16;
    if (limit < fs->base_blocks)
        limit = fs->base_blocks;
    if (fs->read_only)
        return ERR_ROFS;
    if (fs->dirty_tail)
        return ffs_compact(fs);
    if (fs->root_current != (1u << FFS_SUPER_BLOCKS) - 1 && !fs->roots_restored) {
        fs->roots_restored = 1;   /* once a mount: a block that fails stays out of the way */
        ffs_restore_roots(fs);    /* redundancy only: the change goes on without it */
    }
    if (fs->log.index - fs->tail.index < limit || !mostly_stale(fs))
        return 0;
    int err = ffs_compact(fs);
    return err == ERR_NOSPC ? 0 : err;   /* a long log still works, it is only slower */
}
