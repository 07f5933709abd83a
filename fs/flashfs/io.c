/* Device access. Every address computed from flash contents passes through here, so one
 * bounds check protects the whole filesystem from corrupt pointers. Metadata reads may go
 * through a small read cache; programs and erases keep it coherent. */
#include <stdlib.h>
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

#define LINE FFS_UNIT_MIN

INLINE_LEAF int in_bounds(const struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len)
{
    return block < fs->count && off <= fs->bsize && len <= fs->bsize - off;
}

int ffs_read(struct flashfs *fs, uint32_t block, uint32_t off, void *buf, uint32_t len)
{
    if (!in_bounds(fs, block, off, len))
        return ERR_CORRUPT;
    if (len == 0)
        return 0;
    return fs->bd->read(fs->bd, block, off, buf, len) < 0 ? ERR_IO : 0;
}

int ffs_cache_init(struct flashfs *fs, uint32_t bytes)
{
    fs->cache_lines = bytes / LINE;
    if (fs->cache_lines == 0)
        return 0;
    fs->cache_addr = malloc(fs->cache_lines * sizeof *fs->cache_addr);
    fs->cache_data = malloc((size_t)fs->cache_lines * LINE);
    if (!fs->cache_addr || !fs->cache_data)
        return ERR_NOMEM;
    for (uint32_t i = 0; i < fs->cache_lines; i++)
        fs->cache_addr[i] = FFS_NONE;
    return 0;
}

/* Returns the cache line holding the LINE-aligned address, loading it on a miss when its
 * slot is free, or NULL (read around the cache). The cache is direct-mapped and lines are
 * never evicted: look-ups scan the whole log in order, and under such cyclic scans any
 * eviction thrashes, while pinning the lines read first (the compacted base, read by
 * every scan) keeps its hits. Compaction and erases free lines again. */
/* Always inlined into its one caller: most reads are a few bytes of a line already cached,
 * and a call for each cost more than the copy. */
INLINED int cache_line(struct flashfs *fs, uint32_t block, uint32_t line_off, uint8_t **data)
{
    uint32_t addr = block * (fs->bsize / LINE) + line_off / LINE;
    uint32_t slot = addr % fs->cache_lines;
    uint8_t *line = fs->cache_data + (size_t)slot * LINE;
    *data = NULL;
    if (fs->cache_addr[slot] == addr) {
        *data = line;
        return 0;
    }
    if (fs->cache_addr[slot] != FFS_NONE)
        return 0;
    int err = ffs_read(fs, block, line_off, line, LINE);
    if (err)
        return err;
    fs->cache_addr[slot] = addr;
    *data = line;
    return 0;
}

void ffs_cache_free(struct flashfs *fs)
{
    free(fs->cache_addr);
    free(fs->cache_data);
    fs->cache_addr = NULL;
    fs->cache_data = NULL;
    fs->cache_lines = 0;
}

void ffs_cache_clear(struct flashfs *fs)
{
    for (uint32_t i = 0; i < fs->cache_lines; i++)
        fs->cache_addr[i] = FFS_NONE;
}

/* The mount's window. Mount reads every record of the log in order, each as three or four
 * small reads (header, name, data, END), and a device read costs far more than its bytes
 * (on the ports: a lock and a seek and a read through the debugger). Without a cache, while
 * mount walks the log (and writes nothing, so the program buffer is free), metadata reads
 * go through the program buffer as a one-line cache: one device read per line. */
void ffs_window_open(struct flashfs *fs)
{
    fs->window_on = fs->cache_lines == 0;
    fs->window = FFS_NONE;
}

void ffs_window_close(struct flashfs *fs)
{
    fs->window_on = 0;
    fs->window = FFS_NONE;
}

INLINED int window_line(struct flashfs *fs, uint32_t block, uint32_t line_off, uint8_t **data)
{
    uint32_t addr = block * (fs->bsize / LINE) + line_off / LINE;
    *data = fs->prog_buf;
    if (fs->window == addr)
        return 0;
    fs->window = FFS_NONE;
    int err = ffs_read(fs, block, line_off, fs->prog_buf, LINE);
    if (!err)
        fs->window = addr;
    return err;
}

/* Where the bytes at (block, off) already sit in memory, in the cache or the mount's window:
 * *at points at *n of them (at most len, never past their line), loading the line when it
 * may. *at is NULL when no line holds them (no cache, no window, a full slot, out of the
 * block): the caller reads those *n bytes from the device. */
