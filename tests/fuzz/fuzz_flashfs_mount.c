/* libFuzzer target: the input is one configuration byte and a flashfs image (32 KB: 16
 * blocks of 2 KB; shorter images are padded with erased bytes). The configuration byte
 * picks the device's program size (bit 0: 4 bytes as the ports' drivers, or 256 as a device
 * that programs whole pages) and whether the image's root records are first rewritten in
 * format version 1 (bit 1), so that the fuzzer explores both packings and the mount and
 * conversion of version-1 images. The image is mounted, checked, walked and read, then
 * written to until its log is compacted; nothing may crash, hang, or break a flash rule
 * (the flash model flags any read or program out of bounds or against the erase rules).
 *
 * Built with -DFUZZ_SEED_MAIN instead, it writes seed inputs into the given directory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/flashfs/flashfs.h"
#include "support/flash_model.h"

#define BLOCK 2048u
#define BLOCKS 16u
#define PAGE 256u
#define IMAGE (BLOCK * BLOCKS)

enum { CFG_PROG_PAGE = 1, CFG_ROOTS_V1 = 2 };

#define ROOT_MAGIC 0x544F4F52u   /* "ROOT" */
#define ROOT_ALIGN_AT 44u        /* version 2: commit alignment, then the crc */
#define ROOT_V1_CRC_AT 44u       /* version 1: the crc where version 2 keeps the alignment */

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

/* Rewrites every version-2 root record of the superblocks as version 1 wrote it: version
 * 1, no alignment field (its commits start at 256-byte units), the crc over 44 bytes. */
static void roots_to_version1(uint8_t *image)
{
    for (uint32_t b = 0; b < 2; b++)
        for (uint32_t pg = 1; pg < BLOCK / PAGE; pg++) {
            uint8_t *p = image + b * BLOCK + pg * PAGE;
            if (get32(p) != ROOT_MAGIC || get32(p + 4) != 2)
                continue;
            put32(p + 4, 1);
            put32(p + ROOT_V1_CRC_AT, ffs_crc32(0, p, ROOT_V1_CRC_AT));
            memset(p + ROOT_V1_CRC_AT + 4, 0xFF, 4);
        }
}

static void walk(struct vfs_mount *m, const char *dir, int depth)
{
    void *d;
    struct vfs_dirent ent;
    if (depth > 6 || flashfs_ops.opendir(m, dir, &d) != 0)
        return;
    for (int n = 0; n < 64 && flashfs_ops.readdir(m, d, &ent) == 1; n++) {
        char path[VFS_PATH_MAX];
        struct vfs_stat st;
        snprintf(path, sizeof path, "%s/%s", depth ? dir : "", ent.name);
        if (flashfs_ops.stat(m, path, &st) != 0)
            continue;
        if (st.type == VFS_DIR) {
            walk(m, path, depth + 1);
            continue;
        }
        void *f;
        char buf[512];
        if (flashfs_ops.open(m, path, VFS_O_READ, &f) != 0)
            continue;
        flashfs_ops.seek(m, f, (long)(st.size / 2), VFS_SEEK_SET);
        while (flashfs_ops.read(m, f, buf, sizeof buf) > 0) {
        }
        flashfs_ops.close(m, f);
    }
    flashfs_ops.closedir(m, d);
}

/* A file rewritten until its stale records make the log compact (which also turns a
 * version-1 log into version 2). */
static void rewrite_until_compacted(struct vfs_mount *m, const char *path)
{
    static const char text[200] = "flashfs";
    for (int i = 0; i < 48; i++) {
        void *f;
        if (flashfs_ops.open(m, path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f) != 0)
            return;
        flashfs_ops.write(m, f, text, 20 + (size_t)i * 37 % 180);
        flashfs_ops.close(m, f);
    }
}

