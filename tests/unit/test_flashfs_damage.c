/* flashfs on damaged media: a bit flip in the middle of the metadata log loses at most
 * what the damaged commit held, is reported, and is never made permanent by a later write;
 * either superblock can be lost. Runs on the RAM flash model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/flashfs/flashfs.h"
#include "lib/err.h"
#include "support/flash_model.h"

#define BLOCK 4096u
#define PAGE 256u           /* the unit: block header, link */
#define PROG 4u             /* the ports' program size: commits start at multiples of it */
#define BLOCKS 128u
#define IMAGE ((size_t)BLOCK * BLOCKS)
#define FILES 90
#define FLIPS 100
#define LOG_KIND 2u
#define END_TYPE 0x45u

struct expected {
    char path[32];
    uint32_t len, seed;
};

struct tree {
    struct expected f[FILES];
    int count;
};

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void fill(uint8_t *p, uint32_t len, uint32_t seed)
{
    for (uint32_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

static void put(struct vfs_mount *m, const char *path, uint32_t len, uint32_t seed)
{
    static uint8_t data[8000];
    void *f;
    fill(data, len, seed);
    assert_int_equal(flashfs_ops.open(m, path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f), 0);
    assert_int_equal(flashfs_ops.write(m, f, data, len), (int)len);
    assert_int_equal(flashfs_ops.close(m, f), 0);
}

/* 1 when the file reads back exactly as expected. */
static int intact(struct vfs_mount *m, const struct expected *e)
{
    static uint8_t want[8000], got[8001];
    void *f;
    if (flashfs_ops.open(m, e->path, VFS_O_READ, &f) != 0)
        return 0;
    int n = flashfs_ops.read(m, f, got, sizeof got);
    flashfs_ops.close(m, f);
    fill(want, e->len, e->seed);
    return n == (int)e->len && memcmp(got, want, e->len) == 0;
}

/* Three directories of files, small (inline) and big (block chains), written, rewritten
 * and renamed so that the log holds a compacted base and a tail of commits after it. */
static void build(struct vfs_mount *m, struct tree *t)
{
    static const char *dirs[] = { "/da", "/db", "/dc" };
    for (int d = 0; d < 3; d++)
        assert_int_equal(flashfs_ops.mkdir(m, dirs[d]), 0);
    t->count = FILES;
    for (int i = 0; i < FILES; i++) {
        struct expected *e = &t->f[i];
        snprintf(e->path, sizeof e->path, "%s/f%02d", dirs[i % 3], i);
        e->len = i % 4 == 0 ? 300u + (uint32_t)i * 60u : 10u + (uint32_t)i * 2u;
        e->seed = (uint32_t)i;
        put(m, e->path, e->len, e->seed);
    }
    for (int i = 0; i < FILES; i += 3) {   /* rewrites: stale records and newer ones */
        struct expected *e = &t->f[i];
        e->seed += 1000;
        put(m, e->path, e->len, e->seed);
    }
    for (int i = 1; i < FILES; i += 7) {   /* renames: files named g.. now */
        struct expected *e = &t->f[i];
        char to[32];
        snprintf(to, sizeof to, "%.3s/g%02d", e->path, i);
        assert_int_equal(flashfs_ops.rename(m, e->path, to), 0);
        memcpy(e->path, to, sizeof to);
    }
}

static int count_intact(struct vfs_mount *m, const struct tree *t)
{
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += intact(m, &t->f[i]);
    return n;
}

/* Files intact at their path or, when a repair had to make their directory again, under
 * /lost+found/#ID (the directories /da, /db, /dc are ids 1, 2, 3). */
static int count_recovered(struct vfs_mount *m, const struct tree *t)
{
    int n = 0;
    for (int i = 0; i < t->count; i++) {
        struct expected e = t->f[i];
        if (intact(m, &e)) {
            n++;
            continue;
        }
        snprintf(e.path, sizeof e.path, "/lost+found/#%d/%s", t->f[i].path[2] - 'a' + 1,
                 t->f[i].path + 4);
        n += intact(m, &e);
    }
    return n;
}

/* ---- reading the log's layout from the raw image (the format of docs/flashfs.md) ---- */

static int is_log_block(const uint8_t *b, uint32_t *gen)
{
    if (get32(b) != 0x53464655u || get32(b + 8) != LOG_KIND)
        return 0;
    *gen = get32(b + 12);
    return 1;
}

static uint32_t live_generation(const uint8_t *mem)
{
    uint32_t top = 0, gen;
    for (uint32_t b = 2; b < BLOCKS; b++)
        if (is_log_block(mem + (size_t)b * BLOCK, &gen) && gen > top)
            top = gen;
    return top;
}

/* Bytes of a block up to its last programmed one. */
static uint32_t used_bytes(const uint8_t *b)
{
    uint32_t n = BLOCK;
    while (n > 0 && b[n - 1] == 0xFF)
        n--;
    return n;
}

/* The commit of log block b holding byte at: its start and where the next one starts, or
 * 0 when at lies outside every commit (block header, link, padding, erased slack). */
static int commit_around(const uint8_t *b, uint32_t at, uint32_t *start, uint32_t *end)
{
    uint32_t off = PAGE;
    while (off + 8 <= BLOCK - PAGE && b[off] != 0xFF) {
        uint32_t pos = off;
        while (pos + 28 <= BLOCK - PAGE && b[pos] != END_TYPE) {
            uint32_t size = 28u + b[pos + 1];
            if (b[pos] == 1 && (b[pos + 2] & 1))
                size += get32(b + pos + 12);
            pos += size;
        }
        uint32_t next = (pos + 8 + PROG - 1) / PROG * PROG;
        if (at >= off && at < pos + 8) {   /* the erased padding after END is no part of it */
            *start = off;
            *end = next;
            return 1;
        }
        off = next;
    }
    return 0;
}

/* 1 when the file's name, or its directory's, is in the records of [start, end): those
 * are the files a damaged commit may take with it. */
static int named_in(const uint8_t *b, uint32_t start, uint32_t end, const char *path)
{
    const char *name = strrchr(path, '/') + 1, *dir = path + 1;   /* "/dX/name" */
    for (uint32_t pos = start; pos + 28 <= end && b[pos] != END_TYPE;) {
        uint32_t len = b[pos + 1];
        const char *rec = (const char *)b + pos + 28;
        if ((len == strlen(name) && memcmp(rec, name, len) == 0) ||
            (len == 2 && memcmp(rec, dir, 2) == 0))
            return 1;
        pos += 28u + len + (b[pos] == 1 && (b[pos + 2] & 1) ? get32(b + pos + 12) : 0u);
    }
    return 0;
}

/* The commit after [start, end) in log order: 1 when the log goes on after it. */
static int commit_follows(const uint8_t *mem, uint32_t block, uint32_t end)
{
    const uint8_t *b = mem + (size_t)block * BLOCK;
    if (end + 8 <= BLOCK - PAGE && b[end] != 0xFF)
        return 1;
    return get32(b + BLOCK - PAGE) == 0x4B4E494Cu;   /* a link: the log went on */
}

struct flip_result {
    int lost, outside_commit, reported, lost_after_repair, mid_log;
};

static void flip_one(struct flash_model *flash, const uint8_t *pristine, const struct tree *t,
                     uint32_t *rng, struct flip_result *res)
{
    uint32_t gen = live_generation(pristine), blocks[BLOCKS], n = 0, g;
    for (uint32_t b = 2; b < BLOCKS; b++)
        if (is_log_block(pristine + (size_t)b * BLOCK, &g) && g == gen)
            blocks[n++] = b;
    assert_true(n > 0);
    *rng = *rng * 1103515245u + 12345u;
    uint32_t block = blocks[(*rng >> 8) % n];
    const uint8_t *b = pristine + (size_t)block * BLOCK;
    *rng = *rng * 1103515245u + 12345u;
    uint32_t at = (*rng >> 4) % used_bytes(b);
    memcpy(flash->mem, pristine, IMAGE);
    flash->mem[(size_t)block * BLOCK + at] ^= (uint8_t)(1u << (*rng >> 28 & 7));

    uint32_t start = 0, end = 0;
    int in_commit = commit_around(b, at, &start, &end);
    res->mid_log = in_commit && commit_follows(pristine, block, end);
    if (getenv("FLIP_VERBOSE"))
        print_message("block %u at %u commit [%u, %u) mid-log %d\n", block, at, start, end,
                      res->mid_log);
    struct vfs_mount m = { .ops = &flashfs_ops };
    memset(res, 0, offsetof(struct flip_result, mid_log));
    if (flashfs_mount(&flash->dev, NULL, &m.fs) != 0) {
        res->lost = res->outside_commit = t->count;
        return;
    }
    for (int i = 0; i < t->count; i++) {
        if (intact(&m, &t->f[i]))
            continue;
        res->lost++;
        if (!in_commit || !named_in(b, start, end, t->f[i].path))
            res->outside_commit++;
    }
    res->reported = flashfs_read_only(m.fs) != NULL;
    assert_int_equal(flashfs_unmount(m.fs), 0);
    /* what a repair keeps, on a copy: nothing the damaged commit did not hold is lost */
    uint8_t *keep = malloc(IMAGE);
    struct flashfs_fsck_report rep;
    memcpy(keep, flash->mem, IMAGE);
    assert_true(flashfs_fsck(&flash->dev, 1, &rep) >= 0);
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
    res->lost_after_repair = t->count - count_recovered(&m, t);
    assert_true(res->lost_after_repair <= res->lost);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    memcpy(flash->mem, keep, IMAGE);
    free(keep);
    if (getenv("FLIP_VERBOSE")) {
        struct flashfs_fsck_report r;
        int p = flashfs_fsck(&flash->dev, 0, &r);
        print_message("fsck %d: damaged %u links %u torn %u lost %d\n", p, r.damaged_commits,
                      r.damaged_links, r.dirty_tail, res->lost);
    }
}

/* 100 single bit flips at random places of the live log, each on a fresh copy of the
 * image: the files outside the damaged commit all read back, mid-log damage is reported,
 * the mount refuses writes (so no compaction drops the later commits), and a repair keeps
 * every file the damage did not take. */
static void test_bit_flips_in_the_log(void **state)
{
    (void)state;
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, PROG);
    struct vfs_mount m = { .ops = &flashfs_ops };
    static struct tree t;
    assert_int_equal(flashfs_format(&flash->dev), 0);
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
    build(&m, &t);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    uint8_t *pristine = malloc(IMAGE), *damaged = malloc(IMAGE);
    memcpy(pristine, flash->mem, IMAGE);
    uint32_t rng = 12345;
    int worst = 0, more_than_one = 0, total = 0, mid_log = 0, reported = 0, after = 0;
    int worst_after = 0;
    for (int k = 0; k < FLIPS; k++) {
        struct flip_result r;
        flip_one(flash, pristine, &t, &rng, &r);
        total += r.lost;
        more_than_one += r.lost > 1;
        worst = r.lost > worst ? r.lost : worst;
        mid_log += r.mid_log;
        reported += r.mid_log && r.reported;
        after += r.lost_after_repair;
        worst_after = r.lost_after_repair > worst_after ? r.lost_after_repair : worst_after;
        if (r.outside_commit)
            print_message("flip %d: %d files lost outside the damaged commit\n", k,
                          r.outside_commit);
        assert_int_equal(r.outside_commit, 0);
        if (r.mid_log && !r.reported)
            print_message("flip %d: mid-log damage not reported\n", k);
        if (r.mid_log)
            assert_true(r.reported);
        if (!r.reported)
            continue;
        /* read-only: a write fails and changes nothing, so the later commits stay */
        memcpy(damaged, flash->mem, IMAGE);
        assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
        void *f;
        assert_int_equal(flashfs_ops.mkdir(&m, "/new"), ERR_ROFS);
        assert_int_equal(flashfs_ops.mkdir(&m, "/"), ERR_EXIST);
        assert_int_equal(flashfs_ops.open(&m, "/da/new", VFS_O_WRITE | VFS_O_CREATE, &f),
                         ERR_ROFS);
        assert_int_equal(flashfs_unmount(m.fs), 0);
        assert_memory_equal(damaged, flash->mem, IMAGE);
        struct flashfs_fsck_report rep;
        assert_true(flashfs_fsck(&flash->dev, 0, &rep) > 0);
        assert_true(rep.damaged_commits > 0 || rep.damaged_links > 0);
        /* the repair drops only the damaged commit and the image is writable again */
        assert_int_equal(flashfs_fsck(&flash->dev, 1, &rep), 0);
        assert_true(rep.repaired > 0);
        assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
        assert_null(flashfs_read_only(m.fs));
        assert_int_equal(count_recovered(&m, &t), t.count - r.lost_after_repair);
        assert_int_equal(flashfs_ops.mkdir(&m, "/new"), 0);
        assert_int_equal(flashfs_unmount(m.fs), 0);
        assert_int_equal(flash->violations, 0);
    }
    print_message("%d flips: %d files lost in all, %d flips lost more than one file, worst %d "
                  "of %d; %d of %d mid-log flips reported; after repair %d lost in all, "
                  "worst %d\n", FLIPS, total, more_than_one, worst, t.count, reported, mid_log,
                  after, worst_after);
    assert_int_equal(flash->violations, 0);
    free(pristine);
    free(damaged);
    flash_model_free(flash);
}

/* The live log's blocks in chain order (by the index in their headers). */
static uint32_t chain_blocks(const uint8_t *mem, uint32_t *out)
{
    uint32_t gen = live_generation(mem), n = 0, g;
    for (uint32_t index = 0; index < BLOCKS; index++)
        for (uint32_t b = 2; b < BLOCKS; b++)
            if (is_log_block(mem + (size_t)b * BLOCK, &g) && g == gen &&
                get32(mem + (size_t)b * BLOCK + 16) == index)
                out[n++] = b;
    return n;
}

/* Where the commits of a log block end. */
static uint32_t commits_end(const uint8_t *b)
{
    uint32_t off = PAGE, start, end;
    while (commit_around(b, off, &start, &end))
        off = end;
    return off;
}

/* Mounts the damaged image: every file must read back; read_only says whether the mount
 * must refuse changes; then a repair (when needed) leaves a clean, writable image. */
static void expect_nothing_lost(struct flash_model *flash, const struct tree *t, int read_only)
{
    struct vfs_mount m = { .ops = &flashfs_ops };
    struct flashfs_fsck_report r;
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
    assert_int_equal(count_intact(&m, t), t->count);
    assert_int_equal(flashfs_read_only(m.fs) != NULL, read_only);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    assert_int_equal(flashfs_fsck(&flash->dev, 0, &r) > 0, read_only);
    assert_int_equal(r.damaged_links > 0 || r.damaged_commits > 0, read_only);
    assert_int_equal(flashfs_fsck(&flash->dev, 1, &r), 0);
    assert_int_equal(flashfs_fsck(&flash->dev, 0, &r), 0);
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
    assert_int_equal(count_intact(&m, t), t->count);
    assert_int_equal(flashfs_ops.mkdir(&m, "/new"), 0);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    assert_int_equal(flash->violations, 0);
}

/* A damaged link (its block is found by its header), a damaged block header (the link to it
 * is trusted) and a flip in the erased space after a block's last commit lose nothing;
 * the first two are damage and reported, the last is harmless and is not. */
static void test_damaged_link_header_and_slack(void **state)
{
    (void)state;
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, PROG);
    struct vfs_mount m = { .ops = &flashfs_ops };
    static struct tree t;
    assert_int_equal(flashfs_format(&flash->dev), 0);
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
    build(&m, &t);
    for (int i = 0; i < 12; i++) {   /* commits of two units leave erased space in blocks */
        char path[80];
        snprintf(path, sizeof path, "/%02d%061d", i, 0);
        put(&m, path, 248, (uint32_t)i);
    }
    assert_int_equal(flashfs_unmount(m.fs), 0);
    uint8_t *pristine = malloc(IMAGE);
    memcpy(pristine, flash->mem, IMAGE);
    uint32_t chain[BLOCKS], n = chain_blocks(pristine, chain);
    assert_true(n >= 3);

    flash->mem[(size_t)chain[0] * BLOCK + BLOCK - PAGE + 4] ^= 0x01;   /* link: next block */
    expect_nothing_lost(flash, &t, 1);
    memcpy(flash->mem, pristine, IMAGE);
    flash->mem[(size_t)chain[1] * BLOCK + 4] ^= 0x10;                   /* header: erase count */
    expect_nothing_lost(flash, &t, 1);
    int slack = 0;
    for (uint32_t i = 0; i + 1 < n && !slack; i++) {
        uint32_t end = commits_end(pristine + (size_t)chain[i] * BLOCK);
        if (end + 8 > BLOCK - PAGE)
            continue;
        memcpy(flash->mem, pristine, IMAGE);
        flash->mem[(size_t)chain[i] * BLOCK + end] ^= 0x04;   /* where a commit would start */
        expect_nothing_lost(flash, &t, 0);
        slack = 1;
    }
    assert_true(slack);
    free(pristine);
    flash_model_free(flash);
}

