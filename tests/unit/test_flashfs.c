/* flashfs: every operation, its errors, persistence, wear levelling and damaged images,
 * on the RAM flash model (which fails the test if a flash rule is broken). */
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
#define PAGE 256u
#define PROG 4u       /* the ports' program size: several commits share a page */
#define BLOCKS 512u   /* 2 MB */

struct fx {
    struct flash_model *flash;
    struct vfs_mount m;
};

static struct fx *fx_new(uint32_t blocks, uint32_t cache)
{
    struct fx *x = calloc(1, sizeof *x);
    x->flash = flash_model_new(BLOCK, blocks, PROG);
    assert_non_null(x->flash);
    assert_int_equal(flashfs_format(&x->flash->dev), 0);
    struct flashfs_config cfg = { .cache_size = cache };
    assert_int_equal(flashfs_mount(&x->flash->dev, &cfg, &x->m.fs), 0);
    x->m.ops = &flashfs_ops;
    return x;
}

static void fx_remount(struct fx *x)
{
    assert_int_equal(flashfs_unmount(x->m.fs), 0);
    assert_int_equal(flashfs_mount(&x->flash->dev, NULL, &x->m.fs), 0);
}

static void fx_free(struct fx *x)
{
    assert_int_equal(flashfs_unmount(x->m.fs), 0);
    assert_int_equal(x->flash->violations, 0);
    flash_model_free(x->flash);
    free(x);
}

static int fs_open(struct fx *x, const char *path, int flags, void **f)
{
    return flashfs_ops.open(&x->m, path, flags, f);
}

static void put_file(struct fx *x, const char *path, const void *data, size_t len)
{
    void *f;
    assert_int_equal(fs_open(x, path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, data, len), (int)len);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
}

/* Reads the whole file into a malloc'd buffer; returns its length or an error. */
static int get_file(struct fx *x, const char *path, uint8_t **data)
{
    void *f;
    struct vfs_stat st;
    int err = flashfs_ops.stat(&x->m, path, &st);
    if (err)
        return err;
    *data = malloc(st.size + 1);
    assert_int_equal(fs_open(x, path, VFS_O_READ, &f), 0);
    int n = flashfs_ops.read(&x->m, f, *data, st.size + 1);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    return n;
}

static void assert_file(struct fx *x, const char *path, const void *want, size_t len)
{
    uint8_t *got = NULL;
    int n = get_file(x, path, &got);
    assert_int_equal(n, (int)len);
    assert_memory_equal(got, want, len);
    free(got);
}

static void fill_pattern(uint8_t *p, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

/* ---- tests ---- */

static void test_format_mount_empty(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    struct vfs_stat st;
    assert_int_equal(flashfs_ops.stat(&x->m, "/", &st), 0);
    assert_int_equal(st.type, VFS_DIR);
    void *d;
    struct vfs_dirent ent;
    assert_int_equal(flashfs_ops.opendir(&x->m, "/", &d), 0);
    assert_int_equal(flashfs_ops.readdir(&x->m, d, &ent), 0);
    assert_int_equal(flashfs_ops.closedir(&x->m, d), 0);
    struct vfs_statfs sf;
    assert_int_equal(flashfs_ops.statfs(&x->m, &sf), 0);
    assert_int_equal(sf.block_size, BLOCK);
    assert_int_equal(sf.blocks_total, BLOCKS);
    assert_true(sf.blocks_free >= BLOCKS - 4);
    assert_true(sf.ram_used > 0 && sf.ram_used < 2048);
    fx_free(x);
}

static void test_small_file_roundtrip(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    put_file(x, "/hello.txt", "hello, world", 12);
    assert_file(x, "/hello.txt", "hello, world", 12);
    fx_remount(x);
    assert_file(x, "/hello.txt", "hello, world", 12);
    struct vfs_stat st;
    assert_int_equal(flashfs_ops.stat(&x->m, "/hello.txt", &st), 0);
    assert_int_equal(st.type, VFS_FILE);
    assert_int_equal(st.size, 12);
    fx_free(x);
}

static void test_big_file_roundtrip(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    size_t len = 300000;
    uint8_t *data = malloc(len);
    fill_pattern(data, len, 7);
    put_file(x, "/big", data, len);
    assert_file(x, "/big", data, len);
    fx_remount(x);
    assert_file(x, "/big", data, len);
    free(data);
    fx_free(x);
}


static void test_errors(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    void *f;
    struct vfs_stat st;
    char longname[80];
    memset(longname, 'n', 64);
    longname[0] = '/';
    longname[65] = '\0';
    memset(longname + 1, 'n', 64);
    assert_int_equal(fs_open(x, "/missing", VFS_O_READ, &f), ERR_NOENT);
    assert_int_equal(flashfs_ops.stat(&x->m, "/missing", &st), ERR_NOENT);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/missing"), ERR_NOENT);
    assert_int_equal(flashfs_ops.rmdir(&x->m, "/missing"), ERR_NOENT);
    assert_int_equal(flashfs_ops.rename(&x->m, "/missing", "/x"), ERR_NOENT);
    assert_int_equal(fs_open(x, "/nodir/f", VFS_O_WRITE | VFS_O_CREATE, &f), ERR_NOENT);
    assert_int_equal(fs_open(x, longname, VFS_O_WRITE | VFS_O_CREATE, &f), ERR_NAMETOOLONG);
    assert_int_equal(flashfs_ops.mkdir(&x->m, longname), ERR_NAMETOOLONG);
    longname[64] = '\0';   /* 63 characters is the limit and works */
    put_file(x, longname, "ok", 2);
    assert_file(x, longname, "ok", 2);

    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), 0);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), ERR_EXIST);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/"), ERR_EXIST);
    put_file(x, "/d/f", "x", 1);
    assert_int_equal(fs_open(x, "/d/f", VFS_O_WRITE | VFS_O_CREATE | VFS_O_EXCL, &f), ERR_EXIST);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d/f"), ERR_EXIST);
    assert_int_equal(flashfs_ops.rmdir(&x->m, "/d"), ERR_NOTEMPTY);
    assert_int_equal(flashfs_ops.rmdir(&x->m, "/d/f"), ERR_NOTDIR);
    assert_int_equal(flashfs_ops.rmdir(&x->m, "/"), ERR_BUSY);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/d"), ERR_ISDIR);
    assert_int_equal(fs_open(x, "/d", VFS_O_READ, &f), ERR_ISDIR);
    assert_int_equal(fs_open(x, "/d/f/g", VFS_O_READ, &f), ERR_NOTDIR);
    assert_int_equal(flashfs_ops.stat(&x->m, "/d/f/g", &st), ERR_NOTDIR);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/e"), 0);
    assert_int_equal(flashfs_ops.rename(&x->m, "/e", "/d"), ERR_NOTEMPTY);
    assert_int_equal(flashfs_ops.rename(&x->m, "/d", "/d/sub"), ERR_INVAL);
    assert_int_equal(flashfs_ops.rename(&x->m, "/d/f", "/e"), ERR_ISDIR);
    assert_int_equal(flashfs_ops.rename(&x->m, "/e", "/d/f"), ERR_NOTDIR);

    assert_int_equal(fs_open(x, "/d/f", VFS_O_READ, &f), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, "y", 1), ERR_BADF);
    assert_int_equal(flashfs_ops.truncate(&x->m, f, 0), ERR_BADF);
    assert_int_equal(flashfs_ops.seek(&x->m, f, -1, VFS_SEEK_SET), ERR_INVAL);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_int_equal(fs_open(x, "/d/f", VFS_O_WRITE, &f), 0);
    char c;
    assert_int_equal(flashfs_ops.read(&x->m, f, &c, 1), ERR_BADF);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    fx_free(x);
}

