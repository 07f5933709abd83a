/* cp and mv: files and whole trees. Protected files (system.conf pfiles) are never replaced
 * or moved away: the VFS refuses it and the error names the protected path. */
#include <string.h>

#include "cmd/filetree.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"

struct tree_copy {
    const struct cmd_ctx *ctx; /* for errors */
    size_t src_len;            /* length of the source root, to find relative paths */
    const char *dst_root;
};

/* src_abs's counterpart under the destination root. */
static int counterpart(struct tree_copy *t, const char *src_abs, char *out)
{
    const char *rel = src_abs + t->src_len;
    if (strlen(t->dst_root) + strlen(rel) + 1 > VFS_PATH_MAX)
        return ERR_NAMETOOLONG;
    strcpy(out, t->dst_root);
    strcat(out, rel);
    return 0;
}

/* Copies one file or makes one directory; *failed: the path an error is about. */
static int copy_one(struct tree_copy *t, const char *src, const char *dst, int is_dir,
                    const char **failed)
{
    *failed = dst;
    if (is_dir)
        return file_is_dir(dst) ? 0 : file_mkdir(dst);
    return file_copy(src, dst, failed);
}

static int visit_copy(struct walk *w, const char *path, int is_dir)
{
    struct tree_copy *t = w->ctx;
    char dst[VFS_PATH_MAX];
    const char *failed = path;
    int r = counterpart(t, path, dst);
    if (r == 0)
        r = copy_one(t, path, dst, is_dir, &failed);
    if (r < 0 && r != ERR_INTR)
        cmd_fail(t->ctx, failed, r);
    return r;
}

static int copy_tree(const struct cmd_ctx *ctx, const char *src, const char *dst, int is_dir)
{
    struct tree_copy t = { ctx, 0, NULL };
    const char *failed;
    int r = copy_one(&t, src, dst, is_dir, &failed);
    if (r < 0) {
        cmd_fail(ctx, failed, r);
        return r;
    }
    if (!is_dir)
        return 0;
    struct walk w = { visit_copy, NULL, &t };
    t.src_len = strlen(src);
    t.dst_root = dst;
    return tree_walk(&w, src);
}

static int inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strcmp(dir, "/") == 0 || (strncmp(path, dir, n) == 0 && path[n] == '/');
}

/* Where SRC goes: into DST when DST is a directory, else DST itself. */
static int destination(const struct cmd_ctx *ctx, const char *src_abs, const char *dst_abs,
                       int dst_is_dir, char *out)
{
    int r = dst_is_dir ? path_join(out, VFS_PATH_MAX, dst_abs, vfs_basename(src_abs)) : 0;
    if (!dst_is_dir)
        str_copy(out, dst_abs, VFS_PATH_MAX);
    if (r < 0)
        return cmd_fail(ctx, dst_abs, r);
    if (strcmp(src_abs, out) == 0)
        return cmd_error(ctx, "%s and %s are the same file", src_abs, out);
    if (inside(out, src_abs))
        return cmd_error(ctx, "cannot put %s inside itself", src_abs);
    return 0;
}

typedef int (*transfer_fn)(const struct cmd_ctx *ctx, const char *src, const char *dst,
                           int is_dir);

static int copy_transfer(const struct cmd_ctx *ctx, const char *src, const char *dst, int is_dir)
{
    if (is_dir && !(ctx->flags & FLAG('r')))
        return cmd_error(ctx, "%s: is a directory (use -r)", src);
    int r = copy_tree(ctx, src, dst, is_dir);
    return r == ERR_INTR ? 130 : r < 0;
}

static int move_transfer(const struct cmd_ctx *ctx, const char *src, const char *dst, int is_dir)
{
    int r = file_rename(src, dst);
    if (r == ERR_XDEV) {             /* another mount: copy, then remove the original */
        if ((r = copy_tree(ctx, src, dst, is_dir)) < 0)
            return r == ERR_INTR ? 130 : 1;
        r = tree_remove(src);
    }
    if (r == ERR_PROTECTED)                  /* name the side that is protected */
        return cmd_fail(ctx, file_check_change(src) < 0 ? src : dst, r);
    return r < 0 ? cmd_fail(ctx, src, r) : 0;
}

/* The shared body: cp and mv take SRC... DST, DST a directory when there are several. */
static int transfer(const struct cmd_ctx *ctx, int argc, char **argv, transfer_fn fn)
{
    char dst_abs[VFS_PATH_MAX];
    int last = argc - 1;
    if (cmd_resolve(ctx, argv[last], dst_abs))
        return 1;
    int dst_is_dir = file_is_dir(dst_abs);
    if (last > 2 && !dst_is_dir)
        return cmd_fail(ctx, argv[last], ERR_NOTDIR);
    int status = 0;
    for (int i = 1; i < last && status != 130; i++) {
        char src[VFS_PATH_MAX], dst[VFS_PATH_MAX];
        struct vfs_stat st;
        if (cmd_resolve(ctx, argv[i], src)) {
            status = 1;
            continue;
        }
        int r = file_stat(src, &st);
        if (r < 0) {
            status = cmd_fail(ctx, argv[i], r);
            continue;
        }
        if (destination(ctx, src, dst_abs, dst_is_dir, dst)) {
            status = 1;
            continue;
        }
        int s = fn(ctx, src, dst, st.type == VFS_DIR);
        status = s ? s : status;
    }
    return status;
}

COMMAND(cp, "cp [-r] SOURCE... DESTINATION",
        "copy files; -r whole directories. Into DESTINATION when it is a directory",
        "r", 2, MANY, .missing = "expected SOURCE... DESTINATION")
{
    return transfer(ctx, argc, argv, copy_transfer);
}

COMMAND(mv, "mv SOURCE... DESTINATION", "move or rename files and directories",
        "", 2, MANY, .missing = "expected SOURCE... DESTINATION")
{
    return transfer(ctx, argc, argv, move_transfer);
}
