/* rm: files, and directories with everything in them after the user confirms (or -f).
 * Protected files (system.conf pfiles) are never removed (the VFS refuses it); a tree that
 * holds one is refused before any of it is removed. */
#include <stdio.h>
#include <string.h>

#include "cmd/fileutil.h"
#include "kernel/command.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "term/lineedit.h"

static int on_terminal(proc_t *p)
{
    return p->in && p->in->tty && p->in->tty->terminal;
}

/* 1 when the user says yes. */
static int confirm(proc_t *p, const char *abs)
{
    char prompt[VFS_PATH_MAX + 48], answer[8];
    snprintf(prompt, sizeof prompt, "Remove directory %s and all its contents (y/N)? ", abs);
    if (lineedit_ask(p, prompt, answer, sizeof answer) < 0)
        return 0;
    return answer[0] == 'y' || answer[0] == 'Y';
}

static int check_protected(struct walk *w, const char *path, int is_dir)
{
    if (!is_dir && vfs_check_change(path) == ERR_PROTECTED) {
        *(const char **)w->ctx = path;
        return ERR_PROTECTED;
    }
    return 0;
}

/* The first protected file under abs, into found (VFS_PATH_MAX); 0 when there is none. */
static int find_protected(const char *abs, char *found)
{
    const char *hit = NULL;
    struct walk w = { check_protected, NULL, &hit };
    int r = fu_walk(&w, abs);
    if (r == ERR_PROTECTED)
        snprintf(found, VFS_PATH_MAX, "%s", hit);
    return r;
}

static int remove_dir(proc_t *p, const char *arg, const char *abs, long long flags)
{
    char found[VFS_PATH_MAX];
    if (!(flags & FLAG('f')) && !on_terminal(p))
        return proc_error(p, "rm", "%s: is a directory (no terminal to confirm: use -f)", arg);
    int r = vfs_check_change(abs);      /* the guard knows whether a protected path is below */
    if (r == ERR_PROTECTED)
        return fu_fail(p, "rm", find_protected(abs, found) == ERR_PROTECTED ? found : arg, r);
    if (r < 0)
        return fu_fail(p, "rm", arg, r);
    if (!(flags & FLAG('f')) && !confirm(p, abs))
        return proc_error(p, "rm", "%s: not removed", arg);
    r = fu_remove_tree(abs);
    return r < 0 ? fu_fail(p, "rm", arg, r) : 0;
}

COMMAND(rm, "rm [-rf] PATH...",
        "remove files; a directory and its contents after asking (-f: without asking)")
{
    int n, status = 0;
    long long flags = command_flags(p, argc, argv, "rf", &n);
    if (flags < 0)
        return 2;
    if (n == 0)
        return proc_error(p, "rm", "missing file name");
    for (int i = 1; i <= n; i++) {
        char abs[VFS_PATH_MAX];
        struct vfs_stat st;
        if (fu_resolve(p, "rm", argv[i], abs)) {
            status = 1;
            continue;
        }
        int r = vfs_stat(abs, &st);
        if (r == 0 && strcmp(abs, "/") == 0)
            status = proc_error(p, "rm", "refusing to remove /");
        else if (r == 0 && st.type == VFS_DIR)
            status = remove_dir(p, argv[i], abs, flags) ? 1 : status;
        else if (r < 0 || (r = vfs_unlink(abs)) < 0)
            status = fu_fail(p, "rm", argv[i], r);
    }
    return status;
}
