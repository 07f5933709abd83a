#include "term/lineedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/tty.h"
#include "lib/err.h"
#include "lib/str.h"
#include "term/complete.h"
#include "term/keys.h"

#define CTRL(c) ((c) & 0x1f)

struct edit {
    struct lineedit *le;
    struct key_reader keys;      /* terminal mode: keys decoded from escape sequences */
    proc_t *p;
    const char *prompt;
    char *buf;
    size_t size, len, cursor;    /* size: buf's room */
    char **grown;                /* the caller's pointer to buf when buf grows (up to max) */
    size_t max;
    int browsing;                /* history index being shown; history_count: the new line */
    int hidden;
    int tabs;                    /* tabs in a row: the second lists the choices */
};

struct lineedit *lineedit_new(void)
{
    return calloc(1, sizeof(struct lineedit));
}

void lineedit_free(struct lineedit *le)
{
    if (!le)
        return;
    for (int i = 0; i < le->history_count; i++)
        free(le->history[i]);
    free(le);
}

static void history_add(struct lineedit *le, const char *line)
{
    if (!*line || (le->history_count && strcmp(le->history[le->history_count - 1], line) == 0))
        return;
    char *copy = str_dup(line);
    if (!copy)
        return;
    if (le->history_count == LINEEDIT_HISTORY) {
        free(le->history[0]);
        memmove(le->history, le->history + 1, sizeof le->history[0] * (LINEEDIT_HISTORY - 1));
        le->history_count--;
    }
    le->history[le->history_count++] = copy;
}

static int read_byte(struct edit *e)
{
    char c;
    int r = stream_read(e->p->in, &c, 1);
    if (r <= 0)
        return r == 0 ? -1 : r;
    return (unsigned char)c;
}

static void out(struct edit *e, const char *s, size_t n)
{
    stream_write(e->p->out, s, n);
}

/* Redraws the line: prompt, text, clear to end, cursor back into place. */
static void refresh(struct edit *e)
{
    char move[24];
    out(e, "\r", 1);
    out(e, e->prompt, strlen(e->prompt));
    if (e->hidden)
        for (size_t i = 0; i < e->len; i++)
            out(e, "*", 1);
    else
        out(e, e->buf, e->len);
    out(e, "\033[K", 3);
    if (e->len > e->cursor) {
        int n = snprintf(move, sizeof move, "\033[%uD", (unsigned)(e->len - e->cursor));
        out(e, move, (size_t)n);
    }
}

/* How many of n more bytes fit with the NUL: a grown line is reallocated first, in steps, up
 * to its max. */
static size_t room(struct edit *e, size_t n)
{
    if (e->grown && e->len + n >= e->size && e->size < e->max) {
        size_t want = e->len + n + LINEEDIT_GROWN_START;
        want = want < e->max ? want : e->max;
        char *b = realloc(e->buf, want);
        if (b) {
            e->buf = *e->grown = b;
            e->size = want;
        }
    }
    return e->len + n < e->size ? n : e->size - 1 - e->len;
}

/* What does not fit (the line at its longest, or no memory to grow it) is not taken, and the
 * terminal's bell says so: as readline does, never dropped without a sign. */
static void insert_text(struct edit *e, const char *s, size_t n)
{
    size_t fits = room(e, n);
    if (fits < n)
        out(e, "\a", 1);
    n = fits;
    memmove(e->buf + e->cursor + n, e->buf + e->cursor, e->len - e->cursor);
    memcpy(e->buf + e->cursor, s, n);
    e->len += n;
    e->cursor += n;
    e->buf[e->len] = '\0';
}

static void delete_at(struct edit *e, size_t pos)
{
    if (pos >= e->len)
        return;
    memmove(e->buf + pos, e->buf + pos + 1, e->len - pos - 1);
    e->buf[--e->len] = '\0';
}

static void show_history(struct edit *e, int index)
{
    if (index < 0 || index > e->le->history_count || e->hidden)
        return;
    e->browsing = index;
    const char *text = index == e->le->history_count ? "" : e->le->history[index];
    e->len = e->cursor = 0;
    size_t n = room(e, strlen(text));
    memcpy(e->buf, text, n);
    e->buf[n] = '\0';
    e->len = e->cursor = n;
    refresh(e);
}

static void list_choices(struct edit *e, const struct completion *c)
{
    out(e, "\r\n", 2);
    for (int i = 0; i < c->count; i++) {
        const char *m = c->match[i];
        const char *slash = strrchr(m, '/');
        const char *shown = slash && slash[1] ? slash + 1 : m;
        if (slash && !slash[1]) {         /* a directory: show its last component */
            const char *prev = m + strlen(m) - 1;
            while (prev > m && prev[-1] != '/')
                prev--;
            shown = prev;
        }
        out(e, shown, strlen(shown));
        out(e, "  ", 2);
    }
    out(e, "\r\n", 2);
}

static void complete(struct edit *e)
{
    struct completion c;
    complete_find(e->buf, e->cursor, e->le->commands, &c);
    size_t common = complete_common(&c);
    size_t typed = e->cursor - c.word_start;
    if (c.count == 1 || common > typed) {
        size_t n = c.count == 1 ? strlen(c.match[0]) : common;
        insert_text(e, c.match[0] + typed, n - typed);
    } else if (c.count > 1 && e->tabs > 0) {
        list_choices(e, &c);
    }
    complete_free(&c);
    refresh(e);
}

