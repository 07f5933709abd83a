/* rm: files, and directories with everything in them after the user confirms (or -f).
 * Protected files (system.conf pfiles) are never removed (the VFS refuses it); a tree that
 * holds one is refused before any of it is removed. */
#include <stdio.h>
#include <string.h>

#include "cmd/filetree.h"
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
    if (!is_dir && file_check_change(path) == ERR_PROTECTED) {
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
    int r = tree_walk(&w, abs);
    if (r == ERR_PROTECTED)
        snprintf(found, VFS_PATH_MAX, "%s", hit);
    return r;
}

static int remove_dir(const struct cmd_ctx *ctx, const char *arg, const char *abs)
{
    char found[VFS_PATH_MAX];
    int forced = (ctx->flags & FLAG('f')) != 0;
    if (!forced && !on_terminal(ctx->p))
        return cmd_error(ctx, "%s: is a directory (no terminal to confirm: use -f)", arg);
    int r = file_check_change(abs);      /* the guard knows whether a protected path is below */
    if (r == ERR_PROTECTED)
        return cmd_fail(ctx, find_protected(abs, found) == ERR_PROTECTED ? found : arg, r);
    if (r < 0)
        return cmd_fail(ctx, arg, r);
    if (!forced && !confirm(ctx->p, abs))
        return cmd_error(ctx, "%s: not removed", arg);
    r = tree_remove(abs);
    return r < 0 ? cmd_fail(ctx, arg, r) : 0;
}

COMMAND(rm, "rm [-rf] PATH...",
        "remove files; a directory and its contents after asking (-f: without asking)",
        "rf", 1, MANY, .missing = "missing file name")
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char abs[VFS_PATH_MAX];
        struct vfs_stat st;
        if (cmd_resolve(ctx, argv[i], abs)) {
            status = 1;
            continue;
        }
        int r = file_stat(abs, &st);
        if (r == 0 && strcmp(abs, "/") == 0)
            status = cmd_error(ctx, "refusing to remove /");
        else if (r == 0 && st.type == VFS_DIR)
            status = remove_dir(ctx, argv[i], abs) ? 1 : status;
        else if (r < 0 || (r = file_unlink(abs)) < 0)
            status = cmd_fail(ctx, argv[i], r);
    }
    return status;
}
