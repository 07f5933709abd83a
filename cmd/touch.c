/* touch FILE [WORD...]: create an empty file, or write the words into it. */
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"

COMMAND(touch, "touch FILE [WORD...]",
        "create FILE when missing; with words, write them (joined by a space) into it",
        RAW_ARGS, 1, MANY, .missing = "missing file name")
{
    char abs[VFS_PATH_MAX];
    if (cmd_resolve(ctx, argv[1], abs))
        return 1;
    if (file_is_dir(abs))
        return cmd_fail(ctx, argv[1], ERR_ISDIR);
    int flags = VFS_O_WRITE | VFS_O_CREATE | (argc > 2 ? VFS_O_TRUNC : 0);
    vfs_file_t *f;
    int r = file_open(abs, flags, &f);
    if (r < 0)
        return cmd_fail(ctx, argv[1], r);
    for (int i = 2; i < argc && r >= 0; i++) {
        r = vfs_write(f, argv[i], strlen(argv[i]));
        if (r >= 0)
            r = vfs_write(f, i + 1 < argc ? " " : "\n", 1);
    }
    int c = vfs_close(f);
    r = r < 0 ? r : c;
    return r < 0 ? cmd_fail(ctx, argv[1], r) : 0;
}
