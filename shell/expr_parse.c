/* The parser of the expression language: tokens -> tree, with Python's grammar and
 * precedence for the part of Python the language has (see docs/shell.md). Nesting is bounded
 * twice: the parser's own recursion (parentheses, unary operators) and the depth of the tree
 * it builds, which is what the evaluator recurses on. */
#include <string.h>

#include "shell/expr_int.h"

#define PARSE_NEST_MAX 20

struct parser {
    struct expr_ctx *cx;
    const char *src;
    struct token *tok;
    int at;
    int nest;
};

static struct node *parse_test(struct parser *p);
static struct node *parse_factor(struct parser *p);
static struct node *parse_not(struct parser *p);

static const struct token *peek(struct parser *p)
{
    return &p->tok[p->at];
}

static int at_op(struct parser *p, enum op op)
{
    return peek(p)->kind == T_OP && peek(p)->op == op;
}

static int accept(struct parser *p, enum op op)
{
    if (!at_op(p, op))
        return 0;
    p->at++;
    return 1;
}

/* "invalid syntax near 'x'" naming the token where parsing stopped. */
static struct node *syntax_error(struct parser *p)
{
    const struct token *t = peek(p);
    if (t->kind == T_END)
        expr_fail(p->cx, "invalid syntax: unexpected end of expression");
    else if (t->kind == T_OP)
        expr_fail(p->cx, "invalid syntax near '%s'", expr_op_text(t->op));
    else
        expr_fail(p->cx, "invalid syntax near '%.20s'", p->src + t->pos);
    return NULL;
}

static int expect(struct parser *p, enum op op)
{
    if (accept(p, op))
        return 1;
    syntax_error(p);
    return 0;
}

static struct node *new_node(struct parser *p, enum node_kind kind, size_t pos)
{
    struct node *n = arena_alloc(&p->cx->arena, sizeof *n);
    if (!n) {
        expr_fail(p->cx, "expression too large");
        return NULL;
    }
    n->kind = kind;
    n->pos = pos;
    n->depth = 1;
    return n;
}

static int deeper(int depth, const struct node *child)
{
    return child && child->depth + 1 > depth ? child->depth + 1 : depth;
}

/* Sets n's depth from its children; the tree may not be deeper than the evaluator allows. */
static struct node *seal(struct parser *p, struct node *n)
{
    if (!n)
        return NULL;
    int d = deeper(deeper(deeper(1, n->a), n->b), n->c);
    for (int i = 0; i < n->nargs; i++)
        d = deeper(d, n->args[i]);
    n->depth = d;
    if (d > EXPR_DEPTH_MAX) {
        expr_fail(p->cx, "expression too deeply nested");
        return NULL;
    }
    return n;
}

static struct node *pair(struct parser *p, enum node_kind kind, enum op op, size_t pos,
                         struct node *a, struct node *b)
{
    if (!a || !b)
        return NULL;
    struct node *n = new_node(p, kind, pos);
    if (!n)
        return NULL;
    n->op = op;
    n->a = a;
    n->b = b;
    return seal(p, n);
}

static struct node **new_list(struct parser *p, int count)
{
    struct node **list = arena_alloc(&p->cx->arena, sizeof *list * (size_t)(count + 1));
    if (!list)
        expr_fail(p->cx, "expression too large");
    return list;
}

/* Guards the parser's own recursion. */
static int enter(struct parser *p)
{
    if (++p->nest > PARSE_NEST_MAX) {
        expr_fail(p->cx, "expression too deeply nested");
        return 0;
    }
    return 1;
}

/* ---- f-strings ---- */

static struct node *parse_source(struct expr_ctx *cx, const char *src, size_t len);

static struct node *string_node(struct parser *p, const char *s, size_t len, size_t pos)
{
    struct node *n = new_node(p, N_CONST, pos);
    if (n) {
        char *copy = arena_alloc(&p->cx->arena, len + 1);
        if (!copy)
            return expr_fail(p->cx, "expression too large"), NULL;
        memcpy(copy, s, len);
        n->constant.type = VAL_STR;
        n->constant.u.s = copy;
    }
    return n;
}

/* The end of the replacement field starting after '{': the matching '}' outside quotes and
 * brackets. Also finds where a conversion (!r) or a format spec (:...) starts. */
