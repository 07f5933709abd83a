/* The metadata log: a chain of blocks holding commits. A commit is a run of records ended
 * by an END record carrying the CRC of the whole commit; it starts at a multiple of the
 * log's alignment (the device's program size) and never crosses a block. A commit either checks out completely or is ignored,
 * which is what makes every metadata change atomic. */
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

/* ---- records ---- */

LEAF uint32_t ffs_record_size(const struct ffs_entry *e)
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
static LEAF int decode_header(const struct flashfs *fs, const uint8_t *h, struct ffs_entry *e)
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

static LEAF int valid_name(const char *name, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (name[i] == '/' || name[i] == '\0')
            return 0;
    return 1;
}

/* finish_record's names_for when h holds the name after the header. */
#define FFS_NAME_IN_H 0xFFFFFFFDu

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
    if (names_for != FFS_ALL_NAMES && names_for != FFS_NAME_IN_H && e->parent != names_for) {
        e->name[0] = '\0';
        return 0;
    }
    if (names_for == FFS_NAME_IN_H)     /* read with the header (ffs_record_at) */
        memcpy(e->name, h + FFS_REC_HDR, e->name_len);
    else if ((err = ffs_meta_read(fs, block, off + FFS_REC_HDR, e->name, e->name_len)) != 0)
        return err;
    e->name[e->name_len] = '\0';
    return valid_name(e->name, e->name_len) ? 0 : ERR_CORRUPT;
}

/* Where in its block the record e was read from. */
LEAF uint32_t ffs_record_off(const struct ffs_entry *e)
{
    return e->data_off - FFS_REC_HDR - e->name_len;
}

/* Reads and checks the record at off (not an END), name included. The header and the
 * longest name are read at once (a look-up reads a record per path component, and without
 * a cache each read is a device call); the bytes past the record are not used. Through a
 * cache the read stops at the end of the header's line, so that it never costs a second
 * line: a name past it is read on its own, as before. */
int ffs_record_at(struct flashfs *fs, uint32_t block, uint32_t off, struct ffs_entry *e)
{
    uint8_t h[FFS_REC_HDR + FFS_NAME_MAX];
    uint32_t limit = fs->bsize - fs->unit;
    if (off + FFS_REC_HDR > limit)
        return ERR_CORRUPT;
    uint32_t n = limit - off < sizeof h ? limit - off : sizeof h;
    uint32_t line_left = FFS_UNIT_MIN - off % FFS_UNIT_MIN;
    if ((fs->cache_lines || fs->window_on) && n > line_left)
        n = line_left < FFS_REC_HDR ? FFS_REC_HDR : line_left;
    int err = ffs_meta_read(fs, block, off, h, n);
    if (err)
        return err;
    return finish_record(fs, block, off, h, n >= FFS_REC_HDR + h[1] ? FFS_NAME_IN_H
                                                                    : FFS_ALL_NAMES, e);
}

/* ---- chain links ---- */

/* The block a checked link or root points to must start with the header of that place in
 * the chain. 0 when it does; 1 when the header is damaged (its CRC fails: the pointer, CRC'd
 * itself, is trusted); ERR_CORRUPT when it is the valid header of something else, a block
 * that was reused. */
static int linked_header(struct flashfs *fs, uint32_t block, uint32_t gen, uint32_t index)
{
    int err = ffs_check_meta_header(fs, block, FFS_KIND_LOG, gen, index);
    if (err != ERR_CORRUPT)
        return err;
    uint8_t h[FFS_META_HDR];
    if ((err = ffs_meta_read(fs, block, 0, h, sizeof h)) != 0)
        return err;
    return ffs_get32(h + 20) == ffs_crc32(0, h, 20) ? ERR_CORRUPT : 1;
}

/* The block after `block` in chain gen. A link mount found damaged is replaced by the
 * block it found in its place. */
