/* Inside the expression language (shared by shell/expr_*.c only).
 *
 * A line is lexed into tokens, parsed into a small tree and the tree is evaluated. Everything
 * a line needs (tokens, nodes, decoded literals) comes from one arena that is freed at once,
 * and every size is bounded: nesting depth, string length, arena size. Values are the
 * system's typed values (lib/value.h): None, str, int, float, bool. */
#ifndef SHELL_EXPR_INT_H
#define SHELL_EXPR_INT_H

#include <stddef.h>

#include "kernel/proc.h"
#include "lib/value.h"

#define EXPR_DEPTH_MAX 48          /* nesting of the tree (and so of the evaluator's recursion) */
#define EXPR_STR_MAX 16384         /* longest string an expression may build */
#define EXPR_ARENA_MAX 32768       /* bytes of tokens + tree + literals per line */
#define EXPR_ARGS_MAX 8            /* arguments of a call */
#define EXPR_FSTRING_NEST 4        /* f-strings inside f-strings */

/* ---- arena ---- */
struct arena_block;
struct expr_arena {
    struct arena_block *blocks;
    size_t total;
};
void *arena_alloc(struct expr_arena *a, size_t size);   /* zeroed; NULL past the limit */
void arena_free(struct expr_arena *a);

/* ---- errors: the first message wins ---- */
struct expr_ctx {
    proc_t *proc;                  /* where print() writes; may be NULL in tests */
    struct expr_arena arena;
    char *err;
    size_t err_size;
    int failed;
    int fstring_depth;
};
int expr_fail(struct expr_ctx *cx, const char *fmt, ...);   /* returns -1 */

/* ---- tokens ---- */
enum tok_kind { T_END, T_INT, T_FLOAT, T_STR, T_FSTR, T_NAME, T_OP };

enum op {
    OP_NONE,
    /* arithmetic and bitwise, in the order binary_op() switches on */
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_BITAND, OP_BITOR, OP_BITXOR, OP_SHL, OP_SHR,
    /* comparisons */
    OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE, OP_IN, OP_NOTIN,
    /* punctuation */
    OP_LPAREN, OP_RPAREN, OP_LBRACKET, OP_RBRACKET, OP_COMMA, OP_DOT, OP_COLON, OP_SEMI,
    OP_ASSIGN, OP_INVERT,
    /* augmented assignment: OP_ADD_ASSIGN + (OP_x - OP_ADD) */
    OP_ADD_ASSIGN, OP_SUB_ASSIGN, OP_MUL_ASSIGN, OP_DIV_ASSIGN, OP_FLOORDIV_ASSIGN,
    OP_MOD_ASSIGN, OP_POW_ASSIGN,
    /* keywords */
    OP_AND, OP_OR, OP_NOT, OP_IF, OP_ELSE, OP_TRUE, OP_FALSE, OP_NONE_KW,
    OP_COUNT
};

struct token {
    enum tok_kind kind;
    enum op op;                    /* T_OP */
    long long i;                   /* T_INT */
    double f;                      /* T_FLOAT */
    const char *s;                 /* T_STR: decoded; T_FSTR: the raw body; T_NAME */
    size_t len;
    size_t pos;                    /* offset in the source, for messages */
};

/* Lexes src into an arena array ending with T_END. Returns the token count or -1. */
int expr_lex(struct expr_ctx *cx, const char *src, size_t len, struct token **out);
const char *expr_op_text(enum op op);
/* Decodes Python escapes of s[0..len) into the arena (raw: none). NULL on error. */
char *expr_unescape(struct expr_ctx *cx, const char *s, size_t len, int raw, size_t *out_len);

/* ---- the tree ---- */
enum node_kind {
    N_CONST, N_NAME, N_UNARY, N_BINARY, N_COMPARE, N_AND, N_OR, N_NOT, N_COND,
    N_CALL, N_INDEX, N_SLICE, N_ATTR, N_FSTRING, N_FORMAT,
    N_ASSIGN                       /* statements: a = b, a += b, sdata.x = b */
};

struct node {
    enum node_kind kind;
    enum op op;                    /* N_UNARY, N_BINARY, N_ASSIGN (OP_ASSIGN or the arithmetic op) */
    int depth;
    size_t pos;
    struct value constant;         /* N_CONST; a str points into the arena (never freed) */
    const char *name;              /* N_NAME, N_ATTR, N_ASSIGN target, N_FORMAT spec */
    char conversion;               /* N_FORMAT: 0, 'r' or 's' */
    struct node *a, *b, *c;        /* operands; N_SLICE: a[b:c], step in args[0] */
    struct node **args;            /* N_CALL arguments, N_COMPARE operands, N_FSTRING parts */
    enum op *ops;                  /* N_COMPARE operators (nargs - 1) */
    int nargs;
};

/* Parses an expression (statements = 0) or '; '-separated statements (statements = 1).
 * Returns an array of nodes (a NULL-terminated list) or NULL with the error in cx. */
struct node **expr_parse(struct expr_ctx *cx, const char *src, size_t len, int statements);

/* ---- evaluation ---- */
int expr_eval_node(struct expr_ctx *cx, const struct node *n, struct value *out);
int expr_exec_node(struct expr_ctx *cx, const struct node *n);

/* Operators on values (expr_ops.c). Each returns 0 or -1 with the error in cx. */
int expr_binary(struct expr_ctx *cx, enum op op, const struct value *a, const struct value *b,
                struct value *out);
int expr_compare(struct expr_ctx *cx, enum op op, const struct value *a, const struct value *b,
                 int *result);
int expr_truth(const struct value *v);
int expr_as_int(struct expr_ctx *cx, const struct value *v, const char *what, long long *out);
int expr_as_number(const struct value *v, double *out);      /* 0 when v is a number */
struct value expr_str_take(char *s);                           /* a str value owning s */
int expr_str_value(struct expr_ctx *cx, const char *s, size_t len, struct value *out);
/* Text form: str(v) or repr(v). A malloc'd string, NULL out of memory. */
char *expr_to_text(const struct value *v, int repr);
/* format(v, spec) as Python's format mini-language (a useful subset). */
int expr_format(struct expr_ctx *cx, const struct value *v, const char *spec, struct value *out);

/* Built-in functions and methods (expr_builtins.c). name is "len", "time.time", ... */
int expr_call(struct expr_ctx *cx, const char *name, struct value *args, int nargs,
              struct value *out);
int expr_method(struct expr_ctx *cx, const char *name, struct value *args, int nargs,
                struct value *out);
/* System data: sdata.name etc. */
int expr_sdata_get(struct expr_ctx *cx, const char *attr, struct value *out);
int expr_sdata_set(struct expr_ctx *cx, const char *attr, const struct value *v);

#endif