static size_t field_end(const char *s, size_t len, size_t *conv, size_t *spec)
{
    int depth = 0;
    char quote = 0;
    *conv = *spec = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (strchr("([{", c)) {
            depth++;
        } else if (depth && strchr(")]}", c)) {
            depth--;
        } else if (c == '}' && !*spec) {
            return i;
        } else if (!depth && c == '!' && i + 1 < len && s[i + 1] != '=' && !*conv && !*spec) {
            *conv = i;
        } else if (!depth && c == ':' && !*spec) {
            *spec = i;
        } else if (c == '}' && *spec) {
            return i;
        }
    }
    return len;
}

static struct node *format_field(struct parser *p, const char *s, size_t len, size_t pos)
{
    size_t conv, spec, end = field_end(s, len, &conv, &spec);
    if (end == len)
        return expr_fail(p->cx, "f-string: missing '}'"), NULL;
    size_t expr_len = conv ? conv : spec ? spec : end;
    struct node *n = new_node(p, N_FORMAT, pos);
    if (!n)
        return NULL;
    if (conv) {
        size_t clen = (spec ? spec : end) - conv - 1;
        if (clen != 1 || !strchr("rs", s[conv + 1]))
            return expr_fail(p->cx, "f-string: invalid conversion"), NULL;
        n->conversion = s[conv + 1];
    }
    if (spec) {
        char *text = arena_alloc(&p->cx->arena, end - spec);
        if (!text)
            return expr_fail(p->cx, "expression too large"), NULL;
        memcpy(text, s + spec + 1, end - spec - 1);
        if (strchr(text, '{'))
            return expr_fail(p->cx, "f-string: nested fields in a format spec are not supported"), NULL;
        n->name = text;
    }
    if (!(n->a = parse_source(p->cx, s, expr_len)))
        return NULL;
    n->pos = end + 1;            /* how much of s the field used, for the caller */
    return seal(p, n);
}

static int add_part(struct node *fstring, struct node *part)
{
    if (!part)
        return 0;
    fstring->args[fstring->nargs++] = part;
    return 1;
}

/* A literal run of an f-string: text up to the next single brace, with {{ and }} as braces. */
static size_t literal_run(const char *s, size_t len, char *out, size_t *out_len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        if ((s[i] == '{' || s[i] == '}') && i + 1 < len && s[i + 1] == s[i]) {
            out[n++] = s[i];
            i += 2;
        } else if (s[i] == '{' || s[i] == '}') {
            break;
        } else {
            out[n++] = s[i++];
        }
    }
    *out_len = n;
    return i;
}

static struct node *parse_fstring(struct parser *p, const struct token *t)
{
    struct expr_ctx *cx = p->cx;
    if (++cx->fstring_depth > EXPR_FSTRING_NEST)
        return expr_fail(cx, "f-strings nested too deeply"), NULL;
    /* a literal run and a field per '{' at most, plus the last run */
    int braces = 0;
    for (size_t k = 0; k < t->len; k++)
        braces += t->s[k] == '{';
    struct node *n = new_node(p, N_FSTRING, t->pos);
    char *buf = arena_alloc(&cx->arena, t->len + 1);
    if (n)
        n->args = new_list(p, 2 * braces + 1);
    if (!n || !buf || !n->args)
        return expr_fail(cx, "expression too large"), NULL;
    size_t i = 0;
    while (i < t->len && !cx->failed) {
        size_t raw_len, text_len;
        i += literal_run(t->s + i, t->len - i, buf, &raw_len);
        if (raw_len) {
            const char *text = expr_unescape(cx, buf, raw_len, (int)t->i, &text_len);
            if (!text || !add_part(n, string_node(p, text, text_len, t->pos)))
                break;
        }
        if (i == t->len)
            break;
        if (t->s[i] == '}') {
            expr_fail(cx, "f-string: single '}' is not allowed");
            break;
        }
        struct node *field = format_field(p, t->s + i + 1, t->len - i - 1, t->pos);
        if (!field)
            break;
        i += 1 + field->pos;
        field->pos = t->pos;
        if (!add_part(n, field))
            break;
    }
    cx->fstring_depth--;
    return cx->failed ? NULL : seal(p, n);
}

/* ---- atoms and trailers ---- */

