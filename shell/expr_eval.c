/* The evaluator: walks the tree the parser built. Variables are the system's environment
 * variables (typed); names that are not variables may be built-in functions when called. The
 * tree's depth is bounded by the parser, so the recursion here is too. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/env.h"
#include "lib/str.h"
#include "shell/expr_int.h"

static int eval_name(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    if (env_get(n->name, out) == 0)
        return 0;
    if (strcmp(n->name, "sdata") == 0)
        return expr_fail(cx, "sdata needs an attribute: sdata.name, sdata.version, ...");
    return expr_fail(cx, "name '%s' is not defined", n->name);
}

static int eval_unary(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value v;
    if (expr_eval_node(cx, n->a, &v) < 0)
        return -1;
    long long i;
    if (v.type == VAL_FLOAT && n->op != OP_INVERT) {
        *out = value_float(n->op == OP_SUB ? -v.u.f : v.u.f);
        return 0;
    }
    if (v.type != VAL_INT && v.type != VAL_BOOL) {
        expr_fail(cx, "bad operand type for unary %s: '%s'", expr_op_text(n->op),
                  value_type_name(v.type));
        value_free(&v);
        return -1;
    }
    i = v.type == VAL_BOOL ? v.u.b : v.u.i;
    if (n->op == OP_SUB && i == LLONG_MIN)
        return expr_fail(cx, "integer overflow (ints are 64-bit)");
    *out = value_int(n->op == OP_SUB ? -i : n->op == OP_INVERT ? ~i : i);
    return 0;
}

static int eval_binary(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value a, b;
    if (expr_eval_node(cx, n->a, &a) < 0)
        return -1;
    if (expr_eval_node(cx, n->b, &b) < 0) {
        value_free(&a);
        return -1;
    }
    int r = expr_binary(cx, n->op, &a, &b, out);
    value_free(&a);
    value_free(&b);
    return r;
}

/* a < b < c: each operand evaluated once, stopping at the first false comparison. */
static int eval_compare(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value left, right;
    int result = 1;
    if (expr_eval_node(cx, n->args[0], &left) < 0)
        return -1;
    for (int i = 1; i < n->nargs && result; i++) {
        if (expr_eval_node(cx, n->args[i], &right) < 0) {
            value_free(&left);
            return -1;
        }
        int r = expr_compare(cx, n->ops[i - 1], &left, &right, &result);
        value_free(&left);
        left = right;
        if (r < 0) {
            value_free(&left);
            return -1;
        }
    }
    value_free(&left);
    *out = value_bool(result);
    return 0;
}

/* and/or give one of their operands, as in Python ("" or "default"). */
static int eval_logic(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    if (expr_eval_node(cx, n->a, out) < 0)
        return -1;
    int truth = expr_truth(out);
    if ((n->kind == N_AND) != truth)
        return 0;
    value_free(out);
    return expr_eval_node(cx, n->b, out);
}

static int eval_cond(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value c;
    if (expr_eval_node(cx, n->b, &c) < 0)
        return -1;
    int truth = expr_truth(&c);
    value_free(&c);
    return expr_eval_node(cx, truth ? n->a : n->c, out);
}

/* ---- strings: indexing and slicing (bytes, as MicroPython's str on ASCII) ---- */

static int eval_index(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value s, i;
    long long k;
    if (expr_eval_node(cx, n->a, &s) < 0)
        return -1;
    if (expr_eval_node(cx, n->b, &i) < 0 || s.type != VAL_STR ||
        expr_as_int(cx, &i, "a string index", &k) < 0) {
        if (!cx->failed)
            expr_fail(cx, "'%s' cannot be indexed", value_type_name(s.type));
        value_free(&s);
        value_free(&i);
        return -1;
    }
    long long len = (long long)strlen(s.u.s);
    if (k < 0)
        k += len;
    int r = k < 0 || k >= len ? expr_fail(cx, "string index out of range")
                              : expr_str_value(cx, s.u.s + k, 1, out);
    value_free(&s);
    return r;
}

