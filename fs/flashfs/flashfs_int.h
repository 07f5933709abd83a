/* flashfs internals shared by its source files. The on-flash format is described in
 * docs/flashfs.md; every multi-byte field is little-endian. */
#ifndef FS_FLASHFS_INT_H
#define FS_FLASHFS_INT_H

#include <stddef.h>
#include <stdint.h>
#include "fs/flashfs/flashfs.h"
#include "hal/thread.h"
#include "lib/err.h"
#include "lib/leaf.h"

#define FFS_VERSION 2u                /* 1: commits padded to units (still mounted) */
#define FFS_MAGIC_BLOCK 0x53464655u   /* "UFFS": first word of every block we program */
#define FFS_MAGIC_LINK 0x4B4E494Cu    /* "LINK": last page of a full log block */
#define FFS_MAGIC_ROOT 0x544F4F52u    /* "ROOT": a root record in a superblock */
#define FFS_NONE 0xFFFFFFFFu
#define FFS_NAME_MAX 63u
#define FFS_INLINE_MAX 248u           /* files up to this size live inside their record */
#define FFS_UNIT_MIN 256u             /* smallest program unit we use (and cache line) */
#define FFS_DATA_HDR 8u               /* data block: magic, erase count */
#define FFS_META_HDR 24u              /* log/superblock: + kind, generation, index, crc */
#define FFS_REC_HDR 28u
#define FFS_END_SIZE 8u
#define FFS_ROOT_SIZE 52u
#define FFS_ROOT_SIZE_V1 48u          /* a version-1 root has no commit alignment */
#define FFS_LINK_SIZE 16u
#define FFS_SUPER_BLOCKS 2u           /* blocks 0 and 1 hold root records */
#define FFS_ALL_NAMES FFS_NONE        /* ffs_iter.names_for: every record's name */
#define FFS_NO_NAMES 0xFFFFFFFEu      /* ffs_iter.names_for: ids only (no name is read) */

enum ffs_type { FFS_T_FILE = 1, FFS_T_DIR = 2, FFS_T_DEL = 3, FFS_T_END = 0x45 };
enum { FFS_F_INLINE = 1 };
enum { FFS_KIND_SUPER = 1, FFS_KIND_LOG = 2 };

/* A place in the metadata log: block, its index in the chain, byte offset. in_commit says
 * whether off points at a record inside a commit or at the start of the next commit. */
struct ffs_iter {
    uint32_t block, index, off;
    int in_commit;        /* 2: at the start of a commit whose first type byte is first_type */
    uint8_t first_type;
    uint32_t names_for;   /* read names only of children of this id (FFS_ALL_NAMES: all) */
};

/* Append state of one log chain (the live log, or the one a compaction is building). */
struct ffs_log {
    uint32_t head, gen;
    uint32_t block, index, off;      /* the next commit starts at off */
    uint32_t page_off, fill, crc;    /* the commit being written */
    uint32_t align;                  /* commits start at multiples of it (the root says) */
    int open;
};

/* One decoded record. For inline files data_block/data_off locate the bytes on flash. */
struct ffs_entry {
    uint8_t type, name_len;
    uint16_t flags;
    uint32_t id, parent, size, head;
    int64_t mtime;
    uint32_t data_block, data_off;
    char name[FFS_NAME_MAX + 1];
};

struct ffs_file {
    struct ffs_file *next;           /* the mount's list of open files */
    uint32_t id;
    int flags;
    uint32_t pos, size;
    uint32_t head;                   /* last block of the chain; FFS_NONE when inline */
    int64_t mtime;
    int is_inline, dirty, writing;
    int error;                       /* sticky: a failed flush lost the new contents */
    /* created by this open and not committed yet (file.c, "deferred create") */
    int created;
    uint32_t parent;
    uint8_t name_len;
    char name[FFS_NAME_MAX];
    /* write session: new chain being built from old_head/old_size */
    uint32_t old_size;
    uint32_t w_pos, w_block, w_prev, w_index, w_page_off, w_fill;
    uint8_t buf[];                   /* one program unit; holds inline contents too */
};

/* An open directory. Entries come in id order; one walk of the log finds the next batch
 * (the children with the smallest ids above last_id) and where their records are, so a
 * listing of n entries walks the log about n / FFS_DIR_BATCH times. */
