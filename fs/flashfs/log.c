/* The metadata log: a chain of blocks holding commits. A commit is a run of records ended
 * by an END record carrying the CRC of the whole commit; it starts on a program-unit
 * boundary and never crosses a block. A commit either checks out completely or is ignored,
 * which is what makes every metadata change atomic. */
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

/* ---- records ---- */

uint32_t ffs_record_size(const struct ffs_entry *e)
{
    uint32_t n = FFS_REC_HDR + e->name_len;
    if (e->type == FFS_T_FILE && (e->flags & FFS_F_INLINE))
        n += e->size;
    return n;
}

static void encode_header(const struct ffs_entry *e, uint8_t *h)
{
    h[0] = e->type;
    h[1] = e->name_len;
    h[2] = (uint8_t)e->flags;
    h[3] = (uint8_t)(e->flags >> 8);
    ffs_put32(h + 4, e->id);
    ffs_put32(h + 8, e->parent);
    ffs_put32(h + 12, e->size);
    ffs_put32(h + 16, e->head);
    ffs_put32(h + 20, (uint32_t)(uint64_t)e->mtime);
    ffs_put32(h + 24, (uint32_t)((uint64_t)e->mtime >> 32));
}

/* Everything read back from flash is checked before use: a record that could send a later
 * read out of bounds is rejected here. */
static int decode_header(const struct flashfs *fs, const uint8_t *h, struct ffs_entry *e)
{
    e->type = h[0];
    e->name_len = h[1];
    e->flags = (uint16_t)(h[2] | h[3] << 8);
    e->id = ffs_get32(h + 4);
    e->parent = ffs_get32(h + 8);
    e->size = ffs_get32(h + 12);
    e->head = ffs_get32(h + 16);
    e->mtime = (int64_t)((uint64_t)ffs_get32(h + 20) | (uint64_t)ffs_get32(h + 24) << 32);
    if (e->id == 0 || e->id == FFS_NONE || e->name_len > FFS_NAME_MAX)
        return ERR_CORRUPT;
    if (e->type == FFS_T_DEL)
        return 0;
    if ((e->type != FFS_T_FILE && e->type != FFS_T_DIR) || e->name_len == 0 ||
        e->parent == FFS_NONE || e->parent == e->id || (e->flags & ~FFS_F_INLINE))
        return ERR_CORRUPT;
    if (e->type == FFS_T_DIR)
        return e->size == 0 && e->head == FFS_NONE && e->flags == 0 ? 0 : ERR_CORRUPT;
    if (e->flags & FFS_F_INLINE)
        return e->size <= FFS_INLINE_MAX && e->head == FFS_NONE ? 0 : ERR_CORRUPT;
    uint64_t capacity = (uint64_t)fs->count * fs->bsize;
    if (e->size == 0 || e->size > capacity || e->head < FFS_SUPER_BLOCKS || e->head >= fs->count)
        return ERR_CORRUPT;
    return 0;
}

static int valid_name(const char *name, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (name[i] == '/' || name[i] == '\0')
            return 0;
    return 1;
}

/* Checks the record whose header h was read at off (not an END) and reads its name when
 * the caller wants it. Scans that only follow ids skip the name read: it is most of the
 * flash traffic of a look-up. */
static int finish_record(struct flashfs *fs, uint32_t block, uint32_t off, const uint8_t *h,
                         uint32_t names_for, struct ffs_entry *e)
{
    int err = decode_header(fs, h, e);
    if (err)
        return err;
    if (off + ffs_record_size(e) > fs->bsize - fs->unit)
        return ERR_CORRUPT;
    e->data_block = block;
    e->data_off = off + FFS_REC_HDR + e->name_len;
    if (names_for != FFS_ALL_NAMES && e->parent != names_for) {
        e->name[0] = '\0';
        return 0;
    }
    err = ffs_meta_read(fs, block, off + FFS_REC_HDR, e->name, e->name_len);
    if (err)
        return err;
    e->name[e->name_len] = '\0';
    return valid_name(e->name, e->name_len) ? 0 : ERR_CORRUPT;
}

/* Where in its block the record e was read from. */
uint32_t ffs_record_off(const struct ffs_entry *e)
{
    return e->data_off - FFS_REC_HDR - e->name_len;
}