int ffs_log_next_block(struct flashfs *fs, uint32_t gen, uint32_t block, uint32_t index,
                       uint32_t *next)
{
    for (uint32_t i = 0; gen == fs->log.gen && i < fs->damaged; i++) {
        if (fs->damage[i].index == index && fs->damage[i].next != FFS_NONE) {
            *next = fs->damage[i].next;
            return 0;
        }
    }
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
    err = linked_header(fs, *next, gen, index + 1);
    return err < 0 ? err : 0;
}

/* ---- reading ---- */

LEAF void ffs_iter_init(struct flashfs *fs, struct ffs_iter *it)
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

/* The damaged stretch of the live log starting at this place, if mount found one. */
static const struct ffs_damage *damage_at(const struct flashfs *fs, uint32_t index, uint32_t off)
{
    for (uint32_t i = 0; i < fs->damaged; i++) {
        const struct ffs_damage *d = &fs->damage[i];
        if (d->index == index && d->from == off && d->from < d->to)
            return d;
    }
    return NULL;
}

/* Moves to the next commit start; returns 1 when there is one, 0 at the end of the log.
 * Damaged commits found at mount are stepped over. */
static int next_commit(struct flashfs *fs, struct ffs_iter *it)
{
    for (uint32_t steps = 0; steps <= fs->count + FFS_MAX_DAMAGE; steps++) {
        if (at_log_end(fs, it))
            return 0;
        const struct ffs_damage *d = damage_at(fs, it->index, it->off);
        if (d) {
            it->off = d->to;
            continue;
        }
        uint8_t type = 0xFF;
        if (it->off + FFS_END_SIZE <= fs->bsize - fs->unit) {
            int err = ffs_meta_read(fs, it->block, it->off, &type, 1);
            if (err)
                return err;
        }
        if (type != 0xFF) {
            it->in_commit = 2;   /* the record there need not read its type again */
            it->first_type = type;
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
 * log end were verified at mount (and damaged ones are stepped over), so only bounds are
 * checked here. */
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
        int err = 0;
        if (it->in_commit == 2)
            h[0] = it->first_type;
        else
            err = ffs_meta_read(fs, it->block, it->off, h, 1);
        it->in_commit = 1;
        if (err)
            return err;
        if (h[0] == FFS_T_END) {
            it->off = ffs_align(it->off + FFS_END_SIZE, fs->log.align);
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

/* The records of the commit being verified, noted in the name index once its CRC checks
 * out. A commit of the compacted base holds at most one unit of records; a bigger one (an
 * image written before that) makes mount build the index by a scan instead. */
#define PENDING_MAX 8u
struct pending {
    struct ffs_index_slot rec[PENDING_MAX];
    uint8_t type[PENDING_MAX];
    uint32_t count;
    int overflow;
};

static LEAF void pend(struct pending *p, const struct ffs_entry *e, uint32_t block, uint32_t off)
{
    if (p->count == PENDING_MAX) {
        p->overflow = 1;
        return;
    }
    p->type[p->count] = e->type;
    p->rec[p->count++] = (struct ffs_index_slot){ e->id, e->parent,
                                                  ffs_name_hash(e->name, e->name_len), block, off };
}

static void note_pending(struct flashfs *fs, const struct pending *p)
{
    for (uint32_t i = 0; i < p->count; i++) {
        const struct ffs_index_slot *r = &p->rec[i];
        ffs_index_note(fs, p->type[i], r->id, r->parent, r->hash, r->block, r->off);
    }
}

/* Verifies the commit at *off; on success moves *off past it and raises *max_id. Its
 * records go to the name index when p is given. */
static int check_commit(struct flashfs *fs, uint32_t block, uint32_t *off, uint32_t *max_id,
                        struct pending *p)
{
    uint32_t limit = fs->bsize - fs->unit, pos = *off, crc = 0, top = *max_id;
    if (p)
        p->count = 0;
    for (;;) {
        /* the END record or a record's header, in place when a line holds it (else one
         * read); each byte is read once */
        uint8_t copy[FFS_REC_HDR];
        const uint8_t *h;
        if (pos + FFS_END_SIZE > limit)
            return ERR_CORRUPT;
        uint32_t n = limit - pos < FFS_REC_HDR ? limit - pos : FFS_REC_HDR;
        int err = ffs_meta_peek(fs, block, pos, n, &h);
        if (!err && !h) {
            err = ffs_meta_read(fs, block, pos, copy, n);
            h = copy;
        }
        if (err)
            return err;
        if (h[0] == FFS_T_END) {
            if (ffs_crc32(crc, h, 4) != ffs_get32(h + 4))
                return ERR_CORRUPT;
            *off = ffs_align(pos + FFS_END_SIZE, fs->log.align);
            *max_id = top;
            if (p)
                note_pending(fs, p);
            return 0;
        }
        if (n < FFS_REC_HDR)
            return ERR_CORRUPT;
        /* the name with it when the same line holds both: no read of its own */
        const uint8_t *with_name = NULL;
        if (h != copy && (err = ffs_meta_peek(fs, block, pos, FFS_REC_HDR + h[1], &with_name)))
            return err;
        crc = ffs_crc32(crc, h, FFS_REC_HDR);   /* before any other read moves the window */
        struct ffs_entry e;
        err = with_name ? finish_record(fs, block, pos, with_name, FFS_NAME_IN_H, &e)
                        : finish_record(fs, block, pos, h, FFS_ALL_NAMES, &e);
        if (err)
            return err;
        if (p) {
            pend(p, &e, block, pos);
            ffs_alloc_mount_record(fs, &e);   /* a commit that fails leaves the map to a scan */
        }
        crc = ffs_crc32(crc, e.name, e.name_len);
        err = ffs_meta_crc(fs, block, e.data_off, ffs_record_size(&e) - FFS_REC_HDR - e.name_len,
                           &crc);
        if (err)
            return err;
        if (e.id > top)
            top = e.id;
        pos += ffs_record_size(&e);
    }
}

/* Where a damaged commit at `from` ends, if its records can still be followed to an END:
 * the place the next commit would start. Otherwise the next place a commit may start. */
static uint32_t end_of_damaged(struct flashfs *fs, uint32_t block, uint32_t from)
{
    uint32_t pos = from, limit = fs->bsize - fs->unit;
    while (pos + FFS_END_SIZE <= limit) {
        uint8_t type;
        struct ffs_entry e;
        if (ffs_meta_read(fs, block, pos, &type, 1) != 0)
            break;
        if (type == FFS_T_END)
            return ffs_align(pos + FFS_END_SIZE, fs->log.align);
        if (ffs_record_at(fs, block, pos, &e) != 0)
            break;
        pos += ffs_record_size(&e);
    }
    return from + fs->log.align;
}

/* The first commit after the damaged one at `from` that checks out, in *to; the end of
 * the block's commits when there is none. */
static int resync(struct flashfs *fs, uint32_t block, uint32_t from, uint32_t *to)
{
    uint32_t limit = fs->bsize - fs->unit;
    for (uint32_t u = end_of_damaged(fs, block, from); u + FFS_END_SIZE <= limit;
         u += fs->log.align) {
        uint8_t type;
        uint32_t pos = u, ids = 0;
        int err = ffs_meta_read(fs, block, u, &type, 1);
        if (!err && type != 0xFF)
            err = check_commit(fs, block, &pos, &ids, NULL);
        if (err == ERR_IO)
            return err;
        if (!err && type != 0xFF) {
            *to = u;
            return 0;
        }
    }
    *to = limit;
    return 0;
}

/* What the walk of the log found so far. good is just past the last sign that the log went
 * on: a commit that checks out or a link followed. Damage before it is in the middle of the
 * log; a bad commit after it is a torn end, which a power cut leaves. */
struct walk {
    uint32_t max_id, good_index, good_off;
    int full;   /* more damage than damage[] holds: the log is cut there */
    uint32_t erased_from;   /* the walked block reads erased from here to its link unit */
};

static int note_damage(struct flashfs *fs, struct walk *w, uint32_t from, uint32_t to,
                       uint32_t next, int noise)
{
    if (fs->damaged == FFS_MAX_DAMAGE) {
        w->full = 1;
        return 0;
    }
    fs->damage[fs->damaged++] = (struct ffs_damage){ fs->log.index, from, to, next, noise };
    return 1;
}

/* 1 when [from, to) reads as erased but for a few bytes: a flip in the erased space after a
 * block's last commit, not a commit (whose record header alone has far more programmed
 * bytes), 0 when not, or an error. */
#define NOISE_BYTES 3u
static int is_noise(struct flashfs *fs, uint32_t block, uint32_t from, uint32_t to)
{
    uint8_t chunk[64];
    uint32_t programmed = 0;
    while (from < to) {
        uint32_t n = to - from < sizeof chunk ? to - from : (uint32_t)sizeof chunk;
        int err = ffs_meta_read(fs, block, from, chunk, n);
        if (err)
            return err;
        for (uint32_t i = 0; i < n; i++)
            programmed += chunk[i] != 0xFF;
        if (programmed > NOISE_BYTES)
            return 0;
        from += n;
    }
    return 1;
}

/* Verifies every commit of the current log block and notes the damaged ones. Commits are
 * contiguous from the first unit, so only erased bytes may follow the last one. */
static int walk_block(struct flashfs *fs, struct walk *w, struct pending *p)
{
    struct ffs_log *log = &fs->log;
    uint32_t off = fs->unit, limit = fs->bsize - fs->unit;
    w->erased_from = FFS_NONE;
    while (off + FFS_END_SIZE <= limit) {
        uint8_t type;
        int err = ffs_meta_read(fs, log->block, off, &type, 1);
        if (!err && type == 0xFF) {
            err = ffs_is_erased_at_mount(fs, log->block, off, limit - off);
            if (err == 1) {
                w->erased_from = off;
                break;
            }
        }
        if (err < 0)
            return err;
        uint32_t at = off;
        err = check_commit(fs, log->block, &off, &w->max_id, p);
        if (err == ERR_IO)
            return err;
        if (!err) {
            w->good_index = log->index;
            w->good_off = off;
            continue;
        }
        ffs_alloc_mount_failed(fs);
        if ((err = resync(fs, log->block, at, &off)) != 0)
            return err;
        int noise = off == limit ? is_noise(fs, log->block, at, off) : 0;
        if (noise < 0)
            return noise;
        if (!note_damage(fs, w, at, off, FFS_NONE, noise))
            return 0;
    }
    return 0;
}

/* A damaged link is told from a torn one (a power cut while the log grew) by what follows:
 * the one block carrying the next header of this chain, holding a commit that checks out.
 * 1 and *next when found, 0 when not. */
static int find_lost_link(struct flashfs *fs, uint32_t *next)
{
    struct ffs_log *log = &fs->log;
    int erased = ffs_is_erased_at_mount(fs, log->block, fs->bsize - fs->unit, fs->unit);
    if (erased != 0)
        return erased < 0 ? erased : 0;   /* no link was ever written: the chain ends */
    uint32_t found = FFS_NONE;
    for (uint32_t b = FFS_SUPER_BLOCKS; b < fs->count; b++) {
        int err = ffs_check_meta_header(fs, b, FFS_KIND_LOG, log->gen, log->index + 1);
        if (err == ERR_IO)
            return err;
        if (err)
            continue;
        if (found != FFS_NONE)
            return 0;   /* two candidates: a stale chain of this generation; stop here */
        found = b;
    }
    if (found == FFS_NONE)
        return 0;
    uint32_t off = fs->unit, ids = 0;
    int err = check_commit(fs, found, &off, &ids, NULL);
    if (err)
        return err == ERR_IO ? err : 0;
    *next = found;
    return 1;
}

/* The block after the current one: 1 and *next, 0 at the end of the chain, or an error.
 * Damaged links and headers are noted. */
static int next_log_block(struct flashfs *fs, struct walk *w, uint32_t *next)
{
    struct ffs_log *log = &fs->log;
    int err = ffs_log_next_block(fs, log->gen, log->block, log->index, next);
    if (err == ERR_IO)
        return err;
    if (!err) {
        int damaged = linked_header(fs, *next, log->gen, log->index + 1);
        if (damaged < 0)
            return damaged;
        fs->damaged_links += (uint32_t)damaged;
        return 1;
    }
    int found = find_lost_link(fs, next);
    if (found <= 0)
        return found;
    if (!note_damage(fs, w, fs->bsize - fs->unit, fs->bsize - fs->unit, *next, 0))
        return 0;
    fs->damaged_links++;
    return 1;
}

/* Damage after the last good commit is the torn end a power cut leaves, not damage: it is
 * dropped from the list, and the log ends there. */
static void classify_damage(struct flashfs *fs, const struct walk *w)
{
    while (fs->damaged > 0) {
        const struct ffs_damage *d = &fs->damage[fs->damaged - 1];
        if (d->index < w->good_index || (d->index == w->good_index && d->from < w->good_off))
            break;
        fs->damaged--;
    }
    for (uint32_t i = 0; i < fs->damaged; i++)
        fs->damaged_commits += fs->damage[i].from < fs->damage[i].to && !fs->damage[i].noise;
    if (w->full)
        fs->damaged_commits++;
    if (fs->damaged_commits || fs->damaged_links)
        fs->read_only = "damaged records in the middle of the metadata log";
}

/* Walks the chain from head, verifying every commit, and finds where the next commit
 * goes. A commit that does not check out with nothing valid after it is a torn end: it
 * and anything after it are ignored, and the log is marked dirty so it is rewritten before
 * the next append. One with valid commits or a link after it is damage: reads step over
 * it, and the mount refuses changes (read_only) so that no compaction makes the loss of
 * what it held permanent. */
static int open_log(struct flashfs *fs, uint32_t head, uint32_t gen, uint32_t align)
{
    fs->damaged = fs->damaged_commits = fs->damaged_links = 0;
    fs->read_only = NULL;
    int err = linked_header(fs, head, gen, 0);
    if (err < 0)
        return err;
    fs->damaged_links = (uint32_t)err;
    struct ffs_log *log = &fs->log;
    memset(log, 0, sizeof *log);
    log->head = log->block = head;
    log->gen = gen;
    log->align = align;
    struct walk w = { 0, 0, fs->unit, 0, FFS_NONE };
    struct pending p = { .overflow = 0 };
    ffs_index_reset(fs);
    ffs_alloc_mount_begin(fs);
    for (uint32_t steps = 0; steps < fs->count && !w.full; steps++) {
        uint32_t next;
        ffs_alloc_mount_block(fs, log->block);
        if ((err = walk_block(fs, &w, &p)) != 0)
            return err;
        int more = w.full ? 0 : next_log_block(fs, &w, &next);
        if (more < 0)
            return more;
        if (!more)
            break;
        log->block = next;
        log->index++;
        w.good_index = log->index;
        w.good_off = fs->unit;
    }
    classify_damage(fs, &w);
    if (fs->damaged)
        ffs_index_free(fs);   /* reads step over damage: look-ups scan, as they see it */
    log->off = w.good_off;   /* good is in the last block: a link followed moved it there */
    /* the walk saw the last block erased from the end of its commits: only the link unit
     * is left to check */
    uint32_t from = w.erased_from == log->off ? fs->bsize - fs->unit : log->off;
    int erased = ffs_is_erased_at_mount(fs, log->block, from, fs->bsize - from);
    if (erased < 0)
        return erased;
    fs->dirty_tail = !erased;
    if (fs->damaged || fs->damaged_links || w.full || fs->dirty_tail)
        ffs_alloc_mount_failed(fs);
    ffs_alloc_mount_end(fs);
    fs->next_id = w.max_id + 1;
    err = p.overflow ? ffs_index_rebuild(fs) : 0;
    ffs_index_fit(fs);
    return err;
}

int ffs_log_open(struct flashfs *fs, uint32_t head, uint32_t gen, uint32_t align)
{
    ffs_window_open(fs);
    int err = open_log(fs, head, gen, align);
    ffs_window_close(fs);
    return err;
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
    if (err) {
        ffs_free_unknown(fs);   /* the block is marked, and nothing links to it */
        return err;
    }
    uint8_t *l = fs->prog_buf;
    memset(l, 0xFF, fs->unit);
    ffs_put32(l, FFS_MAGIC_LINK);
    ffs_put32(l + 4, block);
    ffs_put32(l + 8, lw->index + 1);
    ffs_put32(l + 12, ffs_crc32(0, l, 12));
    err = ffs_prog(fs, lw->block, fs->bsize - fs->unit, l, ffs_prog_len(fs, FFS_LINK_SIZE));
    if (err) {
        ffs_free_unknown(fs);
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
    uint32_t commit_end = lw->page_off + lw->fill;
    if (lw->fill > 0) {
        /* only the commit's own bytes: the next commit goes right after it */
        uint32_t len = ffs_prog_len(fs, lw->fill);
        memset(fs->prog_buf + lw->fill, 0xFF, len - lw->fill);
        err = ffs_prog(fs, lw->block, lw->page_off, fs->prog_buf, len);
        if (err)
            return err;
        lw->page_off += len;
        lw->fill = 0;
    }
    lw->off = ffs_align(commit_end, lw->align);
    lw->open = 0;
    return 0;
}

/* Where new chains put their commits: at the device's program size, so that a small commit
 * programs little more than its own bytes (the unit, 256 bytes or more, is a multiple of
 * it). A version-1 log, written before, keeps the unit until its next compaction. */
uint32_t ffs_commit_align(const struct flashfs *fs)
{
    return fs->bd->prog_size;
}

/* 0 when the mount takes changes, ERR_ROFS when damage found at mount forbids them. */
int ffs_writable(const struct flashfs *fs)
{
    return fs->read_only ? ERR_ROFS : 0;
}

/* Bytes of the log a record makes stale: the record it supersedes (none for a new entry),
 * and a deletion itself. Without the index the record's own size stands for the one it
 * replaces. */
static uint32_t stale_bytes(struct flashfs *fs, const struct ffs_entry *rec)
{
    struct ffs_entry old;
    uint32_t self = rec->type == FFS_T_DEL ? ffs_record_size(rec) : 0;
    if (!ffs_index_usable(fs))
        return ffs_record_size(rec);
    int err = ffs_index_find_id(fs, rec->id, &old);
    if (err == ERR_NOENT)
        return self;
    return err ? ffs_record_size(rec) : self + ffs_record_size(&old);
}

/* Appends one atomic commit of n records to the live log. data, when given, is the inline
 * contents of recs[0] (a file being synced); otherwise inline data is copied from flash.
 * fresh: the records are the first of new entries, which supersede nothing. */
static int commit(struct flashfs *fs, const struct ffs_entry *recs, int n, const void *data,
                  int fresh)
{
    if (fs->read_only)
        return ERR_ROFS;
    if (fs->dirty_tail)
        return ERR_IO;   /* callers run ffs_maintain() first; a torn tail is never extended */
    uint32_t bytes = 0;
    for (int i = 0; i < n; i++)
        bytes += ffs_record_size(&recs[i]);
    int err = ffs_log_begin(fs, &fs->log, bytes);
    if (err)
        return err;
    uint32_t block = fs->log.block, off = fs->log.page_off;
    for (int i = 0; i < n && !err; i++)
        err = ffs_log_put(fs, &fs->log, &recs[i], i == 0 ? data : NULL);
    if (!err)
        err = ffs_log_end(fs, &fs->log);
    if (err) {
        fs->log.open = 0;
        fs->dirty_tail = 1;
        return err;
    }
    for (int i = 0; i < n; i++) {   /* the commit landed: its records are the current ones */
        fs->stale += fresh ? 0 : stale_bytes(fs, &recs[i]);
        ffs_index_note_entry(fs, &recs[i], block, off);
        off += ffs_record_size(&recs[i]);
    }
    return 0;
}

int ffs_commit(struct flashfs *fs, const struct ffs_entry *recs, int n, const void *data)
{
    return commit(fs, recs, n, data, 0);
}

int ffs_commit_new(struct flashfs *fs, const struct ffs_entry *e, const void *data)
{
    return commit(fs, e, 1, data, 1);
}
