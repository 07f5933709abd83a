#include "cmd/vi_buffer.h"

#include <stdlib.h>
#include <string.h>

#include "cmd/lines.h"
#include "kernel/files.h"
#include "lib/err.h"
#include "lib/str.h"

static int grow(struct text *t)
{
    if (t->count < t->cap)
        return 0;
    int cap = t->cap ? t->cap * 2 : 64;
    char **l = realloc(t->line, sizeof *l * (size_t)cap);
    if (!l)
        return ERR_NOMEM;
    t->line = l;
    t->cap = cap;
    return 0;
}

int text_insert_line(struct text *t, int at, const char *s, size_t len)
{
    char *copy = str_ndup(s, len);
    if (!copy || grow(t) < 0) {
        free(copy);
        return ERR_NOMEM;
    }
    memmove(t->line + at + 1, t->line + at, sizeof *t->line * (size_t)(t->count - at));
    t->line[at] = copy;
    t->count++;
    t->modified = 1;
    return 0;
}

void text_delete_line(struct text *t, int at)
{
    if (at < 0 || at >= t->count)
        return;
    free(t->line[at]);
    memmove(t->line + at, t->line + at + 1, sizeof *t->line * (size_t)(t->count - at - 1));
    t->count--;
    t->modified = 1;
    if (t->count == 0)
        text_insert_line(t, 0, "", 0);
}

int text_replace_line(struct text *t, int at, const char *s, size_t len)
{
    char *copy = str_ndup(s, len);
    if (!copy)
        return ERR_NOMEM;
    free(t->line[at]);
    t->line[at] = copy;
    t->modified = 1;
    return 0;
}

static int ends_with_cr(const char *s)
{
    size_t n = strlen(s);
    return n && s[n - 1] == '\r';
}

/* When every line ends with "\r\n", the file is a CRLF file: the "\r"s leave the lines. */
static void take_crlf(struct text *t)
{
    int last = t->count - (t->no_final_newline ? 2 : 1);
    for (int i = 0; i <= last; i++)
        if (!ends_with_cr(t->line[i]))
            return;
    if (last < 0)
        return;
    for (int i = 0; i <= last; i++)
        t->line[i][strlen(t->line[i]) - 1] = '\0';
    t->crlf = 1;
}

int text_load(struct text *t, const char *abs)
{
    memset(t, 0, sizeof *t);
    struct lines l;
    int r = file_exists(abs) ? lines_open(&l, abs, NULL) : ERR_NOENT;
    char *s;
    size_t len;
    l.keep_cr = 1;
    while (r == 0 && (r = lines_next(&l, &s, &len)) > 0) {
        r = text_insert_line(t, t->count, s, len);
        t->no_final_newline = !l.had_newline;
    }
    if (r != ERR_NOENT)
        lines_close(&l);
    if (r == ERR_NOENT)
        r = 0;
    if (r == 0)
        take_crlf(t);
    if (r == 0 && t->count == 0) {
        t->started_empty = 1;
        r = text_insert_line(t, 0, "", 0);
    }
    t->modified = 0;
    return r;
}

/* The line end after line i: none after a last line that had none, nor after the one empty
 * line of a file that was empty (vim too writes an empty buffer as an empty file). */
static const char *line_end(const struct text *t, int i)
{
    int empty = t->started_empty && t->count == 1 && !t->line[0][0];
    if (i == t->count - 1 && (t->no_final_newline || empty))
        return "";
    return t->crlf ? "\r\n" : "\n";
}

int text_save(const struct text *t, const char *abs)
{
    vfs_file_t *f;
    int r = file_open(abs, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f);
    if (r < 0)
        return r;
    for (int i = 0; i < t->count && r >= 0; i++) {
        const char *end = line_end(t, i);
        r = vfs_write(f, t->line[i], strlen(t->line[i]));
        if (r >= 0 && *end)
            r = vfs_write(f, end, strlen(end));
    }
    int c = vfs_close(f);
    return r < 0 ? r : c;
}

void text_free(struct text *t)
{
    for (int i = 0; i < t->count; i++)
        free(t->line[i]);
    free(t->line);
    memset(t, 0, sizeof *t);
}

int text_insert_char(struct text *t, int row, int col, char c)
{
    size_t len = strlen(t->line[row]);
    char *l = realloc(t->line[row], len + 2);
    if (!l)
        return ERR_NOMEM;
    memmove(l + col + 1, l + col, len - (size_t)col + 1);
    l[col] = c;
    t->line[row] = l;
    t->modified = 1;
    return 0;
}

void text_delete_char(struct text *t, int row, int col)
{
    char *l = t->line[row];
    size_t len = strlen(l);
    if ((size_t)col >= len)
        return;
    memmove(l + col, l + col + 1, len - (size_t)col);
    t->modified = 1;
}

int text_split_line(struct text *t, int row, int col)
{
    char *l = t->line[row];
    int r = text_insert_line(t, row + 1, l + col, strlen(l + col));
    if (r == 0)
        t->line[row][col] = '\0';
    return r;
}

int text_join_next(struct text *t, int row)
{
    if (row + 1 >= t->count)
        return 0;
    size_t a = strlen(t->line[row]), b = strlen(t->line[row + 1]);
    char *l = realloc(t->line[row], a + b + 1);
    if (!l)
        return ERR_NOMEM;
    memcpy(l + a, t->line[row + 1], b + 1);
    t->line[row] = l;
    text_delete_line(t, row + 1);
    return 0;
}

int text_search(const struct text *t, int from, const char *needle)
{
    for (int k = 0; k < t->count; k++) {
        int i = (from + k) % t->count;
        if (strstr(t->line[i], needle))
            return i;
    }
    return -1;
}