static int list_dir(struct fx *x, const char *path, char names[][VFS_NAME_MAX + 1], int max)
{
    void *d;
    struct vfs_dirent ent;
    int n = 0, rc;
    assert_int_equal(flashfs_ops.opendir(&x->m, path, &d), 0);
    while ((rc = flashfs_ops.readdir(&x->m, d, &ent)) == 1) {
        assert_true(n < max);
        memcpy(names[n++], ent.name, sizeof ent.name);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(flashfs_ops.closedir(&x->m, d), 0);
    return n;
}

/* Every entry carries what a stat of it says: listers rely on it instead of a stat each. */
static void assert_listing_matches_stat(struct fx *x, const char *path)
{
    void *d;
    struct vfs_dirent ent;
    int rc;
    assert_int_equal(flashfs_ops.opendir(&x->m, path, &d), 0);
    while ((rc = flashfs_ops.readdir(&x->m, d, &ent)) == 1) {
        char child[VFS_PATH_MAX];
        struct vfs_stat st;
        snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", ent.name);
        assert_int_equal(flashfs_ops.stat(&x->m, child, &st), 0);
        assert_int_equal(ent.type, st.type);
        assert_int_equal(ent.size, st.size);
        assert_int_equal(ent.mtime, st.mtime);
        assert_true(ent.mtime > 0);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(flashfs_ops.closedir(&x->m, d), 0);
}

static int has_name(char names[][VFS_NAME_MAX + 1], int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

static void test_dirs_and_readdir(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    char names[16][VFS_NAME_MAX + 1];
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/etc"), 0);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/etc/net"), 0);
    put_file(x, "/etc/hosts", "127.0.0.1 localhost\n", 20);
    put_file(x, "/etc/net/if", "eth0", 4);
    put_file(x, "/readme", "r", 1);
    assert_int_equal(list_dir(x, "/", names, 16), 2);
    assert_true(has_name(names, 2, "etc") && has_name(names, 2, "readme"));
    assert_int_equal(list_dir(x, "/etc", names, 16), 2);
    assert_true(has_name(names, 2, "net") && has_name(names, 2, "hosts"));
    assert_listing_matches_stat(x, "/");
    assert_listing_matches_stat(x, "/etc");
    void *d;
    struct vfs_dirent ent;
    assert_int_equal(flashfs_ops.opendir(&x->m, "/etc/net", &d), 0);
    assert_int_equal(flashfs_ops.readdir(&x->m, d, &ent), 1);
    assert_string_equal(ent.name, "if");
    assert_int_equal(ent.type, VFS_FILE);
    assert_int_equal(ent.size, 4);
    assert_int_equal(flashfs_ops.readdir(&x->m, d, &ent), 0);
    assert_int_equal(flashfs_ops.closedir(&x->m, d), 0);
    assert_int_equal(flashfs_ops.opendir(&x->m, "/readme", &d), ERR_NOTDIR);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/etc/net/if"), 0);
    assert_int_equal(flashfs_ops.rmdir(&x->m, "/etc/net"), 0);
    fx_remount(x);
    assert_int_equal(list_dir(x, "/etc", names, 16), 1);
    assert_string_equal(names[0], "hosts");
    struct vfs_stat st;
    assert_int_equal(flashfs_ops.stat(&x->m, "/etc/net", &st), ERR_NOENT);
    fx_free(x);
}

static void test_rename(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    struct vfs_stat st;
    uint8_t big[9000];
    fill_pattern(big, sizeof big, 3);
    put_file(x, "/a", "aaa", 3);
    put_file(x, "/b", big, sizeof big);
    assert_int_equal(flashfs_ops.rename(&x->m, "/a", "/a"), 0);
    assert_int_equal(flashfs_ops.rename(&x->m, "/a", "/c"), 0);
    assert_int_equal(flashfs_ops.stat(&x->m, "/a", &st), ERR_NOENT);
    assert_file(x, "/c", "aaa", 3);
    assert_int_equal(flashfs_ops.rename(&x->m, "/b", "/c"), 0);   /* replaces */
    assert_file(x, "/c", big, sizeof big);
    assert_int_equal(flashfs_ops.stat(&x->m, "/b", &st), ERR_NOENT);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), 0);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d/e"), 0);
    assert_int_equal(flashfs_ops.rename(&x->m, "/c", "/d/e/c"), 0);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/empty"), 0);
    assert_int_equal(flashfs_ops.rename(&x->m, "/d", "/empty"), 0);   /* onto an empty dir */
    fx_remount(x);
    assert_file(x, "/empty/e/c", big, sizeof big);
    assert_int_equal(flashfs_ops.stat(&x->m, "/d", &st), ERR_NOENT);
    fx_free(x);
}

/* Writes through the filesystem and a plain buffer side by side and compares. */
static void test_seek_overwrite_truncate(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    enum { MAX = 40000 };
    uint8_t *ref = calloc(1, MAX), *chunk = malloc(MAX);
    uint32_t len = 0;
    void *f;
    assert_int_equal(fs_open(x, "/f", VFS_O_READ | VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    const struct { uint32_t pos, len; } writes[] = {
        { 0, 100 }, { 50, 100 }, { 0, 10000 }, { 5000, 20 }, { 9990, 30 }, { 12000, 5000 },
        { 3, 1 }, { 4090, 20 }, { 17000, 8000 }, { 100, 4000 },
    };
    for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
        fill_pattern(chunk, writes[i].len, (uint32_t)i + 11);
        assert_int_equal(flashfs_ops.seek(&x->m, f, (long)writes[i].pos, VFS_SEEK_SET), (long)writes[i].pos);
        assert_int_equal(flashfs_ops.write(&x->m, f, chunk, writes[i].len), (int)writes[i].len);
        memcpy(ref + writes[i].pos, chunk, writes[i].len);
        if (writes[i].pos + writes[i].len > len)
            len = writes[i].pos + writes[i].len;
        if (i % 3 == 2)
            assert_int_equal(flashfs_ops.sync(&x->m, f), 0);
    }
    /* read back through the same handle, from the middle */
    assert_int_equal(flashfs_ops.seek(&x->m, f, 4000, VFS_SEEK_SET), 4000);
    assert_int_equal(flashfs_ops.read(&x->m, f, chunk, 1000), 1000);
    assert_memory_equal(chunk, ref + 4000, 1000);
    assert_int_equal(flashfs_ops.seek(&x->m, f, 0, VFS_SEEK_END), (long)len);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_file(x, "/f", ref, len);

    const uint32_t sizes[] = { 30000, 9000, 4100, 200, 0, 300, 8000 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        assert_int_equal(fs_open(x, "/f", VFS_O_WRITE, &f), 0);
        assert_int_equal(flashfs_ops.truncate(&x->m, f, sizes[i]), 0);
        assert_int_equal(flashfs_ops.close(&x->m, f), 0);
        if (sizes[i] > len)
            memset(ref + len, 0, sizes[i] - len);
        len = sizes[i];
        assert_file(x, "/f", ref, len);
    }
    fx_remount(x);
    assert_file(x, "/f", ref, len);
    /* append mode always writes at the end */
    assert_int_equal(fs_open(x, "/f", VFS_O_WRITE | VFS_O_APPEND, &f), 0);
    assert_int_equal(flashfs_ops.seek(&x->m, f, 0, VFS_SEEK_SET), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, "tail", 4), 4);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    memcpy(ref + len, "tail", 4);
    assert_file(x, "/f", ref, len + 4);
    free(ref);
    free(chunk);
    fx_free(x);
}