#define FFS_DIR_BATCH 16u
struct ffs_dir_slot {
    uint32_t id, block, off;         /* a child and its current record */
};
struct ffs_dir {
    uint32_t id;                     /* the directory listed */
    uint32_t last_id;                /* every id up to this one is done; FFS_NONE: the end */
    uint32_t bound;                  /* the batch holds every child below this id */
    uint32_t gen;                    /* log generation the batch's positions belong to */
    uint32_t count;
    struct ffs_dir_slot batch[FFS_DIR_BATCH];
};

/* Damage mount found in the middle of the live log, which reads step over: in the block at
 * chain position index, the bytes [from, to) hold no commit that checks out (to is the end
 * of the block's commits when nothing after them does); next, when not FFS_NONE, is the
 * block after this one, found by its header because the link to it is damaged. noise: the
 * bytes are erased space with a few bits flipped, where no commit was lost. */
#define FFS_MAX_DAMAGE 4u
struct ffs_damage {
    uint32_t index, from, to, next;
    int noise;
};

/* One live entry in the name index (index.c): where its current record is. */
#define FFS_INDEX_ID_WORDS 32u        /* 1,024 bits: most new ids need no search of the slots */
struct ffs_index_slot {
    uint32_t id, parent, hash, block, off;
};

struct flashfs {
    hal_mutex_t *lock;               /* held by every vfs operation on the mount (ops.c) */
    const char *read_only;           /* NULL, or why the mount refuses to write (ffs_go_read_only) */
    hal_blockdev_t *bd;
    uint32_t bsize, count, unit;     /* unit: program size we use, >= FFS_UNIT_MIN */
    uint32_t seq;                    /* of the current root; also the log generation */
    uint32_t root_next[FFS_SUPER_BLOCKS];   /* next erased root page; 0: erase first;
                                               FFS_NONE: not looked for yet */
    uint32_t root_current;           /* bit b: superblock b holds the current root */
    int roots_restored;              /* a missing copy was written again (or tried) */
    struct ffs_log log;
    struct ffs_iter tail;            /* first commit written after the last compaction */
    uint32_t base_blocks;
    uint32_t roots_found;            /* valid root records seen at mount (for fsck) */
    uint32_t next_id;
    int dirty_tail;                  /* torn commit at the end: compact before appending */
    uint32_t stale;                  /* bytes of the log whose records were superseded */
    int stale_known;                 /* 0: not counted (mounted with a tail): assume all */
    struct ffs_damage damage[FFS_MAX_DAMAGE];
    uint32_t damaged;                /* entries in damage[] */
    uint32_t damaged_commits, damaged_links;   /* mid-log damage found at mount */
    /* allocator: bit set = in use (or handed out since the last scan) */
    uint8_t *used;
    uint32_t cursor, free_blocks, ec_guess;
    int map_valid;
    int free_exact;                  /* free_blocks is what a scan would count (alloc.c) */
    int map_at_mount;                /* mount's walk is building the map (alloc.c) */
    const struct ffs_log *building;  /* chain of a compaction in progress */
    struct ffs_file *files;
    uint32_t open_files, open_dirs;
    uint32_t created_files;          /* open files whose create is not committed yet */
    /* metadata read cache */
    uint32_t *cache_addr;
    uint8_t *cache_data;
    uint32_t cache_lines;
    uint8_t *prog_buf;               /* one unit, for commits, headers and roots */
    int window_on;                   /* mount's walk reads through prog_buf (io.c) */
    uint32_t window;                 /* the line prog_buf holds then; FFS_NONE: none */
    /* name index: the live entries in log order of their current records (index.c) */
    struct ffs_index_slot *index;
    uint32_t index_used, index_cap, index_max;
    int index_ok;                    /* 0: look-ups scan the log */
    uint32_t index_ids[FFS_INDEX_ID_WORDS];   /* bit id % bits: an id that may have a slot */
};