/* Reads and checks the record at off (not an END), name included. */
int ffs_record_at(struct flashfs *fs, uint32_t block, uint32_t off, struct ffs_entry *e)
{
    uint8_t h[FFS_REC_HDR];
    if (off + FFS_REC_HDR > fs->bsize - fs->unit)
        return ERR_CORRUPT;
    int err = ffs_meta_read(fs, block, off, h, sizeof h);
    return err ? err : finish_record(fs, block, off, h, FFS_ALL_NAMES, e);
}

/* ---- chain links ---- */

int ffs_log_next_block(struct flashfs *fs, uint32_t gen, uint32_t block, uint32_t index,
                       uint32_t *next)
{
    uint8_t l[FFS_LINK_SIZE];
    int err = ffs_meta_read(fs, block, fs->bsize - fs->unit, l, sizeof l);
    if (err)
        return err;
    if (ffs_get32(l) != FFS_MAGIC_LINK || ffs_get32(l + 12) != ffs_crc32(0, l, 12) ||
        ffs_get32(l + 8) != index + 1)
        return ERR_CORRUPT;
    *next = ffs_get32(l + 4);
    if (*next < FFS_SUPER_BLOCKS || *next >= fs->count)
        return ERR_CORRUPT;
    return ffs_check_meta_header(fs, *next, FFS_KIND_LOG, gen, index + 1);
}

/* ---- reading ---- */

void ffs_iter_init(struct flashfs *fs, struct ffs_iter *it)
{
    it->block = fs->log.head;
    it->index = 0;
    it->off = fs->unit;
    it->in_commit = 0;
    it->names_for = FFS_ALL_NAMES;
}

int ffs_iter_before(const struct ffs_iter *a, const struct ffs_iter *b)
{
    return a->index < b->index || (a->index == b->index && a->off < b->off);
}

static int at_log_end(const struct flashfs *fs, const struct ffs_iter *it)
{
    return it->index > fs->log.index || (it->index == fs->log.index && it->off >= fs->log.off);
}

/* Moves to the next commit start; returns 1 when there is one, 0 at the end of the log. */
static int next_commit(struct flashfs *fs, struct ffs_iter *it)
{
    for (uint32_t steps = 0; steps <= fs->count; steps++) {
        if (at_log_end(fs, it))
            return 0;
        uint8_t type = 0xFF;
        if (it->off + FFS_END_SIZE <= fs->bsize - fs->unit) {
            int err = ffs_meta_read(fs, it->block, it->off, &type, 1);
            if (err)
                return err;
        }
        if (type != 0xFF) {
            it->in_commit = 1;
            return 1;
        }
        uint32_t next;
        int err = ffs_log_next_block(fs, fs->log.gen, it->block, it->index, &next);
        if (err)
            return err;
        it->block = next;
        it->index++;
        it->off = fs->unit;
    }
    return ERR_CORRUPT;
}

/* Next record of the log: 1 and *e filled, 0 at the end, or an error. Commits before the
 * log end were verified at mount, so only bounds are checked here. */
int ffs_iter_next(struct flashfs *fs, struct ffs_iter *it, struct ffs_entry *e)
{
    for (;;) {
        if (!it->in_commit) {
            int more = next_commit(fs, it);
            if (more <= 0)
                return more;
        }
        /* the type byte alone first: an END needs nothing more */
        uint8_t h[FFS_REC_HDR];
        if (it->off + FFS_END_SIZE > fs->bsize - fs->unit)
            return ERR_CORRUPT;
        int err = ffs_meta_read(fs, it->block, it->off, h, 1);
        if (err)
            return err;
        if (h[0] == FFS_T_END) {
            it->off = ffs_align(it->off + FFS_END_SIZE, fs->unit);
            it->in_commit = 0;
            continue;
        }
        if (it->off + FFS_REC_HDR > fs->bsize - fs->unit)
            return ERR_CORRUPT;
        if ((err = ffs_meta_read(fs, it->block, it->off, h, FFS_REC_HDR)) != 0)
            return err;
        err = finish_record(fs, it->block, it->off, h, it->names_for, e);
        if (err)
            return err;
        it->off += ffs_record_size(e);
        return 1;
    }
}

/* ---- mount-time verification ---- */

