/* mkdir and rmdir. */
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"

/* Creates every missing directory on the way to abs (mkdir -p). */
static int make_parents(char *abs)
{
    for (char *s = strchr(abs + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        int r = file_is_dir(abs) ? 0 : file_mkdir(abs);
        *s = '/';
        if (r < 0)
            return r;
    }
    return file_is_dir(abs) ? 0 : file_mkdir(abs);
}

COMMAND(mkdir, "mkdir [-p] DIR...", "create directories; -p also the missing parents, no error "
                                    "if it exists",
        "p", 1, MANY, .missing = "missing directory name")
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char abs[VFS_PATH_MAX];
        if (cmd_resolve(ctx, argv[i], abs)) {
            status = 1;
            continue;
        }
        int r = ctx->flags & FLAG('p') ? make_parents(abs) : file_mkdir(abs);
        if (r < 0)
            status = cmd_fail(ctx, argv[i], r);
    }
    return status;
}

COMMAND(rmdir, "rmdir DIR...", "remove empty directories", RAW_ARGS, 1, MANY,
        .missing = "missing directory name")
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
        if (r == 0 && st.type != VFS_DIR)
            r = ERR_NOTDIR;
        if (r == 0)
            r = file_rmdir(abs);
        if (r < 0)
            status = cmd_fail(ctx, argv[i], r);
    }
    return status;
}
