/* vi: a small screen editor for ANSI terminals (the console, telnet, the web terminal).
 *   normal mode: arrows or h j k l move, i insert, a append, o open a line, x delete a
 *                character, dd delete the line, / search, n next match, G last line, 0 $ ends,
 *                : a line command
 *   insert mode: type; Enter splits, Backspace joins; arrows move; Esc back to normal mode
 *   line commands (after ':' on a screen, or one per line when the input is no terminal):
 *     w [FILE]  q  q!  wq  x   N (go to line N)   p [N[,M]] (print)   i TEXT  a TEXT
 *     c TEXT (change the line)   d [N] (delete)   /TEXT (search)   s/OLD/NEW/ (substitute)  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/vi_buffer.h"
#include "kernel/command.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "lib/str.h"
#include "term/keys.h"

#define ESC KEY_ESC
#define KEY_DEL KEY_DELETE
#define CMD_MAX 256

struct vi {
    proc_t *p;
    struct tty *tty;            /* NULL in line mode */
    struct text text;
    char path[VFS_PATH_MAX];
    int row, col, top, left;    /* cursor and the first row/column shown */
    int rows, cols;
    int insert;
    int quit;
    struct key_reader keys;     /* the terminal's keys, decoded */
    char search[CMD_MAX];
    char message[CMD_MAX];
};

/* ---- line commands (both modes) ---- */

static void say(struct vi *v, const char *fmt, const char *arg)
{
    snprintf(v->message, sizeof v->message, fmt, arg);
    if (!v->tty)
        proc_printf(v->p, "%s\n", v->message);
}

static void clamp(struct vi *v)
{
    if (v->row >= v->text.count)
        v->row = v->text.count - 1;
    if (v->row < 0)
        v->row = 0;
    int len = (int)strlen(v->text.line[v->row]);
    if (v->col > len)
        v->col = len;
    if (v->col < 0)
        v->col = 0;
}

static int save(struct vi *v, const char *arg)
{
    char abs[VFS_PATH_MAX];
    const char *target = v->path;
    if (arg && *arg) {
        if (vfs_resolve(v->p->cwd, arg, abs, sizeof abs) < 0)
            return say(v, "%s: bad path", arg), -1;
        target = abs;
    }
    int r = text_save(&v->text, target);
    if (r < 0) {
        char msg[CMD_MAX];
        snprintf(msg, sizeof msg, "%s: %s", target, err_str(r));
        say(v, "%s", msg);
        return -1;
    }
    if (target == v->path)
        v->text.modified = 0;
    say(v, "%s written", target);
    return 0;
}

static void search(struct vi *v, const char *needle)
{
    if (*needle)
        str_copy(v->search, needle, sizeof v->search);
    if (!v->search[0])
        return;
    int at = text_search(&v->text, v->row + 1, v->search);
    if (at < 0)
        return say(v, "not found: %s", v->search);
    v->row = at;
    v->col = (int)(strstr(v->text.line[at], v->search) - v->text.line[at]);
    if (!v->tty)
        proc_printf(v->p, "%d: %s\n", at + 1, v->text.line[at]);
}

static void substitute(struct vi *v, const char *spec)
{
    char old[CMD_MAX], rep[CMD_MAX];
    const char *mid = strchr(spec, '/'), *end = mid ? strchr(mid + 1, '/') : NULL;
    if (!mid || mid == spec)
        return say(v, "%s", "usage: s/OLD/NEW/");
    str_copy(old, spec, (size_t)(mid - spec) + 1 < sizeof old ? (size_t)(mid - spec) + 1 : sizeof old);
    size_t rl = end ? (size_t)(end - mid - 1) : strlen(mid + 1);
    str_copy(rep, mid + 1, rl + 1 < sizeof rep ? rl + 1 : sizeof rep);
    const char *line = v->text.line[v->row], *hit = strstr(line, old);
    if (!hit)
        return say(v, "not found: %s", old);
    struct strbuf b;
    strbuf_init(&b);
    strbuf_add(&b, line, (size_t)(hit - line));
    strbuf_adds(&b, rep);
    strbuf_adds(&b, hit + strlen(old));
    if (!b.failed)
        text_replace_line(&v->text, v->row, b.data, b.len);
    strbuf_free(&b);
}

static void print_lines(struct vi *v, const char *range)
{
    int from = v->row + 1, to = from;
    if (*range && sscanf(range, "%d,%d", &from, &to) == 1)
        to = from;
    if (strcmp(range, "%") == 0)
        from = 1, to = v->text.count;
    for (int i = from; i <= to && i <= v->text.count; i++)
        if (i >= 1)
            proc_printf(v->p, "%d: %s\n", i, v->text.line[i - 1]);
}

static void quit(struct vi *v, int force)
{
    if (v->text.modified && !force)
        return say(v, "%s", "unsaved changes (w to save, q! to leave without)");
    v->quit = 1;
}

