/* The root filesystem. With flash=PATH on the firmware's command line, "/" is flashfs on that
 * image, the board's flash reached through semihosting (flash.c): what is written at the
 * prompt survives exit, reboot and a killed QEMU. tools/mkfs makes the image from rootfs/
 * (run-qemu.sh does on the first run), in the same format as the posix simulator's.
 *
 * A damaged image is checked and repaired where it can be, as at any boot; one that cannot be
 * mounted at all is reported on the console and left untouched (never formatted), and the
 * board comes up on the RAM disk instead, so the user still gets a shell to look around. The
 * kernel clears the screen as it boots, so the RAM disk's init.sh repeats the warning.
 * Without an image "/" is that RAM disk: filled at every boot from the rootfs/ compiled into
 * the firmware (rootfs_image.c), nothing kept. */
#include <stdio.h>
#include <string.h>

#include "fs/flashfs/flashfs.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "kernel/fscache.h"
#include "lib/err.h"
#include "port.h"
#include "rootfs_image.h"

#define RAM_ROOT_LIMIT (64 * 1024)

static hal_blockdev_t *root_flash;   /* the device behind "/", closed after unmounting */
static char warning[160];            /* the last problem with the image, for init.sh */

static void say(const char *what, const char *path, const char *detail)
{
    snprintf(warning, sizeof warning, "mps2: %s: %s%s", path, what, detail);
    port_print(warning);
}

/* The flash root's metadata cache when system.conf's "fscache" does not say: none. Since
 * flashfs finds a path through its name index (one record read per component), 2 KB of
 * cache made the boot slower (17.07 against 16.95 emulated ms) and directory listings and
 * stats 3 % faster, for 2 KB of a RAM budget of 16. "fscache" still sets one. */
#define FSCACHE_DEFAULT 0

/* 0 and the mount, or a negative error; the image is never formatted. */
static int mount_flash(const char *path, void **fs)
{
    hal_blockdev_t *bd = hal_flash_open(path);
    if (!bd) {
        say("cannot open the flash image", path, " (make one: mkfs IMAGE rootfs)");
        return ERR_NOENT;
    }
    int r = fscache_mount_root(bd, FSCACHE_DEFAULT, fs);
    if (r < 0) {
        struct flashfs_fsck_report report;
        say("mount failed, checking the image: ", path, err_str(r));
        if (flashfs_fsck(bd, 1, &report) >= 0)
            r = fscache_mount_root(bd, FSCACHE_DEFAULT, fs);
    }
    if (r < 0) {
        say("not a usable flash image: ", path, err_str(r));
        hal_flash_close(bd);
        return r;
    }
    const char *why = flashfs_read_only(*fs);
    if (why)
        say("mounted read-only (repair it with mkfs --check --repair): ", path, why);
    root_flash = bd;
    return 0;
}

/* Straight through the backend: there is no process yet to own vfs_open's files. */
static void make_parents(struct vfs_mount *m, const char *path)
{
    char dir[VFS_PATH_MAX];
    for (const char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof dir)
            return;
        memcpy(dir, path, n);
        dir[n] = '\0';
        m->ops->mkdir(m, dir);         /* ERR_EXIST for the second file in a folder */
    }
}

static void fill_ram_root(struct vfs_mount *m)
{
    for (size_t i = 0; i < rootfs_file_count; i++) {
        const struct rootfs_file *f = &rootfs_files[i];
        void *file;
        make_parents(m, f->path);
        if (m->ops->open(m, f->path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &file) < 0)
            continue;
        if (warning[0] && strcmp(f->path, "/etc/init.sh") == 0) {
            char line[200];
            int n = snprintf(line, sizeof line, "echo '%s; on a RAM disk, nothing is kept'\n",
                             warning);
            m->ops->write(m, file, line, (size_t)n);
        }
        m->ops->write(m, file, f->data, f->size);
        m->ops->close(m, file);
    }
}

const char *root_mount(void)
{
    static char desc[96];
    const char *image = port_options.flash_image;
    void *fs;
    if (image && mount_flash(image, &fs) == 0 && vfs_mount("/", &flashfs_ops, fs) == 0) {
        snprintf(desc, sizeof desc, "flashfs %s", image);
        return desc;
    }
    void *ram = ramfs_new(RAM_ROOT_LIMIT);
    if (!ram || vfs_mount("/", &ramfs_ops, ram) < 0)
        port_panic("cannot mount the root filesystem");
    fill_ram_root((struct vfs_mount *)vfs_mount_at(0));
    return "ramfs";
}

void root_unmount(void)
{
    vfs_unmount_all();
    hal_flash_close(root_flash);
    root_flash = NULL;
}