static void test_several_open_files(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    enum { N = 5, LEN = 20000 };
    void *f[N], *reader;
    uint8_t *want[N];
    char path[32];
    put_file(x, "/f0", "old", 3);
    assert_int_equal(fs_open(x, "/f0", VFS_O_READ, &reader), 0);
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "/f%d", i);
        assert_int_equal(fs_open(x, path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f[i]), 0);
        want[i] = malloc(LEN);
        fill_pattern(want[i], LEN, (uint32_t)i);
    }
    for (int off = 0; off < LEN; off += 1000)   /* interleaved writes */
        for (int i = 0; i < N; i++)
            assert_int_equal(flashfs_ops.write(&x->m, f[i], want[i] + off, 1000), 1000);
    struct vfs_statfs sf;
    assert_int_equal(flashfs_ops.statfs(&x->m, &sf), 0);
    for (int i = 0; i < N; i++)
        assert_int_equal(flashfs_ops.close(&x->m, f[i]), 0);
    /* the reader opened before the rewrite keeps seeing the old contents */
    char old[8];
    assert_int_equal(flashfs_ops.read(&x->m, reader, old, sizeof old), 3);
    assert_memory_equal(old, "old", 3);
    assert_int_equal(flashfs_ops.close(&x->m, reader), 0);
    fx_remount(x);
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "/f%d", i);
        assert_file(x, path, want[i], LEN);
        free(want[i]);
    }
    fx_free(x);
}

/* Two files rewritten at the same time on a nearly full device: the allocator must rescan
 * in the middle of write sessions and may never hand out a block a session has written. */
static void test_concurrent_writers_small_device(void **state)
{
    (void)state;
    struct fx *x = fx_new(24, 0);
    enum { MAX = 8000 };
    uint8_t *want[2] = { malloc(MAX), malloc(MAX) };
    uint32_t seed = 1;
    for (int round = 0; round < 300; round++) {
        void *f[2];
        uint32_t size[2];
        for (int k = 0; k < 2; k++) {
            seed = seed * 1103515245u + 12345u;
            size[k] = 300 + (seed >> 8) % (MAX - 300);
            fill_pattern(want[k], size[k], seed);
            assert_int_equal(fs_open(x, k ? "/b" : "/a", VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC,
                                     &f[k]), 0);
        }
        for (uint32_t off = 0; off < MAX; off += 700)
            for (int k = 0; k < 2; k++)
                if (off < size[k]) {
                    uint32_t n = size[k] - off < 700 ? size[k] - off : 700;
                    assert_int_equal(flashfs_ops.write(&x->m, f[k], want[k] + off, n), (int)n);
                }
        assert_int_equal(flashfs_ops.close(&x->m, f[1]), 0);
        assert_int_equal(flashfs_ops.close(&x->m, f[0]), 0);
        assert_file(x, "/a", want[0], size[0]);
        assert_file(x, "/b", want[1], size[1]);
    }
    free(want[0]);
    free(want[1]);
    fx_free(x);
}

/* One write session longer than a lap of the allocator over a small device, with another
 * file rewritten in between: the blocks the session has filled are referenced by nothing
 * on flash yet, and the rescans in the middle of it must still see them as used. */
static void test_long_session_survives_rescans(void **state)
{
    (void)state;
    struct fx *x = fx_new(32, 0);
    enum { BIG = 18 * 4000, SMALL = 5000 };
    uint8_t *big = malloc(BIG), small[SMALL];
    for (int round = 0; round < 20; round++) {
        void *f;
        fill_pattern(big, BIG, (uint32_t)round);
        flashfs_ops.unlink(&x->m, "/big");
        assert_int_equal(fs_open(x, "/big", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
        for (uint32_t off = 0; off < BIG; off += 8000) {
            assert_int_equal(flashfs_ops.write(&x->m, f, big + off, 8000), 8000);
            fill_pattern(small, SMALL, off + (uint32_t)round);
            put_file(x, "/small", small, SMALL);
        }
        assert_int_equal(flashfs_ops.close(&x->m, f), 0);
        assert_file(x, "/big", big, BIG);
        assert_file(x, "/small", small, SMALL);
    }
    free(big);
    fx_free(x);
}

static void test_unlink_while_open(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    void *f;
    struct vfs_stat st;
    put_file(x, "/f", "data", 4);
    assert_int_equal(fs_open(x, "/f", VFS_O_READ | VFS_O_WRITE, &f), 0);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/f"), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, "more", 4), 4);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_int_equal(flashfs_ops.stat(&x->m, "/f", &st), ERR_NOENT);
    /* a rename while open: the close lands under the new name */
    put_file(x, "/g", "1", 1);
    assert_int_equal(fs_open(x, "/g", VFS_O_WRITE, &f), 0);
    assert_int_equal(flashfs_ops.rename(&x->m, "/g", "/h"), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, "2", 1), 1);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_file(x, "/h", "2", 1);
    assert_int_equal(flashfs_ops.stat(&x->m, "/g", &st), ERR_NOENT);
    fx_free(x);
}

/* A file an open creates is committed whole by its close: one program for a small file.
 * Until then a cut loses it, and every look-up still sees it (it is committed empty first,
 * as open used to). */
static void test_deferred_create(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);
    void *f, *g, *h;
    struct vfs_stat st;
    char body[100];
    memset(body, 'c', sizeof body);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), 0);
    uint64_t progs = x->flash->prog_ops, bytes = x->flash->bytes_programmed;
    assert_int_equal(fs_open(x, "/d/one", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, body, sizeof body), (int)sizeof body);
    assert_int_equal(x->flash->prog_ops, progs);   /* nothing yet */
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_int_equal(x->flash->prog_ops - progs, 1);
    assert_true(x->flash->bytes_programmed - bytes <= PAGE);
    assert_file(x, "/d/one", body, sizeof body);

    /* a cut before the close: no file, and nothing else lost */
    assert_int_equal(fs_open(x, "/d/two", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, body, 10), 10);
    struct fx cut = { .flash = flash_model_new(BLOCK, 64, PROG), .m = { .ops = &flashfs_ops } };
    memcpy(cut.flash->mem, x->flash->mem, (size_t)BLOCK * 64);
    assert_int_equal(flashfs_mount(&cut.flash->dev, NULL, &cut.m.fs), 0);
    assert_int_equal(flashfs_ops.stat(&cut.m, "/d/two", &st), ERR_NOENT);
    assert_file(&cut, "/d/one", body, sizeof body);
    assert_int_equal(flashfs_unmount(cut.m.fs), 0);
    flash_model_free(cut.flash);

    /* look-ups see it: stat, an exclusive create, rmdir of its directory, a listing */
    assert_int_equal(flashfs_ops.stat(&x->m, "/d/two", &st), 0);
    assert_int_equal(st.size, 0);   /* committed empty; the close brings the data */
    assert_int_equal(fs_open(x, "/d/three", VFS_O_WRITE | VFS_O_CREATE, &g), 0);
    assert_int_equal(fs_open(x, "/d/three", VFS_O_WRITE | VFS_O_CREATE | VFS_O_EXCL, &h), ERR_EXIST);
    assert_int_equal(flashfs_ops.rmdir(&x->m, "/d"), ERR_NOTEMPTY);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_file(x, "/d/two", body, 10);
    /* renamed and unlinked while open, as any file */
    assert_int_equal(flashfs_ops.rename(&x->m, "/d/three", "/d/four"), 0);
    assert_int_equal(flashfs_ops.write(&x->m, g, "4", 1), 1);
    assert_int_equal(flashfs_ops.close(&x->m, g), 0);
    assert_file(x, "/d/four", "4", 1);
    assert_int_equal(fs_open(x, "/d/five", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/d/five"), 0);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_int_equal(flashfs_ops.stat(&x->m, "/d/five", &st), ERR_NOENT);
    /* an empty file is made by its close */
    assert_int_equal(fs_open(x, "/d/empty", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    fx_remount(x);
    assert_int_equal(flashfs_ops.stat(&x->m, "/d/empty", &st), 0);
    assert_int_equal(st.size, 0);
    assert_file(x, "/d/two", body, 10);
    fx_free(x);
}

/* Compaction copies the live records to drop the stale ones: a log of live records only
 * (files being created) is not copied, and one that is half stale is. */
static void test_compaction_waits_for_stale_records(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);
    char path[32], body[100];
    memset(body, 's', sizeof body);
    struct flashfs_stats ws;
    uint32_t last = 0, compactions = 0;
    for (int i = 0; i < 200; i++) {   /* about 8 blocks of log, twice the tail limit */
        snprintf(path, sizeof path, "/f%03d", i);
        put_file(x, path, body, sizeof body);
        assert_int_equal(flashfs_stats(x->m.fs, &ws), 0);
        assert_true(ws.log_blocks >= last);
        last = ws.log_blocks;
    }
    assert_true(last >= 8);
    uint64_t erases = x->flash->erase_ops;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 200; i++) {
            snprintf(path, sizeof path, "/f%03d", i);
            put_file(x, path, body, 50 + (size_t)round);
            assert_int_equal(flashfs_stats(x->m.fs, &ws), 0);
            compactions += ws.log_blocks < last;
            last = ws.log_blocks;
            assert_true(ws.log_blocks <= 2 * 8 + 4 + 1);   /* under twice the live + limit */
        }
    }
    assert_true(compactions > 0);
    assert_true(x->flash->erase_ops > erases);
    fx_remount(x);
    for (int i = 0; i < 200; i += 50) {
        snprintf(path, sizeof path, "/f%03d", i);
        assert_file(x, path, body, 52);
    }
    fx_free(x);
}