/* An optional slice bound, defaulted and clamped as Python does. */
static int slice_bound(struct expr_ctx *cx, const struct node *n, long long len, long long step,
                       int is_start, long long *out)
{
    struct value v = { VAL_NONE, { 0 } };
    if (n && expr_eval_node(cx, n, &v) < 0)
        return -1;
    if (v.type == VAL_NONE) {
        if (step > 0)
            *out = is_start ? 0 : len;
        else
            *out = is_start ? len - 1 : -1;
        return 0;
    }
    long long k;
    int r = expr_as_int(cx, &v, "a slice index", &k);
    value_free(&v);
    if (r < 0)
        return -1;
    if (k < 0)
        k = k < -len ? (step > 0 ? 0 : -1) : k + len;
    if (step > 0)
        k = k > len ? len : k;
    else
        k = k >= len ? len - 1 : k;
    *out = k;
    return 0;
}

static int eval_slice(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value s;
    long long step = 1, start, stop;
    if (expr_eval_node(cx, n->a, &s) < 0)
        return -1;
    if (s.type != VAL_STR) {
        expr_fail(cx, "'%s' cannot be sliced", value_type_name(s.type));
        value_free(&s);
        return -1;
    }
    long long len = (long long)strlen(s.u.s);
    struct value st = { VAL_NONE, { 0 } };
    int r = 0;
    if (n->nargs && (r = expr_eval_node(cx, n->args[0], &st)) == 0 && st.type != VAL_NONE)
        r = expr_as_int(cx, &st, "a slice step", &step);
    value_free(&st);
    if (r == 0 && step == 0)
        r = expr_fail(cx, "slice step cannot be zero");
    if (step > len)             /* the same slice, and i += step cannot overflow */
        step = len + 1;
    else if (step < -len)
        step = -len - 1;
    if (r == 0)
        r = slice_bound(cx, n->b, len, step, 1, &start);
    if (r == 0)
        r = slice_bound(cx, n->c, len, step, 0, &stop);
    char *text = r == 0 ? malloc((size_t)len + 1) : NULL;
    if (r == 0 && !text)
        r = expr_fail(cx, "out of memory");
    if (r == 0) {
        size_t k = 0;
        for (long long i = start; step > 0 ? i < stop : i > stop; i += step)
            text[k++] = s.u.s[i];
        text[k] = '\0';
        *out = expr_str_take(text);
    }
    value_free(&s);
    return r;
}

/* ---- attributes and calls ---- */

static int eval_attr(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    if (n->a->kind == N_NAME && strcmp(n->a->name, "sdata") == 0)
        return expr_sdata_get(cx, n->name, out);
    return expr_fail(cx, "unknown attribute '%s' (methods must be called)", n->name);
}

static int eval_args(struct expr_ctx *cx, const struct node *n, struct value *args, int first)
{
    for (int i = 0; i < n->nargs; i++)
        if (expr_eval_node(cx, n->args[i], &args[first + i]) < 0) {
            for (int k = 0; k < first + i; k++)
                value_free(&args[k]);
            return -1;
        }
    return 0;
}

/* f(x), module.f(x) (time.time, gc.mem_free) or value.method(x). */
static int eval_call(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value args[EXPR_ARGS_MAX + 1];
    const struct node *callee = n->a;
    int r;
    if (callee->kind == N_NAME) {
        if (eval_args(cx, n, args, 0) < 0)
            return -1;
        r = expr_call(cx, callee->name, args, n->nargs, out);
    } else if (callee->kind == N_ATTR && callee->a->kind == N_NAME &&
               env_get(callee->a->name, &args[0]) != 0) {
        char dotted[64];
        str_copy(dotted, callee->a->name, sizeof dotted);
        strncat(dotted, ".", sizeof dotted - strlen(dotted) - 1);
        strncat(dotted, callee->name, sizeof dotted - strlen(dotted) - 1);
        if (eval_args(cx, n, args, 0) < 0)
            return -1;
        r = expr_call(cx, dotted, args, n->nargs, out);
    } else if (callee->kind == N_ATTR) {
        if ((callee->a->kind != N_NAME && expr_eval_node(cx, callee->a, &args[0]) < 0) ||
            eval_args(cx, n, args, 1) < 0)
            return -1;          /* a variable's value is already in args[0] */
        r = expr_method(cx, callee->name, args, n->nargs + 1, out);
        value_free(&args[n->nargs]);
        for (int i = 0; i < n->nargs; i++)
            value_free(&args[i]);
        return r;
    } else {
        return expr_fail(cx, "this cannot be called");
    }
    for (int i = 0; i < n->nargs; i++)
        value_free(&args[i]);
    return r;
}

