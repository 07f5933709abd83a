#include <stdlib.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "shell/shell.h"

/* A script runs the shell itself (the prompt's thread peaks near 3.3 KB on mps2-an385). The
 * path is on the heap while the script runs: its lines nest commands on the same stack. */
COMMAND(sh, "sh FILE [ARG...]", "run a script; $0 is FILE, $1.. the arguments", RAW_ARGS, 1, MANY,
        .missing = "missing script file", .stack = 8192)
{
    char *path = malloc(VFS_PATH_MAX);
    if (!path)
        return cmd_error(ctx, "out of memory");
    int r = vfs_resolve(p->cwd, argv[1], path, VFS_PATH_MAX);
    if (r == 0 && !file_exists(path))
        r = ERR_NOENT;
    r = r < 0 ? cmd_error(ctx, "%s: %s", argv[1], err_str(r))
              : shell_run_script(p, path, argc - 1, argv + 1);
    free(path);
    return r;
}