static void test_many_files(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 4096);
    enum { N = 400 };
    char path[32], body[64];
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/many"), 0);
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "/many/file%03d.txt", i);
        int n = snprintf(body, sizeof body, "contents of file %d", i);
        put_file(x, path, body, (size_t)n);
    }
    for (int i = 0; i < N; i += 2) {
        snprintf(path, sizeof path, "/many/file%03d.txt", i);
        assert_int_equal(flashfs_ops.unlink(&x->m, path), 0);
    }
    fx_remount(x);
    static char names[N][VFS_NAME_MAX + 1];
    assert_int_equal(list_dir(x, "/many", names, N), N / 2);
    for (int i = 1; i < N; i += 2) {
        snprintf(path, sizeof path, "/many/file%03d.txt", i);
        int n = snprintf(body, sizeof body, "contents of file %d", i);
        assert_file(x, path, body, (size_t)n);
        assert_true(has_name(names, N / 2, path + 6));
    }
    fx_free(x);
}

/* readdir keeps its place when a compaction rewrites the log under it */
static void test_readdir_across_compaction(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);
    char path[32];
    for (int i = 0; i < 40; i++) {
        snprintf(path, sizeof path, "/e%02d", i);
        put_file(x, path, "x", 1);
    }
    void *d;
    struct vfs_dirent ent;
    int seen[40] = { 0 }, n = 0;
    assert_int_equal(flashfs_ops.opendir(&x->m, "/", &d), 0);
    while (flashfs_ops.readdir(&x->m, d, &ent) == 1) {
        int i = atoi(ent.name + 1);
        assert_int_equal(seen[i], 0);
        seen[i] = 1;
        n++;
        for (int k = 0; k < 30; k++)   /* plenty of commits: forces compactions */
            put_file(x, "/e05", "yy", 2);
    }
    assert_int_equal(flashfs_ops.closedir(&x->m, d), 0);
    assert_int_equal(n, 40);
    fx_free(x);
}

/* Listing a big directory walks the log a few times, not once per entry, and returns every
 * entry that stays exactly once while others are created, rewritten, renamed and deleted
 * between the calls and compactions rewrite the log under the open handle. */
static void test_readdir_many_with_changes(void **state)
{
    (void)state;
    enum { N = 300 };
    struct fx *x = fx_new(128, 0);
    char path[40], to[40];
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), 0);
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "/d/f%03d", i);
        put_file(x, path, path, strlen(path));
    }
    struct vfs_stat st;
    x->flash->bytes_read = 0;
    assert_int_equal(flashfs_ops.stat(&x->m, "/d/f000", &st), 0);
    uint64_t one_stat = x->flash->bytes_read;   /* two walks of the log */
    static char names[N][VFS_NAME_MAX + 1];
    x->flash->bytes_read = 0;
    assert_int_equal(list_dir(x, "/d", names, N), N);
    assert_true(x->flash->bytes_read < 15 * one_stat);   /* was one walk per entry */

    /* f%03d with i % 10: 3 deleted, 5 renamed to r%03d, 7 rewritten; n%03d created */
    int seen[N] = { 0 }, created = 0, seen_new = 0, compactions = 0;
    struct flashfs_stats ws;
    flashfs_stats(x->m.fs, &ws);
    uint32_t log_blocks = ws.log_blocks;
    void *d;
    struct vfs_dirent ent;
    int rc, calls = 0;
    assert_int_equal(flashfs_ops.opendir(&x->m, "/d", &d), 0);
    while ((rc = flashfs_ops.readdir(&x->m, d, &ent)) == 1) {
        int i = atoi(ent.name + 1);
        assert_true(i >= 0 && i < N);
        if (ent.name[0] == 'n') {
            seen_new++;
        } else {
            assert_true(ent.name[0] == 'f' || ent.name[0] == 'r');
            assert_int_equal(seen[i], 0);
            seen[i] = 1;
        }
        int k = calls++;
        snprintf(path, sizeof path, "/d/f%03d", k);
        if (k >= N) {
            continue;
        } else if (k % 10 == 3) {
            assert_int_equal(flashfs_ops.unlink(&x->m, path), 0);
        } else if (k % 10 == 5) {
            snprintf(to, sizeof to, "/d/r%03d", k);
            assert_int_equal(flashfs_ops.rename(&x->m, path, to), 0);
        } else if (k % 10 == 7) {
            for (int j = 0; j < 30; j++)   /* enough stale records for a compaction */
                put_file(x, path, "rewritten", 9);
        } else if (k % 10 == 9) {
            snprintf(path, sizeof path, "/d/n%03d", created++);
            put_file(x, path, "new", 3);
        }
        flashfs_stats(x->m.fs, &ws);
        compactions += ws.log_blocks < log_blocks;
        log_blocks = ws.log_blocks;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(flashfs_ops.closedir(&x->m, d), 0);
    for (int i = 0; i < N; i++)
        if (i % 10 != 3 && i % 10 != 5)
            assert_int_equal(seen[i], 1);   /* stayed all along: listed exactly once */
    assert_true(seen_new <= created);
    assert_true(calls >= N - N / 10);
    assert_true(compactions > 0);
    fx_free(x);
}