static void line_command(struct vi *v, const char *cmd)
{
    const char *arg = cmd[0] && cmd[1] == ' ' ? cmd + 2 : "";
    char *end;
    long n = strtol(cmd, &end, 10);
    v->message[0] = '\0';
    if (end != cmd && !*end) {
        v->row = (int)n - 1;
    } else if (strcmp(cmd, "q") == 0 || strcmp(cmd, "q!") == 0) {
        quit(v, cmd[1] == '!');
    } else if (strcmp(cmd, "wq") == 0 || strcmp(cmd, "x") == 0) {
        if (save(v, NULL) == 0)
            quit(v, 1);
    } else if (cmd[0] == 'w' && (!cmd[1] || cmd[1] == ' ')) {
        save(v, arg);
    } else if (cmd[0] == '/') {
        search(v, cmd + 1);
    } else if (cmd[0] == 's' && cmd[1] == '/') {
        substitute(v, cmd + 2);
    } else if ((cmd[0] == 'i' || cmd[0] == 'a') && (!cmd[1] || cmd[1] == ' ')) {
        int at = cmd[0] == 'i' ? v->row : v->row + 1;
        if (text_insert_line(&v->text, at, arg, strlen(arg)) == 0)
            v->row = at;
    } else if (cmd[0] == 'c' && (!cmd[1] || cmd[1] == ' ')) {
        text_replace_line(&v->text, v->row, arg, strlen(arg));
    } else if (cmd[0] == 'd' && (!cmd[1] || cmd[1] == ' ')) {
        int at = *arg ? atoi(arg) - 1 : v->row;
        if (at < 0 || at >= v->text.count)
            return say(v, "%s: no such line", arg);
        text_delete_line(&v->text, at);
    } else if (cmd[0] == 'p' && (!cmd[1] || cmd[1] == ' ')) {
        print_lines(v, arg);
    } else if (cmd[0]) {
        say(v, "%s: unknown command", cmd);
    }
    clamp(v);
}

/* ---- line mode: no terminal to draw on ---- */

static int line_mode(struct vi *v)
{
    char line[CMD_MAX];
    proc_printf(v->p, "%s: %d lines\n", v->path, v->text.count);
    while (!v->quit) {
        int r = stream_read_line(v->p->in, line, sizeof line);
        if (r < 0) {
            if (v->text.modified)
                proc_printf(v->p, "vi: end of input, changes to %s not saved\n", v->path);
            return r == -1 ? 0 : 130;
        }
        line_command(v, line[0] == ':' ? line + 1 : line);
    }
    return 0;
}

/* ---- screen mode ---- */

static int read_key(struct vi *v)
{
    int k = keys_read(&v->keys);
    return k == KEY_UNKNOWN ? 0 : k;
}

static void scroll(struct vi *v)
{
    int text_rows = v->rows - 1;
    if (v->row < v->top)
        v->top = v->row;
    if (v->row >= v->top + text_rows)
        v->top = v->row - text_rows + 1;
    if (v->col < v->left)
        v->left = v->col;
    if (v->col >= v->left + v->cols)
        v->left = v->col - v->cols + 1;
}

static void draw(struct vi *v)
{
    struct strbuf b;
    char status[CMD_MAX + VFS_PATH_MAX];
    scroll(v);
    strbuf_init(&b);
    strbuf_adds(&b, "\033[?25l\033[H");
    for (int r = 0; r < v->rows - 1; r++) {
        int i = v->top + r;
        if (i < v->text.count) {
            const char *l = v->text.line[i];
            size_t len = strlen(l);
            if ((size_t)v->left < len) {
                size_t n = len - (size_t)v->left;
                strbuf_add(&b, l + v->left, n < (size_t)v->cols ? n : (size_t)v->cols);
            }
        } else {
            strbuf_addc(&b, '~');
        }
        strbuf_adds(&b, "\033[K\r\n");
    }
    snprintf(status, sizeof status, "%s%s  %d,%d  %s  %s", v->path, v->text.modified ? " [+]" : "",
             v->row + 1, v->col + 1, v->insert ? "-- INSERT --" : "", v->message);
    status[v->cols < (int)sizeof status ? v->cols : (int)sizeof status - 1] = '\0';
    strbuf_addf(&b, "\033[7m%s\033[K\033[0m\033[%d;%dH\033[?25h", status, v->row - v->top + 1,
                v->col - v->left + 1);
    if (!b.failed)
        stream_write(v->p->out, b.data, b.len);
    strbuf_free(&b);
}

/* The ':' or '/' prompt on the status line. */
static int prompt(struct vi *v, char lead, char *buf, size_t size)
{
    size_t n = 0;
    for (;;) {
        buf[n] = '\0';
        proc_printf(v->p, "\033[%d;1H\033[K%c%s", v->rows, lead, buf);
        int k = read_key(v);
        if (k < 0 || k == ESC)
            return -1;
        if (k == '\r' || k == '\n')
            return 0;
        if ((k == 127 || k == 8) && n)
            n--;
        else if ((k == 127 || k == 8) && !n)
            return -1;
        else if (k >= 32 && k < 127 && n + 1 < size)
            buf[n++] = (char)k;
    }
}