static struct node *parse_strings(struct parser *p)
{
    /* adjacent literals join: "a" "b" */
    const struct token *t = peek(p);
    size_t total = 0;
    int k = p->at;
    for (; p->tok[k].kind == T_STR; k++)
        total += p->tok[k].len;
    if (total > EXPR_STR_MAX)
        return expr_fail(p->cx, "string too long"), NULL;
    char *text = arena_alloc(&p->cx->arena, total + 1);
    if (!text)
        return expr_fail(p->cx, "expression too large"), NULL;
    size_t n = 0;
    for (; p->at < k; p->at++) {
        memcpy(text + n, p->tok[p->at].s, p->tok[p->at].len);
        n += p->tok[p->at].len;
    }
    struct node *node = new_node(p, N_CONST, t->pos);
    if (node) {
        node->constant.type = VAL_STR;
        node->constant.u.s = text;
    }
    return node;
}

static struct node *constant(struct parser *p, struct value v)
{
    struct node *n = new_node(p, N_CONST, peek(p)->pos);
    if (n)
        n->constant = v;
    p->at++;
    return n;
}

static struct node *parse_atom(struct parser *p)
{
    const struct token *t = peek(p);
    switch (t->kind) {
    case T_INT: return constant(p, value_int(t->i));
    case T_FLOAT: return constant(p, value_float(t->f));
    case T_STR: return parse_strings(p);
    case T_FSTR: p->at++; return parse_fstring(p, t);
    case T_NAME: {
        struct node *n = new_node(p, N_NAME, t->pos);
        char *name = arena_alloc(&p->cx->arena, t->len + 1);
        if (!n || !name)
            return expr_fail(p->cx, "expression too large"), NULL;
        memcpy(name, t->s, t->len);
        n->name = name;
        p->at++;
        return n;
    }
    case T_OP:
        if (t->op == OP_TRUE || t->op == OP_FALSE)
            return constant(p, value_bool(t->op == OP_TRUE));
        if (t->op == OP_NONE_KW)
            return constant(p, (struct value){ VAL_NONE, { 0 } });
        if (t->op == OP_LPAREN) {
            p->at++;
            if (!enter(p))
                return NULL;
            struct node *inner = parse_test(p);
            p->nest--;
            return inner && expect(p, OP_RPAREN) ? inner : NULL;
        }
        return syntax_error(p);
    default:
        return syntax_error(p);
    }
}

static struct node *parse_call(struct parser *p, struct node *callee, size_t pos)
{
    struct node *n = new_node(p, N_CALL, pos);
    if (!n || !(n->args = new_list(p, EXPR_ARGS_MAX)))
        return NULL;
    n->a = callee;
    while (!at_op(p, OP_RPAREN)) {
        if (n->nargs == EXPR_ARGS_MAX)
            return expr_fail(p->cx, "too many arguments (at most %d)", EXPR_ARGS_MAX), NULL;
        if (!(n->args[n->nargs++] = parse_test(p)))
            return NULL;
        if (!accept(p, OP_COMMA))
            break;
    }
    return expect(p, OP_RPAREN) ? seal(p, n) : NULL;
}

/* x[i] or x[a:b:c] (each part optional in a slice). */
static struct node *parse_subscript(struct parser *p, struct node *base, size_t pos)
{
    struct node *part[3] = { NULL, NULL, NULL };
    int colons = 0;
    for (;;) {
        if (!at_op(p, OP_COLON) && !at_op(p, OP_RBRACKET) && !(part[colons] = parse_test(p)))
            return NULL;
        if (colons == 2 || !accept(p, OP_COLON))
            break;
        colons++;
    }
    if (!expect(p, OP_RBRACKET))
        return NULL;
    if (!colons) {
        if (!part[0])
            return syntax_error(p);
        return pair(p, N_INDEX, OP_NONE, pos, base, part[0]);
    }
    struct node *n = new_node(p, N_SLICE, pos);
    if (!n || !(n->args = new_list(p, 1)))
        return NULL;
    n->a = base;
    n->b = part[0];
    n->c = part[1];
    n->args[0] = part[2];
    n->nargs = part[2] ? 1 : 0;
    return seal(p, n);
}

