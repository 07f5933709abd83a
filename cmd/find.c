/* find PATTERN [-r] [PATH]: entries whose name contains PATTERN (or matches it, when it has
 * * or ? wildcards), in PATH (default: the working directory) and with -r below it. */
#include <string.h>

#include "cmd/filetree.h"
#include "kernel/command.h"
#include "lib/err.h"

struct find {
    proc_t *p;
    const char *pattern;
    int recursive;
    long found;
};

/* Shell-style wildcards: * any run, ? one character. */
static int glob(const char *pat, const char *s)
{
    for (; *pat; pat++, s++) {
        if (*pat == '*') {
            for (const char *t = s;; t++) {
                if (glob(pat + 1, t))
                    return 1;
                if (!*t)
                    return 0;
            }
        }
        if (!*s || (*pat != '?' && *pat != *s))
            return 0;
    }
    return *s == '\0';
}

static int name_matches(const char *pattern, const char *name)
{
    if (strpbrk(pattern, "*?"))
        return glob(pattern, name);
    return strstr(name, pattern) != NULL;
}

static int visit(struct walk *w, const char *path, int is_dir)
{
    struct find *f = w->ctx;
    if (name_matches(f->pattern, vfs_basename(path))) {
        proc_printf(f->p, "Found: %s\n", path);
        f->found++;
    }
    return is_dir && !f->recursive ? 1 : 0;
}

COMMAND(find, "find PATTERN [-r] [PATH]",
        "find entries whose name contains PATTERN (* and ? wildcards work) in PATH, -r below it",
        "r", 1, 2, .missing = "missing PATTERN")
{
    char abs[VFS_PATH_MAX];
    const char *where = argc == 3 ? argv[2] : ".";
    if (cmd_resolve(ctx, where, abs))
        return 1;
    if (!file_is_dir(abs))
        return cmd_fail(ctx, where, file_exists(abs) ? ERR_NOTDIR : ERR_NOENT);
    struct find f = { p, argv[1], (ctx->flags & FLAG('r')) != 0, 0 };
    struct walk w = { visit, NULL, &f };
    int r = tree_walk(&w, abs);
    if (r == ERR_INTR)
        return 130;
    if (r < 0)
        return cmd_fail(ctx, where, r);
    proc_set_result(p, value_int(f.found));
    return f.found ? 0 : 1;
}
