/* loadconfig and loadboard: read system.conf or a board file again after editing it. */
#include "kernel/board.h"
#include "kernel/command.h"
#include "kernel/config.h"
#include "kernel/sysdata.h"
#include "lib/err.h"

COMMAND(loadconfig, "loadconfig [PATH]",
        "load the system configuration again (default /etc/system.conf)",
        RAW_ARGS, 0, 1)
{
    char abs[VFS_PATH_MAX];
    int r = vfs_resolve(p->cwd, argc == 2 ? argv[1] : CONFIG_PATH, abs, sizeof abs);
    if (r == 0 && !file_exists(abs))
        r = ERR_NOENT;
    if (r == 0)
        r = config_load(abs, p->err);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", argc == 2 ? argv[1] : CONFIG_PATH, err_str(r));
    proc_printf(p, "Configuration loaded from %s\n", abs);
    return 0;
}

COMMAND(loadboard, "loadboard [PATH]",
        "load a board file (default: the one system.conf names)",
        RAW_ARGS, 0, 1)
{
    char abs[VFS_PATH_MAX], named[VFS_PATH_MAX];
    config_board_path(named, sizeof named);
    int r = vfs_resolve(p->cwd, argc == 2 ? argv[1] : named, abs, sizeof abs);
    if (r == 0 && !file_exists(abs))
        r = ERR_NOENT;
    if (r == 0)
        r = board_load(abs, p->err);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", argc == 2 ? argv[1] : abs, err_str(r));
    proc_printf(p, "Board %s loaded from %s\n", sysdata.board, abs);
    return 0;
}