static struct node *parse_postfix(struct parser *p)
{
    struct node *n = parse_atom(p);
    while (n) {
        size_t pos = peek(p)->pos;
        if (accept(p, OP_LPAREN)) {
            n = parse_call(p, n, pos);
        } else if (accept(p, OP_LBRACKET)) {
            n = parse_subscript(p, n, pos);
        } else if (accept(p, OP_DOT)) {
            const struct token *t = peek(p);
            if (t->kind != T_NAME)
                return syntax_error(p);
            struct node *attr = new_node(p, N_ATTR, pos);
            char *name = arena_alloc(&p->cx->arena, t->len + 1);
            if (!attr || !name)
                return expr_fail(p->cx, "expression too large"), NULL;
            memcpy(name, t->s, t->len);
            attr->name = name;
            attr->a = n;
            p->at++;
            n = seal(p, attr);
        } else {
            break;
        }
    }
    return n;
}

/* ---- operators, by rising precedence ---- */

static struct node *parse_power(struct parser *p)
{
    struct node *base = parse_postfix(p);
    size_t pos = peek(p)->pos;
    if (base && accept(p, OP_POW))
        return pair(p, N_BINARY, OP_POW, pos, base, parse_factor(p));   /* right-assoc */
    return base;
}

static struct node *parse_factor(struct parser *p)
{
    const struct token *t = peek(p);
    if (t->kind == T_OP && (t->op == OP_SUB || t->op == OP_ADD || t->op == OP_INVERT)) {
        p->at++;
        if (!enter(p))
            return NULL;
        struct node *operand = parse_factor(p);
        p->nest--;
        struct node *n = operand ? new_node(p, N_UNARY, t->pos) : NULL;
        if (!n)
            return NULL;
        n->op = t->op;
        n->a = operand;
        return seal(p, n);
    }
    return parse_power(p);
}

typedef struct node *(*parse_fn)(struct parser *p);

/* One level of left-associative binary operators. */
static struct node *binary_level(struct parser *p, parse_fn next, const enum op *ops)
{
    struct node *n = next(p);
    while (n) {
        const struct token *t = peek(p);
        int found = 0;
        for (const enum op *o = ops; *o; o++)
            found |= t->kind == T_OP && t->op == *o;
        if (!found)
            break;
        p->at++;
        n = pair(p, N_BINARY, t->op, t->pos, n, next(p));
    }
    return n;
}

static struct node *parse_term(struct parser *p)
{
    static const enum op ops[] = { OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_NONE };
    return binary_level(p, parse_factor, ops);
}

static struct node *parse_arith(struct parser *p)
{
    static const enum op ops[] = { OP_ADD, OP_SUB, OP_NONE };
    return binary_level(p, parse_term, ops);
}

static struct node *parse_shift(struct parser *p)
{
    static const enum op ops[] = { OP_SHL, OP_SHR, OP_NONE };
    return binary_level(p, parse_arith, ops);
}

static struct node *parse_bitand(struct parser *p)
{
    static const enum op ops[] = { OP_BITAND, OP_NONE };
    return binary_level(p, parse_shift, ops);
}

static struct node *parse_bitxor(struct parser *p)
{
    static const enum op ops[] = { OP_BITXOR, OP_NONE };
    return binary_level(p, parse_bitand, ops);
}

static struct node *parse_bitor(struct parser *p)
{
    static const enum op ops[] = { OP_BITOR, OP_NONE };
    return binary_level(p, parse_bitxor, ops);
}

static int is_comparison(const struct token *t)
{
    return t->kind == T_OP && t->op >= OP_EQ && t->op <= OP_NOTIN;
}

/* a < b < c compares pairwise, as Python does. */
static struct node *parse_comparison(struct parser *p)
{
    struct node *first = parse_bitor(p);
    if (!first || !is_comparison(peek(p)))
        return first;
    struct node *n = new_node(p, N_COMPARE, peek(p)->pos);
    if (!n || !(n->args = new_list(p, EXPR_ARGS_MAX)) ||
        !(n->ops = arena_alloc(&p->cx->arena, sizeof *n->ops * EXPR_ARGS_MAX)))
        return expr_fail(p->cx, "expression too large"), NULL;
    n->args[n->nargs++] = first;
    while (is_comparison(peek(p))) {
        if (n->nargs == EXPR_ARGS_MAX)
            return expr_fail(p->cx, "too many chained comparisons"), NULL;
        n->ops[n->nargs - 1] = peek(p)->op;
        p->at++;
        if (!(n->args[n->nargs++] = parse_bitor(p)))
            return NULL;
    }
    return seal(p, n);
}

