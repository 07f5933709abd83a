/* libFuzzer target: the input is a flashfs image (32 KB: 16 blocks of 2 KB, 256-byte
 * pages; shorter inputs are padded with erased bytes). It is mounted, checked, walked and
 * read, then written to; nothing may crash, hang, or break a flash rule (the flash model
 * flags any read or program out of bounds or against the erase rules).
 *
 * Built with -DFUZZ_SEED_MAIN instead, it writes seed images into the given directory. */
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

static void exercise_writes(struct vfs_mount *m)
{
    void *f;
    flashfs_ops.mkdir(m, "/fz");
    if (flashfs_ops.open(m, "/fz/new", VFS_O_WRITE | VFS_O_CREATE, &f) == 0) {
        static char data[3000];
        flashfs_ops.write(m, f, data, sizeof data);
        flashfs_ops.close(m, f);
    }
    flashfs_ops.rename(m, "/fz/new", "/moved");
    flashfs_ops.unlink(m, "/moved");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, PAGE);
    memcpy(flash->mem, data, size < IMAGE ? size : IMAGE);
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

static void save(const struct flash_model *flash, const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(flash->mem, 1, IMAGE, f);
        fclose(f);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    struct flash_model *flash = flash_model_new(BLOCK, BLOCKS, PAGE);
    struct vfs_mount m = { .ops = &flashfs_ops };
    flashfs_format(&flash->dev);
    save(flash, argv[1], "empty.img");
    flashfs_mount(&flash->dev, NULL, &m.fs);
    flashfs_ops.mkdir(&m, "/etc");
    put(&m, "/etc/small", 40);
    put(&m, "/big", 5000);
    flashfs_ops.rename(&m, "/big", "/etc/big");
    save(flash, argv[1], "tree.img");
    for (int i = 0; i < 60; i++)   /* enough commits for a compaction and a log link */
        put(&m, "/etc/small", (size_t)(i * 37 % 300));
    flashfs_unmount(m.fs);
    save(flash, argv[1], "compacted.img");
    /* the first commit of the newest log block damaged, with commits after it */
    uint32_t top = 0, at = 0;
    for (uint32_t b = 2; b < BLOCKS; b++) {
        const uint8_t *h = flash->mem + b * BLOCK;
        uint32_t kind = h[8], gen = h[12] | (uint32_t)h[13] << 8;
        if (h[0] == 'U' && kind == 2 && gen >= top && h[PAGE + PAGE] != 0xFF) {
            top = gen;
            at = b * BLOCK + PAGE + 4;
        }
    }
    if (at) {
        flash->mem[at] ^= 1;
        save(flash, argv[1], "damaged.img");
    }
    flash_model_free(flash);
    return 0;
}
#endif
