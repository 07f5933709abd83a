/* The name index: where the current record of every live entry is, with its parent and a
 * hash of its name, so that a look-up reads one record per path component instead of
 * scanning the log. It is built while mount verifies the log (which reads every record
 * anyway), kept up to date by every commit, and rebuilt after a compaction has moved the
 * records.
 *
 * RAM is bounded: the table grows up to index_max slots and no further. A tree with more
 * live entries than that turns the index off until the next rebuild, and every look-up
 * scans the log as it did without one; so does a mount that found damage, whose reads step
 * over damaged commits. The slots are kept in the log order of the records they point at,
 * which makes the index answer exactly what a scan answers, even for the duplicate names a
 * damaged image can hold (the scan keeps the last match in log order). */
#include <stdlib.h>
#include <string.h>
#include "fs/flashfs/flashfs_int.h"

#define FIRST_SLOTS 16u
#define GROWTH_SLOTS 8u   /* at least; a quarter of the table once that is more */

LEAF uint32_t ffs_name_hash(const char *name, uint32_t len)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)name[i]) * 16777619u;
    return h;
}

void ffs_index_reset(struct flashfs *fs)
{
    fs->index_used = 0;
    memset(fs->index_ids, 0, sizeof fs->index_ids);
    fs->index_ok = fs->index_max > 0;
}

void ffs_index_free(struct flashfs *fs)
{
    free(fs->index);
    fs->index = NULL;
    fs->index_cap = fs->index_used = 0;
    fs->index_ok = 0;
}

/* Gives up on the index (too many entries, no memory): look-ups scan the log. */
static void give_up(struct flashfs *fs)
{
    ffs_index_free(fs);
}

/* The bit of id in index_ids: set when a slot is given to the id, cleared only by a reset, so
 * a clear bit proves the id has no slot. Mount notes every record, most of them new ids: the
 * bits spare it a search of every slot for each. */
static LEAF uint32_t id_bit(uint32_t id, uint32_t *word)
{
    uint32_t bit = id % (FFS_INDEX_ID_WORDS * 32u);
    *word = bit / 32u;
    return 1u << (bit % 32u);
}

static LEAF int slot_of_id(const struct flashfs *fs, uint32_t id)
{
    uint32_t word, bit = id_bit(id, &word);
    if (!(fs->index_ids[word] & bit))
        return -1;
    for (uint32_t i = fs->index_used; i-- > 0;)   /* the latest first: a file's create and */
        if (fs->index[i].id == id)                /* its first write are adjacent records */
            return (int)i;
    return -1;
}

static int make_room(struct flashfs *fs)
{
    if (fs->index_used < fs->index_cap)
        return 1;
    if (fs->index_cap >= fs->index_max)
        return 0;
    uint32_t step = fs->index_cap / 4 > GROWTH_SLOTS ? fs->index_cap / 4 : GROWTH_SLOTS;
    uint32_t cap = fs->index_cap + step;
    if (cap > fs->index_max)
        cap = fs->index_max;
    struct ffs_index_slot *grown = realloc(fs->index, cap * sizeof *grown);
    if (!grown)
        return 0;
    fs->index = grown;
    fs->index_cap = cap;
    return 1;
}

/* A record now at (block, off), the latest of its id in the log. */
void ffs_index_note(struct flashfs *fs, uint8_t type, uint32_t id, uint32_t parent,
                    uint32_t hash, uint32_t block, uint32_t off)
{
    if (!fs->index_ok)
        return;
    int i = slot_of_id(fs, id);
    if (i >= 0) {   /* keep log order: the id's record moves to the end */
        memmove(&fs->index[i], &fs->index[i + 1],
                (fs->index_used - (uint32_t)i - 1) * sizeof *fs->index);
        fs->index_used--;
    }
    if (type != FFS_T_FILE && type != FFS_T_DIR)
        return;
    if (!make_room(fs)) {
        give_up(fs);
        return;
    }
    fs->index[fs->index_used++] = (struct ffs_index_slot){ id, parent, hash, block, off };
    uint32_t word, bit = id_bit(id, &word);
    fs->index_ids[word] |= bit;
}

void ffs_index_note_entry(struct flashfs *fs, const struct ffs_entry *e, uint32_t block,
                          uint32_t off)
{
    ffs_index_note(fs, e->type, e->id, e->parent, ffs_name_hash(e->name, e->name_len), block,
                   off);
}

LEAF int ffs_index_usable(const struct flashfs *fs)
{
    return fs->index_ok && fs->damaged == 0;
}

/* One scan of the log, names included (after a compaction, or a mount whose commits held
 * more records than its walk could note). */
/* Once the log's walk has filled the table, it keeps room for a few more entries, not the
 * last growth step's worth: most of a board's tree is there at mount, and a slot is 20
 * bytes of RAM for as long as the mount lives. */
void ffs_index_fit(struct flashfs *fs)
{
    uint32_t cap = fs->index_used + GROWTH_SLOTS;
    if (!fs->index || cap >= fs->index_cap)
        return;
    struct ffs_index_slot *fitted = realloc(fs->index, cap * sizeof *fitted);
    if (fitted) {
        fs->index = fitted;
        fs->index_cap = cap;
    }
}

int ffs_index_rebuild(struct flashfs *fs)
{
    ffs_index_reset(fs);
    if (!fs->index_ok)
        return 0;
    struct ffs_iter it;
    struct ffs_entry e;
    int more = 0;
    ffs_iter_init(fs, &it);
    while (fs->index_ok && (more = ffs_iter_next(fs, &it, &e)) > 0)
        ffs_index_note_entry(fs, &e, e.data_block, ffs_record_off(&e));
    if (fs->index_ok && more < 0) {
        give_up(fs);
        return more;
    }
    return 0;
}

static int read_slot(struct flashfs *fs, const struct ffs_index_slot *s, struct ffs_entry *e)
{
    int err = ffs_record_at(fs, s->block, s->off, e);
    if (!err && e->id != s->id)
        err = ERR_CORRUPT;
    return err;
}

/* The live child of parent with this name; the latest in log order when there are two. */
int ffs_index_find_child(struct flashfs *fs, uint32_t parent, const char *name, size_t len,
                         struct ffs_entry *e)
{
    uint32_t hash = ffs_name_hash(name, (uint32_t)len);
    /* a pointer down the table, the hash tested first: it tells slots apart where the
     * parent seldom does (a folder's entries), in one load and compare per slot */
    const struct ffs_index_slot *first = fs->index, *s = first ? first + fs->index_used : NULL;
    while (s != first) {
        if ((--s)->hash != hash || s->parent != parent)
            continue;
        int err = read_slot(fs, s, e);    /* e is the caller's to clobber on a miss */
        if (err)
            return err;
        if (e->name_len == len && memcmp(e->name, name, len) == 0)
            return 0;
    }
    return ERR_NOENT;
}

int ffs_index_find_id(struct flashfs *fs, uint32_t id, struct ffs_entry *e)
{
    int i = slot_of_id(fs, id);
    return i < 0 ? ERR_NOENT : read_slot(fs, &fs->index[i], e);
}

int ffs_index_has_children(const struct flashfs *fs, uint32_t dir)
{
    for (uint32_t i = 0; i < fs->index_used; i++)
        if (fs->index[i].parent == dir)
            return 1;
    return 0;
}
