/* mkfs: builds, unpacks and checks flashfs images on the host with the filesystem code
 * the system itself runs.
 *
 *   mkfs [-s SIZE] IMAGE DIR        new image of SIZE bytes (default 2M; K/M suffixes)
 *                                   holding the tree under DIR
 *   mkfs --extract IMAGE DIR        copies every file and directory of IMAGE into DIR
 *   mkfs --check [--repair] IMAGE   runs fsck; exit status 0 when the image is clean */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs/flashfs/flashfs.h"
#include "hal/blockdev.h"
#include "lib/err.h"
#include "ports/posix/posix_port.h"

static struct vfs_mount mnt = { .point = "/", .ops = &flashfs_ops };

static int usage(void)
{
    fprintf(stderr, "usage: mkfs [-s SIZE] IMAGE DIR\n"
                    "       mkfs --extract IMAGE DIR\n"
                    "       mkfs --check [--repair] IMAGE\n");
    return 2;
}

static int fail(const char *what, const char *path, int err)
{
    fprintf(stderr, "mkfs: %s %s: %s\n", what, path, err < 0 ? err_str(err) : strerror(errno));
    return 1;
}

static long parse_size(const char *s)
{
    char *end;
    long v = strtol(s, &end, 0);
    if (*end == 'k' || *end == 'K')
        v *= 1024, end++;
    else if (*end == 'm' || *end == 'M')
        v *= 1024 * 1024, end++;
    return *end || v <= 0 ? -1 : v;
}

/* An erased chip: every byte 0xFF. */
static int create_image(const char *path, long size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return fail("cannot create", path, 0);
    static unsigned char ones[4096];
    memset(ones, 0xFF, sizeof ones);
    for (long done = 0; done < size; done += (long)sizeof ones)
        if (fwrite(ones, 1, sizeof ones, f) != sizeof ones)
            break;
    return fclose(f) == 0 ? 0 : fail("cannot write", path, 0);
}

static int copy_in_file(const char *host, const char *path)
{
    FILE *in = fopen(host, "rb");
    if (!in)
        return fail("cannot read", host, 0);
    void *f;
    int err = flashfs_ops.open(&mnt, path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f);
    if (err) {
        fclose(in);
        return fail("cannot create", path, err);
    }
    char buf[4096];
    size_t n;
    while (!err && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        int w = flashfs_ops.write(&mnt, f, buf, n);
        err = w < 0 ? w : (size_t)w != n ? ERR_NOSPC : 0;
    }
    fclose(in);
    int cerr = flashfs_ops.close(&mnt, f);
    if (err || cerr)
        return fail("cannot write", path, err ? err : cerr);
    return 0;
}

static int copy_in_tree(const char *host, const char *path)
{
    DIR *dir = opendir(host);
    if (!dir)
        return fail("cannot open", host, 0);
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char hpath[4096], fpath[VFS_PATH_MAX];
        struct stat st;
        snprintf(hpath, sizeof hpath, "%s/%s", host, de->d_name);
        if (snprintf(fpath, sizeof fpath, "%s/%s", strcmp(path, "/") ? path : "",
                     de->d_name) >= (int)sizeof fpath)
            return fail("path too long:", hpath, ERR_NAMETOOLONG);
        if (stat(hpath, &st) != 0)
            rc = fail("cannot stat", hpath, 0);
        else if (S_ISDIR(st.st_mode)) {
            int err = flashfs_ops.mkdir(&mnt, fpath);
            rc = err ? fail("cannot mkdir", fpath, err) : copy_in_tree(hpath, fpath);
        } else if (S_ISREG(st.st_mode)) {
            rc = copy_in_file(hpath, fpath);
        }
    }
    closedir(dir);
    return rc;
}

