/* head and tail: the first or last lines of a file (or of the input). */
#include <stdlib.h>
#include <string.h>

#include "cmd/lines.h"
#include "kernel/command.h"
#include "lib/err.h"

#define DEFAULT_LINES 10
#define MAX_LINES 100000

/* "-n N" or "-N" among the words; the rest move to the front. Returns N or -1. */
static long line_count(const struct cmd_ctx *ctx, int *argc, char **argv)
{
    long lines = DEFAULT_LINES;
    int n = 1;
    for (int i = 1; i < *argc; i++) {
        const char *w = argv[i], *num = NULL;
        if (strcmp(w, "-n") == 0) {
            if (i + 1 == *argc)
                return cmd_error(ctx, "-n needs a number"), -1;
            num = argv[++i];
        } else if (w[0] == '-' && w[1] >= '0' && w[1] <= '9') {
            num = w + 1;
        } else if (w[0] == '-' && w[1]) {
            return cmd_error(ctx, "unknown option %s", w), -1;
        }
        if (!num) {            /* swap, not copy: the shell frees every word afterwards */
            char *word = argv[i];
            argv[i] = argv[n];
            argv[n++] = word;
            continue;
        }
        char *end;
        lines = strtol(num, &end, 10);
        if (*end || lines < 0 || lines > MAX_LINES)
            return cmd_error(ctx, "%s: not a line count", num), -1;
    }
    *argc = n;
    return lines;
}

static int head_of(proc_t *p, const char *abs, long count)
{
    struct lines l;
    int r = lines_open(&l, abs, p->in);
    char *line;
    size_t len;
    while (r == 0 && count-- > 0 && (r = lines_next(&l, &line, &len)) > 0) {
        line[len] = '\n';
        stream_write(p->out, line, len + 1);
        r = 0;
    }
    lines_close(&l);             /* safe after a failed open too */
    return r < 0 ? r : 0;
}

/* Reads backwards from the end in chunks until count line ends are behind the start. */
static int tail_start(vfs_file_t *f, long count, long *start)
{
    long size = vfs_seek(f, 0, VFS_SEEK_END), pos = size;
    char buf[256];
    long seen = 0;
    if (size < 0)
        return (int)size;
    while (pos > 0) {
        long n = pos < (long)sizeof buf ? pos : (long)sizeof buf;
        pos -= n;
        if (vfs_seek(f, pos, VFS_SEEK_SET) < 0 || vfs_read(f, buf, (size_t)n) != n)
            return ERR_IO;
        for (long i = n - 1; i >= 0; i--) {
            if (buf[i] != '\n' || pos + i == size - 1)
                continue;                   /* the file's final newline ends the last line */
            if (++seen == count) {
                *start = pos + i + 1;
                return 0;
            }
        }
    }
    *start = 0;
    return 0;
}

static int tail_of(proc_t *p, const char *abs, long count)
{
    vfs_file_t *f;
    long start;
    int r = file_is_dir(abs) ? ERR_ISDIR : file_open(abs, VFS_O_READ, &f);
    if (r < 0)
        return r;
    r = count ? tail_start(f, count, &start) : 0;
    if (!count)
        start = vfs_seek(f, 0, VFS_SEEK_END);
    if (r == 0 && vfs_seek(f, start, VFS_SEEK_SET) < 0)
        r = ERR_IO;
    char buf[512];
    int n = 0;
    while (r == 0 && (n = vfs_read(f, buf, sizeof buf)) > 0)
        stream_write(p->out, buf, (size_t)n);
    vfs_close(f);
    return r < 0 ? r : n < 0 ? n : 0;
}

static int each_file(const struct cmd_ctx *ctx, int argc, char **argv,
                     int (*fn)(proc_t *, const char *, long))
{
    proc_t *p = ctx->p;
    long count = line_count(ctx, &argc, argv);
    if (count < 0)
        return 2;
    if (argc == 1 && fn == head_of)
        return head_of(p, NULL, count) < 0;
    if (argc == 1)
        return cmd_error(ctx, "missing file name");
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char abs[VFS_PATH_MAX];
        if (cmd_resolve(ctx, argv[i], abs)) {
            status = 1;
            continue;
        }
        if (argc > 2)
            proc_printf(p, "%s==> %s <==\n", i > 1 ? "\n" : "", argv[i]);
        int r = fn(p, abs, count);
        if (r < 0)
            status = cmd_fail(ctx, argv[i], r);
    }
    return status;
}

/* RAW_ARGS: -n takes a value, which line_count reads with -N itself. */
COMMAND(head, "head [-n N] [FILE...]", "print the first N lines (default 10) of files or the input",
        RAW_ARGS, 0, MANY)
{
    return each_file(ctx, argc, argv, head_of);
}

COMMAND(tail, "tail [-n N] FILE...", "print the last N lines (default 10) of files",
        RAW_ARGS, 0, MANY)
{
    return each_file(ctx, argc, argv, tail_of);
}
