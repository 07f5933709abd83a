#include "fs/vfs.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/session.h"

COMMAND(cd, "cd [DIR]", "change the working directory (no DIR: /)", RAW_ARGS, 0, 1)
{
    char abs[VFS_PATH_MAX];
    int r = vfs_resolve(p->cwd, argc == 2 ? argv[1] : "/", abs, sizeof abs);
    struct vfs_stat st;
    if (r == 0)
        r = file_stat(abs, &st);
    if (r == 0 && st.type != VFS_DIR)
        r = ERR_NOTDIR;
    if (r < 0)
        return cmd_error(ctx, "%s: %s", argv[1], err_str(r));
    proc_t *shell = shell_process(p);          /* whose cwd a `cd` changes */
    for (proc_t *q = p; q; q = q->parent) {   /* up to and including the shell */
        str_copy(q->cwd, abs, sizeof q->cwd);
        if (q == shell)
            break;
    }
    return 0;
}

COMMAND(pwd, "pwd", "print the working directory", RAW_ARGS, 0, 0)
{
    proc_printf(p, "%s\n", p->cwd);
    proc_set_result(p, value_str(p->cwd));
    return 0;
}
