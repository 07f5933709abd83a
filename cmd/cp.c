/* cp and mv: files and whole trees. Protected files (system.conf pfiles) are never replaced
 * or moved away: the VFS refuses it and the error names the protected path. */
#include <string.h>

#include "cmd/fileutil.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"

struct tree_copy {
    proc_t *p;
    const char *name;          /* the command, for errors */
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
    return fu_copy_file(src, dst, failed);
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
        fu_fail(t->p, t->name, failed, r);
    return r;
}

static int copy_tree(struct tree_copy *t, const char *src, const char *dst, int is_dir)
{
    const char *failed;
    int r = copy_one(t, src, dst, is_dir, &failed);
    if (r < 0) {
        fu_fail(t->p, t->name, failed, r);
        return r;
    }
    if (!is_dir)
        return 0;
    struct walk w = { visit_copy, NULL, t };
    t->src_len = strlen(src);
    t->dst_root = dst;
    return fu_walk(&w, src);
}

static int inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strcmp(dir, "/") == 0 || (strncmp(path, dir, n) == 0 && path[n] == '/');
}

/* Where SRC goes: into DST when DST is a directory, else DST itself. */
static int destination(proc_t *p, const char *name, const char *src_abs, const char *dst_abs,
                       int dst_is_dir, char *out)
{
    int r = dst_is_dir ? fu_join(out, VFS_PATH_MAX, dst_abs, vfs_basename(src_abs)) : 0;
    if (!dst_is_dir)
        str_copy(out, dst_abs, VFS_PATH_MAX);
    if (r < 0)
        return fu_fail(p, name, dst_abs, r);
    if (strcmp(src_abs, out) == 0)
        return proc_error(p, name, "%s and %s are the same file", src_abs, out);
    if (inside(out, src_abs))
        return proc_error(p, name, "cannot put %s inside itself", src_abs);
    return 0;
}

typedef int (*transfer_fn)(proc_t *p, const char *src, const char *dst, int is_dir, int flags);

static int copy_transfer(proc_t *p, const char *src, const char *dst, int is_dir, int recursive)
{
    if (is_dir && !recursive)
        return proc_error(p, "cp", "%s: is a directory (use -r)", src);
    struct tree_copy t = { p, "cp", 0, NULL };
    int r = copy_tree(&t, src, dst, is_dir);
    return r == ERR_INTR ? 130 : r < 0;
}

static int move_transfer(proc_t *p, const char *src, const char *dst, int is_dir, int unused)
{
    int r = file_rename(src, dst);
    if (r == ERR_XDEV) {             /* another mount: copy, then remove the original */
        struct tree_copy t = { p, "mv", 0, NULL };
        if ((r = copy_tree(&t, src, dst, is_dir)) < 0)
            return r == ERR_INTR ? 130 : 1;
        r = fu_remove_tree(src);
    }
    if (r == ERR_PROTECTED)                  /* name the side that is protected */
        return fu_fail(p, "mv", file_check_change(src) < 0 ? src : dst, r);
    return r < 0 ? fu_fail(p, "mv", src, r) : 0;
}

/* The shared body: cp and mv take SRC... DST, DST a directory when there are several. */
static int transfer(proc_t *p, int argc, char **argv, const char *allowed, transfer_fn fn)
{
    int n;
    const char *name = argv[0];
    long long flags = command_flags(p, argc, argv, allowed, &n);
    if (flags < 0)
        return 2;
    if (n < 2)
        return proc_error(p, name, "expected SOURCE... DESTINATION");
    char dst_abs[VFS_PATH_MAX];
    if (fu_resolve(p, name, argv[n], dst_abs))
        return 1;
    int dst_is_dir = file_is_dir(dst_abs);
    if (n > 2 && !dst_is_dir)
        return fu_fail(p, name, argv[n], ERR_NOTDIR);
    int status = 0;
    for (int i = 1; i < n && status != 130; i++) {
        char src[VFS_PATH_MAX], dst[VFS_PATH_MAX];
        struct vfs_stat st;
        if (fu_resolve(p, name, argv[i], src)) {
            status = 1;
            continue;
        }
        int r = file_stat(src, &st);
        if (r < 0) {
            status = fu_fail(p, name, argv[i], r);
            continue;
        }
        if (destination(p, name, src, dst_abs, dst_is_dir, dst)) {
            status = 1;
            continue;
        }
        int s = fn(p, src, dst, st.type == VFS_DIR, (flags & FLAG('r')) != 0);
        status = s ? s : status;
    }
    return status;
}

COMMAND(cp, "cp [-r] SOURCE... DESTINATION",
        "copy files; -r whole directories. Into DESTINATION when it is a directory")
{
    return transfer(p, argc, argv, "r", copy_transfer);
}

COMMAND(mv, "mv SOURCE... DESTINATION", "move or rename files and directories")
{
    return transfer(p, argc, argv, "", move_transfer);
}
