/* Expression lines: the entry points of the expression language. */
#include "shell/expr.h"

#include <stdlib.h>
#include <string.h>

#include "shell/exec.h"
#include "shell/expr_int.h"

int expr_is_line(const char *line)
{
    return (line[0] == '<' || line[0] == '>') && (line[1] == ' ' || line[1] == '\t' ||
                                                 line[1] == '\0');
}

static void ctx_init(struct expr_ctx *cx, proc_t *p, char *err, size_t err_size)
{
    memset(cx, 0, sizeof *cx);
    cx->proc = p;
    cx->err = err;
    cx->err_size = err_size;
    if (err_size)
        err[0] = '\0';
}

int expr_eval(proc_t *p, const char *src, struct value *out, char *err, size_t err_size)
{
    struct expr_ctx cx;
    ctx_init(&cx, p, err, err_size);
    out->type = VAL_NONE;
    struct node **tree = expr_parse(&cx, src, strlen(src), 0);
    int r = tree ? expr_eval_node(&cx, tree[0], out) : -1;
    arena_free(&cx.arena);
    if (r < 0)
        value_free(out);
    return r < 0 ? -1 : 0;
}

int expr_exec(proc_t *p, const char *src, char *err, size_t err_size)
{
    struct expr_ctx cx;
    ctx_init(&cx, p, err, err_size);
    struct node **list = expr_parse(&cx, src, strlen(src), 1);
    int r = list ? 0 : -1;
    for (int i = 0; list && list[i] && r == 0; i++)
        r = expr_exec_node(&cx, list[i]);
    arena_free(&cx.arena);
    return r < 0 ? -1 : 0;
}

/* "< expr" prints str(value); "> stmts" runs them. An error is reported where the shell is
 * (script and line, or the prompt) and gives status 1. */
int expr_run_line(proc_t *self, const char *line)
{
    char err[160];
    const char *src = line + 1;
    if (line[0] == '>')
        return expr_exec(self, src, err, sizeof err) < 0 ? (shell_syntax_error(self, err), 1) : 0;
    struct value v;
    if (expr_eval(self, src, &v, err, sizeof err) < 0) {
        shell_syntax_error(self, err);
        return 1;
    }
    if (v.type == VAL_STR) {
        stream_puts(self->out, v.u.s);
    } else {
        char *text = expr_to_text(&v, 0);
        stream_puts(self->out, text ? text : "");
        free(text);
    }
    stream_puts(self->out, "\n");
    value_free(&v);
    return 0;
}