/* One key of a terminal line; returns 1 when the line is complete, 0 to go on, <0 to end. */
static int handle_key(struct edit *e, int k)
{
    int tab = k == '\t';
    if (!tab)
        e->tabs = 0;
    switch (k) {
    case '\r':
    case '\n':
        return 1;
    case CTRL('C'):
        out(e, "^C", 2);
        e->len = e->cursor = 0;
        e->buf[0] = '\0';
        return 1;
    case CTRL('D'):
        if (e->len == 0)
            return -1;
        delete_at(e, e->cursor);
        break;
    case 0x7f:
    case CTRL('H'):
        if (e->cursor == 0)
            return 0;
        delete_at(e, --e->cursor);
        break;
    case KEY_DELETE: delete_at(e, e->cursor); break;
    case KEY_LEFT: if (e->cursor) e->cursor--; break;
    case KEY_RIGHT: if (e->cursor < e->len) e->cursor++; break;
    case KEY_HOME: case CTRL('A'): e->cursor = 0; break;
    case KEY_END: case CTRL('E'): e->cursor = e->len; break;
    case CTRL('U'):
        memmove(e->buf, e->buf + e->cursor, e->len - e->cursor + 1);
        e->len -= e->cursor;
        e->cursor = 0;
        break;
    case CTRL('K'): e->len = e->cursor; e->buf[e->len] = '\0'; break;
    case CTRL('L'): out(e, "\033[H\033[2J", 7); break;
    case KEY_UP: show_history(e, e->browsing - 1); return 0;
    case KEY_DOWN: show_history(e, e->browsing + 1); return 0;
    case '\t':
        if (!e->hidden)
            complete(e);
        e->tabs++;
        return 0;
    default:
        if (k < 0x20 || k > 0xff)
            return 0;
        char c = (char)k;
        insert_text(e, &c, 1);
        if (e->cursor == e->len) {      /* typing at the end: no redraw needed */
            out(e, e->hidden ? "*" : &c, 1);
            return 0;
        }
    }
    refresh(e);
    return 0;
}

static int read_terminal_line(struct edit *e)
{
    out(e, e->prompt, strlen(e->prompt));
    for (;;) {
        int k = keys_read(&e->keys);
        if (k < 0)
            return k;
        struct tty *t = e->p->in->tty;
        if (t->last_was_cr && (k == '\n' || k == 0)) {
            t->last_was_cr = 0;
            continue;
        }
        t->last_was_cr = k == '\r';
        int done = handle_key(e, k);
        if (done < 0)
            return done;
        if (done) {
            out(e, "\r\n", 2);
            return (int)e->len;
        }
    }
}

/* Input from a pipe or file: no echo, no editing. A line longer than the buffer is read to
 * its end and refused whole, so no part of it runs as a command. */
static int read_plain_line(struct edit *e)
{
    int too_long = 0, k;
    if (*e->prompt)
        out(e, e->prompt, strlen(e->prompt));
    while ((k = read_byte(e)) >= 0 && k != '\n') {
        if (room(e, 1))
            e->buf[e->len++] = (char)k;
        else
            too_long = 1;
    }
    if (k < -1 || (k == -1 && e->len == 0 && !too_long))
        return k;
    if (e->len && e->buf[e->len - 1] == '\r')
        e->len--;
    e->buf[e->len] = '\0';
    return too_long ? ERR_NAMETOOLONG : (int)e->len;
}

static int run_edit(struct edit *e)
{
    int terminal = e->p->in && e->p->in->tty && e->p->in->tty->terminal;
    e->keys.tty = terminal ? e->p->in->tty : NULL;
    e->buf[0] = '\0';
    int r = terminal ? read_terminal_line(e) : read_plain_line(e);
    if (r >= 0 && !e->hidden)
        history_add(e->le, e->buf);
    return r;
}

static int read_line(struct lineedit *le, proc_t *p, const char *prompt, char *buf, size_t size,
                     int hidden)
{
    struct edit e = { le, { NULL, 0 }, p, prompt, buf, size, 0, 0, NULL, size,
                      le->history_count, hidden, 0 };
    return run_edit(&e);
}

int lineedit_read(struct lineedit *le, proc_t *p, const char *prompt, char *buf, size_t size)
{
    return read_line(le, p, prompt, buf, size, 0);
}

int lineedit_read_grown(struct lineedit *le, proc_t *p, const char *prompt, char **line,
                        size_t max)
{
    size_t size = max < LINEEDIT_GROWN_START ? max : LINEEDIT_GROWN_START;
    if (!*line && !(*line = malloc(size)))
        return ERR_NOMEM;
    struct edit e = { le, { NULL, 0 }, p, prompt, *line, size, 0, 0, line, max,
                      le->history_count, 0, 0 };
    return run_edit(&e);
}

int lineedit_read_hidden(struct lineedit *le, proc_t *p, const char *prompt, char *buf,
                         size_t size)
{
    return read_line(le, p, prompt, buf, size, 1);
}

int lineedit_ask(proc_t *p, const char *prompt, char *buf, size_t size)
{
    struct lineedit once = { { NULL }, 0, NULL };
    int r = read_line(&once, p, prompt, buf, size, 0);
    for (int i = 0; i < once.history_count; i++)
        free(once.history[i]);
    return r;
}