static void test_full_device(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);   /* 256 KB */
    uint8_t chunk[4096];
    fill_pattern(chunk, sizeof chunk, 5);
    put_file(x, "/keep", "keep me", 7);
    void *f;
    int rc = 0;
    uint32_t total = 0;
    assert_int_equal(fs_open(x, "/fill", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    while ((rc = flashfs_ops.write(&x->m, f, chunk, sizeof chunk)) == (int)sizeof chunk)
        total += sizeof chunk;
    if (rc > 0) {
        total += (uint32_t)rc;
        rc = flashfs_ops.write(&x->m, f, chunk, sizeof chunk);
    }
    assert_int_equal(rc, ERR_NOSPC);
    assert_true(total > 200000);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    struct vfs_stat st;
    assert_int_equal(flashfs_ops.stat(&x->m, "/fill", &st), 0);
    assert_int_equal(st.size, total);
    /* metadata still works on a full device, and deleting gives the space back */
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/still"), 0);
    assert_int_equal(fs_open(x, "/other", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.write(&x->m, f, chunk, sizeof chunk), ERR_NOSPC);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/fill"), 0);
    put_file(x, "/again", chunk, sizeof chunk);
    fx_remount(x);
    assert_file(x, "/keep", "keep me", 7);
    assert_file(x, "/again", chunk, sizeof chunk);
    fx_free(x);
}

/* A long overwrite loop must spread erases: the most erased block stays close to the mean. */
static void test_wear_levelling(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    uint8_t data[16384];
    char path[32];
    for (int i = 0; i < 8; i++) {   /* some data that never changes */
        snprintf(path, sizeof path, "/static%d", i);
        fill_pattern(data, sizeof data, (uint32_t)i);
        put_file(x, path, data, sizeof data);
    }
    flash_model_reset_counters(x->flash);
    for (int i = 0; i < 3000; i++) {
        fill_pattern(data, sizeof data, (uint32_t)i);
        put_file(x, "/hot", data, sizeof data);
    }
    uint32_t max = flash_model_max_erases(x->flash);
    double mean = flash_model_mean_erases(x->flash);
    struct flashfs_stats st;
    assert_int_equal(flashfs_stats(x->m.fs, &st), 0);
    printf("wear: model max %u mean %.1f; flashfs_stats max %u mean %u min %u\n", (unsigned)max,
           mean, (unsigned)st.erase_max, (unsigned)st.erase_mean, (unsigned)st.erase_min);
    assert_true(mean > 20);
    assert_true(max <= mean * 1.25 + 2);
    assert_true(st.erase_max >= max && st.erase_max <= max + 2);   /* format added one */
    assert_true(st.erase_max <= st.erase_mean * 1.3 + 2);
    fx_remount(x);
    assert_file(x, "/hot", data, sizeof data);
    fx_free(x);
}

/* Walks the whole tree and reads every file: on a damaged image this may fail, but must
 * neither crash nor hang nor touch the device outside its bounds. */
static void walk_tree(struct fx *x, const char *dir, int depth)
{
    void *d;
    struct vfs_dirent ent;
    if (depth > 8 || flashfs_ops.opendir(&x->m, dir, &d) != 0)
        return;
    for (int n = 0; n < 1000 && flashfs_ops.readdir(&x->m, d, &ent) == 1; n++) {
        char path[VFS_PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", ent.name);
        if (ent.type == VFS_DIR) {
            walk_tree(x, path, depth + 1);
            continue;
        }
        void *f;
        uint8_t buf[1024];
        if (fs_open(x, path, VFS_O_READ, &f) != 0)
            continue;
        while (flashfs_ops.read(&x->m, f, buf, sizeof buf) > 0) {
        }
        flashfs_ops.close(&x->m, f);
    }
    flashfs_ops.closedir(&x->m, d);
}

static void populate(struct fx *x)
{
    uint8_t data[10000];
    fill_pattern(data, sizeof data, 9);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), 0);
    put_file(x, "/d/small", "small", 5);
    put_file(x, "/d/big", data, sizeof data);
    put_file(x, "/top", data, 3000);
    assert_int_equal(flashfs_ops.rename(&x->m, "/top", "/d/top"), 0);
}

/* Corruption met while mounted makes the mount read-only: every change answers ERR_ROFS,
 * statfs says why, and nothing more is written to the damaged image. */
static void test_corruption_found_at_run_time_makes_the_mount_read_only(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);
    put_file(x, "/keep", "kept", 4);
    put_file(x, "/victim", "v", 1);
    uint8_t *name = NULL;   /* the last record of /victim, the one a look-up reads */
    for (size_t i = 28; i + 6 <= (size_t)64 * BLOCK; i++)
        if (memcmp(x->flash->mem + i, "victim", 6) == 0)
            name = x->flash->mem + i;
    assert_non_null(name);
    struct vfs_stat st;
    struct vfs_statfs sf;
    assert_int_equal(flashfs_ops.statfs(&x->m, &sf), 0);
    assert_null(sf.read_only);
    name[-28] = 0x07;                      /* the record's type: no such type */
    assert_int_equal(flashfs_ops.stat(&x->m, "/victim", &st), ERR_CORRUPT);
    uint64_t programmed = x->flash->prog_ops, erased = x->flash->erase_ops;
    void *f;
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/d"), ERR_ROFS);
    assert_int_equal(flashfs_ops.unlink(&x->m, "/keep"), ERR_ROFS);
    assert_int_equal(flashfs_ops.rename(&x->m, "/keep", "/k2"), ERR_ROFS);
    assert_int_equal(fs_open(x, "/new", VFS_O_WRITE | VFS_O_CREATE, &f), ERR_ROFS);
    assert_int_equal(fs_open(x, "/keep", VFS_O_READ | VFS_O_WRITE, &f), ERR_ROFS);
    assert_int_equal(flashfs_ops.statfs(&x->m, &sf), 0);
    assert_non_null(sf.read_only);
    assert_non_null(strstr(sf.read_only, "corrupt"));
    assert_true(x->flash->prog_ops == programmed && x->flash->erase_ops == erased);
    fx_free(x);
}

static void test_corrupt_images(void **state)
{
    (void)state;
    uint32_t seed = 99;
    for (int trial = 0; trial < 300; trial++) {
        struct fx *x = fx_new(32, 0);
        populate(x);
        assert_int_equal(flashfs_unmount(x->m.fs), 0);
        size_t size = (size_t)32 * BLOCK;
        int flips = 1 + trial % 50;
        for (int i = 0; i < flips; i++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (trial % 3 == 0 ? seed % (4 * BLOCK) : seed % size);   /* often metadata */
            x->flash->mem[at] ^= (uint8_t)(1u << (seed >> 28 & 7));
        }
        if (flashfs_mount(&x->flash->dev, NULL, &x->m.fs) == 0) {
            walk_tree(x, "/", 0);
            flashfs_ops.mkdir(&x->m, "/new");   /* writing must not break flash rules either */
            assert_int_equal(flashfs_unmount(x->m.fs), 0);
        }
        struct flashfs_fsck_report r;
        flashfs_fsck(&x->flash->dev, 1, &r);
        assert_int_equal(x->flash->violations, 0);
        flash_model_free(x->flash);
        free(x);
    }
}

