/* Format, mount, unmount and statistics. */
#include <stdlib.h>
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

/* The largest commit: a rename of an inline file with a long name plus the removal of the
 * entry it replaces. Every block must fit one between its header and link units. */
#define LARGEST_COMMIT (2u * (FFS_REC_HDR + FFS_NAME_MAX + FFS_INLINE_MAX) + FFS_END_SIZE)

static int setup(struct flashfs *fs, hal_blockdev_t *bd)
{
    if (!bd || !bd->read || !bd->prog || !bd->erase || bd->prog_size == 0 ||
        bd->prog_size > 4096 || bd->block_size > (1u << 20) || bd->block_count < 8 ||
        bd->block_count > (1u << 20))
        return ERR_INVAL;
    fs->bd = bd;
    fs->bsize = bd->block_size;
    fs->count = bd->block_count;
    fs->unit = ffs_align(FFS_UNIT_MIN, bd->prog_size);
    if (fs->bsize % fs->unit || fs->bsize < 2 * fs->unit + ffs_align(LARGEST_COMMIT, fs->unit))
        return ERR_INVAL;
    fs->prog_buf = malloc(fs->unit);
    return fs->prog_buf ? 0 : ERR_NOMEM;
}

static void release(struct flashfs *fs)
{
    hal_mutex_free(fs->lock);
    free(fs->prog_buf);
    free(fs->used);
    ffs_cache_free(fs);
    ffs_index_free(fs);
    free(fs);
}

static uint32_t next_erase_count(struct flashfs *fs, uint32_t block)
{
    uint32_t ec = ffs_erase_count(fs, block);
    return ec == FFS_NONE ? 1 : ec + 1;
}

/* Both superblocks are erased so no root of an earlier filesystem survives; the log
 * starts empty in block 2 and root #1 points at it. */
static int write_empty_fs(struct flashfs *fs)
{
    uint32_t ec0 = next_erase_count(fs, 0), ec1 = next_erase_count(fs, 1);
    uint32_t ec2 = next_erase_count(fs, 2);
    int err = ffs_erase(fs, 1);
    if (!err)
        err = ffs_erase(fs, 0);
    if (!err)
        err = ffs_write_meta_header(fs, 1, ec1, FFS_KIND_SUPER, 0, 0);
    if (!err)
        err = ffs_write_meta_header(fs, 0, ec0, FFS_KIND_SUPER, 0, 0);
    if (!err)
        err = ffs_erase(fs, 2);
    if (!err)
        err = ffs_write_meta_header(fs, 2, ec2, FFS_KIND_LOG, 1, 0);
    if (err)
        return err;
    struct ffs_log lw = { .head = 2, .gen = 1, .block = 2, .index = 0, .off = fs->unit,
                          .align = ffs_commit_align(fs) };
    fs->root_next[0] = fs->root_next[1] = 1;
    return ffs_write_root(fs, 1, &lw, 1);
}

int flashfs_format(hal_blockdev_t *bd)
{
    struct flashfs *fs = calloc(1, sizeof *fs);
    if (!fs)
        return ERR_NOMEM;
    int err = setup(fs, bd);
    if (!err)
        err = write_empty_fs(fs);
    if (!err && bd->sync)
        err = bd->sync(bd) < 0 ? ERR_IO : 0;
    release(fs);
    return err;
}

int flashfs_mount(hal_blockdev_t *bd, const struct flashfs_config *cfg, void **out)
{
    struct flashfs *fs = calloc(1, sizeof *fs);
    if (!fs)
        return ERR_NOMEM;
    int err = setup(fs, bd);
    if (!err)
        err = ffs_cache_init(fs, cfg ? cfg->cache_size : 0);
    uint32_t entries = cfg && cfg->index_entries ? cfg->index_entries : FLASHFS_INDEX_DEFAULT;
    fs->index_max = entries == FLASHFS_INDEX_OFF ? 0 : entries;
    if (!err)
        err = ffs_alloc_init(fs);   /* before the log's walk, which fills the map */
    if (!err)
        err = ffs_find_root(fs, &fs->roots_found);
    if (!err && !(fs->lock = hal_mutex_new()))
        err = ERR_NOMEM;
    if (err) {
        release(fs);
        return err;
    }
    *out = fs;
    return 0;
}

int flashfs_set_cache(void *handle, uint32_t bytes)
{
    struct flashfs *fs = handle;
    hal_mutex_lock(fs->lock);
    ffs_cache_free(fs);
    int err = ffs_cache_init(fs, bytes);
    if (err)
        ffs_cache_free(fs);
    hal_mutex_unlock(fs->lock);
    return err;
}

const char *flashfs_read_only(void *handle)
{
    const struct flashfs *fs = handle;
    return fs->read_only;
}

int flashfs_unmount(void *handle)
{
    struct flashfs *fs = handle;
    hal_mutex_lock(fs->lock);
    int busy = fs->open_files || fs->open_dirs;
    hal_mutex_unlock(fs->lock);
    if (busy)
        return ERR_BUSY;
    int err = fs->bd->sync ? fs->bd->sync(fs->bd) : 0;
    release(fs);
    return err < 0 ? ERR_IO : 0;
}

uint32_t ffs_ram_used(const struct flashfs *fs)
{
    return (uint32_t)(sizeof *fs + (fs->count + 7) / 8 + fs->unit +
                      fs->cache_lines * (FFS_UNIT_MIN + sizeof(uint32_t)) +
                      fs->index_cap * sizeof(struct ffs_index_slot) +
                      fs->open_files * (sizeof(struct ffs_file) + fs->unit) +
                      fs->open_dirs * sizeof(struct ffs_dir));
}

int flashfs_stats(void *handle, struct flashfs_stats *st)
{
    struct flashfs *fs = handle;
    uint64_t total = 0;
    memset(st, 0, sizeof *st);
    hal_mutex_lock(fs->lock);
    st->erase_min = FFS_NONE;
    for (uint32_t b = 0; b < fs->count; b++) {
        uint32_t ec = ffs_erase_count(fs, b);
        if (ec == FFS_NONE)
            continue;
        st->blocks_counted++;
        total += ec;
        if (ec < st->erase_min)
            st->erase_min = ec;
        if (ec > st->erase_max)
            st->erase_max = ec;
    }
    if (st->blocks_counted)
        st->erase_mean = (uint32_t)(total / st->blocks_counted);
    else
        st->erase_min = 0;
    st->log_blocks = fs->log.index + 1;
    st->ram_used = ffs_ram_used(fs);
    hal_mutex_unlock(fs->lock);
    return 0;
}

int ffs_op_statfs(struct vfs_mount *m, struct vfs_statfs *st)
{
    struct flashfs *fs = m->fs;
    uint32_t free_blocks;
    int err = ffs_count_free(fs, &free_blocks);
    if (err)
        return err;
    st->block_size = fs->bsize;
    st->blocks_total = fs->count;
    st->blocks_free = free_blocks;
    st->ram_used = ffs_ram_used(fs);
    return 0;
}

int ffs_op_unmount(struct vfs_mount *m)
{
    return flashfs_unmount(m->fs);
}
