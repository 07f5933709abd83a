/* Block allocation. A block is in use when something reachable points at it: the
 * superblocks, the log chain, every file chain named by any record still in the log (stale
 * ones too, so a chain is never reused before the compaction that drops its last mention),
 * open files, and a compaction's half-built chain. Nothing is stored about free space:
 * the map is rebuilt by a scan whenever it runs dry.
 *
 * The cursor walks round the device and hands out free blocks in turn, so erases are
 * spread over every block that is not holding long-lived data (dynamic wear levelling).
 *
 * The free count. A block handed out stays marked in use until the next scan, which is
 * the exact count only while every block handed out since is still reached. A log block
 * linked into the log is reached until a compaction; a file chain named by a record is
 * reached until the compaction that drops its last mention. So the count stays exact
 * (free_exact, and statfs needs no scan) from a scan that found no open file holding
 * blocks, until one of the things that can leave a block marked but unreached: a data
 * block handed out (a write session may end or be rewritten without its commit), a failed
 * allocation or log extension, a compaction. Then the next statfs scans again. It lives in
 * RAM only: a mount, after a power cut or not, starts without a map. */
#include <stdlib.h>
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

static LEAF void mark(struct flashfs *fs, uint32_t block, void *ctx)
{
    (void)ctx;
    if (block < fs->count)
        fs->used[block / 8] |= (uint8_t)(1u << (block % 8));
}

static int is_used(const struct flashfs *fs, uint32_t block)
{
    return fs->used[block / 8] >> (block % 8) & 1u;
}

int ffs_alloc_init(struct flashfs *fs)
{
    fs->used = malloc((fs->count + 7) / 8);
    if (!fs->used)
        return ERR_NOMEM;
    fs->map_valid = 0;
    return 0;
}

static LEAF void count_free(struct flashfs *fs)
{
    fs->free_blocks = fs->count;
    for (uint32_t i = 0; i < (fs->count + 7) / 8; i++)   /* bits past the end are never set */
        for (uint8_t byte = fs->used[i]; byte; byte &= (uint8_t)(byte - 1))
            fs->free_blocks--;
}

/* The map built by mount. Its walk of the log reads every record of every commit to
 * verify it, which is most of a scan: marking the chains of the files they name as it goes
 * makes the first statfs or allocation after a mount need no scan of its own. It is the
 * scan's map only when the walk saw every commit check out, as a scan would read them: on
 * any damage, torn end or broken chain the map is left to the scan. */
void ffs_alloc_mount_begin(struct flashfs *fs)
{
    fs->map_valid = 0;
    fs->map_at_mount = fs->used != NULL;
    if (!fs->map_at_mount)
        return;
    memset(fs->used, 0, (fs->count + 7) / 8);
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++)
        mark(fs, b, NULL);
}

LEAF void ffs_alloc_mount_block(struct flashfs *fs, uint32_t block)
{
    if (fs->map_at_mount && block < fs->count)
        fs->used[block / 8] |= (uint8_t)(1u << (block % 8));
}

/* Most files that are not inline fit one block: their chain is its head, nothing to read. */
void ffs_alloc_mount_record(struct flashfs *fs, const struct ffs_entry *e)
{
    if (!fs->map_at_mount || e->type != FFS_T_FILE || (e->flags & FFS_F_INLINE) || e->size == 0)
        return;
    int err = 0;
    if (e->size > fs->bsize - FFS_DATA_HDR)   /* block 0 holds no pointers */
        err = ffs_ctz_walk(fs, e->head, e->size, mark, NULL);
    else if (e->head >= FFS_SUPER_BLOCKS && e->head < fs->count)   /* as ffs_ctz_walk checks */
        mark(fs, e->head, NULL);
    else
        err = ERR_CORRUPT;
    if (err)
        fs->map_at_mount = 0;
}

void ffs_alloc_mount_failed(struct flashfs *fs)
{
    fs->map_at_mount = 0;
}

void ffs_alloc_mount_end(struct flashfs *fs)
{
    fs->cursor = (uint32_t)(fs->seq * 2654435761u) % fs->count;
    if (fs->map_at_mount) {
        count_free(fs);
        fs->map_valid = fs->free_exact = 1;   /* no file is open yet */
    }
    fs->map_at_mount = 0;
}