static void test_random_and_truncated_images(void **state)
{
    (void)state;
    struct flash_model *flash = flash_model_new(BLOCK, 32, PAGE);
    void *fs;
    uint32_t seed = 5;
    for (size_t i = 0; i < (size_t)32 * BLOCK; i++) {
        seed = seed * 1103515245u + 12345u;
        flash->mem[i] = (uint8_t)(seed >> 16);
    }
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), ERR_CORRUPT);
    memset(flash->mem, 0, (size_t)32 * BLOCK);
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), ERR_CORRUPT);
    /* a formatted image seen through a smaller or differently shaped device */
    assert_int_equal(flashfs_format(&flash->dev), 0);
    flash->dev.block_count = 20;
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), ERR_CORRUPT);
    flash->dev.block_count = 32;
    flash->dev.block_size = 2048;
    flash->dev.block_count = 64;
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), ERR_CORRUPT);
    flash->dev.block_size = BLOCK;
    flash->dev.block_count = 2;   /* too small to hold a filesystem at all */
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), ERR_INVAL);
    assert_int_equal(flashfs_format(&flash->dev), ERR_INVAL);
    flash->dev.block_count = 32;
    assert_int_equal(flashfs_mount(&flash->dev, NULL, &fs), 0);
    assert_int_equal(flashfs_unmount(fs), 0);
    assert_int_equal(flash->violations, 0);
    flash_model_free(flash);
}

static void test_fsck_repairs_orphans(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    populate(x);
    struct flashfs_fsck_report r;
    assert_int_equal(flashfs_unmount(x->m.fs), 0);
    assert_int_equal(flashfs_fsck(&x->flash->dev, 0, &r), 0);
    assert_int_equal(r.files, 3);
    assert_int_equal(r.dirs, 1);
    /* cut the directory's record out: its three files lose their parent */
    uint8_t *mem = x->flash->mem;
    size_t size = (size_t)BLOCKS * BLOCK;
    int patched = 0;
    for (size_t i = 0; i + 30 < size && !patched; i++) {
        if (mem[i] == 2 && mem[i + 1] == 1 && mem[i + 28] == 'd' && mem[i + 4] == 1) {
            mem[i + 28] &= 0x00;   /* clearing bits is what a stray program does */
            patched = 1;
        }
    }
    assert_true(patched);
    /* the commit CRC fails with commits after it: damage, not a torn end */
    assert_int_equal(flashfs_fsck(&x->flash->dev, 0, &r), 4);
    assert_int_equal(r.damaged_commits, 1);
    assert_int_equal(r.orphans, 3);
    assert_int_equal(r.dirty_tail, 0);
    /* the repair drops the damaged commit and gives the directory's files a home again */
    assert_int_equal(flashfs_fsck(&x->flash->dev, 1, &r), 0);
    assert_int_equal(r.repaired, 2);   /* the commit, and the directory made again */
    assert_int_equal(flashfs_fsck(&x->flash->dev, 0, &r), 0);
    assert_int_equal(r.files, 3);
    assert_int_equal(r.dirs, 2);
    assert_int_equal(flashfs_mount(&x->flash->dev, NULL, &x->m.fs), 0);
    assert_file(x, "/lost+found/#1/small", "small", 5);
    walk_tree(x, "/", 0);
    fx_free(x);
}

static void test_ram_use(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    struct vfs_statfs a, b, c;
    void *f;
    put_file(x, "/f", "x", 1);
    assert_int_equal(flashfs_ops.statfs(&x->m, &a), 0);
    assert_int_equal(fs_open(x, "/f", VFS_O_READ, &f), 0);
    assert_int_equal(flashfs_ops.statfs(&x->m, &b), 0);
    uint32_t per_file = b.ram_used - a.ram_used;
    printf("ram: mount %u bytes, open file %u bytes (this host)\n", (unsigned)a.ram_used,
           (unsigned)per_file);
    assert_true(a.ram_used < 2048);
    assert_true(per_file < 512);
    assert_int_equal(flashfs_ops.close(&x->m, f), 0);
    assert_int_equal(flashfs_unmount(x->m.fs), 0);
    struct flashfs_config cfg = { .cache_size = 4096 };
    assert_int_equal(flashfs_mount(&x->flash->dev, &cfg, &x->m.fs), 0);
    assert_int_equal(flashfs_ops.statfs(&x->m, &c), 0);
    assert_true(c.ram_used >= a.ram_used + 4096);
    fx_free(x);
}

/* Flash bytes read by looking up and reading 60 small files, on a mount with this cache and
 * name index (the files are written first, then the image is mounted again). */
static uint64_t lookup_reads(uint32_t cache, uint32_t index_entries)
{
    struct fx *x = fx_new(BLOCKS, cache);
    char path[32];
    for (int i = 0; i < 60; i++) {
        snprintf(path, sizeof path, "/f%d", i);
        put_file(x, path, path, strlen(path));
    }
    assert_int_equal(flashfs_unmount(x->m.fs), 0);
    struct flashfs_config cfg = { .cache_size = cache, .index_entries = index_entries };
    assert_int_equal(flashfs_mount(&x->flash->dev, &cfg, &x->m.fs), 0);
    x->flash->bytes_read = 0;
    for (int i = 0; i < 60; i++) {
        snprintf(path, sizeof path, "/f%d", i);
        assert_file(x, path, path, strlen(path));
    }
    uint64_t reads = x->flash->bytes_read;
    fx_free(x);
    return reads;
}

/* Without the name index, a cache that holds the log cuts the flash reads of look-ups
 * (which scan the log); a small one never costs more than its own size. */
static void test_metadata_cache(void **state)
{
    (void)state;
    uint32_t off = FLASHFS_INDEX_OFF;
    uint64_t none = lookup_reads(0, off), small = lookup_reads(4096, off);
    uint64_t big = lookup_reads(65536, off);
    printf("look-ups read %llu bytes without cache, %llu with 4 KB, %llu with 64 KB\n",
           (unsigned long long)none, (unsigned long long)small, (unsigned long long)big);
    assert_true(big * 4 < none);
    assert_true(small <= none + 4096);
}

/* The name index reads one record per path component where a scan reads the log; a tree
 * larger than the index falls back to scanning, with the same answers. */
static void test_name_index_reads(void **state)
{
    (void)state;
    uint64_t scan = lookup_reads(0, FLASHFS_INDEX_OFF), indexed = lookup_reads(0, 0);
    uint64_t too_small = lookup_reads(0, 8);
    printf("look-ups read %llu bytes scanning, %llu with the index, %llu with an index of 8\n",
           (unsigned long long)scan, (unsigned long long)indexed, (unsigned long long)too_small);
    assert_true(indexed * 10 < scan);
    assert_true(too_small == scan);
}

/* What a look-up answers with the index is what a scan of the log answers, after renames
 * (with replacement, across directories), deletions, rewrites and compactions. */