static void exercise_writes(struct vfs_mount *m)
{
    void *f, *pending;
    flashfs_ops.mkdir(m, "/fz");
    if (flashfs_ops.open(m, "/fz/new", VFS_O_WRITE | VFS_O_CREATE, &f) == 0) {
        static char data[3000];
        flashfs_ops.write(m, f, data, sizeof data);
        flashfs_ops.close(m, f);
    }
    /* a create still pending when another call looks up names commits it first */
    if (flashfs_ops.open(m, "/fz/pending", VFS_O_WRITE | VFS_O_CREATE, &pending) == 0) {
        flashfs_ops.write(m, pending, "abc", 3);
        flashfs_ops.rename(m, "/fz/new", "/moved");
        flashfs_ops.sync(m, pending);
        flashfs_ops.write(m, pending, "def", 3);
        flashfs_ops.close(m, pending);
    }
    rewrite_until_compacted(m, "/fz/small");
    flashfs_ops.unlink(m, "/moved");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t cfg = data[0];
    data++;
    size--;
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, cfg & CFG_PROG_PAGE ? PAGE : 4);
    memcpy(flash->mem, data, size < IMAGE ? size : IMAGE);
    if (cfg & CFG_ROOTS_V1)
        roots_to_version1(flash->mem);
    struct vfs_mount m = { .ops = &flashfs_ops };
    if (flashfs_mount(&flash->dev, NULL, &m.fs) == 0) {
        walk(&m, "/", 0);
        exercise_writes(&m);
        walk(&m, "/", 0);
        struct vfs_statfs sf;
        flashfs_ops.statfs(&m, &sf);
        if (flashfs_unmount(m.fs) != 0)
            abort();
    }
    struct flashfs_fsck_report r;
    flashfs_fsck(&flash->dev, 1, &r);
    if (flash->violations)
        abort();   /* the filesystem broke a flash rule on this image */
    flash_model_free(flash);
    return 0;
}

#ifdef FUZZ_SEED_MAIN
static void put(struct vfs_mount *m, const char *path, size_t len)
{
    void *f;
    static char data[6000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)('a' + i % 26);
    if (flashfs_ops.open(m, path, VFS_O_WRITE | VFS_O_CREATE, &f) == 0) {
        flashfs_ops.write(m, f, data, len);
        flashfs_ops.close(m, f);
    }
}

static void save(const uint8_t *image, uint8_t cfg, const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputc(cfg, f);
        fwrite(image, 1, IMAGE, f);
        fclose(f);
    }
}

/* Saves the image as written on a device of its own program size, and, when it was written
 * in 256-byte programs, as version 1 wrote it, mounted on both program sizes (an old image
 * under a new driver). */
static void save_all(const struct flash_model *flash, const char *dir, const char *name)
{
    char file[256];
    uint8_t cfg = flash->dev.prog_size == PAGE ? CFG_PROG_PAGE : 0;
    snprintf(file, sizeof file, "%s-p%u.img", name, (unsigned)flash->dev.prog_size);
    save(flash->mem, cfg, dir, file);
    if (flash->dev.prog_size != PAGE)
        return;
    static uint8_t old[IMAGE];
    memcpy(old, flash->mem, IMAGE);
    roots_to_version1(old);
    snprintf(file, sizeof file, "%s-v1-p256.img", name);
    save(old, CFG_PROG_PAGE, dir, file);
    snprintf(file, sizeof file, "%s-v1-p4.img", name);
    save(old, 0, dir, file);
}

static void make_seeds(uint32_t prog_size, const char *dir)
{
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, prog_size);
    struct vfs_mount m = { .ops = &flashfs_ops };
    flashfs_format(&flash->dev);
    save_all(flash, dir, "empty");
    flashfs_mount(&flash->dev, NULL, &m.fs);
    flashfs_ops.mkdir(&m, "/etc");
    put(&m, "/etc/small", 40);
    put(&m, "/big", 5000);
    flashfs_ops.rename(&m, "/big", "/etc/big");
    save_all(flash, dir, "tree");
    for (int i = 0; i < 60; i++)   /* enough commits for a compaction and a log link */
        put(&m, "/etc/small", (size_t)(i * 37 % 300));
    flashfs_unmount(m.fs);
    save_all(flash, dir, "compacted");
    /* the first commit of the live log's block damaged, with commits after it: the log of
     * the newest generation (older ones are left over from compactions) */
    uint32_t top = 0, at = 0;
    for (uint32_t b = 2; b < BLOCKS; b++) {
        const uint8_t *h = flash->mem + b * BLOCK;
        uint32_t kind = h[8], gen = h[12] | (uint32_t)h[13] << 8;
        if (h[0] == 'U' && kind == 2 && gen >= top && h[PAGE] != 0xFF) {
            top = gen;
            at = b * BLOCK + PAGE + 4;
        }
    }
    if (at) {
        flash->mem[at] ^= 1;
        save_all(flash, dir, "damaged");
    }
    flash_model_free(flash);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    make_seeds(4, argv[1]);
    make_seeds(PAGE, argv[1]);
    return 0;
}
#endif
