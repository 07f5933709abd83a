/* The kernel's part of the boot (upyOS's order, see docs/architecture.md); init/ runs the rest. */
#include "kernel/boot.h"

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "kernel/board.h"
#include "kernel/config.h"
#include "kernel/fscache.h"
#include "kernel/sysdata.h"
#include "kernel/tty.h"
#include "kernel/upgrade.h"
#include "lib/err.h"

#define TMP_LIMIT (64 * 1024)

static const char *const folders[] = {
    "/bin", "/etc", "/etc/boards", "/lib", "/opt", "/tmp", "/var", "/local", "/www",
};

/* Straight to the VFS: the paths are absolute, so the process's cwd has nothing to add, and
 * each one costs a path resolution less. */
static void make_folders(proc_t *p)
{
    for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        int r = vfs_is_dir(folders[i]) ? 0 : vfs_mkdir(folders[i]);
        if (r < 0 && r != ERR_EXIST)
            stream_printf(p->err, "boot: cannot create %s: %s\n", folders[i], err_str(r));
    }
}

void kernel_boot(proc_t *p, const struct boot_options *o)
{
    if (p->tty && p->tty->terminal)
        stream_puts(p->out, "\033[2J\033[H");
    stream_printf(p->out, "Booting %s...\n", sysdata.name);
    make_folders(p);
    upgrade_resume(p->out);     /* a switch or rollback a reset cut: before any file is read */
    void *tmp = ramfs_new(TMP_LIMIT);
    if (!tmp || vfs_mount("/tmp", &ramfs_ops, tmp) < 0)
        stream_printf(p->err, "boot: /tmp not mounted\n");
    vfs_set_guard(config_guard);
    config_load(CONFIG_PATH, p->out);
    fscache_configure();
    char board[VFS_PATH_MAX];
    config_board_path(board, sizeof board);
    board_load(o->board ? o->board : board, p->out);
}
