/* The posix simulator's entry: parse the options, mount the root, hand over to init.
 *   upyos --image FILE [-r]        boot from a flash image (flashfs; tools/mkfs makes one)
 *   upyos --root DIR [-r]          boot with the host directory DIR as "/" (hostfs)
 *   upyos --board-ctl PATH         also serve the virtual board's control socket at PATH
 *   upyos --uart ID=PATH           wire UART ID to the program listening at PATH (a modem) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/flashfs/flashfs.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "init/init.h"
#include "kernel/fscache.h"
#include "lib/err.h"
#include "posix_port.h"

#define RAM_ROOT_LIMIT (1024 * 1024)

struct options {
    const char *root_dir;
    const char *image;
    int recovery;
    const char *board_ctl;
    const char *board;          /* --board NAME: the board file the simulator boots as */
};

static hal_blockdev_t *root_flash;   /* the image behind "/", closed after unmounting */

static void usage(FILE *f)
{
    fprintf(f, "usage: upyos [--image FILE | --root DIR] [-r] [--board NAME]\n"
               "  --image FILE boot from a flash image (make one with: mkfs IMAGE DIR)\n"
               "  --root DIR   use the host directory DIR as the root filesystem\n"
               "  -r           recovery mode: do not run /etc/init.sh\n"
               "  --board NAME be board NAME (/etc/boards/NAME.board, whatever system.conf\n"
               "               says): posix-sim (the default), posix-modem (its network\n"
               "               through the modem on --uart 1) or one of upyOS's boards\n"
               "  --board-ctl PATH  serve the virtual board's control socket at PATH\n"
               "               (set inputs, read outputs: docs/simulator.md)\n"
               "  --uart ID=PATH  wire UART ID (1 or 2) to the program listening on the\n"
               "               UNIX socket PATH, e.g. tools/esp_at_sim.py (docs/modem.md)\n"
               "  --chip-id HEX  the chip's unique id (sysdata.sid; default from\n"
               "               /etc/machine-id): several simulators as distinct boards\n"
               "Without --image or --root the root is an empty RAM disk.\n");
}

static int parse(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            o->root_dir = argv[++i];
        } else if (strcmp(argv[i], "--image") == 0 && i + 1 < argc) {
            o->image = argv[++i];
        } else if (strcmp(argv[i], "--board-ctl") == 0 && i + 1 < argc) {
            o->board_ctl = argv[++i];
        } else if (strcmp(argv[i], "--uart") == 0 && i + 1 < argc) {
            char *end;
            long id = strtol(argv[++i], &end, 10);
            if (*end != '=' || posix_uart_wire((int)id, end + 1) < 0) {
                fprintf(stderr, "upyos: --uart %s: expected ID=PATH, ID 1 or 2\n", argv[i]);
                return -1;
            }
        } else if (strcmp(argv[i], "--chip-id") == 0 && i + 1 < argc) {
            if (posix_set_unique_id(argv[++i]) < 0) {
                fprintf(stderr, "upyos: --chip-id %s: expected 2 to 40 hex digits\n", argv[i]);
                return -1;
            }
        } else if (strcmp(argv[i], "--board") == 0 && i + 1 < argc) {
            o->board = argv[++i];
            if (posix_board_select(o->board) < 0) {
                char names[512];
                posix_board_names(names, sizeof names);
                fprintf(stderr, "upyos: %s: not a board the simulator knows (%s)\n", o->board,
                        names);
                return -1;
            }
        } else if (strcmp(argv[i], "-r") == 0) {
            o->recovery = 1;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            exit(0);
        } else {
            fprintf(stderr, "upyos: unknown option %s\n", argv[i]);
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

/* The flash root's metadata cache when system.conf's "fscache" does not say: the host has
 * memory to spare, and a cache this size holds the metadata of a few hundred files. */
#define FSCACHE_DEFAULT (16 * 1024)

/* The flash image as root. A damaged image is checked and repaired where it can be, as a
 * board would at boot; one that cannot be mounted at all is reported, never formatted. */
static int mount_image(const char *path, char *desc, size_t size)
{
    hal_blockdev_t *bd = hal_flash_open(path);
    void *fs;
    if (!bd && errno == EBUSY) {
        fprintf(stderr, "upyos: %s: the flash image is in use by another upyos (or mkfs); "
                "two writers would corrupt it\n", path);
        return -1;
    }
    if (!bd) {
        fprintf(stderr, "upyos: %s: cannot open the flash image (make one: mkfs %s rootfs)\n",
                path, path);
        return -1;
    }
    int r = fscache_mount_root(bd, FSCACHE_DEFAULT, &fs);
    if (r < 0) {
        struct flashfs_fsck_report report;
        fprintf(stderr, "upyos: %s: mount failed (%s), checking it\n", path, err_str(r));
        if (flashfs_fsck(bd, 1, &report) >= 0)
            r = fscache_mount_root(bd, FSCACHE_DEFAULT, &fs);
    }
    if (r < 0) {
        fprintf(stderr, "upyos: %s: not a usable flash image (%s)\n", path, err_str(r));
        hal_flash_close(bd);
        return -1;
    }
    const char *why = flashfs_read_only(fs);
    if (why)
        fprintf(stderr, "upyos: %s: %s: mounted read-only (mkfs --check --repair %s repairs "
                        "it)\n", path, why, path);
    snprintf(desc, size, "flashfs %s", path);
    root_flash = bd;
    return vfs_mount("/", &flashfs_ops, fs);
}

static int mount_root(const struct options *o, char *desc, size_t size)
{
    if (o->image)
        return mount_image(o->image, desc, size);
    if (o->root_dir) {
        struct stat st;
        char *real = realpath(o->root_dir, NULL);
        if (!real || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "upyos: %s: not a directory\n", o->root_dir);
            free(real);
            return -1;
        }
        snprintf(desc, size, "hostfs %s", real);
        void *fs = hostfs_new(real);
        if (!fs)
            fprintf(stderr, "upyos: %s: %s\n", o->root_dir, strerror(errno));
        free(real);
        return fs ? vfs_mount("/", &hostfs_ops, fs) : -1;
    }
    snprintf(desc, size, "ramfs");
    return vfs_mount("/", &ramfs_ops, ramfs_new(RAM_ROOT_LIMIT));
}

/* A reset starts the simulator afresh, as a board would, with the same options: from any
 * thread (the watchdog's), because exec replaces the whole process. */
int main(int argc, char **argv)
{
    struct options o = { NULL, NULL, 0, NULL, NULL };
    posix_set_boot_argv(argv);
    char desc[512];
    if (parse(argc, argv, &o) < 0)
        return 2;
    if (mount_root(&o, desc, sizeof desc) < 0)
        return 1;
    posix_board_init();
    posix_wifi_set_reader(vfs_read_all);
    if (o.board_ctl && posix_board_ctl_start(o.board_ctl) < 0) {
        fprintf(stderr, "upyos: %s: cannot serve the board control socket\n", o.board_ctl);
        return 1;
    }
    posix_console_init();
    char board_path[128];
    snprintf(board_path, sizeof board_path, "/etc/boards/%s.board", o.board ? o.board : "");
    struct boot_options bo = { o.recovery, desc, o.board ? board_path : NULL };
    enum kernel_exit how = init_main(&bo);
    vfs_unmount_all();
    if (root_flash)
        hal_flash_close(root_flash);
    posix_console_restore();
    if (how == KERNEL_EXIT_REBOOT)
        posix_reset();
    return 0;
}