static int copy_out_file(const char *path, const char *host)
{
    void *f;
    int err = flashfs_ops.open(&mnt, path, VFS_O_READ, &f);
    if (err)
        return fail("cannot open", path, err);
    FILE *out = fopen(host, "wb");
    if (!out) {
        flashfs_ops.close(&mnt, f);
        return fail("cannot create", host, 0);
    }
    char buf[4096];
    int n;
    while ((n = flashfs_ops.read(&mnt, f, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, out);
    flashfs_ops.close(&mnt, f);
    if (fclose(out) != 0 || n < 0)
        return fail("cannot copy", path, n < 0 ? n : 0);
    return 0;
}

static int copy_out_tree(const char *path, const char *host)
{
    void *d;
    struct vfs_dirent ent;
    int rc = 0, more;
    if (mkdir(host, 0755) != 0 && errno != EEXIST)
        return fail("cannot mkdir", host, 0);
    int err = flashfs_ops.opendir(&mnt, path, &d);
    if (err)
        return fail("cannot list", path, err);
    while (!rc && (more = flashfs_ops.readdir(&mnt, d, &ent)) == 1) {
        char hpath[4096], fpath[VFS_PATH_MAX];
        snprintf(hpath, sizeof hpath, "%s/%s", host, ent.name);
        snprintf(fpath, sizeof fpath, "%s/%s", strcmp(path, "/") ? path : "", ent.name);
        rc = ent.type == VFS_DIR ? copy_out_tree(fpath, hpath) : copy_out_file(fpath, hpath);
    }
    flashfs_ops.closedir(&mnt, d);
    return rc;
}

static int build(const char *image, const char *dir, long size)
{
    if (create_image(image, size))
        return 1;
    hal_blockdev_t *bd = hal_flash_open(image);
    if (!bd)
        return fail("not a flash image:", image, ERR_INVAL);
    int err = flashfs_format(bd);
    if (!err)
        err = flashfs_mount(bd, NULL, &mnt.fs);
    if (err) {
        hal_flash_close(bd);
        return fail("cannot format", image, err);
    }
    int rc = copy_in_tree(dir, "/");
    struct vfs_statfs sf;
    if (!rc && flashfs_ops.statfs(&mnt, &sf) == 0)
        printf("%s: %u of %u blocks free\n", image, (unsigned)sf.blocks_free,
               (unsigned)sf.blocks_total);
    flashfs_unmount(mnt.fs);
    hal_flash_close(bd);
    return rc;
}

static int extract(const char *image, const char *dir)
{
    hal_blockdev_t *bd = posix_flash_open_readonly(image);   /* also of a running board's */
    if (!bd)
        return fail("cannot open", image, ERR_INVAL);
    int err = flashfs_mount(bd, NULL, &mnt.fs);
    if (err) {
        hal_flash_close(bd);
        return fail("cannot mount", image, err);
    }
    int rc = copy_out_tree("/", dir);
    flashfs_unmount(mnt.fs);
    hal_flash_close(bd);
    return rc;
}

static int check(const char *image, int repair)
{
    hal_blockdev_t *bd = hal_flash_open(image);
    if (!bd)
        return fail("cannot open", image, ERR_INVAL);
    struct flashfs_fsck_report r;
    int problems = flashfs_fsck(bd, repair, &r);
    hal_flash_close(bd);
    if (problems < 0)
        return fail("cannot check", image, problems);
    printf("%s: %u files, %u dirs, %u records in %u log blocks, %u blocks used\n"
           "roots %u, superblocks %u of 2, torn log end %u, damaged commits %u, "
           "damaged links %u, orphans %u, broken files %u, duplicate names %u, repaired %u\n",
           image, (unsigned)r.files, (unsigned)r.dirs, (unsigned)r.records,
           (unsigned)r.log_blocks, (unsigned)r.blocks_used, (unsigned)r.roots_valid,
           (unsigned)r.superblocks, (unsigned)r.dirty_tail, (unsigned)r.damaged_commits,
           (unsigned)r.damaged_links, (unsigned)r.orphans, (unsigned)r.broken_files,
           (unsigned)r.duplicates, (unsigned)r.repaired);
    if (!repair && (r.damaged_commits || r.damaged_links))
        fprintf(stderr, "mkfs: %s: damaged records in the middle of the metadata log; the "
                        "image mounts read-only until mkfs --check --repair drops them\n", image);
    else if (problems > 0)
        fprintf(stderr, "mkfs: %s: %d problems%s\n", image, problems,
                repair ? " left after the repair" : "; mkfs --check --repair fixes them");
    return problems == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--check") == 0) {
        int repair = argc == 4 && strcmp(argv[2], "--repair") == 0;
        return argc == 3 + repair ? check(argv[argc - 1], repair) : usage();
    }
    if (argc == 4 && strcmp(argv[1], "--extract") == 0)
        return extract(argv[2], argv[3]);
    long size = 2 * 1024 * 1024;
    int arg = 1;
    if (argc >= 3 && strcmp(argv[1], "-s") == 0) {
        if ((size = parse_size(argv[2])) < 0)
            return usage();
        arg = 3;
    }
    return argc == arg + 2 ? build(argv[arg], argv[arg + 1], size) : usage();
}
