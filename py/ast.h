/* The syntax tree between parse.c and compile.c. It lives in the GC heap, reachable from the
 * compiler's C stack while a unit compiles, and is garbage as soon as the code object exists. */
#ifndef PY_AST_H
#define PY_AST_H
#include "py/obj.h"

enum {
    /* expressions */
    N_CONST = 1, N_NAME, N_FSTR, N_FMT, N_BINOP, N_UNARY, N_NOT, N_AND, N_OR, N_CMP, N_CMPITEM,
    N_IFEXP, N_LAMBDA, N_CALL, N_KW, N_DSTAR, N_STAR, N_ATTR, N_SUBSCR, N_SLICE, N_TUPLE, N_LIST,
    N_SET, N_DICT, N_PAIR, N_COMP, N_FOR, N_YIELD, N_YIELDFROM, N_AWAIT, N_WALRUS,
    N_ARGS, N_ARG, N_ALIAS, N_HANDLER, N_WITHITEM,
    /* statements */
    S_EXPR, S_ASSIGN, S_AUGASSIGN, S_ANNASSIGN, S_DEL, S_PASS, S_BREAK, S_CONTINUE, S_RETURN,
    S_RAISE, S_GLOBAL, S_NONLOCAL, S_IMPORT, S_FROM, S_ASSERT, S_IF, S_WHILE, S_FOR, S_TRY,
    S_WITH, S_DEF, S_CLASS
};
/* N_COMP kinds */
enum { C_LIST, C_SET, C_DICT, C_GEN };
/* N_ARG kinds */
enum { A_POS, A_VAR, A_KWONLY, A_VARKW };
/* unary ops */
enum { U_NEG, U_POS, U_INV };

typedef struct node {
    uint8_t kind, op;
    uint16_t flags;
    int line;
    struct node *a, *b, *c, *d, *next;
    pv v, v2;
} node;

node *py_parse(const char *src, size_t len, pv filename, int mode);
_Noreturn void py_syntax_error(pv filename, int line, const char *msg);
/* At each level of the parser's and the compiler's recursion: RecursionError when the program's
 * C stack is used up (a long a + b + ... chain or deep nesting on a board's small stack). */
void py_compile_check_cstack(void);
#endif
