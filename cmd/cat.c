/* cat: print files (or the input when there are none); `cat a b > c` concatenates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/filetree.h"
#include "kernel/command.h"
#include "lib/err.h"

struct cat {
    proc_t *p;
    int number;                /* -n */
    long line;                 /* lines numbered so far */
    int at_line_start;
    char last;                 /* the last byte written */
    int write_failed;          /* the error was writing the output, not reading a file */
};

static int write_out(struct cat *c, const char *buf, size_t len)
{
    int r = stream_write(c->p->out, buf, len);
    c->write_failed |= r < 0;
    return r;
}

/* Writes a chunk, numbering lines as they start when asked. */
static int emit(struct cat *c, const char *buf, size_t len)
{
    if (!len)
        return 0;
    c->last = buf[len - 1];
    if (!c->number)
        return write_out(c, buf, len);
    while (len) {
        if (c->at_line_start)
            stream_printf(c->p->out, "%ld ", ++c->line);
        const char *nl = memchr(buf, '\n', len);
        size_t n = nl ? (size_t)(nl - buf) + 1 : len;
        int r = write_out(c, buf, n);
        if (r < 0)
            return r;
        c->at_line_start = nl != NULL;
        buf += n;
        len -= n;
    }
    return 0;
}

static int cat_stream(struct cat *c, stream_t *in, char *buf)
{
    int n;
    while ((n = stream_read(in, buf, FILE_CHUNK)) > 0)
        if ((n = emit(c, buf, (size_t)n)) < 0)
            break;
    return n < 0 ? n : 0;
}

static int cat_file(struct cat *c, const char *abs, char *buf)
{
    vfs_file_t *f;
    int r = file_is_dir(abs) ? ERR_ISDIR : file_open(abs, VFS_O_READ, &f);
    if (r < 0)
        return r;
    int n;
    while ((n = vfs_read(f, buf, FILE_CHUNK)) > 0) {
        if ((n = emit(c, buf, (size_t)n)) < 0 || proc_should_stop())
            break;
    }
    vfs_close(f);
    return n < 0 ? n : proc_should_stop() ? ERR_INTR : 0;
}

COMMAND(cat, "cat [FILE...] [-n] [-f]",
        "print files (no FILE: the input); -n number the lines, -f show each file's name first",
        "nf", 0, MANY)
{
    int status = 0;
    struct cat c = { p, (ctx->flags & FLAG('n')) != 0, 0, 1, '\n', 0 };
    char *buf = malloc(FILE_CHUNK);
    if (!buf)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    if (argc == 1 && (status = cat_stream(&c, p->in, buf)) < 0)
        status = status == ERR_INTR ? 130 : c.write_failed
               ? cmd_fail(ctx, stream_name(p->out), status)
               : cmd_error(ctx, "%s", err_str(status));
    for (int i = 1; i < argc && status != 130 && !c.write_failed; i++) {
        char abs[VFS_PATH_MAX];
        if (cmd_resolve(ctx, argv[i], abs)) {
            status = 1;
            continue;
        }
        if (ctx->flags & FLAG('f'))
            proc_printf(p, "%s\n", abs);
        int r = cat_file(&c, abs, buf);
        if (r == ERR_INTR)
            status = 130;
        else if (r < 0)      /* a full output names the output, not the file being read */
            status = cmd_fail(ctx, c.write_failed ? stream_name(p->out) : argv[i], r);
    }
    free(buf);
    if (c.last != '\n' && p->out->tty)        /* keep the prompt on a line of its own */
        proc_puts(p, "\n");
    return status;
}