/* ---- f-strings ---- */

static int eval_format(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct value v;
    if (expr_eval_node(cx, n->a, &v) < 0)
        return -1;
    int r;
    if (n->conversion == 'r') {
        char *text = expr_to_text(&v, 1);
        value_free(&v);
        if (!text)
            return expr_fail(cx, "out of memory");
        v = expr_str_take(text);
    }
    r = expr_format(cx, &v, n->name, out);
    value_free(&v);
    return r;
}

static int eval_fstring(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "");
    for (int i = 0; i < n->nargs; i++) {
        struct value part;
        if (expr_eval_node(cx, n->args[i], &part) < 0) {
            strbuf_free(&b);
            return -1;
        }
        strbuf_adds(&b, part.u.s);
        value_free(&part);
        if (b.len > EXPR_STR_MAX) {
            strbuf_free(&b);
            return expr_fail(cx, "string too long (at most %d bytes)", EXPR_STR_MAX);
        }
    }
    if (b.failed) {
        strbuf_free(&b);
        return expr_fail(cx, "out of memory");
    }
    *out = expr_str_take(strbuf_take(&b));
    return 0;
}

int expr_eval_node(struct expr_ctx *cx, const struct node *n, struct value *out)
{
    out->type = VAL_NONE;
    switch (n->kind) {
    case N_CONST:
        *out = value_copy(&n->constant);
        return out->type == n->constant.type ? 0 : expr_fail(cx, "out of memory");
    case N_NAME: return eval_name(cx, n, out);
    case N_UNARY: return eval_unary(cx, n, out);
    case N_BINARY: return eval_binary(cx, n, out);
    case N_COMPARE: return eval_compare(cx, n, out);
    case N_AND:
    case N_OR: return eval_logic(cx, n, out);
    case N_NOT: {
        if (expr_eval_node(cx, n->a, out) < 0)
            return -1;
        int truth = expr_truth(out);
        value_free(out);
        *out = value_bool(!truth);
        return 0;
    }
    case N_COND: return eval_cond(cx, n, out);
    case N_CALL: return eval_call(cx, n, out);
    case N_INDEX: return eval_index(cx, n, out);
    case N_SLICE: return eval_slice(cx, n, out);
    case N_ATTR: return eval_attr(cx, n, out);
    case N_FSTRING: return eval_fstring(cx, n, out);
    case N_FORMAT: return eval_format(cx, n, out);
    case N_ASSIGN: return expr_fail(cx, "an assignment is not an expression");
    }
    return expr_fail(cx, "invalid expression");
}

/* A statement: an assignment (to a variable or sdata.NAME) or an expression (a call). */
int expr_exec_node(struct expr_ctx *cx, const struct node *n)
{
    struct value v;
    if (n->kind != N_ASSIGN) {
        int r = expr_eval_node(cx, n, &v);
        value_free(&v);
        return r;
    }
    if (n->op == OP_ASSIGN) {
        if (expr_eval_node(cx, n->b, &v) < 0)
            return -1;
    } else {
        struct node binary = { .kind = N_BINARY, .op = n->op, .a = n->a, .b = n->b };
        if (eval_binary(cx, &binary, &v) < 0)
            return -1;
    }
    int r;
    if (n->a->kind == N_ATTR) {
        r = expr_sdata_set(cx, n->a->name, &v);
    } else if (v.type == VAL_NONE) {
        env_unset(n->a->name);          /* a variable holding None is no variable */
        r = 0;
    } else {
        r = env_set(n->a->name, &v) < 0 ? expr_fail(cx, "out of memory") : 0;
    }
    value_free(&v);
    return r;
}
