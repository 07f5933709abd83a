/* fileup FILE: type or paste a file's lines; Ctrl-D on an empty line (or the end of input)
 * saves it. The upyOS way of getting a file onto a board over a bare serial console. */
#include <stdlib.h>
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "term/lineedit.h"

#define LINE_MAX_BYTES 1024

COMMAND(fileup, "fileup FILE", "write FILE from the lines typed or pasted, until Ctrl-D",
        RAW_ARGS, 1, 1, .missing = "missing file name")
{
    char abs[VFS_PATH_MAX];
    if (cmd_resolve(ctx, argv[1], abs))
        return 1;
    char *line = malloc(LINE_MAX_BYTES);
    vfs_file_t *f;
    int r = file_is_dir(abs) ? ERR_ISDIR
                            : file_open(abs, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f);
    if (r < 0) {
        free(line);
        return cmd_fail(ctx, argv[1], r);
    }
    long lines = 0, bytes = 0;
    proc_puts(p, "Paste the file; Ctrl-D on an empty line ends it.\n");
    while ((r = lineedit_ask(p, "", line, LINE_MAX_BYTES)) >= 0) {
        size_t n = strlen(line);
        line[n] = '\n';
        if ((r = vfs_write(f, line, n + 1)) < 0)
            break;
        lines++;
        bytes += (long)n + 1;
    }
    free(line);
    int c = vfs_close(f);
    if (r == ERR_INTR)
        return 130;
    if (r < -1 || c < 0)
        return cmd_fail(ctx, argv[1], r < -1 ? r : c);
    proc_printf(p, "%s: %ld lines, %ld bytes\n", abs, lines, bytes);
    return 0;
}
