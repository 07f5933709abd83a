#include "shell/shell.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "kernel/env.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/exec.h"
#include "shell/lexer.h"
#include "shell/python.h"
#include "shell/script.h"
#include "shell/session.h"

struct shell *shell_of(proc_t *p)
{
    p = shell_process(p);
    return p ? shell_own(p) : NULL;
}

struct shell *shell_session(proc_t *p)
{
    struct shell *outermost = NULL;
    for (; p; p = p->parent)
        for (struct shell *sh = shell_own(p); sh; sh = sh->outer)
            outermost = sh;
    return outermost;
}

void shell_end_scripts(proc_t *p)
{
    for (; p; p = p->parent)
        for (struct shell *sh = shell_own(p); sh; sh = sh->outer)
            if (sh->script)
                sh->leave = 1;
}

/* $name and the special parameters, for the lexer. */
static void expand(void *ctx, const char *name, struct strbuf *out)
{
    struct shell *sh = ctx;
    struct value v;
    if (strcmp(name, "?") == 0) {
        strbuf_addf(out, "%d", sh ? sh->last_status : 0);
    } else if (strcmp(name, "!") == 0) {
        strbuf_addf(out, "%d", sh ? sh->last_background_pid : 0);
    } else if (strcmp(name, "#") == 0) {
        strbuf_addf(out, "%d", sh && sh->argc ? sh->argc - 1 : 0);
    } else if (name[0] >= '0' && name[0] <= '9' && !name[1]) {
        int i = name[0] - '0';
        if (sh && i < sh->argc && sh->argv[i])
            strbuf_adds(out, sh->argv[i]);
    } else if (env_get(name, &v) == 0) {
        if (v.type == VAL_STR) {
            strbuf_adds(out, v.u.s);
        } else {
            char text[48];
            value_format(&v, text, sizeof text);
            strbuf_adds(out, text);
        }
        value_free(&v);
    }
}

int shell_syntax_error(proc_t *self, const char *message)
{
    struct shell *sh = shell_of(self);
    if (sh && sh->script)
        stream_printf(self->err, "sh: %s line %d: %s\n", sh->script->path, sh->script->line_no,
                      message);
    else
        stream_printf(self->err, "sh: %s\n", message);
    return 2;
}

/* upyOS sends a line starting "AT" to the modem. */
static int is_modem_line(const char *segment)
{
    return segment[0] == 'A' && segment[1] == 'T' && !islower((unsigned char)segment[2]);
}

/* The AT command goes to atmodem as typed, its quotes kept (AT commands quote their own
 * arguments: AT+CWJAP="net","pw"); the words after it (time-out, expected text, -v, > var)
 * are lexed as any command's. */
static int run_modem_segment(proc_t *self, struct shell *sh, const char *segment,
                             struct lex_words *w)
{
    struct lex_words *rest = malloc(sizeof *rest);
    char err[96];
    size_t end = 0;
    if (!rest)
        return shell_syntax_error(self, "out of memory");
    for (int quoted = 0; segment[end] && (quoted || !isspace((unsigned char)segment[end])); end++)
        quoted ^= segment[end] == '"';
    if (lex_words(segment + end, expand, sh, rest, err, sizeof err) < 0) {
        free(rest);
        return shell_syntax_error(self, err);
    }
    if (rest->count + 2 > LEX_MAX_WORDS) {
        lex_free_words(rest);
        free(rest);
        return shell_syntax_error(self, "too many words");
    }
    w->count = 2;
    w->word[0] = (struct lex_word){ str_dup("atmodem"), 1 };
    w->word[1] = (struct lex_word){ str_ndup(segment, end), 1 };
    memcpy(&w->word[2], rest->word, sizeof rest->word[0] * (size_t)rest->count);
    w->count += rest->count;
    free(rest);
    int status = w->word[0].text && w->word[1].text ? shell_run_words(self, w, segment)
                                                    : shell_syntax_error(self, "out of memory");
    lex_free_words(w);
    return status;
}

/* The words are on the heap while the segment runs: a script's lines nest a segment in
 * another, and 520 bytes of words on the kernel thread's stack at every level made it
 * deeper than anything else a command does. */
static int run_segment(proc_t *self, struct shell *sh, const char *segment)
{
    struct lex_words *w = malloc(sizeof *w);
    char err[96];
    int status;
    if (!w)
        status = shell_syntax_error(self, "out of memory");
    else if (is_modem_line(segment))
        status = run_modem_segment(self, sh, segment, w);
    else if (lex_words(segment, expand, sh, w, err, sizeof err) < 0)
        status = shell_syntax_error(self, err);
    else {
        status = shell_run_words(self, w, segment);
        lex_free_words(w);
    }
    free(w);
    return status;
}

/* Lines starting "< args" and "> stmt" are Python; everything else is commands separated by
 * ';'. */
int shell_run_line(proc_t *self, const char *line)
{
    struct shell *sh = shell_of(self);
    char **segments, err[96];
    while (*line == ' ' || *line == '\t')
        line++;
    if (strlen(line) >= SHELL_LINE_MAX)
        return sh->last_status = shell_syntax_error(self, "line too long");
    if (shell_is_line(line))
        return sh->last_status = shell_python_line(self, line);
    int n = lex_segments(line, &segments, err, sizeof err);
    if (n < 0)
        return sh->last_status = shell_syntax_error(self, err);
    for (int i = 0; i < n; i++) {
        if (proc_should_stop() || sh->leave || (sh->script && sh->script->done))
            break;
        sh->last_status = run_segment(self, sh, segments[i]);
    }
    lex_free_segments(segments, n);
    return sh->last_status;
}

int shell_find_program(const char *name, char *path, size_t size)
{
    struct vfs_stat st;
    char candidate[VFS_PATH_MAX];
    if (strchr(name, '/')) {
        if (file_stat(name, &st) == 0 && st.type == VFS_FILE) {
            proc_t *p = proc_current();
            return vfs_resolve(p ? p->cwd : "/", name, path, size);
        }
        return ERR_NOENT;
    }
    if (shell_is_python(name) && file_stat(name, &st) == 0 && st.type == VFS_FILE) {
        proc_t *p = proc_current();         /* `demo.py` in the working directory */
        return vfs_resolve(p ? p->cwd : "/", name, path, size);
    }
    static const char *const patterns[] = { "/bin/%s", "/bin/%s.sh", "/bin/%s.py" };
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        snprintf(candidate, sizeof candidate, patterns[i], name);
        if (!shell_is_python(candidate) && strcmp(patterns[i], "/bin/%s.py") == 0)
            continue;                       /* no Python in this build */
        if (file_stat(candidate, &st) == 0 && st.type == VFS_FILE) {
            str_copy(path, candidate, size);
            return 0;
        }
    }
    return ERR_NOENT;
}