static struct node *parse_not(struct parser *p)
{
    const struct token *t = peek(p);
    if (!accept(p, OP_NOT))
        return parse_comparison(p);
    if (!enter(p))
        return NULL;
    struct node *operand = parse_not(p);
    p->nest--;
    struct node *n = operand ? new_node(p, N_NOT, t->pos) : NULL;
    if (!n)
        return NULL;
    n->a = operand;
    return seal(p, n);
}

static struct node *parse_and(struct parser *p)
{
    struct node *n = parse_not(p);
    while (n && at_op(p, OP_AND)) {
        size_t pos = peek(p)->pos;
        p->at++;
        n = pair(p, N_AND, OP_AND, pos, n, parse_not(p));
    }
    return n;
}

static struct node *parse_or(struct parser *p)
{
    struct node *n = parse_and(p);
    while (n && at_op(p, OP_OR)) {
        size_t pos = peek(p)->pos;
        p->at++;
        n = pair(p, N_OR, OP_OR, pos, n, parse_and(p));
    }
    return n;
}

/* a if cond else b */
static struct node *parse_test(struct parser *p)
{
    struct node *n = parse_or(p);
    if (!n || !at_op(p, OP_IF))
        return n;
    struct node *cond = new_node(p, N_COND, peek(p)->pos);
    p->at++;
    if (!cond || !(cond->b = parse_or(p)) || !expect(p, OP_ELSE))
        return NULL;
    if (!enter(p))
        return NULL;
    cond->a = n;
    cond->c = parse_test(p);
    p->nest--;
    return cond->c ? seal(p, cond) : NULL;
}

/* ---- statements ---- */

static int is_assign_op(const struct token *t)
{
    return t->kind == T_OP && (t->op == OP_ASSIGN ||
                               (t->op >= OP_ADD_ASSIGN && t->op <= OP_POW_ASSIGN));
}

static int assignable(const struct node *n)
{
    return n->kind == N_NAME ||
           (n->kind == N_ATTR && n->a->kind == N_NAME && strcmp(n->a->name, "sdata") == 0);
}

static struct node *parse_statement(struct parser *p)
{
    struct node *target = parse_test(p);
    if (!target || !is_assign_op(peek(p)))
        return target;
    const struct token *t = peek(p);
    if (!assignable(target))
        return expr_fail(p->cx, "cannot assign to this (only to a variable or sdata.NAME)"), NULL;
    p->at++;
    struct node *n = new_node(p, N_ASSIGN, t->pos);
    if (!n)
        return NULL;
    n->op = t->op == OP_ASSIGN ? OP_ASSIGN : (enum op)(OP_ADD + (t->op - OP_ADD_ASSIGN));
    n->a = target;
    n->b = parse_test(p);
    return n->b ? seal(p, n) : NULL;
}

static struct node *parse_source(struct expr_ctx *cx, const char *src, size_t len)
{
    struct parser p = { cx, src, NULL, 0, 0 };
    if (expr_lex(cx, src, len, &p.tok) < 0)
        return NULL;
    struct node *n = parse_test(&p);
    if (n && peek(&p)->kind != T_END)
        return syntax_error(&p);
    return n;
}

struct node **expr_parse(struct expr_ctx *cx, const char *src, size_t len, int statements)
{
    struct parser p = { cx, src, NULL, 0, 0 };
    int count = expr_lex(cx, src, len, &p.tok);
    if (count < 0)
        return NULL;
    /* at most one statement per token, plus the terminating NULL */
    struct node **list = new_list(&p, count + 1);
    int n = 0;
    if (!list)
        return NULL;
    do {
        if (statements && peek(&p)->kind == T_END && n)
            break;                          /* a trailing ';' */
        struct node *s = statements ? parse_statement(&p) : parse_test(&p);
        if (!s)
            return NULL;
        list[n++] = s;
    } while (statements && accept(&p, OP_SEMI));
    if (peek(&p)->kind != T_END)
        return syntax_error(&p), NULL;
    return list;
}