static int crc_flash(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len, uint32_t *crc)
{
    uint8_t chunk[64];
    while (len > 0) {
        uint32_t n = len < sizeof chunk ? len : (uint32_t)sizeof chunk;
        int err = ffs_meta_read(fs, block, off, chunk, n);
        if (err)
            return err;
        *crc = ffs_crc32(*crc, chunk, n);
        off += n; len -= n;
    }
    return 0;
}

/* Verifies the commit at *off; on success moves *off past it and raises *max_id. */
static int check_commit(struct flashfs *fs, uint32_t block, uint32_t *off, uint32_t *max_id)
{
    uint32_t limit = fs->bsize - fs->unit, pos = *off, crc = 0, top = *max_id;
    for (;;) {
        uint8_t end[FFS_END_SIZE];
        if (pos + FFS_END_SIZE > limit)
            return ERR_CORRUPT;
        int err = ffs_meta_read(fs, block, pos, end, sizeof end);
        if (err)
            return err;
        if (end[0] == FFS_T_END) {
            if (ffs_crc32(crc, end, 4) != ffs_get32(end + 4))
                return ERR_CORRUPT;
            *off = ffs_align(pos + FFS_END_SIZE, fs->unit);
            *max_id = top;
            return 0;
        }
        struct ffs_entry e;
        err = ffs_record_at(fs, block, pos, &e);
        if (err)
            return err;
        err = crc_flash(fs, block, pos, ffs_record_size(&e), &crc);
        if (err)
            return err;
        if (e.id > top)
            top = e.id;
        pos += ffs_record_size(&e);
    }
}

/* Walks the chain from head, verifying every commit, and finds where the next commit
 * goes. A torn commit ends the log; it and anything after it are ignored, and the log is
 * marked dirty so it is rewritten before the next append. */
int ffs_log_open(struct flashfs *fs, uint32_t head, uint32_t gen)
{
    int err = ffs_check_meta_header(fs, head, FFS_KIND_LOG, gen, 0);
    if (err)
        return err;
    struct ffs_log *log = &fs->log;
    memset(log, 0, sizeof *log);
    log->head = log->block = head;
    log->gen = gen;
    uint32_t max_id = 0;
    for (uint32_t steps = 0; steps < fs->count; steps++) {
        uint32_t off = fs->unit;
        int torn = 0;
        while (off + FFS_END_SIZE <= fs->bsize - fs->unit) {
            uint8_t type;
            if ((err = ffs_meta_read(fs, log->block, off, &type, 1)) != 0)
                return err;
            if (type == 0xFF)
                break;
            err = check_commit(fs, log->block, &off, &max_id);
            if (err == ERR_IO)
                return err;
            if (err) {
                torn = 1;
                break;
            }
        }
        log->off = off;
        uint32_t next;
        if (torn || ffs_log_next_block(fs, gen, log->block, log->index, &next) != 0)
            break;
        log->block = next;
        log->index++;
    }
    int erased = ffs_is_erased(fs, log->block, log->off, fs->bsize - log->off);
    if (erased < 0)
        return erased;
    fs->dirty_tail = !erased;
    fs->next_id = max_id + 1;
    return 0;
}

/* ---- writing ---- */

static int emit(struct flashfs *fs, struct ffs_log *lw, const void *data, uint32_t n)
{
    const uint8_t *p = data;
    while (n > 0) {
        uint32_t k = fs->unit - lw->fill;
        if (k > n)
            k = n;
        memcpy(fs->prog_buf + lw->fill, p, k);
        lw->crc = ffs_crc32(lw->crc, p, k);
        lw->fill += k; p += k; n -= k;
        if (lw->fill == fs->unit) {
            int err = ffs_prog(fs, lw->block, lw->page_off, fs->prog_buf, fs->unit);
            if (err)
                return err;
            lw->page_off += fs->unit;
            lw->fill = 0;
        }
    }
    return 0;
}

/* Copies n bytes from flash into the commit (inline data of a record being rewritten). */
static int emit_flash(struct flashfs *fs, struct ffs_log *lw, uint32_t block, uint32_t off, uint32_t n)
{
    uint8_t chunk[64];
    while (n > 0) {
        uint32_t k = n < sizeof chunk ? n : (uint32_t)sizeof chunk;
        int err = ffs_meta_read(fs, block, off, chunk, k);
        if (!err)
            err = emit(fs, lw, chunk, k);
        if (err)
            return err;
        off += k; n -= k;
    }
    return 0;
}

