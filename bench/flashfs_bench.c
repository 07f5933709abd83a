/* flashfs benchmark on the RAM flash model (2 MB: 512 blocks of 4 KB, programmed in pieces
 * of 4 bytes as the ports' drivers do, or of PROG_SIZE):
 * sequential write and read of 1 MB, 1,000 small files created, written and closed, then
 * listed, and the write amplification of each (bytes programmed per byte the user wrote). Times are
 * host CPU times and only compare builds; the flash counts are what matter on a chip.
 *   flashfs_bench [CACHE_BYTES [INDEX_ENTRIES [PROG_SIZE]]]
 *   (INDEX_ENTRIES 0: the default; -1: none; PROG_SIZE 256: a device that programs whole
 *   pages only) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs/flashfs/flashfs.h"
#include "support/flash_model.h"

static struct flash_model *flash;
static struct vfs_mount mnt = { .ops = &flashfs_ops };

static double now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static void die(const char *what, int err)
{
    fprintf(stderr, "flashfs_bench: %s failed: %d\n", what, err);
    exit(1);
}

static void report(const char *what, double seconds, double user_bytes)
{
    printf("%-34s %8.3f s %9.1f KB/s  programmed %8.0f KB  erases %5llu  amplification %.2f\n",
           what, seconds, user_bytes / 1024 / (seconds > 0 ? seconds : 1e-9),
           (double)flash->bytes_programmed / 1024, (unsigned long long)flash->erase_ops,
           user_bytes > 0 ? (double)flash->bytes_programmed / user_bytes : 0);
}

static void sequential(void)
{
    enum { TOTAL = 1024 * 1024, CHUNK = 4096 };
    static char buf[CHUNK];
    void *f;
    int err;
    memset(buf, 0x5A, sizeof buf);
    flash_model_reset_counters(flash);
    double t = now();
    if ((err = flashfs_ops.open(&mnt, "/seq", VFS_O_WRITE | VFS_O_CREATE, &f)) != 0)
        die("open", err);
    for (int done = 0; done < TOTAL; done += CHUNK)
        if ((err = flashfs_ops.write(&mnt, f, buf, CHUNK)) != CHUNK)
            die("write", err);
    if ((err = flashfs_ops.close(&mnt, f)) != 0)
        die("close", err);
    report("sequential write 1 MB", now() - t, TOTAL);

    flash_model_reset_counters(flash);
    t = now();
    if ((err = flashfs_ops.open(&mnt, "/seq", VFS_O_READ, &f)) != 0)
        die("open", err);
    int n, total = 0;
    while ((n = flashfs_ops.read(&mnt, f, buf, CHUNK)) > 0)
        total += n;
    flashfs_ops.close(&mnt, f);
    if (total != TOTAL)
        die("read back", total);
    double seconds = now() - t;
    printf("%-34s %8.3f s %9.1f KB/s  read %.0f KB\n", "sequential read 1 MB", seconds,
           TOTAL / 1024.0 / (seconds > 0 ? seconds : 1e-9), (double)flash->bytes_read / 1024);
    flashfs_ops.unlink(&mnt, "/seq");
}

static void small_files(void)
{
    enum { FILES = 1000, SIZE = 100 };
    char path[32], body[SIZE];
    memset(body, 'x', sizeof body);
    flashfs_ops.mkdir(&mnt, "/small");
    flash_model_reset_counters(flash);
    double t = now();
    for (int i = 0; i < FILES; i++) {
        void *f;
        snprintf(path, sizeof path, "/small/f%04d", i);
        int err = flashfs_ops.open(&mnt, path, VFS_O_WRITE | VFS_O_CREATE, &f);
        if (err || flashfs_ops.write(&mnt, f, body, SIZE) != SIZE)
            die("small file", err);
        if ((err = flashfs_ops.close(&mnt, f)) != 0)
            die("close", err);
    }
    report("1000 x 100 B create+write+close", now() - t, FILES * SIZE);
    flash_model_reset_counters(flash);
    t = now();
    struct vfs_stat st;
    for (int i = 0; i < FILES; i += 10) {
        snprintf(path, sizeof path, "/small/f%04d", i);
        if (flashfs_ops.stat(&mnt, path, &st) != 0)
            die("stat", -1);
    }
    double seconds = now() - t;
    printf("%-34s %8.3f s  %.2f ms per stat, %.2f KB read per stat\n", "stat of 100 of them", seconds,
           seconds * 1000 / 100, (double)flash->bytes_read / 1024 / 100);
}

/* Lists the 1,000-file directory small_files made: every name must come exactly once. */
static void listing(void)
{
    enum { FILES = 1000 };
    static unsigned char seen[FILES];
    void *d;
    struct vfs_dirent ent;
    int n = 0, err;
    flash_model_reset_counters(flash);
    double t = now();
    if ((err = flashfs_ops.opendir(&mnt, "/small", &d)) != 0)
        die("opendir", err);
    while ((err = flashfs_ops.readdir(&mnt, d, &ent)) == 1) {
        int i = atoi(ent.name + 1);
        if (i < 0 || i >= FILES || seen[i]++)
            die("readdir: unexpected name", i);
        n++;
    }
    flashfs_ops.closedir(&mnt, d);
    if (err < 0 || n != FILES)
        die("readdir", err < 0 ? err : n);
    double seconds = now() - t;
    printf("%-34s %8.3f s  %.3f ms per entry, %.1f KB read per entry\n", "readdir of them", seconds,
           seconds * 1000 / FILES, (double)flash->bytes_read / 1024 / FILES);
}

int main(int argc, char **argv)
{
    struct flashfs_config cfg = { .cache_size = argc > 1 ? (uint32_t)atoi(argv[1]) : 0,
                                  .index_entries = argc > 2 ? (uint32_t)atol(argv[2]) : 0 };
    uint32_t prog_size = argc > 3 ? (uint32_t)atoi(argv[3]) : 4;
    flash = flash_model_new(4096, 512, prog_size);
    int err = flashfs_format(&flash->dev);
    if (!err)
        err = flashfs_mount(&flash->dev, &cfg, &mnt.fs);
    if (err)
        die("mount", err);
    printf("flashfs on a 2 MB flash model programmed in %u bytes, metadata cache %u bytes, "
           "name index of %s entries\n", (unsigned)prog_size, (unsigned)cfg.cache_size,
           argc > 2 ? argv[2] : "the default number of");
    sequential();
    small_files();
    listing();
    struct vfs_statfs sf;
    struct flashfs_stats ws;
    flashfs_ops.statfs(&mnt, &sf);
    flashfs_stats(mnt.fs, &ws);
    printf("RAM in use %u bytes; log %u blocks; erase counts max %u mean %u\n",
           (unsigned)sf.ram_used, (unsigned)ws.log_blocks, (unsigned)ws.erase_max,
           (unsigned)ws.erase_mean);
    flashfs_unmount(mnt.fs);
    if (flash->violations)
        die("flash rules", (int)flash->violations);
    flash_model_free(flash);
    return 0;
}
