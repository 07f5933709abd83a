#include "cmd/lines.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/files.h"
#include "lib/err.h"

int lines_open(struct lines *l, const char *abs, stream_t *stream)
{
    memset(l, 0, sizeof *l);
    l->stream = stream;
    if (abs) {
        int r = file_is_dir(abs) ? ERR_ISDIR : file_open(abs, VFS_O_READ, &l->file);
        if (r < 0)
            return r;
    }
    if (!(l->buf = malloc(LINES_FIRST_BUFFER))) {
        lines_close(l);
        return ERR_NOMEM;
    }
    l->cap = LINES_FIRST_BUFFER;
    return 0;
}

/* Room for more of a line that fills the buffer: twice the buffer, up to LINES_MAX_BYTES. */
static int grow(struct lines *l)
{
    if (l->cap >= LINES_MAX_BYTES + 1)
        return ERR_LINE_TOO_LONG;
    size_t cap = l->cap * 2 < LINES_MAX_BYTES + 1 ? l->cap * 2 : LINES_MAX_BYTES + 1;
    char *buf = realloc(l->buf, cap);
    if (!buf)
        return ERR_NOMEM;
    l->buf = buf;
    l->cap = cap;
    return 0;
}

static int refill(struct lines *l)
{
    memmove(l->buf, l->buf + l->pos, l->len - l->pos);
    l->len -= l->pos;
    l->pos = 0;
    if (l->len == l->cap - 1) {      /* one line fills it all: the one byte left is the NUL */
        int r = grow(l);
        if (r < 0)
            return r;
    }
    size_t room = l->cap - 1 - l->len;
    int n = l->file ? vfs_read(l->file, l->buf + l->len, room)
                    : stream_read(l->stream, l->buf + l->len, room);
    if (n < 0)
        return n;
    if (n == 0)
        l->ended = 1;
    l->len += (size_t)n;
    return n;
}

int lines_next(struct lines *l, char **line, size_t *len)
{
    for (;;) {
        char *start = l->buf + l->pos;
        char *nl = memchr(start, '\n', l->len - l->pos);
        size_t avail = l->len - l->pos;
        if (nl || (l->ended && avail)) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            l->pos += n + (nl != NULL);
            l->had_newline = nl != NULL;
            if (n && start[n - 1] == '\r' && nl && !l->keep_cr)
                n--;
            start[n] = '\0';
            *line = start;
            *len = n;
            return 1;
        }
        if (l->ended)
            return 0;
        int r = refill(l);
        if (r < 0)
            return r;
    }
}

void lines_close(struct lines *l)
{
    if (l->file)
        vfs_close(l->file);
    free(l->buf);
    memset(l, 0, sizeof *l);
}