static void test_name_index_answers_as_a_scan(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);
    char path[48], to[48];
    uint32_t seed = 7;
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/a"), 0);
    assert_int_equal(flashfs_ops.mkdir(&x->m, "/b"), 0);
    for (int round = 0; round < 400; round++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8;
        snprintf(path, sizeof path, "/%c/f%u", r & 1 ? 'a' : 'b', (unsigned)(r >> 1) % 24);
        snprintf(to, sizeof to, "/%c/f%u", r & 64 ? 'a' : 'b', (unsigned)(r >> 7) % 24);
        switch (r >> 13 & 3) {
        case 0: put_file(x, path, path, strlen(path)); break;
        case 1: flashfs_ops.unlink(&x->m, path); break;
        case 2: flashfs_ops.rename(&x->m, path, to); break;
        default: put_file(x, path, to, strlen(to)); break;
        }
    }
    /* the index kept by the commits and compactions above, the one mount builds, a scan */
    struct vfs_stat st[3][2][24];
    int err[3][2][24];
    memset(st, 0, sizeof st);
    for (int pass = 0; pass < 3; pass++) {
        if (pass > 0) {
            struct flashfs_config cfg = { .index_entries = pass == 2 ? FLASHFS_INDEX_OFF : 0 };
            assert_int_equal(flashfs_unmount(x->m.fs), 0);
            assert_int_equal(flashfs_mount(&x->flash->dev, &cfg, &x->m.fs), 0);
        }
        for (int d = 0; d < 2; d++) {
            for (int i = 0; i < 24; i++) {
                snprintf(path, sizeof path, "/%c/f%d", d ? 'a' : 'b', i);
                err[pass][d][i] = flashfs_ops.stat(&x->m, path, &st[pass][d][i]);
            }
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int d = 0; d < 2; d++) {
            for (int i = 0; i < 24; i++) {
                assert_int_equal(err[pass][d][i], err[2][d][i]);
                assert_int_equal(st[pass][d][i].size, st[2][d][i].size);
                assert_int_equal(st[pass][d][i].type, st[2][d][i].type);
            }
        }
    }
    fx_free(x);
}

/* The cache of a mounted filesystem can be resized (boot does it with system.conf's size):
 * statfs counts the new size, and reads go on as before. */
static void test_set_cache_resizes_a_mount(void **state)
{
    (void)state;
    struct fx *x = fx_new(BLOCKS, 0);
    struct vfs_statfs a, b, c;
    put_file(x, "/f", "data", 4);
    assert_int_equal(flashfs_ops.statfs(&x->m, &a), 0);
    assert_int_equal(flashfs_set_cache(x->m.fs, 8192), 0);
    assert_int_equal(flashfs_ops.statfs(&x->m, &b), 0);
    assert_true(b.ram_used >= a.ram_used + 8192);
    assert_file(x, "/f", "data", 4);
    assert_int_equal(flashfs_set_cache(x->m.fs, 0), 0);
    assert_int_equal(flashfs_ops.statfs(&x->m, &c), 0);
    assert_int_equal(c.ram_used, a.ram_used);
    assert_file(x, "/f", "data", 4);
    fx_free(x);
}

/* The posix image device: geometry from the file size, erase to 0xFF, and programs that
 * AND into the old bytes like NOR flash; flashfs works on it across a reopen. */
static void test_posix_image_device(void **state)
{
    (void)state;
    const char *path = "test_flashfs_image.bin";
    FILE *img = fopen(path, "wb");
    assert_non_null(img);
    static uint8_t block[BLOCK];
    memset(block, 0xFF, sizeof block);
    for (int i = 0; i < 16; i++)
        assert_int_equal(fwrite(block, 1, sizeof block, img), sizeof block);
    fclose(img);
    hal_blockdev_t *bd = hal_flash_open(path);
    assert_non_null(bd);
    assert_int_equal(bd->block_size, 4096);
    assert_int_equal(bd->block_count, 16);
    assert_int_equal(bd->prog_size, 4);
    uint8_t page[PAGE], back[PAGE];
    memset(page, 0x0F, sizeof page);
    assert_int_equal(bd->prog(bd, 3, 256, page, PAGE), 0);
    memset(page, 0xF3, sizeof page);
    assert_int_equal(bd->prog(bd, 3, 256, page, PAGE), 0);
    assert_int_equal(bd->read(bd, 3, 256, back, PAGE), 0);
    assert_int_equal(back[0], 0x03);   /* AND, not overwrite */
    assert_int_equal(bd->erase(bd, 3), 0);
    /* pieces of a page, across a page boundary: the bytes around them stay erased */
    assert_int_equal(bd->prog(bd, 3, 240, page, 32), 0);
    assert_int_equal(bd->read(bd, 3, 224, back, 64), 0);
    assert_int_equal(back[15], 0xFF);
    assert_int_equal(back[16], 0xF3);
    assert_int_equal(back[47], 0xF3);
    assert_int_equal(back[48], 0xFF);
    assert_int_equal(bd->erase(bd, 3), 0);
    assert_int_equal(bd->read(bd, 3, 256, back, PAGE), 0);
    assert_int_equal(back[7], 0xFF);
    assert_true(bd->prog(bd, 3, 102, page, PAGE) < 0);   /* unaligned */
    assert_true(bd->prog(bd, 3, 256, page, 2) < 0);      /* less than a program unit */
    assert_true(bd->read(bd, 16, 0, back, 1) < 0);       /* out of range */

    struct vfs_mount m = { .ops = &flashfs_ops };
    assert_int_equal(flashfs_format(bd), 0);
    assert_int_equal(flashfs_mount(bd, NULL, &m.fs), 0);
    void *f;
    assert_int_equal(flashfs_ops.open(&m, "/x", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.write(&m, f, block, 4000), 4000);
    assert_int_equal(flashfs_ops.close(&m, f), 0);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    hal_flash_close(bd);
    bd = hal_flash_open(path);
    assert_non_null(bd);
    assert_int_equal(flashfs_mount(bd, NULL, &m.fs), 0);
    struct vfs_stat st;
    assert_int_equal(flashfs_ops.stat(&m, "/x", &st), 0);
    assert_int_equal(st.size, 4000);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    hal_flash_close(bd);
    remove(path);
    assert_null(hal_flash_open("no-such-image.bin"));
}

/* ---- images of format version 1 ---- */

uint32_t ffs_crc32(uint32_t crc, const void *data, size_t len);   /* fs/flashfs/crc.c */

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> 8 * i);
}

/* Visits the root records of both superblocks: the place of each. */
static uint32_t roots(struct flash_model *flash, uint8_t **at, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t b = 0; b < 2; b++)
        for (uint32_t pg = 1; pg < BLOCK / PAGE && n < max; pg++) {
            uint8_t *p = flash->mem + (size_t)b * BLOCK + pg * PAGE;
            if (get32(p) == 0x544F4F52u)
                at[n++] = p;
        }
    return n;
}

/* An image written by version 1 (commits at 256-byte units, a 48-byte root without the
 * alignment) mounts and is written in its layout; its first compaction makes it version 2,
 * whose commits share pages. */
