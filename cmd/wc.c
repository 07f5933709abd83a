/* wc: lines, words and bytes of files or the input. */
#include <ctype.h>
#include <stdlib.h>

#include "cmd/filetree.h"
#include "kernel/command.h"
#include "lib/err.h"

struct counts {
    unsigned long lines, words, bytes;
    int in_word;
};

static void count(struct counts *c, const char *buf, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)buf[i];
        c->lines += ch == '\n';
        if (isspace(ch))
            c->in_word = 0;
        else if (!c->in_word) {
            c->in_word = 1;
            c->words++;
        }
    }
    c->bytes += (unsigned long)n;
}

static int count_source(const char *abs, stream_t *in, struct counts *c, char *buf)
{
    vfs_file_t *f = NULL;
    int r = !abs ? 0 : file_is_dir(abs) ? ERR_ISDIR : file_open(abs, VFS_O_READ, &f);
    if (r < 0)
        return r;
    while ((r = f ? vfs_read(f, buf, FILE_CHUNK) : stream_read(in, buf, FILE_CHUNK)) > 0)
        count(c, buf, r);
    if (f)
        vfs_close(f);
    return r;
}

static void show(proc_t *p, const struct counts *c, const char *name)
{
    proc_printf(p, "%7lu %7lu %7lu%s%s\n", c->lines, c->words, c->bytes, name ? " " : "",
                name ? name : "");
}

COMMAND(wc, "wc [FILE...]", "count lines, words and bytes of files or the input", RAW_ARGS, 0, MANY)
{
    struct counts total = { 0, 0, 0, 0 };
    int status = 0;
    char *buf = malloc(FILE_CHUNK);
    if (!buf)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    if (argc == 1) {
        int r = count_source(NULL, p->in, &total, buf);
        if (r < 0)
            status = cmd_error(ctx, "%s", err_str(r));
        else
            show(p, &total, NULL);
    }
    for (int i = 1; i < argc; i++) {
        struct counts c = { 0, 0, 0, 0 };
        char abs[VFS_PATH_MAX];
        int r = cmd_resolve(ctx, argv[i], abs) ? 1 : count_source(abs, NULL, &c, buf);
        if (r < 0)
            status = cmd_fail(ctx, argv[i], r);
        else if (r > 0)
            status = 1;
        else
            show(p, &c, argv[i]);
        total.lines += c.lines;
        total.words += c.words;
        total.bytes += c.bytes;
    }
    if (argc > 2)
        show(p, &total, "total");
    free(buf);
    proc_set_result(p, value_int((long long)total.lines));
    return status;
}