int ffs_log_room(const struct flashfs *fs, const struct ffs_log *lw, uint32_t bytes)
{
    return lw->page_off + lw->fill + bytes + FFS_END_SIZE <= fs->bsize - fs->unit;
}

int ffs_log_extend(struct flashfs *fs, struct ffs_log *lw)
{
    uint32_t block, ec;
    int err = ffs_alloc_block(fs, 0, &block, &ec);
    if (err)
        return err;
    err = ffs_write_meta_header(fs, block, ec, FFS_KIND_LOG, lw->gen, lw->index + 1);
    if (err)
        return err;
    uint8_t *l = fs->prog_buf;
    memset(l, 0xFF, fs->unit);
    ffs_put32(l, FFS_MAGIC_LINK);
    ffs_put32(l + 4, block);
    ffs_put32(l + 8, lw->index + 1);
    ffs_put32(l + 12, ffs_crc32(0, l, 12));
    err = ffs_prog(fs, lw->block, fs->bsize - fs->unit, l, fs->unit);
    if (err) {
        if (lw == &fs->log)
            fs->dirty_tail = 1;
        return err;
    }
    lw->block = block;
    lw->index++;
    lw->off = fs->unit;
    return 0;
}

/* Opens a commit that will hold `bytes` of records, moving to a new block if needed. */
int ffs_log_begin(struct flashfs *fs, struct ffs_log *lw, uint32_t bytes)
{
    if (fs->unit + bytes + FFS_END_SIZE > fs->bsize - fs->unit)
        return ERR_INVAL;
    if (lw->off + bytes + FFS_END_SIZE > fs->bsize - fs->unit) {
        int err = ffs_log_extend(fs, lw);
        if (err)
            return err;
    }
    lw->page_off = lw->off;
    lw->fill = 0;
    lw->crc = 0;
    lw->open = 1;
    return 0;
}

int ffs_log_put(struct flashfs *fs, struct ffs_log *lw, const struct ffs_entry *e,
                const void *inline_data)
{
    uint8_t h[FFS_REC_HDR];
    encode_header(e, h);
    int err = emit(fs, lw, h, sizeof h);
    if (!err)
        err = emit(fs, lw, e->name, e->name_len);
    if (err || e->type != FFS_T_FILE || !(e->flags & FFS_F_INLINE) || e->size == 0)
        return err;
    if (inline_data)
        return emit(fs, lw, inline_data, e->size);
    return emit_flash(fs, lw, e->data_block, e->data_off, e->size);
}

int ffs_log_end(struct flashfs *fs, struct ffs_log *lw)
{
    uint8_t end[FFS_END_SIZE] = { FFS_T_END, 0, 0, 0 };
    int err = emit(fs, lw, end, 4);
    if (err)
        return err;
    ffs_put32(end + 4, lw->crc);
    err = emit(fs, lw, end + 4, 4);
    if (err)
        return err;
    if (lw->fill > 0) {
        memset(fs->prog_buf + lw->fill, 0xFF, fs->unit - lw->fill);
        err = ffs_prog(fs, lw->block, lw->page_off, fs->prog_buf, fs->unit);
        if (err)
            return err;
        lw->page_off += fs->unit;
        lw->fill = 0;
    }
    lw->off = lw->page_off;
    lw->open = 0;
    return 0;
}

/* Appends one atomic commit of n records to the live log. data, when given, is the inline
 * contents of recs[0] (a file being synced); otherwise inline data is copied from flash. */
int ffs_commit(struct flashfs *fs, const struct ffs_entry *recs, int n, const void *data)
{
    if (fs->dirty_tail)
        return ERR_IO;   /* callers run ffs_maintain() first; a torn tail is never extended */
    uint32_t bytes = 0;
    for (int i = 0; i < n; i++)
        bytes += ffs_record_size(&recs[i]);
    int err = ffs_log_begin(fs, &fs->log, bytes);
    if (err)
        return err;
    for (int i = 0; i < n && !err; i++)
        err = ffs_log_put(fs, &fs->log, &recs[i], i == 0 ? data : NULL);
    if (!err)
        err = ffs_log_end(fs, &fs->log);
    if (err) {
        fs->log.open = 0;
        fs->dirty_tail = 1;
    }
    return err;
}