static void move(struct vi *v, int key)
{
    switch (key) {
    case KEY_UP: v->row--; break;
    case KEY_DOWN: v->row++; break;
    case KEY_LEFT: v->col--; break;
    case KEY_RIGHT: v->col++; break;
    case KEY_HOME: v->col = 0; break;
    case KEY_END: v->col = (int)strlen(v->text.line[v->row]); break;
    case KEY_PGUP: v->row -= v->rows - 1; break;
    case KEY_PGDN: v->row += v->rows - 1; break;
    default: break;
    }
    clamp(v);
}

static void insert_key(struct vi *v, int k)
{
    if (k == ESC) {
        v->insert = 0;
        v->col--;
    } else if (k == '\r' || k == '\n') {
        if (text_split_line(&v->text, v->row, v->col) == 0)
            v->row++, v->col = 0;
    } else if (k == 127 || k == 8) {
        if (v->col > 0)
            text_delete_char(&v->text, v->row, --v->col);
        else if (v->row > 0) {
            v->col = (int)strlen(v->text.line[--v->row]);
            text_join_next(&v->text, v->row);
        }
    } else if (k == KEY_DEL) {
        text_delete_char(&v->text, v->row, v->col);
    } else if (k >= KEY_UP) {
        move(v, k);
    } else if ((k >= 32 && k < 127) || k == '\t' || k >= 128) {
        if (text_insert_char(&v->text, v->row, v->col, (char)k) == 0)
            v->col++;
    }
    clamp(v);
}

static void normal_key(struct vi *v, int k, int *pending)
{
    char cmd[CMD_MAX];
    int prev = *pending;
    *pending = 0;
    v->message[0] = '\0';
    switch (k) {
    case 'h': move(v, KEY_LEFT); break;
    case 'j': move(v, KEY_DOWN); break;
    case 'k': move(v, KEY_UP); break;
    case 'l': move(v, KEY_RIGHT); break;
    case '0': move(v, KEY_HOME); break;
    case '$': move(v, KEY_END); break;
    case 'G': v->row = v->text.count - 1; clamp(v); break;
    case 'i': v->insert = 1; break;
    case 'a': v->insert = 1; v->col += v->text.line[v->row][0] != '\0'; clamp(v); break;
    case 'A': v->insert = 1; move(v, KEY_END); break;
    case 'o':
        if (text_insert_line(&v->text, v->row + 1, "", 0) == 0)
            v->row++, v->col = 0, v->insert = 1;
        break;
    case 'x': case KEY_DEL: text_delete_char(&v->text, v->row, v->col); clamp(v); break;
    case 'd':
        if (prev == 'd')
            text_delete_line(&v->text, v->row), clamp(v);
        else
            *pending = 'd';
        break;
    case 'n': search(v, ""); break;
    case '/':
        if (prompt(v, '/', cmd, sizeof cmd) == 0)
            search(v, cmd);
        break;
    case ':':
        if (prompt(v, ':', cmd, sizeof cmd) == 0)
            line_command(v, cmd);
        break;
    default:
        if (k >= KEY_UP)
            move(v, k);
    }
}

static int screen_mode(struct vi *v)
{
    int pending = 0, k = 0;
    v->rows = v->tty->rows > 2 ? v->tty->rows : 24;
    v->cols = v->tty->cols > 10 ? v->tty->cols : 80;
    proc_puts(v->p, "\033[?1049h\033[2J");        /* the alternate screen, as vi does */
    snprintf(v->message, sizeof v->message, "%d lines; :q quits, :wq saves", v->text.count);
    while (!v->quit) {
        draw(v);
        if ((k = read_key(v)) < 0)
            break;
        if (v->insert)
            insert_key(v, k);
        else
            normal_key(v, k, &pending);
    }
    proc_puts(v->p, "\033[2J\033[H\033[?1049l");
    return k == ERR_INTR ? 130 : 0;
}

COMMAND(vi, "vi FILE", "edit a file: a screen editor on ANSI terminals, line commands otherwise "
                       "(w, q, wq, N, p, i, a, c, d, /TEXT, s/OLD/NEW/)",
        RAW_ARGS, 1, 1, .missing = "missing file name")
{
    struct vi *v = calloc(1, sizeof *v);
    if (!v)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    v->p = p;
    int r = cmd_resolve(ctx, argv[1], v->path) ? 1 : 0;
    if (!r && file_is_dir(v->path))
        r = cmd_fail(ctx, argv[1], ERR_ISDIR);
    int loaded = r ? 0 : text_load(&v->text, v->path);
    if (loaded < 0)
        r = cmd_fail(ctx, argv[1], loaded);
    if (!r) {
        struct tty *t = p->in ? p->in->tty : NULL;
        v->tty = t && t->terminal && p->out->tty == t ? t : NULL;
        v->keys.tty = v->tty;
        r = v->tty ? screen_mode(v) : line_mode(v);
    }
    text_free(&v->text);
    free(v);
    return r;
}