INLINED int meta_span(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len,
                      uint8_t **at, uint32_t *n)
{
    *at = NULL;
    *n = len;
    if ((fs->cache_lines == 0 && !fs->window_on) || !in_bounds(fs, block, off, len))
        return 0;
    uint32_t line_off = off / LINE * LINE;
    if (*n > LINE - (off - line_off))
        *n = LINE - (off - line_off);
    uint8_t *line;
    int err = fs->window_on ? window_line(fs, block, line_off, &line)
                            : cache_line(fs, block, line_off, &line);
    if (!err && line)
        *at = line + (off - line_off);
    return err;
}

int ffs_meta_read(struct flashfs *fs, uint32_t block, uint32_t off, void *buf, uint32_t len)
{
    uint8_t *out = buf;
    while (len > 0) {
        uint8_t *at;
        uint32_t n;
        int err = meta_span(fs, block, off, len, &at, &n);
        if (!err && !at)
            err = ffs_read(fs, block, off, out, n);
        else if (!err)
            memcpy(out, at, n);
        if (err)
            return err;
        out += n; off += n; len -= n;
    }
    return 0;
}

/* The len bytes at (block, off) where they sit in the cache or the window, when one line
 * holds them all: *at, valid until the next read through either; else *at is NULL and the
 * caller reads them. No copy: the mount's walk looks at every record header this way. */
int ffs_meta_peek(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len,
                  const uint8_t **at)
{
    uint8_t *p;
    uint32_t n;
    int err = meta_span(fs, block, off, len, &p, &n);
    *at = !err && p && n == len ? p : NULL;
    return err;
}

/* The CRC of len bytes of flash folded into *crc, taken where they sit in the cache or the
 * window (no copy: mount checks every record's data this way), else read a chunk at a time. */
int ffs_meta_crc(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len, uint32_t *crc)
{
    uint8_t chunk[64];
    while (len > 0) {
        uint8_t *at;
        uint32_t n;
        int err = meta_span(fs, block, off, len, &at, &n);
        if (!err && !at) {
            n = n < sizeof chunk ? n : (uint32_t)sizeof chunk;
            err = ffs_read(fs, block, off, chunk, n);
            at = chunk;
        }
        if (err)
            return err;
        *crc = ffs_crc32(*crc, at, n);
        off += n; len -= n;
    }
    return 0;
}

static void cache_forget(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len)
{
    uint32_t per_block = fs->bsize / LINE;
    uint32_t first = block * per_block + off / LINE;
    uint32_t last = block * per_block + (off + len - 1) / LINE;
    if (fs->cache_lines == 0)
        return;
    if (last - first >= fs->cache_lines) {
        for (uint32_t i = 0; i < fs->cache_lines; i++)
            if (fs->cache_addr[i] >= first && fs->cache_addr[i] <= last)
                fs->cache_addr[i] = FFS_NONE;
        return;
    }
    for (uint32_t a = first; a <= last; a++)
        if (fs->cache_addr[a % fs->cache_lines] == a)
            fs->cache_addr[a % fs->cache_lines] = FFS_NONE;
}

/* Reads back what a program wrote. A program the device acknowledged but did not keep (a
 * worn cell, or the block written behind our back) is a failed write, never a silent one;
 * and as the flash no longer holds what the filesystem believes, the mount goes read-only. */
static int verify(struct flashfs *fs, uint32_t block, uint32_t off, const uint8_t *want,
                  uint32_t len)
{
    uint8_t chunk[64];
    while (len > 0) {
        uint32_t n = len < sizeof chunk ? len : (uint32_t)sizeof chunk;
        if (fs->bd->read(fs->bd, block, off, chunk, n) < 0)
            return ERR_IO;
        if (memcmp(chunk, want, n) != 0) {
            ffs_go_read_only(fs, "the flash did not keep a write");
            return ERR_IO;
        }
        want += n; off += n; len -= n;
    }
    return 0;
}

/* Bytes to program for len bytes of content: whole device program sizes. The rest of a
 * unit stays erased, and a later program may fill it (flash semantics: blockdev.h). */
uint32_t ffs_prog_len(const struct flashfs *fs, uint32_t len)
{
    return ffs_align(len, fs->bd->prog_size);
}