/* little-endian helpers */
INLINE_LEAF uint32_t ffs_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
INLINE_LEAF void ffs_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
INLINE_LEAF uint32_t ffs_align(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

/* crc.c */
uint32_t ffs_crc32(uint32_t crc, const void *data, size_t len);

/* io.c: device access with bounds checks and the metadata cache */
int ffs_read(struct flashfs *fs, uint32_t block, uint32_t off, void *buf, uint32_t len);
int ffs_meta_read(struct flashfs *fs, uint32_t block, uint32_t off, void *buf, uint32_t len);
int ffs_meta_crc(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len, uint32_t *crc);
int ffs_meta_peek(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len,
                  const uint8_t **at);
int ffs_prog(struct flashfs *fs, uint32_t block, uint32_t off, const void *buf, uint32_t len);
uint32_t ffs_prog_len(const struct flashfs *fs, uint32_t len);
int ffs_erase(struct flashfs *fs, uint32_t block);
int ffs_is_erased(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len);
int ffs_is_erased_via(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len,
                      uint32_t *scratch, uint32_t room);
int ffs_is_erased_at_mount(struct flashfs *fs, uint32_t block, uint32_t off, uint32_t len);
void ffs_window_open(struct flashfs *fs);
void ffs_window_close(struct flashfs *fs);
uint32_t ffs_erase_count(struct flashfs *fs, uint32_t block);   /* FFS_NONE if unknown */
int ffs_write_meta_header(struct flashfs *fs, uint32_t block, uint32_t ec, uint32_t kind,
                          uint32_t gen, uint32_t index);
int ffs_check_meta_header(struct flashfs *fs, uint32_t block, uint32_t kind, uint32_t gen,
                          uint32_t index);
int ffs_cache_init(struct flashfs *fs, uint32_t bytes);
void ffs_cache_clear(struct flashfs *fs);
void ffs_cache_free(struct flashfs *fs);

/* ctz.c: file block chains (each block points back to blocks index-1, -2, -4, ...) */
uint32_t ffs_ctz_data_start(uint32_t index);
void ffs_ctz_locate(const struct flashfs *fs, uint32_t pos, uint32_t *index, uint32_t *off);
uint32_t ffs_ctz_last_index(const struct flashfs *fs, uint32_t size);
uint64_t ffs_ctz_start_of(const struct flashfs *fs, uint32_t index);
int ffs_ctz_find(struct flashfs *fs, uint32_t head, uint32_t head_index, uint32_t target,
                 uint32_t *block);
int ffs_ctz_pointer(struct flashfs *fs, uint32_t block, uint32_t k, uint32_t *out);
typedef void (*ffs_visit_fn)(struct flashfs *fs, uint32_t block, void *ctx);
int ffs_ctz_walk(struct flashfs *fs, uint32_t head, uint32_t size, ffs_visit_fn visit, void *ctx);
int ffs_ctz_walk_index(struct flashfs *fs, uint32_t head, uint32_t index, ffs_visit_fn visit,
                       void *ctx);

/* log.c: reading and appending the metadata log */
void ffs_iter_init(struct flashfs *fs, struct ffs_iter *it);
int ffs_iter_next(struct flashfs *fs, struct ffs_iter *it, struct ffs_entry *e);
int ffs_iter_before(const struct ffs_iter *a, const struct ffs_iter *b);
int ffs_record_at(struct flashfs *fs, uint32_t block, uint32_t off, struct ffs_entry *e);
uint32_t ffs_record_off(const struct ffs_entry *e);
uint32_t ffs_record_size(const struct ffs_entry *e);
int ffs_log_open(struct flashfs *fs, uint32_t head, uint32_t gen, uint32_t align);
uint32_t ffs_commit_align(const struct flashfs *fs);
int ffs_log_begin(struct flashfs *fs, struct ffs_log *lw, uint32_t bytes);
int ffs_log_put(struct flashfs *fs, struct ffs_log *lw, const struct ffs_entry *e,
                const void *inline_data);
int ffs_log_end(struct flashfs *fs, struct ffs_log *lw);
int ffs_log_room(const struct flashfs *fs, const struct ffs_log *lw, uint32_t bytes);
int ffs_log_extend(struct flashfs *fs, struct ffs_log *lw);
int ffs_log_next_block(struct flashfs *fs, uint32_t gen, uint32_t block, uint32_t index,
                       uint32_t *next);
int ffs_writable(const struct flashfs *fs);
int ffs_commit(struct flashfs *fs, const struct ffs_entry *recs, int n, const void *data);
int ffs_commit_new(struct flashfs *fs, const struct ffs_entry *e, const void *data);

/* alloc.c */
int ffs_alloc_init(struct flashfs *fs);
int ffs_alloc_scan(struct flashfs *fs);
int ffs_alloc_block(struct flashfs *fs, int for_data, uint32_t *block, uint32_t *ec);
int ffs_count_used(struct flashfs *fs, uint32_t *used);
int ffs_count_free(struct flashfs *fs, uint32_t *free_blocks);
void ffs_free_unknown(struct flashfs *fs);
void ffs_alloc_mount_begin(struct flashfs *fs);
void ffs_alloc_mount_block(struct flashfs *fs, uint32_t block);
void ffs_alloc_mount_record(struct flashfs *fs, const struct ffs_entry *e);
void ffs_alloc_mount_failed(struct flashfs *fs);
void ffs_alloc_mount_end(struct flashfs *fs);

/* compact.c */
int ffs_compact(struct flashfs *fs);
int ffs_maintain(struct flashfs *fs);
int ffs_write_root(struct flashfs *fs, uint32_t seq, const struct ffs_log *lw,
                   uint32_t base_blocks);
int ffs_find_root(struct flashfs *fs, uint32_t *valid_roots);
int ffs_restore_roots(struct flashfs *fs);

/* dir.c: names */
void ffs_root_entry(struct ffs_entry *e);
int ffs_find_child(struct flashfs *fs, uint32_t parent, const char *name, size_t len,
                   struct ffs_entry *e);
int ffs_find_id(struct flashfs *fs, uint32_t id, struct ffs_entry *e);
int ffs_is_current(struct flashfs *fs, const struct ffs_iter *after, const struct ffs_entry *x);
int ffs_has_children(struct flashfs *fs, uint32_t dir);
int ffs_commit_delete(struct flashfs *fs, uint32_t id);
int ffs_lookup(struct flashfs *fs, const char *path, struct ffs_entry *e);
int ffs_lookup_parent(struct flashfs *fs, const char *path, struct ffs_entry *dir,
                      const char **name, size_t *len);
int64_t ffs_now(void);

/* index.c: the name index */
uint32_t ffs_name_hash(const char *name, uint32_t len);
void ffs_index_reset(struct flashfs *fs);
void ffs_index_free(struct flashfs *fs);
void ffs_index_note(struct flashfs *fs, uint8_t type, uint32_t id, uint32_t parent,
                    uint32_t hash, uint32_t block, uint32_t off);
void ffs_index_note_entry(struct flashfs *fs, const struct ffs_entry *e, uint32_t block,
                          uint32_t off);
int ffs_index_usable(const struct flashfs *fs);
int ffs_index_rebuild(struct flashfs *fs);
void ffs_index_fit(struct flashfs *fs);
int ffs_index_find_child(struct flashfs *fs, uint32_t parent, const char *name, size_t len,
                         struct ffs_entry *e);
int ffs_index_find_id(struct flashfs *fs, uint32_t id, struct ffs_entry *e);
int ffs_index_has_children(const struct flashfs *fs, uint32_t dir);

/* file.c: the open-file list is walked by the allocator */
void ffs_files_visit(struct flashfs *fs, ffs_visit_fn visit, void *ctx);
int ffs_file_flush(struct flashfs *fs, struct ffs_file *f);
int ffs_files_settle(struct flashfs *fs);

/* ops.c: the vfs entry points take the mount lock and refuse changes once read-only */
void ffs_go_read_only(struct flashfs *fs, const char *reason);

/* the operations behind them, in the files that implement them (called with the lock held) */
int ffs_op_open(struct vfs_mount *m, const char *path, int flags, void **file);
int ffs_op_close(struct vfs_mount *m, void *file);
int ffs_op_read(struct vfs_mount *m, void *file, void *buf, size_t len);
int ffs_op_write(struct vfs_mount *m, void *file, const void *buf, size_t len);
long ffs_op_seek(struct vfs_mount *m, void *file, long off, int whence);
int ffs_op_truncate(struct vfs_mount *m, void *file, uint32_t size);
int ffs_op_sync(struct vfs_mount *m, void *file);
int ffs_op_stat(struct vfs_mount *m, const char *path, struct vfs_stat *st);
int ffs_op_unlink(struct vfs_mount *m, const char *path);
int ffs_op_rename(struct vfs_mount *m, const char *from, const char *to);
int ffs_op_mkdir(struct vfs_mount *m, const char *path);
int ffs_op_rmdir(struct vfs_mount *m, const char *path);
int ffs_op_opendir(struct vfs_mount *m, const char *path, void **dir);
int ffs_op_readdir(struct vfs_mount *m, void *dir, struct vfs_dirent *ent);
int ffs_op_closedir(struct vfs_mount *m, void *dir);
int ffs_op_statfs(struct vfs_mount *m, struct vfs_statfs *st);
int ffs_op_unmount(struct vfs_mount *m);
uint32_t ffs_ram_used(const struct flashfs *fs);

#endif
