#include "fs/vfs.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/session.h"

COMMAND(cd, "cd [DIR]", "change the working directory (no DIR: /)")
{
    char abs[VFS_PATH_MAX];
    if (argc > 2)
        return proc_error(p, "cd", "too many arguments");
    int r = vfs_resolve(p->cwd, argc == 2 ? argv[1] : "/", abs, sizeof abs);
    struct vfs_stat st;
    if (r == 0)
        r = vfs_stat(abs, &st);
    if (r == 0 && st.type != VFS_DIR)
        r = ERR_NOTDIR;
    if (r < 0)
        return proc_error(p, "cd", "%s: %s", argv[1], err_str(r));
    proc_t *shell = shell_process(p);          /* whose cwd a `cd` changes */
    for (proc_t *q = p; q; q = q->parent) {   /* up to and including the shell */
        str_copy(q->cwd, abs, sizeof q->cwd);
        if (q == shell)
            break;
    }
    return 0;
}

COMMAND(pwd, "pwd", "print the working directory")
{
    if (argc > 1)
        return proc_error(p, "pwd", "too many arguments");
    proc_printf(p, "%s\n", p->cwd);
    proc_set_result(p, value_str(p->cwd));
    return 0;
}