/* Either superblock can be lost: with block 0 zeroed the image mounts with every file,
 * the check reports the missing copy and the repair writes it again. */
static void test_lost_superblock(void **state)
{
    (void)state;
    for (uint32_t lost = 0; lost < 2; lost++) {
        struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, PROG);
        struct vfs_mount m = { .ops = &flashfs_ops };
        static struct tree t;
        assert_int_equal(flashfs_format(&flash->dev), 0);
        assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
        build(&m, &t);
        assert_int_equal(flashfs_unmount(m.fs), 0);
        memset(flash->mem + (size_t)lost * BLOCK, 0, BLOCK);
        assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
        assert_int_equal(count_intact(&m, &t), t.count);
        assert_int_equal(flashfs_unmount(m.fs), 0);
        /* what a power cut between the two copies also leaves: reported, not a problem */
        struct flashfs_fsck_report r;
        assert_int_equal(flashfs_fsck(&flash->dev, 0, &r), 0);
        assert_int_equal(r.superblocks, 1);
        assert_int_equal(flashfs_fsck(&flash->dev, 1, &r), 0);
        assert_int_equal(flashfs_fsck(&flash->dev, 0, &r), 0);
        assert_int_equal(r.superblocks, 2);
        /* the first change gives the lost copy back as well */
        memset(flash->mem + (size_t)lost * BLOCK, 0, BLOCK);
        assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
        assert_int_equal(flashfs_ops.mkdir(&m, "/after"), 0);
        assert_int_equal(flashfs_unmount(m.fs), 0);
        assert_int_equal(flashfs_fsck(&flash->dev, 0, &r), 0);
        assert_int_equal(r.superblocks, 2);
        /* the other one can go now */
        memset(flash->mem + (size_t)(lost ^ 1u) * BLOCK, 0, BLOCK);
        assert_int_equal(flashfs_mount(&flash->dev, NULL, &m.fs), 0);
        assert_int_equal(count_intact(&m, &t), t.count);
        assert_int_equal(flashfs_unmount(m.fs), 0);
        assert_int_equal(flash->violations, 0);
        flash_model_free(flash);
    }
}

/* A fresh image already has both copies. */
static void test_fresh_image_has_two_superblocks(void **state)
{
    (void)state;
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, PROG);
    void *fs;
    assert_int_equal(flashfs_format(&flash->dev), 0);
    memset(flash->mem, 0, BLOCK);
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), 0);
    assert_int_equal(flashfs_unmount(fs), 0);
    flash_model_free(flash);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bit_flips_in_the_log),
        cmocka_unit_test(test_damaged_link_header_and_slack),
        cmocka_unit_test(test_lost_superblock),
        cmocka_unit_test(test_fresh_image_has_two_superblocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