static void test_version1_image_mounts_and_converts(void **state)
{
    (void)state;
    struct flash_model *old = flash_model_new(BLOCK, 64, PAGE);
    struct vfs_mount m = { .ops = &flashfs_ops };
    uint8_t body[100];
    memset(body, 'v', sizeof body);
    assert_int_equal(flashfs_format(&old->dev), 0);
    assert_int_equal(flashfs_mount(&old->dev, NULL, &m.fs), 0);
    void *f;
    assert_int_equal(flashfs_ops.mkdir(&m, "/d"), 0);
    assert_int_equal(flashfs_ops.open(&m, "/d/old", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(flashfs_ops.write(&m, f, body, sizeof body), (int)sizeof body);
    assert_int_equal(flashfs_ops.close(&m, f), 0);
    assert_int_equal(flashfs_unmount(m.fs), 0);
    uint8_t *root[32];
    uint32_t n = roots(old, root, 32);
    assert_true(n >= 2);
    for (uint32_t i = 0; i < n; i++) {   /* what version 1 wrote: no alignment field */
        assert_int_equal(get32(root[i] + 4), 2);
        assert_int_equal(get32(root[i] + 44), PAGE);
        put32(root[i] + 4, 1);
        put32(root[i] + 44, ffs_crc32(0, root[i], 44));
        memset(root[i] + 48, 0xFF, 4);
    }

    struct fx x = { .flash = flash_model_new(BLOCK, 64, PROG), .m = { .ops = &flashfs_ops } };
    memcpy(x.flash->mem, old->mem, (size_t)BLOCK * 64);
    flash_model_free(old);
    assert_int_equal(flashfs_mount(&x.flash->dev, NULL, &x.m.fs), 0);
    struct vfs_stat st;
    assert_int_equal(flashfs_ops.stat(&x.m, "/d/old", &st), 0);
    assert_int_equal(st.size, sizeof body);
    put_file(&x, "/d/new", body, 10);   /* appended to the version-1 log, unit by unit */
    fx_remount(&x);
    assert_int_equal(flashfs_ops.stat(&x.m, "/d/new", &st), 0);
    assert_int_equal(st.size, 10);
    for (int i = 0; i < 200; i++)       /* until compactions have rewritten the log */
        put_file(&x, "/d/new", body, 1 + (size_t)i % 100);
    fx_remount(&x);
    assert_int_equal(flashfs_ops.stat(&x.m, "/d/new", &st), 0);
    assert_int_equal(st.size, 1 + 199 % 100);
    assert_int_equal(flashfs_ops.stat(&x.m, "/d/old", &st), 0);
    uint32_t newest = 0, version = 0, align = 0;
    n = roots(x.flash, root, 32);
    for (uint32_t i = 0; i < n; i++)
        if (get32(root[i] + 8) >= newest) {
            newest = get32(root[i] + 8);
            version = get32(root[i] + 4);
            align = get32(root[i] + 44);
        }
    assert_int_equal(version, 2);
    assert_int_equal(align, PROG);
    struct flashfs_fsck_report r;
    assert_int_equal(flashfs_unmount(x.m.fs), 0);
    assert_int_equal(flashfs_fsck(&x.flash->dev, 0, &r), 0);
    assert_int_equal(x.flash->violations, 0);
    flash_model_free(x.flash);
}

/* statfs keeps the free count from the last scan while it is exact: after every kind of
 * change, with files held open across them, it answers what a scan of the map answers. */
struct flashfs;
int ffs_count_used(struct flashfs *fs, uint32_t *used);   /* fs/flashfs/alloc.c: a scan */

static void assert_free_count_exact(struct fx *x)
{
    struct vfs_statfs st;
    uint32_t used;
    assert_int_equal(flashfs_ops.statfs(&x->m, &st), 0);
    assert_int_equal(ffs_count_used((struct flashfs *)x->m.fs, &used), 0);
    assert_int_equal(st.blocks_free, st.blocks_total - used);
}

static void test_statfs_free_count_exact(void **state)
{
    (void)state;
    struct fx *x = fx_new(64, 0);
    static uint8_t data[3 * BLOCK];
    fill_pattern(data, sizeof data, 7);
    void *held = NULL;
    uint32_t seed = 1;
    char path[32];
    for (int step = 0; step < 400; step++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 16, n = r % 6;
        snprintf(path, sizeof path, "/f%u", (unsigned)(r / 7 % 8));
        void *f;
        if (n == 0) {
            put_file(x, path, data, r % 3 ? 100 : BLOCK + r % (2 * BLOCK));
        } else if (n == 1) {
            flashfs_ops.unlink(&x->m, path);
        } else if (n == 2) {
            flashfs_ops.mkdir(&x->m, "/d");
            char to[32];
            snprintf(to, sizeof to, "/d/g%u", (unsigned)(r % 3));
            flashfs_ops.rename(&x->m, path, to);
        } else if (n == 3 && fs_open(x, path, VFS_O_READ | VFS_O_WRITE, &f) == 0) {
            /* a session rewritten after a seek back, then truncated */
            flashfs_ops.seek(&x->m, f, (long)(r % BLOCK), 0);
            flashfs_ops.write(&x->m, f, data, BLOCK);
            flashfs_ops.seek(&x->m, f, 10, 0);
            flashfs_ops.write(&x->m, f, data, 300);
            flashfs_ops.truncate(&x->m, f, (uint32_t)(r % (2 * BLOCK)));
            assert_free_count_exact(x);
            flashfs_ops.close(&x->m, f);
        } else if (n == 4) {
            if (held) {
                flashfs_ops.close(&x->m, held);
                held = NULL;
            } else if (fs_open(x, path, VFS_O_READ, &held) != 0) {
                held = NULL;
            }
        } else {
            flashfs_ops.unlink(&x->m, path);   /* unlinked while it may be held open */
            put_file(x, "/big", data, sizeof data);
            flashfs_ops.unlink(&x->m, "/big");
        }
        assert_free_count_exact(x);
        if (step % 50 == 49 && !held) {
            fx_remount(x);
            assert_free_count_exact(x);
        }
    }
    if (held)
        flashfs_ops.close(&x->m, held);
    assert_free_count_exact(x);
    for (int step = 0; step < 600; step++) {   /* small files only: compactions of the log */
        snprintf(path, sizeof path, "/s%d", step % 5);
        put_file(x, path, data, 200);
        assert_free_count_exact(x);
    }
    fx_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_mount_empty),
        cmocka_unit_test(test_small_file_roundtrip),
        cmocka_unit_test(test_big_file_roundtrip),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_dirs_and_readdir),
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_seek_overwrite_truncate),
        cmocka_unit_test(test_several_open_files),
        cmocka_unit_test(test_concurrent_writers_small_device),
        cmocka_unit_test(test_long_session_survives_rescans),
        cmocka_unit_test(test_unlink_while_open),
        cmocka_unit_test(test_deferred_create),
        cmocka_unit_test(test_compaction_waits_for_stale_records),
        cmocka_unit_test(test_many_files),
        cmocka_unit_test(test_readdir_across_compaction),
        cmocka_unit_test(test_readdir_many_with_changes),
        cmocka_unit_test(test_full_device),
        cmocka_unit_test(test_wear_levelling),
        cmocka_unit_test(test_corrupt_images),
        cmocka_unit_test(test_corruption_found_at_run_time_makes_the_mount_read_only),
        cmocka_unit_test(test_random_and_truncated_images),
        cmocka_unit_test(test_fsck_repairs_orphans),
        cmocka_unit_test(test_ram_use),
        cmocka_unit_test(test_metadata_cache),
        cmocka_unit_test(test_name_index_reads),
        cmocka_unit_test(test_set_cache_resizes_a_mount),
        cmocka_unit_test(test_name_index_answers_as_a_scan),
        cmocka_unit_test(test_posix_image_device),
        cmocka_unit_test(test_version1_image_mounts_and_converts),
        cmocka_unit_test(test_statfs_free_count_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