static int mark_chain(struct flashfs *fs, const struct ffs_log *lw)
{
    uint32_t block = lw->head;
    for (uint32_t index = 0;; index++) {
        mark(fs, block, NULL);
        if (index >= lw->index)
            return 0;
        int err = ffs_log_next_block(fs, lw->gen, block, index, &block);
        if (err)
            return err;
    }
}

static int mark_files_in_log(struct flashfs *fs)
{
    struct ffs_iter it;
    struct ffs_entry e;
    int more;
    ffs_iter_init(fs, &it);
    it.names_for = FFS_NO_NAMES;
    while ((more = ffs_iter_next(fs, &it, &e)) > 0) {
        if (e.type != FFS_T_FILE || (e.flags & FFS_F_INLINE))
            continue;
        int err = ffs_ctz_walk(fs, e.head, e.size, mark, NULL);
        if (err == ERR_IO)
            return err;   /* a broken chain of a corrupt image only loses its tail */
    }
    return more;
}

/* An open file's block: marked, and counted, since its handle may let go of it. */
static void count_held(struct flashfs *fs, uint32_t block, void *ctx)
{
    mark(fs, block, NULL);
    ++*(uint32_t *)ctx;
}

void ffs_free_unknown(struct flashfs *fs)
{
    fs->free_exact = 0;
}

int ffs_alloc_scan(struct flashfs *fs)
{
    memset(fs->used, 0, (fs->count + 7) / 8);
    for (uint32_t b = 0; b < FFS_SUPER_BLOCKS; b++)
        mark(fs, b, NULL);
    int err = mark_chain(fs, &fs->log);
    if (!err && fs->building)
        err = mark_chain(fs, fs->building);
    if (!err)
        err = mark_files_in_log(fs);
    if (err)
        return err;
    uint32_t held = 0;
    ffs_files_visit(fs, count_held, &held);
    fs->free_exact = held == 0;
    count_free(fs);
    fs->map_valid = 1;
    return 0;
}

int ffs_count_used(struct flashfs *fs, uint32_t *used)
{
    int err = ffs_alloc_scan(fs);
    if (err)
        return err;
    *used = fs->count - fs->free_blocks;
    return 0;
}

/* The exact number of free blocks: the one kept since the last scan when it is still
 * exact, or a scan's. */
int ffs_count_free(struct flashfs *fs, uint32_t *free_blocks)
{
    if (!fs->map_valid || !fs->free_exact) {
        int err = ffs_alloc_scan(fs);
        if (err)
            return err;
    }
    *free_blocks = fs->free_blocks;
    return 0;
}

/* Blocks kept back from file data so that the log can always grow and be compacted, and
 * files can still be deleted on a full device. */
static uint32_t reserve(const struct flashfs *fs)
{
    return fs->base_blocks + 3;
}

static int take_free(struct flashfs *fs, uint32_t *block)
{
    for (uint32_t i = 0; i < fs->count; i++) {
        uint32_t b = (fs->cursor + i) % fs->count;
        if (!is_used(fs, b)) {
            mark(fs, b, NULL);
            fs->free_blocks--;
            fs->cursor = (b + 1) % fs->count;
            *block = b;
            return 0;
        }
    }
    return ERR_NOSPC;
}

/* Finds a free block, erases it and returns the erase count to record in its header. */
int ffs_alloc_block(struct flashfs *fs, int for_data, uint32_t *block, uint32_t *ec)
{
    if (fs->read_only)
        return ERR_ROFS;
    uint32_t keep = for_data ? reserve(fs) : 0;
    if (!fs->map_valid || fs->free_blocks <= keep) {
        int err = ffs_alloc_scan(fs);
        if (err)
            return err;
        if (fs->free_blocks <= keep)
            return ERR_NOSPC;
    }
    int err = take_free(fs, block);
    if (err)
        return err;
    if (for_data)
        ffs_free_unknown(fs);
    uint32_t old = ffs_erase_count(fs, *block);
    /* a block whose header is gone (never used, or cut mid-erase) gets the last count seen */
    *ec = old != FFS_NONE ? old + 1 : fs->ec_guess ? fs->ec_guess : 1;
    fs->ec_guess = *ec;
    err = ffs_erase(fs, *block);
    if (err)
        ffs_free_unknown(fs);
    return err;
}
