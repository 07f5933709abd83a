/* File data chains. Block n of a file (n >= 1) starts with ctz(n)+1 pointers to blocks
 * n-1, n-2, n-4, ... n-2^ctz(n) (the littlefs "CTZ skip list"): appending needs no change
 * to older blocks, and reaching any block from the last one takes O(log n) reads. */
#include "fs/flashfs/flashfs_int.h"

static uint32_t ctz32(uint32_t v)
{
    uint32_t n = 0;
    while (!(v & 1u)) {
        v >>= 1;
        n++;
    }
    return n;
}

static uint32_t log2_floor(uint32_t v)
{
    uint32_t n = 0;
    while (v >>= 1)
        n++;
    return n;
}

static uint32_t popcount32(uint32_t v)
{
    uint32_t n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

uint32_t ffs_ctz_data_start(uint32_t index)
{
    return FFS_DATA_HDR + (index ? 4u * (ctz32(index) + 1u) : 0u);
}

/* File offset where block `index` starts: index*(bsize-hdr) minus the pointers stored in
 * blocks 1..index-1, which sum to 2(index-1) - popcount(index-1). */
uint64_t ffs_ctz_start_of(const struct flashfs *fs, uint32_t index)
{
    if (index == 0)
        return 0;
    uint64_t pointers = 2ull * (index - 1) - popcount32(index - 1);
    return (uint64_t)index * (fs->bsize - FFS_DATA_HDR) - 4ull * pointers;
}

/* Block index and byte offset inside that block of file position pos. */
void ffs_ctz_locate(const struct flashfs *fs, uint32_t pos, uint32_t *index, uint32_t *off)
{
    uint32_t n = pos / (fs->bsize - FFS_DATA_HDR);   /* a lower bound: blocks hold less */
    while (ffs_ctz_start_of(fs, n + 1) <= pos)
        n++;
    *index = n;
    *off = ffs_ctz_data_start(n) + (uint32_t)(pos - ffs_ctz_start_of(fs, n));
}

uint32_t ffs_ctz_last_index(const struct flashfs *fs, uint32_t size)
{
    uint32_t index, off;
    ffs_ctz_locate(fs, size ? size - 1 : 0, &index, &off);
    return index;
}

int ffs_ctz_pointer(struct flashfs *fs, uint32_t block, uint32_t k, uint32_t *out)
{
    uint8_t raw[4];
    int err = ffs_read(fs, block, FFS_DATA_HDR + 4 * k, raw, 4);
    if (err)
        return err;
    *out = ffs_get32(raw);
    if (*out < FFS_SUPER_BLOCKS || *out >= fs->count)
        return ERR_CORRUPT;
    return 0;
}

int ffs_ctz_find(struct flashfs *fs, uint32_t head, uint32_t head_index, uint32_t target,
                 uint32_t *block)
{
    if (head < FFS_SUPER_BLOCKS || head >= fs->count || target > head_index)
        return ERR_CORRUPT;
    uint32_t index = head_index;
    while (index > target) {
        uint32_t skip = ctz32(index);
        uint32_t fit = log2_floor(index - target);
        if (fit < skip)
            skip = fit;
        int err = ffs_ctz_pointer(fs, head, skip, &head);
        if (err)
            return err;
        index -= 1u << skip;
    }
    *block = head;
    return 0;
}

/* Calls visit for every block of the chain ending at head that holds size bytes. Stops
 * quietly at a broken pointer: the caller wants the blocks it can still reach. */
int ffs_ctz_walk(struct flashfs *fs, uint32_t head, uint32_t size, ffs_visit_fn visit, void *ctx)
{
    if (head == FFS_NONE || size == 0)
        return 0;
    return ffs_ctz_walk_index(fs, head, ffs_ctz_last_index(fs, size), visit, ctx);
}

int ffs_ctz_walk_index(struct flashfs *fs, uint32_t head, uint32_t index, ffs_visit_fn visit,
                       void *ctx)
{
    if (head < FFS_SUPER_BLOCKS || head >= fs->count)
        return ERR_CORRUPT;
    for (;;) {
        visit(fs, head, ctx);
        if (index == 0)
            return 0;
        int err = ffs_ctz_pointer(fs, head, 0, &head);
        if (err)
            return err;
        index--;
    }
}
