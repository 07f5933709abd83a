/* flashfs: a power-safe, wear-levelling filesystem for NOR-style flash (hal_blockdev_t).
 *
 * Metadata lives in one append-only log of CRC-protected commits that is compacted into a
 * fresh chain of blocks when it grows; file data lives in copy-on-write block chains. A
 * file changes on flash only when a commit naming its new chain lands, so after a power cut
 * every file is as it was at its last completed close/sync. docs/flashfs.md has the format. */
#ifndef FS_FLASHFS_FLASHFS_H
#define FS_FLASHFS_FLASHFS_H

#include <stdint.h>
#include "fs/vfs.h"
#include "hal/blockdev.h"

struct flashfs_config {
    uint32_t cache_size;    /* bytes of metadata read cache (multiple of 256), 0 = off */
    uint32_t index_entries; /* most live entries the name index holds (20 bytes each);
                               0 = FLASHFS_INDEX_DEFAULT, FLASHFS_INDEX_OFF = none */
};
#define FLASHFS_INDEX_DEFAULT 256u
#define FLASHFS_INDEX_OFF 0xFFFFFFFFu

struct flashfs_stats {
    uint32_t erase_min;     /* over blocks whose erase count is recorded on flash */
    uint32_t erase_max;
    uint32_t erase_mean;    /* rounded down */
    uint32_t blocks_counted;
    uint32_t log_blocks;    /* metadata log length in blocks */
    uint32_t ram_used;      /* bytes of heap held by the mount, open files and dirs */
};

struct flashfs_fsck_report {
    uint32_t roots_valid;   /* valid root records found in the two superblocks */
    uint32_t log_blocks;
    uint32_t records;       /* every record in the log, stale ones included */
    uint32_t files;
    uint32_t dirs;
    uint32_t blocks_used;
    uint32_t superblocks;   /* superblocks holding the current root (2 when healthy) */
    uint32_t dirty_tail;    /* 1 when a power cut left a torn commit at the log's end */
    uint32_t damaged_commits; /* commits in the middle of the log that fail their CRC */
    uint32_t damaged_links; /* log blocks whose link or header is damaged */
    uint32_t orphans;       /* entries whose parent is missing or not a directory */
    uint32_t broken_files;  /* files whose block chain cannot be followed */
    uint32_t duplicates;    /* two live entries with the same name in one directory */
    uint32_t repaired;      /* with repair: entries removed, damage dropped, roots rewritten */
};

/* Writes an empty filesystem. Everything on the device is lost. */
int flashfs_format(hal_blockdev_t *bd);

/* Mounts; *fs is then passed to vfs_mount() with &flashfs_ops. cfg may be NULL. */
int flashfs_mount(hal_blockdev_t *bd, const struct flashfs_config *cfg, void **fs);

/* Gives the mount a metadata read cache of this size instead (cfg->cache_size at mount);
 * ERR_NOMEM leaves it without one. */
int flashfs_set_cache(void *fs, uint32_t bytes);

/* Frees the mount. ERR_BUSY while files or directories are still open. */
int flashfs_unmount(void *fs);

/* NULL when the mount takes changes, or why it refuses them (ERR_ROFS): mount found
 * damage in the middle of the metadata log, and any change would compact the log and make
 * the loss permanent. flashfs_fsck() with repair drops the damage and makes it writable. */
const char *flashfs_read_only(void *fs);

/* Erase-count spread and log size, read from the block headers. */
int flashfs_stats(void *fs, struct flashfs_stats *st);

/* Checks the image and, when repair is set, removes orphans and broken files, rewrites a
 * torn or damaged log (dropping the damaged commits) and a lost superblock. Returns the
 * number of problems found that were not repaired, or ERR_CORRUPT when no valid root
 * exists (the image must be formatted again). A torn log end and a superblock without the
 * current root are what a power cut leaves: reported, repaired, never counted. */
int flashfs_fsck(hal_blockdev_t *bd, int repair, struct flashfs_fsck_report *report);

extern const struct vfs_ops flashfs_ops;

#endif
