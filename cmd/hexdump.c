/* hexdump FILE: offset, 16 bytes in hex, and the printable ones as text. */
#include <stdio.h>

#include "kernel/command.h"
#include "lib/err.h"

static void show_row(proc_t *p, unsigned long offset, const unsigned char *b, int n)
{
    char row[80];
    int k = snprintf(row, sizeof row, "%08lx ", offset);
    for (int i = 0; i < 16; i++)
        k += snprintf(row + k, sizeof row - (size_t)k, i < n ? "%s%02x" : "%s  ",
                      i == 8 ? "  " : " ", b[i]);
    k += snprintf(row + k, sizeof row - (size_t)k, "  |");
    for (int i = 0; i < n; i++)
        row[k++] = b[i] >= 32 && b[i] < 127 ? (char)b[i] : '.';
    snprintf(row + k, sizeof row - (size_t)k, "|\n");
    proc_puts(p, row);
}

COMMAND(hexdump, "hexdump FILE", "show a file's bytes in hex and as text", RAW_ARGS, 1, 1,
        .missing = "missing file name")
{
    char abs[VFS_PATH_MAX];
    vfs_file_t *f;
    if (cmd_resolve(ctx, argv[1], abs))
        return 1;
    int r = file_is_dir(abs) ? ERR_ISDIR : file_open(abs, VFS_O_READ, &f);
    if (r < 0)
        return cmd_fail(ctx, argv[1], r);
    unsigned char b[16] = { 0 };
    unsigned long offset = 0;
    int n;
    while ((n = vfs_read(f, b, sizeof b)) > 0 && !proc_should_stop()) {
        show_row(p, offset, b, n);
        offset += (unsigned long)n;
    }
    vfs_close(f);
    proc_printf(p, "%08lx\n", offset);
    return n < 0 ? cmd_fail(ctx, argv[1], n) : 0;
}