/* Every program and erase passes here: a read-only mount writes nothing more. */
int ffs_prog(struct flashfs *fs, uint32_t block, uint32_t off, const void *buf, uint32_t len)
{
    uint32_t prog = fs->bd->prog_size;
    if (!in_bounds(fs, block, off, len) || off % prog || len % prog || len == 0)
        return ERR_CORRUPT;
    if (fs->read_only)
        return ERR_ROFS;
    cache_forget(fs, block, off, len);
    if (fs->bd->prog(fs->bd, block, off, buf, len) < 0)
        return ERR_IO;
    return verify(fs, block, off, buf, len);
}

int ffs_erase(struct flashfs *fs, uint32_t block)
{
    if (block >= fs->count)
        return ERR_CORRUPT;
    if (fs->read_only)
        return ERR_ROFS;
    cache_forget(fs, block, 0, fs->bsize);
    return fs->bd->erase(fs->bd, block) < 0 ? ERR_IO : 0;
}

/* 1 when [off, off+len) reads as erased, 0 when not, or an error; read through scratch, a
 * word-aligned buffer of room bytes (a multiple of 4). The words of a chunk are ANDed
 * together and tested once: mount checks a block's erased end with it, kilobytes. */
int ffs_is_erased_via(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len,
                      uint32_t *scratch, uint32_t room)
{
    while (len > 0) {
        uint32_t n = len < room ? len : room;
        int err = ffs_read(fs, block, off, scratch, n);
        if (err)
            return err;
        uint32_t all = 0xFFFFFFFFu, i = 0;
        for (; i + 16 <= n; i += 16)   /* four words a turn: the port does not unroll */
            all &= scratch[i / 4] & scratch[i / 4 + 1] & scratch[i / 4 + 2] & scratch[i / 4 + 3];
        for (; i + 4 <= n; i += 4)
            all &= scratch[i / 4];
        for (; i < n; i++)
            all &= 0xFFFFFF00u | ((const uint8_t *)scratch)[i];
        if (all != 0xFFFFFFFFu)
            return 0;
        off += n; len -= n;
    }
    return 1;
}

int ffs_is_erased(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len)
{
    uint32_t chunk[16];
    return ffs_is_erased_via(fs, block, off, len, chunk, sizeof chunk);
}

/* The same at mount, a unit at a time through the program buffer, which holds nothing then
 * (no commit is being written before the mount has found the log's end). */
int ffs_is_erased_at_mount(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len)
{
    fs->window = FFS_NONE;   /* the window's line is overwritten */
    return ffs_is_erased_via(fs, block, off, len, (uint32_t *)(void *)fs->prog_buf, fs->unit);
}

uint32_t ffs_erase_count(struct flashfs *fs, uint32_t block)
{
    uint8_t hdr[FFS_DATA_HDR];
    if (ffs_read(fs, block, 0, hdr, sizeof hdr) < 0 || ffs_get32(hdr) != FFS_MAGIC_BLOCK)
        return FFS_NONE;
    uint32_t ec = ffs_get32(hdr + 4);
    return ec >= 0x7FFFFFFFu ? FFS_NONE : ec;
}

int ffs_write_meta_header(struct flashfs *fs, uint32_t block, uint32_t ec, uint32_t kind,
                          uint32_t gen, uint32_t index)
{
    uint8_t *p = fs->prog_buf;
    memset(p, 0xFF, fs->unit);
    ffs_put32(p, FFS_MAGIC_BLOCK);
    ffs_put32(p + 4, ec);
    ffs_put32(p + 8, kind);
    ffs_put32(p + 12, gen);
    ffs_put32(p + 16, index);
    ffs_put32(p + 20, ffs_crc32(0, p, 20));
    return ffs_prog(fs, block, 0, p, ffs_prog_len(fs, FFS_META_HDR));
}

/* 0 when the block starts with the expected header, ERR_CORRUPT when not. gen/index of
 * FFS_NONE are not compared. */
int ffs_check_meta_header(struct flashfs *fs, uint32_t block, uint32_t kind, uint32_t gen,
                          uint32_t index)
{
    uint8_t h[FFS_META_HDR];
    int err = ffs_meta_read(fs, block, 0, h, sizeof h);
    if (err)
        return err;
    if (ffs_get32(h) != FFS_MAGIC_BLOCK || ffs_get32(h + 20) != ffs_crc32(0, h, 20) ||
        ffs_get32(h + 8) != kind)
        return ERR_CORRUPT;
    if ((gen != FFS_NONE && ffs_get32(h + 12) != gen) ||
        (index != FFS_NONE && ffs_get32(h + 16) != index))
        return ERR_CORRUPT;
    return 0;
}
