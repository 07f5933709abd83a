/* The compiler: a scope pass that decides where every name lives (fast local, cell, free,
 * global, class namespace), then code generation to the stack bytecode of bytecode.h with a
 * line table. try/finally and with are unwound at compile time: a return, break or continue
 * runs the pending finally bodies and __exit__ calls inline before it jumps. */
#include <string.h>
#include "py/ast.h"
#include "py/bytecode.h"

/* ---------------- scopes ---------------- */
enum { SC_MODULE, SC_FUNC, SC_CLASS, SC_COMP };
#define D_LOCAL 1
#define D_PARAM 2
#define D_GLOBAL 4
#define D_NONLOCAL 8
#define D_USE 16
#define R_CELL 32
#define R_FREE 64
#define R_GLOBAL 128

typedef struct scope {
    struct scope *parent;
    int kind;
    node *n;
    pv names;                     /* dict: name -> small int of D_ and R_ flags */
    pv order;                     /* list of names in first-seen order */
    bool generator, needs_class_cell, coroutine;
    pv name;
} scope;

typedef struct { pv file; } ST;

static int sym_get(scope *s, pv name) {
    pv v = py_dict_get(s->names, name);
    return v ? (int)SMALL(v) : 0;
}
static void sym_add(scope *s, pv name, int fl) {
    pv v = py_dict_get(s->names, name);
    if (!v) py_list_append(s->order, name);
    py_dict_set(s->names, name, MKSMALL((v ? SMALL(v) : 0) | fl));
}

static scope *scope_new(scope *parent, int kind, node *n, pv name) {
    scope *s = gc_alloc(sizeof(scope), GC_PVS);
    s->parent = parent;
    s->kind = kind;
    s->n = n;
    s->names = py_dict_new();
    s->order = py_list_new(0);
    s->name = name;
    return s;
}

static void st_stmts(ST *t, scope *s, node *n);
static void st_expr(ST *t, scope *s, node *n);

/* A chain a + b + c ... is a left spine of N_BINOP nodes, up to the parser's 1000 links. The
 * walks over it go down without a recursion per link (a hundred bytes and more of C stack
 * each, too much for a board's): spine_down turns the left links to point up and returns the
 * lowest link, whose left operand is no chain; spine_up climbs one link and restores it. */
static node *spine_down(node *n, node **up) {
    *up = NULL;
    while (n->a->kind == N_BINOP) { node *down = n->a; n->a = *up; *up = n; n = down; }
    return n;
}
static node *spine_up(node **up, node *below) {
    node *n = *up;
    *up = n->a;
    n->a = below;
    return n;
}

static void st_target(ST *t, scope *s, node *n) {
    switch (n->kind) {
    case N_NAME:
        if (sym_get(s, n->v) & (D_GLOBAL | D_NONLOCAL)) { sym_add(s, n->v, D_USE); return; }
        sym_add(s, n->v, D_LOCAL);
        return;
    case N_TUPLE: case N_LIST:
        for (node *x = n->a; x; x = x->next) st_target(t, s, x);
        return;
    case N_STAR: st_target(t, s, n->a); return;
    case N_ATTR: st_expr(t, s, n->a); return;
    case N_SUBSCR: st_expr(t, s, n->a); st_expr(t, s, n->b); return;
    default: st_expr(t, s, n); return;
    }
}

static void st_args_defaults(ST *t, scope *s, node *args) {
    for (node *a = args->a; a; a = a->next) {
        if (a->a) st_expr(t, s, a->a);
        if (a->b) st_expr(t, s, a->b);
    }
}

static void st_comp(ST *t, scope *s, node *n) {
    node *f0 = n->b;
    st_expr(t, s, f0->b);                      /* the first iterable: outer scope */
    scope *c = scope_new(s, SC_COMP, n, n->op == C_LIST ? QS(listcomp) : n->op == C_SET ? QS(setcomp) : n->op == C_DICT ? QS(dictcomp) : QS(genexpr));
    n->c = (node *)c;
    sym_add(c, QS(dot0), D_LOCAL | D_PARAM);
    if (n->op == C_GEN) c->generator = true;
    for (node *f = f0; f; f = f->next) {
        if (f != f0) st_expr(t, c, f->b);
        st_target(t, c, f->a);
        for (node *x = f->c; x; x = x->next) st_expr(t, c, x);
    }
    st_expr(t, c, n->a);
}

static void st_expr(ST *t, scope *s, node *n) {
    py_compile_check_cstack();
    for (; n; n = NULL) {
        switch (n->kind) {
        case N_NAME:
            sym_add(s, n->v, D_USE);
            if (n->v == QS(super) && s->kind == SC_FUNC && s->parent && s->parent->kind == SC_CLASS) {
                sym_add(s, QS(__class__), D_USE);
                s->parent->needs_class_cell = true;
            }
            break;
        case N_CONST: break;
        case N_LAMBDA: {
            st_args_defaults(t, s, n->a);
            scope *f = scope_new(s, SC_FUNC, n, QS(lambda));
            n->c = (node *)f;
            for (node *a = n->a->a; a; a = a->next) sym_add(f, a->v, D_LOCAL | D_PARAM);
            st_expr(t, f, n->b);
            break;
        }
        case N_COMP: st_comp(t, s, n); break;
        case N_WALRUS: {
            scope *d = s;
            while (d->kind == SC_COMP) d = d->parent;
            st_expr(t, s, n->b);
            if (d != s) {
                sym_add(d, n->a->v, D_LOCAL);
                sym_add(s, n->a->v, D_USE);
                /* the comprehension reaches it as a free variable (or global at module level) */
            } else st_target(t, s, n->a);
            break;
        }
        case N_YIELD: case N_YIELDFROM: case N_AWAIT:
            if (n->kind == N_YIELDFROM && s->coroutine) py_syntax_error(t->file, n->line, "'yield from' inside async function");
            if (n->kind == N_AWAIT && !s->coroutine) {
                scope *q = s;
                while (q && q->kind == SC_COMP) q = q->parent;
                if (!q || !q->coroutine) py_syntax_error(t->file, n->line, "'await' outside async function");
            }
            s->generator = true;
            if (s->kind == SC_MODULE || s->kind == SC_CLASS) {
                py_syntax_error(t->file, n->line, "'yield' outside function");
            }
            if (n->a) st_expr(t, s, n->a);
            break;
        case N_KW: st_expr(t, s, n->a); break;
        case N_ATTR: st_expr(t, s, n->a); break;
        case N_FMT: st_expr(t, s, n->a); if (n->b) st_expr(t, s, n->b); break;
        case N_BINOP: {
            node *up, *link = spine_down(n, &up);
            st_expr(t, s, link->a);
            st_expr(t, s, link->b);
            while (up) st_expr(t, s, (link = spine_up(&up, link))->b);
            break;
        }
        default:
            if (n->a) for (node *x = n->a; x; x = x->next) st_expr(t, s, x);
            if (n->b && n->kind != N_CMP) st_expr(t, s, n->b);
            else if (n->b) for (node *x = n->b; x; x = x->next) st_expr(t, s, x);
            if (n->c) st_expr(t, s, n->c);
            if (n->kind == N_CALL) for (node *x = n->b ? n->b->next : NULL; x; x = x->next) st_expr(t, s, x);
            break;
        }
    }
}

static void st_stmt(ST *t, scope *s, node *n) {
    py_compile_check_cstack();
    switch (n->kind) {
    case S_EXPR: st_expr(t, s, n->a); break;
    case S_ASSIGN:
        st_expr(t, s, n->b);
        for (node *x = n->a; x; x = x->next) st_target(t, s, x);
        break;
    case S_AUGASSIGN:
        st_expr(t, s, n->b);
        if (n->a->kind == N_NAME) sym_add(s, n->a->v, D_USE);
        st_target(t, s, n->a);
        break;
    case S_ANNASSIGN:
        if (n->c) { st_expr(t, s, n->c); st_target(t, s, n->a); }
        else if (n->a->kind == N_NAME) sym_add(s, n->a->v, D_LOCAL);
        break;
    case S_DEL: for (node *x = n->a; x; x = x->next) st_target(t, s, x); break;
    case S_RETURN:
        if (s->kind != SC_FUNC) py_syntax_error(t->file, n->line, "'return' outside function");
        if (n->a) st_expr(t, s, n->a);
        break;
    case S_RAISE: if (n->a) st_expr(t, s, n->a); if (n->b) st_expr(t, s, n->b); break;
    case S_GLOBAL: case S_NONLOCAL:
        for (node *x = n->a; x; x = x->next) {
            int f = sym_get(s, x->v);
            if (f & (D_LOCAL | D_USE)) {
                char m[120];
                const char *nm = py_str_data(x->v);
                strcpy(m, "name '");
                strncat(m, nm, 60);
                strcat(m, (f & D_PARAM) ? "' is parameter and " : (f & D_LOCAL) ? "' is assigned to before " : "' is used prior to ");
                strcat(m, n->kind == S_GLOBAL ? "global declaration" : "nonlocal declaration");
                py_syntax_error(t->file, n->line, m);
            }
            if (n->kind == S_NONLOCAL && s->kind == SC_MODULE) py_syntax_error(t->file, n->line, "nonlocal declaration not allowed at module level");
            sym_add(s, x->v, n->kind == S_GLOBAL ? D_GLOBAL : D_NONLOCAL);
        }
        break;
    case S_IMPORT:
        for (node *a = n->a; a; a = a->next) {
            pv nm = a->v2;
            if (!nm) {
                const char *d = py_str_data(a->v);
                const char *dot = strchr(d, '.');
                nm = dot ? py_intern(d, (size_t)(dot - d)) : a->v;
            }
            node tmp = { .kind = N_NAME, .v = nm };
            st_target(t, s, &tmp);
        }
        break;
    case S_FROM:
        for (node *a = n->a; a; a = a->next) {
            node tmp = { .kind = N_NAME, .v = a->v2 ? a->v2 : a->v };
            st_target(t, s, &tmp);
        }
        break;
    case S_ASSERT: st_expr(t, s, n->a); if (n->b) st_expr(t, s, n->b); break;
    case S_IF: case S_WHILE:
        st_expr(t, s, n->a);
        st_stmts(t, s, n->b);
        if (n->c) st_stmts(t, s, n->c);
        break;
    case S_FOR:
        st_expr(t, s, n->b);
        st_target(t, s, n->a);
        st_stmts(t, s, n->c);
        if (n->d) st_stmts(t, s, n->d);
        break;
    case S_TRY:
        st_stmts(t, s, n->a);
        for (node *h = n->b; h; h = h->next) {
            if (h->a) st_expr(t, s, h->a);
            if (h->v) sym_add(s, h->v, D_LOCAL);
            st_stmts(t, s, h->b);
        }
        if (n->c) st_stmts(t, s, n->c);
        if (n->d) st_stmts(t, s, n->d);
        break;
    case S_WITH:
        for (node *w = n->a; w; w = w->next) {
            st_expr(t, s, w->a);
            if (w->b) st_target(t, s, w->b);
        }
        st_stmts(t, s, n->b);
        break;
    case S_DEF: {
        for (node *d = n->c; d; d = d->next) st_expr(t, s, d);
        st_args_defaults(t, s, n->a);
        node tmp = { .kind = N_NAME, .v = n->v };
        st_target(t, s, &tmp);
        scope *f = scope_new(s, SC_FUNC, n, n->v);
        n->d = (node *)f;
        if (n->op) { f->generator = true; f->coroutine = true; }
        for (node *a = n->a->a; a; a = a->next) sym_add(f, a->v, D_LOCAL | D_PARAM);
        st_stmts(t, f, n->b);
        break;
    }
    case S_CLASS: {
        for (node *d = n->c; d; d = d->next) st_expr(t, s, d);
        for (node *a = n->a; a; a = a->next) st_expr(t, s, a->kind == N_KW ? a->a : a);
        node tmp = { .kind = N_NAME, .v = n->v };
        st_target(t, s, &tmp);
        scope *c = scope_new(s, SC_CLASS, n, n->v);
        n->d = (node *)c;
        st_stmts(t, c, n->b);
        break;
    }
    default: break;
    }
}

static void st_stmts(ST *t, scope *s, node *n) {
    for (; n; n = n->next) st_stmt(t, s, n);
}

/* Marks name free in s and every scope up to (not including) def, and a cell in def. */
static bool resolve_free(ST *t, scope *s, pv name) {
    for (scope *p = s->parent; p; p = p->parent) {
        if (p->kind == SC_MODULE) return false;
        int f = sym_get(p, name);
        if (p->kind == SC_CLASS) {
            if (name == QS(__class__) && p->needs_class_cell) {
                sym_add(p, name, R_CELL);
                for (scope *q = s; q != p; q = q->parent) sym_add(q, name, R_FREE);
                return true;
            }
            continue;
        }
        if (f & D_GLOBAL) return false;
        if ((f & D_LOCAL) && !(f & D_NONLOCAL)) {
            sym_add(p, name, R_CELL);
            for (scope *q = s; q != p; q = q->parent) sym_add(q, name, R_FREE);
            return true;
        }
    }
    return false;
}

static void st_resolve_all(ST *t, scope *s);
static void st_resolve(ST *t, scope *s) {
    for (size_t i = 0; i < LIST(s->order)->len; i++) {
        pv name = LIST(s->order)->items[i];
        int f = sym_get(s, name);
        if (f & D_GLOBAL) { sym_add(s, name, R_GLOBAL); continue; }
        if (f & D_NONLOCAL) {
            if (!resolve_free(t, s, name)) {
                char m[100];
                strcpy(m, "no binding for nonlocal '");
                strncat(m, py_str_data(name), 60);
                strcat(m, "' found");
                py_syntax_error(t->file, s->n ? s->n->line : 1, m);
            }
            continue;
        }
        if (s->kind == SC_MODULE) continue;
        if (f & D_LOCAL) {
            if (s->kind == SC_CLASS) continue;
            continue;
        }
        /* used only: a free variable of an enclosing function, or a global */
        if (!resolve_free(t, s, name) && s->kind != SC_CLASS) sym_add(s, name, R_GLOBAL);
    }
}
static void st_resolve_all(ST *t, scope *s) { st_resolve(t, s); }

/* visit nested scopes in creation order: scopes hang off their nodes */
static void st_walk_expr(ST *t, node *n);
static void st_walk_stmts(ST *t, node *n);
static void st_walk_expr(ST *t, node *n) {
    py_compile_check_cstack();
    for (; n; n = n->next) {
        if (n->kind == N_LAMBDA) { st_resolve_all(t, (scope *)n->c); st_walk_expr(t, n->a); st_walk_expr(t, n->b); continue; }
        if (n->kind == N_COMP) { st_resolve_all(t, (scope *)n->c); st_walk_expr(t, n->a); st_walk_expr(t, n->b); continue; }
        if (n->kind == N_ARGS || n->kind == N_ARG) { st_walk_expr(t, n->a); if (n->kind == N_ARG) st_walk_expr(t, n->b); continue; }
        if (n->kind >= S_EXPR) { st_walk_stmts(t, n); return; }
        if (n->kind == N_CONST || n->kind == N_NAME) continue;
        if (n->kind == N_BINOP) {
            node *up, *link = spine_down(n, &up);
            st_walk_expr(t, link->a);
            st_walk_expr(t, link->b);
            while (up) st_walk_expr(t, (link = spine_up(&up, link))->b);
            continue;
        }
        st_walk_expr(t, n->a);
        st_walk_expr(t, n->b);
        if (n->kind != N_COMP && n->kind != N_LAMBDA) st_walk_expr(t, n->c);
    }
}
static void st_walk_stmts(ST *t, node *n) {
    for (; n; n = n->next) {
        switch (n->kind) {
        case S_DEF:
            st_resolve_all(t, (scope *)n->d);
            st_walk_expr(t, n->a);
            st_walk_expr(t, n->c);
            st_walk_stmts(t, n->b);
            break;
        case S_CLASS:
            st_resolve_all(t, (scope *)n->d);
            st_walk_expr(t, n->a);
            st_walk_expr(t, n->c);
            st_walk_stmts(t, n->b);
            break;
        case S_FOR: st_walk_expr(t, n->a); st_walk_expr(t, n->b); st_walk_stmts(t, n->c); st_walk_stmts(t, n->d); break;
        case S_IF: case S_WHILE: st_walk_expr(t, n->a); st_walk_stmts(t, n->b); st_walk_stmts(t, n->c); break;
        case S_TRY:
            st_walk_stmts(t, n->a);
            for (node *h = n->b; h; h = h->next) { st_walk_expr(t, h->a); st_walk_stmts(t, h->b); }
            st_walk_stmts(t, n->c);
            st_walk_stmts(t, n->d);
            break;
        case S_WITH:
            for (node *w = n->a; w; w = w->next) { st_walk_expr(t, w->a); st_walk_expr(t, w->b); }
            st_walk_stmts(t, n->b);
            break;
        case S_ANNASSIGN:
            /* as the symbol pass: the annotation is not compiled, so it made no scopes */
            if (n->c) { st_walk_expr(t, n->a); st_walk_expr(t, n->c); }
            break;
        case S_ASSIGN: for (node *x = n->a; x; x = x->next) { node *nx = x->next; x->next = NULL; st_walk_expr(t, x); x->next = nx; } st_walk_expr(t, n->b); break;
        default:
            if (n->a) { if (n->kind == S_DEL || n->kind == S_GLOBAL || n->kind == S_NONLOCAL || n->kind == S_IMPORT || n->kind == S_FROM) break; node *x = n->a; node *nx = x->next; x->next = NULL; st_walk_expr(t, x); x->next = nx; }
            if (n->b) { node *x = n->b; node *nx = x->next; x->next = NULL; st_walk_expr(t, x); x->next = nx; }
            if (n->c) { node *x = n->c; node *nx = x->next; x->next = NULL; st_walk_expr(t, x); x->next = nx; }
            break;
        }
    }
}

/* ---------------- code generation ---------------- */
enum { FB_WHILE, FB_FOR, FB_TRY, FB_FINALLY, FB_HANDLER, FB_WITH };
typedef struct { int kind; int start; int *breaks; int nbreaks, capbreaks; node *fin; int hidden; bool async; } fblock;

typedef struct C {
    pv file;
    scope *sc;
    struct C *outer;
    py_buf code, lines;
    pv consts, names, varnames;
    pv constmap;              /* (type, value) -> index, to share constants */
    int depth, maxdepth;
    int curline, lastline, lastoff;
    fblock fb[32];
    int nfb;
    int nlocals_named;        /* params and locals */
    int nhidden, maxhidden;
    int cellbase, hidden_base;
    pv slotmap;               /* name -> slot index for fast, cell and free names */
    int handler_depth;
    int maxblocks;
    bool hastry, dictnames;
} C;

static void emit_line(C *c) {
    if (c->curline == c->lastline) return;
    int doff = (int)c->code.n - c->lastoff;
    int dl = c->curline - c->lastline;
    while (doff > 255) { buf_addc(&c->lines, (char)255); buf_addc(&c->lines, 0); doff -= 255; }
    while (dl > 127 || dl < -128) {
        int step = dl > 0 ? 127 : -128;
        buf_addc(&c->lines, (char)doff); buf_addc(&c->lines, (char)(int8_t)step);
        doff = 0;
        dl -= step;
    }
    buf_addc(&c->lines, (char)doff);
    buf_addc(&c->lines, (char)(int8_t)dl);
    c->lastoff = (int)c->code.n;
    c->lastline = c->curline;
}

static int effect(int op, int arg) {
    switch (op) {
    case OPC_POP_TOP: return -1;
    case OPC_DUP_TOP: return 1;
    case OPC_DUP_TOP_TWO: return 2;
    case OPC_LOAD_NONE: case OPC_LOAD_TRUE: case OPC_LOAD_FALSE: case OPC_LOAD_CONST: case OPC_LOAD_SMALL:
    case OPC_LOAD_FAST: case OPC_LOAD_DEREF: case OPC_LOAD_CLOSURE: case OPC_LOAD_GLOBAL: case OPC_LOAD_NAME:
    case OPC_LOAD_BUILD_CLASS: case OPC_LOAD_ASSERTION_ERROR: case OPC_LOAD_CLASSDEREF: return 1;
    case OPC_LOAD_FAST2: return 2;
    case OPC_BINARY_SUBSCR: return -1;
    case OPC_STORE_SUBSCR: return -3;
    case OPC_DELETE_SUBSCR: return -2;
    case OPC_RETURN_VALUE: return -1;
    case OPC_YIELD_FROM: return -1;
    case OPC_RERAISE: return -1;
    case OPC_PRINT_EXPR: return -1;
    case OPC_IMPORT_STAR: return -1;
    case OPC_WITH_SETUP: case OPC_ASYNC_WITH_SETUP: return 1;
    case OPC_GET_ANEXT: return 1;
    case OPC_SET_HANDLING: return -1;
    case OPC_ASYNC_EXIT_CHECK: return -2;
    case OPC_END_ASYNC_FOR: return -2;
    case OPC_WITH_EXIT: return -1;
    case OPC_WITH_EXIT_EXC: return -2;
    case OPC_STORE_FAST: case OPC_STORE_DEREF: case OPC_STORE_GLOBAL: case OPC_STORE_NAME: return -1;
    case OPC_DELETE_ATTR: return -1;
    case OPC_STORE_ATTR: return -2;
    case OPC_LOAD_METHOD: return 1;
    case OPC_CALL_METHOD: return -arg - 1;
    case OPC_CALL_METHOD_KW: return -arg - 2;
    case OPC_CALL: return -arg;
    case OPC_CALL_KW: return -arg - 1;
    case OPC_CALL_EX: return (arg & CE_KW) ? -2 : -1;
    case OPC_BINARY_OP: case OPC_COMPARE_OP: return -1;
    case OPC_BUILD_TUPLE: case OPC_BUILD_LIST: case OPC_BUILD_SET: case OPC_BUILD_STRING: return 1 - arg;
    case OPC_BUILD_MAP: return 1 - 2 * arg;
    case OPC_BUILD_SLICE: return 1 - arg;
    case OPC_FORMAT_VALUE: return (arg & FV_SPEC) ? -1 : 0;
    case OPC_LIST_APPEND: case OPC_SET_ADD: case OPC_LIST_EXTEND: case OPC_SET_UPDATE: case OPC_DICT_UPDATE: case OPC_DICT_MERGE: return -1;
    case OPC_MAP_ADD: return -2;
    case OPC_UNPACK_SEQUENCE: return arg - 1;
    case OPC_UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case OPC_POP_JUMP_IF_FALSE: case OPC_POP_JUMP_IF_TRUE: return -1;
    case OPC_JUMP_IF_FALSE_OR_POP: case OPC_JUMP_IF_TRUE_OR_POP: return -1;
    case OPC_FOR_ITER: return 1;
    case OPC_RAISE: return -arg;
    case OPC_MAKE_FUNCTION: return -((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1));
    case OPC_IMPORT_NAME: return -1;
    case OPC_IMPORT_FROM: return 1;
    case OPC_COMPARE_JUMP: return -2;
    default: return 0;
    }
}

static void emit(C *c, int op, int arg) {
    emit_line(c);
    buf_addc(&c->code, (char)op);
    if (OPC_HASARG(op)) { buf_addc(&c->code, (char)(arg & 0xff)); buf_addc(&c->code, (char)((arg >> 8) & 0xff)); }
    c->depth += effect(op, arg);
    if (c->depth > c->maxdepth) c->maxdepth = c->depth;
}
static void emit0(C *c, int op) { emit(c, op, 0); }
static int here(C *c) { return (int)c->code.n; }
/* the blocks open at run time where a SETUP_EXCEPT is emitted: those of the enclosing try,
 * finally and with bodies (a handler runs after its block is popped), and this one */
static int blocks_open(C *c) {
    int n = 1;
    for (int i = 0; i < c->nfb; i++) n += c->fb[i].kind == FB_TRY || c->fb[i].kind == FB_FINALLY || c->fb[i].kind == FB_WITH;
    return n;
}
static int emit_jump(C *c, int op) {
    if (op == OPC_SETUP_EXCEPT) {
        c->hastry = true;
        int n = blocks_open(c);
        if (n > c->maxblocks) c->maxblocks = n;
    }
    emit(c, op, 0xffff);
    return here(c) - 2;
}
static void patch(C *c, int at, int target) {
    if (target > 0xffff) py_syntax_error(c->file, c->curline, "function too long");
    c->code.p[at] = (char)(target & 0xff);
    c->code.p[at + 1] = (char)(target >> 8);
}
static void patch_here(C *c, int at) { patch(c, at, here(c)); }

static int add_const(C *c, pv v) {
    /* constants are shared by type and value (1 and 1.0 and True stay apart) */
    pv key = py_tuple_new(2);
    TUPLE(key)->items[0] = (pv)TYPE(v);
    TUPLE(key)->items[1] = v;
    pv k = PV_NULL;
    if (TYPE(v) == &py_str_type || TYPE(v) == &py_int_type || TYPE(v) == &py_long_type || TYPE(v) == &py_bool_type || v == PV_NONE) {
        k = py_dict_get(c->constmap, key);
        if (k) return (int)SMALL(k);
    }
    int i = (int)LIST(c->consts)->len;
    py_list_append(c->consts, v);
    if (TYPE(v) == &py_str_type || TYPE(v) == &py_int_type || TYPE(v) == &py_long_type || TYPE(v) == &py_bool_type || v == PV_NONE)
        py_dict_set(c->constmap, key, MKSMALL(i));
    return i;
}
static int add_name(C *c, pv name) {
    py_list *l = LIST(c->names);
    for (size_t i = 0; i < l->len; i++) if (l->items[i] == name) return (int)i;
    py_list_append(c->names, name);
    return (int)l->len - 1;
}
static void load_const(C *c, pv v) {
    if (v == PV_NONE) emit0(c, OPC_LOAD_NONE);
    else if (v == PV_TRUE) emit0(c, OPC_LOAD_TRUE);
    else if (v == PV_FALSE) emit0(c, OPC_LOAD_FALSE);
    else if (IS_SMALL(v) && SMALL(v) >= -32768 && SMALL(v) < 32768) emit(c, OPC_LOAD_SMALL, (int)(SMALL(v) & 0xffff));
    else emit(c, OPC_LOAD_CONST, add_const(c, v));
}

static int hidden_alloc(C *c) {
    int k = c->nhidden++;
    if (c->nhidden > c->maxhidden) c->maxhidden = c->nhidden;
    return c->hidden_base + k;
}
static void hidden_free(C *c) { c->nhidden--; }

static void expr(C *c, node *n);
static void stmts(C *c, node *n);
static void store(C *c, node *n);
static py_code *compile_scope(C *outer, scope *s, node *body, node *args, int mode);

/* name access */
enum { ACC_LOAD, ACC_STORE, ACC_DEL };
static void name_op(C *c, pv name, int acc) {
    scope *s = c->sc;
    int f = sym_get(s, name);
    pv slot = c->slotmap ? py_dict_get(c->slotmap, name) : PV_NULL;
    if ((f & (R_CELL | R_FREE)) && slot) {
        if (s->kind == SC_CLASS && acc == ACC_LOAD && !(f & R_CELL)) { emit(c, OPC_LOAD_CLASSDEREF, (int)SMALL(slot)); return; }
        if (s->kind == SC_CLASS && (f & R_CELL) && acc != ACC_LOAD && name != QS(__class__)) goto dictname;
        emit(c, acc == ACC_LOAD ? OPC_LOAD_DEREF : acc == ACC_STORE ? OPC_STORE_DEREF : OPC_DELETE_DEREF, (int)SMALL(slot));
        return;
    }
    if (s->kind == SC_FUNC || s->kind == SC_COMP) {
        if (slot && !(f & R_GLOBAL)) {
            emit(c, acc == ACC_LOAD ? OPC_LOAD_FAST : acc == ACC_STORE ? OPC_STORE_FAST : OPC_DELETE_FAST, (int)SMALL(slot));
            return;
        }
        emit(c, acc == ACC_LOAD ? OPC_LOAD_GLOBAL : acc == ACC_STORE ? OPC_STORE_GLOBAL : OPC_DELETE_GLOBAL, add_name(c, name));
        return;
    }
    if (s->kind == SC_MODULE && !c->dictnames) {
        emit(c, acc == ACC_LOAD ? OPC_LOAD_GLOBAL : acc == ACC_STORE ? OPC_STORE_GLOBAL : OPC_DELETE_GLOBAL, add_name(c, name));
        return;
    }
dictname:
    if (f & R_GLOBAL) {
        emit(c, acc == ACC_LOAD ? OPC_LOAD_GLOBAL : acc == ACC_STORE ? OPC_STORE_GLOBAL : OPC_DELETE_GLOBAL, add_name(c, name));
        return;
    }
    emit(c, acc == ACC_LOAD ? OPC_LOAD_NAME : acc == ACC_STORE ? OPC_STORE_NAME : OPC_DELETE_NAME, add_name(c, name));
}

static bool is_const(node *n) { return n->kind == N_CONST; }

/* Constant folding of arithmetic on numbers (not on strings, to keep constants small). */
static bool fold_binop(C *c, node *n) {
    if (!is_const(n->a) || !is_const(n->b)) return false;
    pv a = n->a->v, b = n->b->v;
    const py_type *ta = TYPE(a), *tb = TYPE(b);
    if ((ta != &py_int_type && ta != &py_float_type) || (tb != &py_int_type && tb != &py_float_type)) return false;
    if (n->op == OP_POW || n->op == OP_LSHIFT) return false;
    if ((n->op == OP_TRUEDIV || n->op == OP_FLOORDIV || n->op == OP_MOD) && py_to_double(b) == 0) return false;
    /* an operation that raises (1 & 2.0, 1 >> -1) is left to raise when it runs, if it runs */
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) {
        py_try_catch(&t);
        return false;
    }
    pv r = py_binop(n->op, a, b);
    py_try_end(&t);
    load_const(c, r);
    return true;
}

/* a + b + c ...: the lowest link (its constants folded), then each link above, by a loop */
static void binop_chain(C *c, node *n) {
    node *up, *link = spine_down(n, &up);
    c->curline = link->line ? link->line : c->curline;
    if (!fold_binop(c, link)) {
        expr(c, link->a);
        expr(c, link->b);
        emit(c, OPC_BINARY_OP, link->op);
    }
    while (up) {
        link = spine_up(&up, link);
        c->curline = link->line ? link->line : c->curline;
        expr(c, link->b);
        emit(c, OPC_BINARY_OP, link->op);
    }
}

static void call_args(C *c, node *args, int extra, int op_plain, int op_kw);

static void compile_fstr(C *c, node *n) {
    int k = 0;
    for (node *x = n->a; x; x = x->next, k++) {
        if (x->kind == N_CONST) { load_const(c, x->v); continue; }
        expr(c, x->a);
        int fl = x->op == 's' ? FV_STR : x->op == 'r' ? FV_REPR : x->op == 'a' ? FV_ASCII : 0;
        if (x->b) { compile_fstr(c, x->b); fl |= FV_SPEC; }
        emit(c, OPC_FORMAT_VALUE, fl);
    }
    if (k == 0) load_const(c, QS(_empty));
    else if (k > 1) emit(c, OPC_BUILD_STRING, k);
    else if (n->a->kind == N_CONST) {}
}

static void make_function(C *c, scope *s, node *args, node *body, int mode) {
    int flags = 0;
    int ndef = 0;
    if (args) {
        for (node *a = args->a; a; a = a->next) if (a->op == A_POS && a->a) { expr(c, a->a); ndef++; }
        if (ndef) { emit(c, OPC_BUILD_TUPLE, ndef); flags |= MF_DEFAULTS; }
        int nkw = 0;
        for (node *a = args->a; a; a = a->next)
            if (a->op == A_KWONLY && a->a) { load_const(c, a->v); expr(c, a->a); nkw++; }
        if (nkw) { emit(c, OPC_BUILD_MAP, nkw); flags |= MF_KWDEFAULTS; }
    }
    py_code *code = compile_scope(c, s, body, args, mode);
    if (code->nfree) {
        pv fv = code->varnames;
        for (int i = 0; i < code->nfree; i++) {
            pv name = TUPLE(fv)->items[code->nlocals + code->ncells + i];
            pv slot = py_dict_get(c->slotmap, name);
            if (!slot) py_syntax_error(c->file, c->curline, "internal error: free variable without a cell");
            emit(c, OPC_LOAD_CLOSURE, (int)SMALL(slot));
        }
        emit(c, OPC_BUILD_TUPLE, code->nfree);
        flags |= MF_CLOSURE;
    }
    emit(c, OPC_LOAD_CONST, add_const(c, (pv)code));
    emit(c, OPC_MAKE_FUNCTION, flags);
    c->depth -= 0;
}

static void compile_comp(C *c, node *n) {
    scope *s = (scope *)n->c;
    make_function(c, s, NULL, n, 3);
    expr(c, n->b->b);
    emit0(c, OPC_GET_ITER);
    emit(c, OPC_CALL, 1);
}

static void compare_chain(C *c, node *n) {
    expr(c, n->a);
    node *it = n->b;
    if (!it->next) {
        expr(c, it->a);
        emit(c, OPC_COMPARE_OP, it->op);
        return;
    }
    int ends[32], ne = 0;
    for (; it; it = it->next) {
        expr(c, it->a);
        if (it->next) {
            emit0(c, OPC_DUP_TOP);
            emit0(c, OPC_ROT_THREE);
            emit(c, OPC_COMPARE_OP, it->op);
            if (ne < 32) ends[ne++] = emit_jump(c, OPC_JUMP_IF_FALSE_OR_POP);
        } else {
            emit(c, OPC_COMPARE_OP, it->op);
        }
    }
    int j = emit_jump(c, OPC_JUMP);
    for (int i = 0; i < ne; i++) patch_here(c, ends[i]);
    /* a failed link leaves [x, False]: drop x */
    c->depth += 1;
    emit0(c, OPC_ROT_TWO);
    emit0(c, OPC_POP_TOP);
    patch_here(c, j);
}

/* Jumps to target when the truth of n equals cond (no value left on the stack). */
static void jump_if(C *c, node *n, bool cond, int *patches, int *np);
static void cond_jump(C *c, node *n, bool cond, int *patches, int *np) {
    if (n->kind == N_NOT) { cond_jump(c, n->a, !cond, patches, np); return; }
    if (n->kind == N_CMP && !n->b->next && (n->b->op <= CMP_GE) && !cond) {
        expr(c, n->a);
        expr(c, n->b->a);
        emit_line(c);
        buf_addc(&c->code, OPC_COMPARE_JUMP);
        buf_addc(&c->code, 0); buf_addc(&c->code, 0);
        buf_addc(&c->code, (char)n->b->op);
        c->depth -= 2;
        patches[(*np)++] = here(c) - 3;
        return;
    }
    jump_if(c, n, cond, patches, np);
}
static void jump_if(C *c, node *n, bool cond, int *patches, int *np) {
    expr(c, n);
    patches[(*np)++] = emit_jump(c, cond ? OPC_POP_JUMP_IF_TRUE : OPC_POP_JUMP_IF_FALSE);
}

static void expr(C *c, node *n) {
    py_compile_check_cstack();
    int saved = c->curline;
    c->curline = n->line ? n->line : c->curline;
    switch (n->kind) {
    case N_CONST: load_const(c, n->v); break;
    case N_NAME: name_op(c, n->v, ACC_LOAD); break;
    case N_FSTR: compile_fstr(c, n); break;
    case N_BINOP: binop_chain(c, n); break;
    case N_UNARY:
        if (is_const(n->a) && (TYPE(n->a->v) == &py_int_type || TYPE(n->a->v) == &py_float_type || TYPE(n->a->v) == &py_long_type) && n->op == U_NEG) {
            load_const(c, py_unary(U_NEG, n->a->v));
            break;
        }
        expr(c, n->a);
        emit0(c, n->op == U_NEG ? OPC_UNARY_NEG : n->op == U_POS ? OPC_UNARY_POS : OPC_UNARY_INV);
        break;
    case N_NOT: expr(c, n->a); emit0(c, OPC_UNARY_NOT); break;
    case N_AND: case N_OR: {
        int p[64], np = 0;
        for (node *x = n->a; x; x = x->next) {
            expr(c, x);
            if (x->next && np < 64) p[np++] = emit_jump(c, n->kind == N_AND ? OPC_JUMP_IF_FALSE_OR_POP : OPC_JUMP_IF_TRUE_OR_POP);
        }
        for (int i = 0; i < np; i++) patch_here(c, p[i]);
        break;
    }
    case N_CMP: compare_chain(c, n); break;
    case N_IFEXP: {
        int p[64], np = 0;
        cond_jump(c, n->a, false, p, &np);
        expr(c, n->b);
        int j = emit_jump(c, OPC_JUMP);
        for (int i = 0; i < np; i++) patch_here(c, p[i]);
        c->depth--;
        expr(c, n->c);
        patch_here(c, j);
        break;
    }
    case N_LAMBDA: {
        make_function(c, (scope *)n->c, n->a, n->b, 2);
        break;
    }
    case N_CALL: {
        node *f = n->a;
        if (f->kind == N_NAME && f->v == QS(super) && !n->b && c->sc->kind == SC_FUNC && (sym_get(c->sc, QS(__class__)) & R_FREE) && c->varnames && LIST(c->varnames)->len > 0 && c->sc->n && c->sc->n->kind == S_DEF && c->sc->n->a->a) {
            name_op(c, f->v, ACC_LOAD);
            name_op(c, QS(__class__), ACC_LOAD);
            name_op(c, c->sc->n->a->a->v, ACC_LOAD);
            emit(c, OPC_CALL, 2);
            break;
        }
        if (f->kind == N_ATTR) {
            bool simple = true;
            for (node *a = n->b; a; a = a->next) if (a->kind == N_STAR || a->kind == N_DSTAR) simple = false;
            if (simple) {
                expr(c, f->a);
                c->curline = f->line;
                emit(c, OPC_LOAD_METHOD, add_name(c, f->v));
                call_args(c, n->b, 0, OPC_CALL_METHOD, OPC_CALL_METHOD_KW);
                break;
            }
        }
        expr(c, f);
        call_args(c, n->b, 0, OPC_CALL, OPC_CALL_KW);
        break;
    }
    case N_ATTR:
        expr(c, n->a);
        emit(c, OPC_LOAD_ATTR, add_name(c, n->v));
        break;
    case N_SUBSCR:
        expr(c, n->a);
        expr(c, n->b);
        emit0(c, OPC_BINARY_SUBSCR);
        break;
    case N_SLICE: {
        if (n->a) expr(c, n->a); else emit0(c, OPC_LOAD_NONE);
        if (n->b) expr(c, n->b); else emit0(c, OPC_LOAD_NONE);
        if (n->c) { expr(c, n->c); emit(c, OPC_BUILD_SLICE, 3); }
        else emit(c, OPC_BUILD_SLICE, 2);
        break;
    }
    case N_TUPLE: case N_LIST: case N_SET: {
        bool star = false;
        int k = 0;
        for (node *x = n->a; x; x = x->next, k++) if (x->kind == N_STAR) star = true;
        if (!star) {
            /* a tuple of constants is one constant */
            if (n->kind == N_TUPLE && k > 0) {
                bool allc = true;
                for (node *x = n->a; x; x = x->next) if (!is_const(x)) allc = false;
                if (allc) {
                    pv t = py_tuple_new((size_t)k);
                    int i = 0;
                    for (node *x = n->a; x; x = x->next) TUPLE(t)->items[i++] = x->v;
                    emit(c, OPC_LOAD_CONST, add_const(c, t));
                    break;
                }
            }
            for (node *x = n->a; x; x = x->next) expr(c, x);
            emit(c, n->kind == N_TUPLE ? OPC_BUILD_TUPLE : n->kind == N_LIST ? OPC_BUILD_LIST : OPC_BUILD_SET, k);
            break;
        }
        emit(c, n->kind == N_SET ? OPC_BUILD_SET : OPC_BUILD_LIST, 0);
        for (node *x = n->a; x; x = x->next) {
            if (x->kind == N_STAR) { expr(c, x->a); emit(c, n->kind == N_SET ? OPC_SET_UPDATE : OPC_LIST_EXTEND, 1); }
            else { expr(c, x); emit(c, n->kind == N_SET ? OPC_SET_ADD : OPC_LIST_APPEND, 1); }
        }
        if (n->kind == N_TUPLE) emit0(c, OPC_LIST_TO_TUPLE);
        break;
    }
    case N_DICT: {
        int k = 0;
        bool ds = false;
        for (node *x = n->a; x; x = x->next) if (x->kind == N_DSTAR) ds = true;
        if (!ds) {
            for (node *x = n->a; x; x = x->next, k++) { expr(c, x->a); expr(c, x->b); }
            emit(c, OPC_BUILD_MAP, k);
            break;
        }
        emit(c, OPC_BUILD_MAP, 0);
        for (node *x = n->a; x; x = x->next) {
            if (x->kind == N_DSTAR) { expr(c, x->a); emit(c, OPC_DICT_UPDATE, 1); }
            else { expr(c, x->a); expr(c, x->b); emit(c, OPC_MAP_ADD, 1); }
        }
        break;
    }
    case N_COMP: compile_comp(c, n); break;
    case N_STAR: py_syntax_error(c->file, n->line, "can't use starred expression here");
    case N_YIELD:
        if (n->a) expr(c, n->a); else emit0(c, OPC_LOAD_NONE);
        emit0(c, OPC_YIELD_VALUE);
        break;
    case N_YIELDFROM:
        expr(c, n->a);
        emit0(c, OPC_GET_YIELD_FROM_ITER);
        emit0(c, OPC_LOAD_NONE);
        emit0(c, OPC_YIELD_FROM);
        break;
    case N_AWAIT:
        expr(c, n->a);
        emit0(c, OPC_GET_AWAITABLE);
        emit0(c, OPC_LOAD_NONE);
        emit0(c, OPC_YIELD_FROM);
        break;
    case N_WALRUS:
        expr(c, n->b);
        emit0(c, OPC_DUP_TOP);
        {
            scope *s = c->sc;
            if (s->kind == SC_COMP && !py_dict_get(c->slotmap, n->a->v)) {
                /* binds in the enclosing function (a free variable here) or module */
                emit(c, OPC_STORE_GLOBAL, add_name(c, n->a->v));
            } else store(c, n->a);
        }
        break;
    default:
        py_syntax_error(c->file, n->line, "invalid syntax");
    }
    c->curline = saved;
}

static void call_args(C *c, node *args, int extra, int op_plain, int op_kw) {
    int npos = 0, nkw = 0;
    bool star = false;
    for (node *a = args; a; a = a->next) {
        if (a->kind == N_STAR || a->kind == N_DSTAR) star = true;
        else if (a->kind == N_KW) nkw++;
        else { if (nkw) py_syntax_error(c->file, a->line, "positional argument follows keyword argument"); npos++; }
    }
    if (!star) {
        for (node *a = args; a; a = a->next) if (a->kind != N_KW) expr(c, a);
        if (!nkw) { emit(c, op_plain, npos + extra); return; }
        pv names = py_tuple_new((size_t)nkw);
        int i = 0;
        for (node *a = args; a; a = a->next) if (a->kind == N_KW) {
            for (int j = 0; j < i; j++) if (TUPLE(names)->items[j] == a->v) py_syntax_error(c->file, a->line, "keyword argument repeated");
            TUPLE(names)->items[i++] = a->v;
            expr(c, a->a);
        }
        emit(c, OPC_LOAD_CONST, add_const(c, names));
        emit(c, op_kw, npos + nkw + extra);
        return;
    }
    /* f(*a, **k): build a tuple and a dict, then CALL_EX */
    emit(c, OPC_BUILD_LIST, 0);
    for (node *a = args; a; a = a->next) {
        if (a->kind == N_STAR) { expr(c, a->a); emit(c, OPC_LIST_EXTEND, 2); }
        else if (a->kind != N_KW && a->kind != N_DSTAR) { expr(c, a); emit(c, OPC_LIST_APPEND, 1); }
    }
    emit0(c, OPC_LIST_TO_TUPLE);
    bool kw = false;
    for (node *a = args; a; a = a->next) if (a->kind == N_KW || a->kind == N_DSTAR) kw = true;
    if (kw) {
        emit(c, OPC_BUILD_MAP, 0);
        for (node *a = args; a; a = a->next) {
            if (a->kind == N_KW) { load_const(c, a->v); expr(c, a->a); emit(c, OPC_BUILD_MAP, 1); emit(c, OPC_DICT_MERGE, 1); }
            else if (a->kind == N_DSTAR) { expr(c, a->a); emit(c, OPC_DICT_MERGE, 1); }
        }
    }
    if (op_plain == OPC_CALL_METHOD) py_syntax_error(c->file, c->curline, "internal error");
    emit(c, OPC_CALL_EX, kw ? CE_KW : 0);
}

static void store(C *c, node *n) {
    switch (n->kind) {
    case N_NAME: name_op(c, n->v, ACC_STORE); break;
    case N_ATTR:
        expr(c, n->a);
        emit(c, OPC_STORE_ATTR, add_name(c, n->v));
        break;
    case N_SUBSCR:
        expr(c, n->a);
        expr(c, n->b);
        emit0(c, OPC_STORE_SUBSCR);
        break;
    case N_TUPLE: case N_LIST: {
        int k = 0, before = -1;
        for (node *x = n->a; x; x = x->next, k++) if (x->kind == N_STAR) {
            if (before >= 0) py_syntax_error(c->file, n->line, "multiple starred expressions in assignment");
            before = k;
        }
        if (before < 0) emit(c, OPC_UNPACK_SEQUENCE, k);
        else emit(c, OPC_UNPACK_EX, before | ((k - before - 1) << 8));
        for (node *x = n->a; x; x = x->next) store(c, x->kind == N_STAR ? x->a : x);
        break;
    }
    case N_STAR: py_syntax_error(c->file, n->line, "starred assignment target must be in a list or tuple");
    default: py_syntax_error(c->file, n->line, "cannot assign to expression");
    }
}

static void del_target(C *c, node *n) {
    switch (n->kind) {
    case N_NAME: name_op(c, n->v, ACC_DEL); break;
    case N_ATTR: expr(c, n->a); emit(c, OPC_DELETE_ATTR, add_name(c, n->v)); break;
    case N_SUBSCR: expr(c, n->a); expr(c, n->b); emit0(c, OPC_DELETE_SUBSCR); break;
    case N_TUPLE: case N_LIST: for (node *x = n->a; x; x = x->next) del_target(c, x); break;
    default: py_syntax_error(c->file, n->line, "cannot delete expression");
    }
}

static fblock *fb_push(C *c, int kind) {
    if (c->nfb >= 32) py_syntax_error(c->file, c->curline, "too many statically nested blocks");
    fblock *f = &c->fb[c->nfb++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    return f;
}
static void fb_addbreak(C *c, fblock *f, int at) {
    if (f->nbreaks == f->capbreaks) {
        f->capbreaks = f->capbreaks ? f->capbreaks * 2 : 8;
        f->breaks = gc_realloc(f->breaks, (size_t)f->capbreaks * sizeof(int), GC_RAW);
    }
    f->breaks[f->nbreaks++] = at;
}

static void emit_await(C *c) {
    emit0(c, OPC_GET_AWAITABLE);
    emit0(c, OPC_LOAD_NONE);
    emit0(c, OPC_YIELD_FROM);
}
/* [exit] -> awaits exit(None, None, None) -> [] */
static void emit_async_exit(C *c) {
    emit0(c, OPC_LOAD_NONE);
    emit0(c, OPC_DUP_TOP);
    emit0(c, OPC_DUP_TOP);
    emit(c, OPC_CALL, 3);
    emit_await(c);
    emit0(c, OPC_POP_TOP);
}

static void emit_handled_restore_below(C *c, int i);
/* Leaves the blocks above index `upto` (exclusive), innermost first, running finally bodies
 * and __exit__ calls. `value` says a return value sits on the stack. */
static void unwind(C *c, int upto, bool value, bool for_return) {
    for (int i = c->nfb - 1; i > upto; i--) {
        fblock *f = &c->fb[i];
        switch (f->kind) {
        case FB_FOR:
            if (!for_return) emit0(c, OPC_POP_TOP);
            else { if (value) emit0(c, OPC_ROT_TWO); emit0(c, OPC_POP_TOP); }
            break;
        case FB_TRY: emit0(c, OPC_POP_BLOCK); break;
        case FB_WITH:
            emit0(c, OPC_POP_BLOCK);
            if (value) emit0(c, OPC_ROT_TWO);
            if (f->async) emit_async_exit(c);
            else emit0(c, OPC_WITH_EXIT);
            break;
        case FB_FINALLY: {
            emit0(c, OPC_POP_BLOCK);
            /* the finally body runs outside this block */
            fblock saved = *f;
            int savedn = c->nfb;
            c->nfb = i;
            stmts(c, saved.fin);
            c->nfb = savedn;
            *f = saved;
            break;
        }
        /* out of an except clause by break, continue or return: as at its end */
        case FB_HANDLER: emit_handled_restore_below(c, i); break;
        default: break;
        }
    }
}

/* after an except clause (blocks from index i up left): the exception an enclosing clause
 * handles, if any, is current again, else none (or the caller's, when the frame returns) */
static void emit_handled_restore_below(C *c, int i) {
    int outer = -1;
    while (i-- > 0) if (c->fb[i].kind == FB_HANDLER) { outer = c->fb[i].hidden; break; }
    if (outer >= 0) emit(c, OPC_LOAD_FAST, outer); else emit0(c, OPC_LOAD_NONE);
    emit0(c, OPC_SET_HANDLING);
}
static void emit_handled_restore(C *c) { emit_handled_restore_below(c, c->nfb); }

static void compile_try(C *c, node *n) {
    if (n->d) {
        /* try: ... finally: -- the except part (if any) nested inside */
        int setup = emit_jump(c, OPC_SETUP_EXCEPT);
        fblock *f = fb_push(c, FB_FINALLY);
        f->fin = n->d;
        int base_depth = c->depth;
        if (n->b) {
            node inner = *n;
            inner.d = NULL;
            compile_try(c, &inner);
        } else stmts(c, n->a);
        c->nfb--;
        emit0(c, OPC_POP_BLOCK);
        stmts(c, n->d);
        int j = emit_jump(c, OPC_JUMP);
        patch_here(c, setup);
        c->depth = base_depth + 1;
        if (c->depth > c->maxdepth) c->maxdepth = c->depth;
        int h = hidden_alloc(c);
        emit(c, OPC_STORE_FAST, h);
        fblock *hf = fb_push(c, FB_HANDLER);
        hf->hidden = h;
        stmts(c, n->d);
        c->nfb--;
        emit(c, OPC_LOAD_FAST, h);
        emit0(c, OPC_RERAISE);
        hidden_free(c);
        patch_here(c, j);
        return;
    }
    int setup = emit_jump(c, OPC_SETUP_EXCEPT);
    fb_push(c, FB_TRY);
    int base_depth = c->depth;
    stmts(c, n->a);
    c->nfb--;
    emit0(c, OPC_POP_BLOCK);
    int jelse = emit_jump(c, OPC_JUMP);
    patch_here(c, setup);
    c->depth = base_depth + 1;
    if (c->depth > c->maxdepth) c->maxdepth = c->depth;
    int h = hidden_alloc(c);
    emit(c, OPC_STORE_FAST, h);
    int ends[64], ne = 0;
    for (node *hd = n->b; hd; hd = hd->next) {
        int next = -1;
        c->curline = hd->line;
        if (hd->a) {
            emit(c, OPC_LOAD_FAST, h);
            expr(c, hd->a);
            emit(c, OPC_COMPARE_OP, CMP_EXC);
            next = emit_jump(c, OPC_POP_JUMP_IF_FALSE);
        } else if (hd->next) py_syntax_error(c->file, hd->line, "default 'except:' must be last");
        if (hd->v) {
            emit(c, OPC_LOAD_FAST, h);
            name_op(c, hd->v, ACC_STORE);
        }
        fblock *hf = fb_push(c, FB_HANDLER);
        hf->hidden = h;
        stmts(c, hd->b);
        c->nfb--;
        emit_handled_restore(c);
        if (hd->v) {
            emit0(c, OPC_LOAD_NONE);
            name_op(c, hd->v, ACC_STORE);
            name_op(c, hd->v, ACC_DEL);
        }
        if (ne < 64) ends[ne++] = emit_jump(c, OPC_JUMP);
        if (next >= 0) patch_here(c, next);
    }
    emit(c, OPC_LOAD_FAST, h);
    emit0(c, OPC_RERAISE);
    hidden_free(c);
    patch_here(c, jelse);
    if (n->c) stmts(c, n->c);
    for (int i = 0; i < ne; i++) patch_here(c, ends[i]);
}

static void compile_with(C *c, node *items, node *body, bool async) {
    int d0 = c->depth;
    expr(c, items->a);
    if (async) {
        emit0(c, OPC_ASYNC_WITH_SETUP);     /* mgr -> exit, __aenter__() */
        emit_await(c);
    } else emit0(c, OPC_WITH_SETUP);        /* mgr -> exit, enter() */
    if (items->b) store(c, items->b); else emit0(c, OPC_POP_TOP);
    int setup = emit_jump(c, OPC_SETUP_EXCEPT);
    fblock *fb = fb_push(c, FB_WITH);
    fb->async = async;
    if (items->next) compile_with(c, items->next, body, async);
    else stmts(c, body);
    c->nfb--;
    emit0(c, OPC_POP_BLOCK);
    if (async) emit_async_exit(c);
    else emit0(c, OPC_WITH_EXIT);
    int j = emit_jump(c, OPC_JUMP);
    patch_here(c, setup);
    /* the handler: [exit, exc] */
    c->depth = d0 + 2;
    if (c->depth > c->maxdepth) c->maxdepth = c->depth;
    if (async) {
        emit0(c, OPC_ASYNC_EXIT_CALL);      /* -> [exc, awaitable] */
        emit_await(c);
        emit0(c, OPC_ASYNC_EXIT_CHECK);     /* re-raises exc unless the result is true */
    } else emit0(c, OPC_WITH_EXIT_EXC);
    patch_here(c, j);
    c->depth = d0;
}

static int loop_index(C *c) {
    for (int i = c->nfb - 1; i >= 0; i--) if (c->fb[i].kind == FB_WHILE || c->fb[i].kind == FB_FOR) return i;
    return -1;
}

static void compile_async_for(C *c, node *n) {
    expr(c, n->b);
    emit0(c, OPC_GET_AITER);
    int top = here(c);
    fblock *f = fb_push(c, FB_FOR);
    f->start = top;
    int setup = emit_jump(c, OPC_SETUP_EXCEPT);
    int d1 = c->depth;
    emit0(c, OPC_GET_ANEXT);                /* [aiter, awaitable] */
    emit_await(c);
    emit0(c, OPC_POP_BLOCK);
    store(c, n->a);
    stmts(c, n->c);
    emit(c, OPC_JUMP, top);
    patch_here(c, setup);
    c->depth = d1 + 1;
    if (c->depth > c->maxdepth) c->maxdepth = c->depth;
    emit0(c, OPC_END_ASYNC_FOR);            /* [aiter, exc]: StopAsyncIteration ends the loop */
    fblock done = c->fb[c->nfb - 1];
    c->nfb--;
    if (n->d) stmts(c, n->d);
    for (int i = 0; i < done.nbreaks; i++) patch_here(c, done.breaks[i]);
}


/* Whether the expression is a name held in a fast local slot of the function being compiled
 * (not a cell, free, global or class-body name): loading it twice gives the same object. */
static bool is_fast_local(C *c, node *e) {
    if (e->kind != N_NAME || (c->sc->kind != SC_FUNC && c->sc->kind != SC_COMP) || !c->slotmap) return false;
    int f = sym_get(c->sc, e->v);
    return py_dict_get(c->slotmap, e->v) && !(f & (R_CELL | R_FREE | R_GLOBAL));
}

static void stmt(C *c, node *n) {
    py_compile_check_cstack();
    c->curline = n->line;
    switch (n->kind) {
    case S_EXPR:
        if (n->a->kind == N_CONST && c->sc->kind != SC_MODULE) break;
        expr(c, n->a);
        emit0(c, c->sc->kind == SC_MODULE && c->outer == NULL && c->code.n == (size_t)-1 ? OPC_PRINT_EXPR : OPC_POP_TOP);
        break;
    case S_ASSIGN: {
        /* a, b = x, y without building a tuple */
        node *t = n->a, *v = n->b;
        if (!t->next && (t->kind == N_TUPLE || t->kind == N_LIST) && v->kind == N_TUPLE) {
            int kt = 0, kv = 0;
            bool star = false;
            for (node *x = t->a; x; x = x->next) { kt++; if (x->kind == N_STAR) star = true; }
            for (node *x = v->a; x; x = x->next) { kv++; if (x->kind == N_STAR) star = true; }
            if (!star && kt == kv && kt <= 3 && kt >= 2) {
                for (node *x = v->a; x; x = x->next) expr(c, x);
                emit0(c, kt == 2 ? OPC_ROT_TWO : OPC_ROT_THREE);
                if (kt == 3) { /* [a b c] -> ROT_THREE gives [c a b]; want top a */ emit0(c, OPC_ROT_TWO); }
                for (node *x = t->a; x; x = x->next) store(c, x);
                break;
            }
        }
        expr(c, v);
        for (node *x = t; x; x = x->next) {
            if (x->next) emit0(c, OPC_DUP_TOP);
            store(c, x);
        }
        break;
    }
    case S_AUGASSIGN: {
        node *t = n->a;
        if (t->kind == N_NAME) {
            int f = sym_get(c->sc, t->v);
            pv slot = c->slotmap ? py_dict_get(c->slotmap, t->v) : PV_NULL;
            if (n->op == OP_ADD && (c->sc->kind == SC_FUNC || c->sc->kind == SC_COMP) && slot && !(f & (R_CELL | R_FREE | R_GLOBAL)) &&
                n->b->kind == N_CONST && IS_SMALL(n->b->v) && SMALL(n->b->v) >= -128 && SMALL(n->b->v) < 128) {
                emit_line(c);
                buf_addc(&c->code, OPC_INCR_FAST);
                buf_addc(&c->code, (char)(SMALL(slot) & 0xff)); buf_addc(&c->code, (char)(SMALL(slot) >> 8));
                buf_addc(&c->code, (char)(int8_t)SMALL(n->b->v));
                break;
            }
            name_op(c, t->v, ACC_LOAD);
            expr(c, n->b);
            emit(c, OPC_BINARY_OP, n->op | OP_INPLACE);
            name_op(c, t->v, ACC_STORE);
        } else if (t->kind == N_ATTR && is_fast_local(c, t->a) && (n->b->kind == N_CONST || n->b->kind == N_NAME)) {
            /* self.n += k: the object is a local that nothing in between can rebind (the
             * operand is a constant or a name), so it is loaded again to store, instead of
             * kept under the value by DUP_TOP and ROT_TWO: two instructions fewer */
            expr(c, t->a);
            emit(c, OPC_LOAD_ATTR, add_name(c, t->v));
            expr(c, n->b);
            emit(c, OPC_BINARY_OP, n->op | OP_INPLACE);
            expr(c, t->a);
            emit(c, OPC_STORE_ATTR, add_name(c, t->v));
        } else if (t->kind == N_ATTR) {
            expr(c, t->a);
            emit0(c, OPC_DUP_TOP);
            emit(c, OPC_LOAD_ATTR, add_name(c, t->v));
            expr(c, n->b);
            emit(c, OPC_BINARY_OP, n->op | OP_INPLACE);
            emit0(c, OPC_ROT_TWO);
            emit(c, OPC_STORE_ATTR, add_name(c, t->v));
        } else {
            expr(c, t->a);
            expr(c, t->b);
            emit0(c, OPC_DUP_TOP_TWO);
            emit0(c, OPC_BINARY_SUBSCR);
            expr(c, n->b);
            emit(c, OPC_BINARY_OP, n->op | OP_INPLACE);
            emit0(c, OPC_ROT_THREE);
            emit0(c, OPC_STORE_SUBSCR);
        }
        break;
    }
    case S_ANNASSIGN:
        if (n->c) { expr(c, n->c); store(c, n->a); }
        break;
    case S_DEL: for (node *x = n->a; x; x = x->next) del_target(c, x); break;
    case S_PASS: break;
    case S_BREAK: case S_CONTINUE: {
        int li = loop_index(c);
        if (li < 0) py_syntax_error(c->file, n->line, n->kind == S_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
        unwind(c, li, false, false);
        fblock *f = &c->fb[li];
        if (n->kind == S_BREAK) {
            if (f->kind == FB_FOR) emit0(c, OPC_POP_TOP), c->depth++;
            fb_addbreak(c, f, emit_jump(c, OPC_JUMP));
        } else emit(c, OPC_JUMP, f->start);
        break;
    }
    case S_RETURN:
        if (c->sc->kind != SC_FUNC) py_syntax_error(c->file, n->line, "'return' outside function");
        if (n->a) expr(c, n->a); else emit0(c, OPC_LOAD_NONE);
        unwind(c, -1, true, true);
        emit0(c, OPC_RETURN_VALUE);
        c->depth++;
        break;
    case S_RAISE:
        if (!n->a) {
            int h = -1;
            for (int i = c->nfb - 1; i >= 0; i--) if (c->fb[i].kind == FB_HANDLER) { h = c->fb[i].hidden; break; }
            if (h >= 0) { emit(c, OPC_LOAD_FAST, h); emit0(c, OPC_RERAISE); c->depth++; }
            else emit(c, OPC_RAISE, 0);
            break;
        }
        expr(c, n->a);
        if (n->b) { expr(c, n->b); emit(c, OPC_RAISE, 2); }
        else emit(c, OPC_RAISE, 1);
        break;
    case S_GLOBAL: case S_NONLOCAL: break;
    case S_IMPORT:
        for (node *a = n->a; a; a = a->next) {
            load_const(c, MKSMALL(0));
            emit0(c, OPC_LOAD_NONE);
            emit(c, OPC_IMPORT_NAME, add_name(c, a->v));
            const char *d = py_str_data(a->v);
            const char *dot = strchr(d, '.');
            if (a->v2) {
                /* import a.b as c binds the submodule */
                while (dot) {
                    const char *nd = strchr(dot + 1, '.');
                    size_t l = nd ? (size_t)(nd - dot - 1) : strlen(dot + 1);
                    emit(c, OPC_LOAD_ATTR, add_name(c, py_intern(dot + 1, l)));
                    dot = nd;
                }
                name_op(c, a->v2, ACC_STORE);
            } else name_op(c, dot ? py_intern(d, (size_t)(dot - d)) : a->v, ACC_STORE);
        }
        break;
    case S_FROM: {
        load_const(c, MKSMALL(n->op));
        int k = 0;
        for (node *a = n->a; a; a = a->next) k++;
        if (!n->a) {
            pv t = py_tuple_new(1);
            TUPLE(t)->items[0] = py_intern("*", 1);
            emit(c, OPC_LOAD_CONST, add_const(c, t));
            emit(c, OPC_IMPORT_NAME, add_name(c, n->v));
            emit0(c, OPC_IMPORT_STAR);
            break;
        }
        pv t = py_tuple_new((size_t)k);
        k = 0;
        for (node *a = n->a; a; a = a->next) TUPLE(t)->items[k++] = a->v;
        emit(c, OPC_LOAD_CONST, add_const(c, t));
        emit(c, OPC_IMPORT_NAME, add_name(c, n->v));
        for (node *a = n->a; a; a = a->next) {
            emit(c, OPC_IMPORT_FROM, add_name(c, a->v));
            name_op(c, a->v2 ? a->v2 : a->v, ACC_STORE);
        }
        emit0(c, OPC_POP_TOP);
        break;
    }
    case S_ASSERT: {
        int p[64], np = 0;
        cond_jump(c, n->a, true, p, &np);
        emit0(c, OPC_LOAD_ASSERTION_ERROR);
        if (n->b) { expr(c, n->b); emit(c, OPC_CALL, 1); }
        emit(c, OPC_RAISE, 1);
        for (int i = 0; i < np; i++) patch_here(c, p[i]);
        break;
    }
    case S_IF: {
        if (n->a->kind == N_CONST && !n->c && !py_truth(n->a->v)) break;
        int p[64], np = 0;
        cond_jump(c, n->a, false, p, &np);
        stmts(c, n->b);
        if (n->c) {
            int j = emit_jump(c, OPC_JUMP);
            for (int i = 0; i < np; i++) patch_here(c, p[i]);
            if (n->c->kind == S_IF && !n->c->next) stmt(c, n->c); else stmts(c, n->c);
            patch_here(c, j);
        } else for (int i = 0; i < np; i++) patch_here(c, p[i]);
        break;
    }
    case S_WHILE: {
        int top = here(c);
        fblock *f = fb_push(c, FB_WHILE);
        f->start = top;
        int p[64], np = 0;
        bool forever = n->a->kind == N_CONST && py_truth(n->a->v);
        if (!forever) cond_jump(c, n->a, false, p, &np);
        stmts(c, n->b);
        emit(c, OPC_JUMP, top);
        f = &c->fb[c->nfb - 1];
        for (int i = 0; i < np; i++) patch_here(c, p[i]);
        fblock done = *f;
        c->nfb--;
        if (n->c) stmts(c, n->c);
        for (int i = 0; i < done.nbreaks; i++) patch_here(c, done.breaks[i]);
        break;
    }
    case S_FOR: {
        if (n->op == 1) { compile_async_for(c, n); break; }
        expr(c, n->b);
        emit0(c, OPC_GET_ITER);
        int top = here(c);
        fblock *f = fb_push(c, FB_FOR);
        f->start = top;
        int exit = emit_jump(c, OPC_FOR_ITER);
        store(c, n->a);
        stmts(c, n->c);
        emit(c, OPC_JUMP, top);
        patch_here(c, exit);
        c->depth -= 1;
        fblock done = c->fb[c->nfb - 1];
        c->nfb--;
        if (n->d) stmts(c, n->d);
        for (int i = 0; i < done.nbreaks; i++) patch_here(c, done.breaks[i]);
        break;
    }
    case S_TRY: compile_try(c, n); break;
    case S_WITH: compile_with(c, n->a, n->b, n->op == 1); break;
    case S_DEF: {
        for (node *d = n->c; d; d = d->next) expr(c, d);
        make_function(c, (scope *)n->d, n->a, n->b, 0);
        for (node *d = n->c; d; d = d->next) emit(c, OPC_CALL, 1);
        name_op(c, n->v, ACC_STORE);
        break;
    }
    case S_CLASS: {
        for (node *d = n->c; d; d = d->next) expr(c, d);
        emit0(c, OPC_LOAD_BUILD_CLASS);
        make_function(c, (scope *)n->d, NULL, n->b, 1);
        load_const(c, n->v);
        node namearg = { .kind = N_CONST, .v = PV_NULL };
        (void)namearg;
        /* __build_class__(func, name, *bases, **kw) */
        int npos = 2, nkw = 0;
        for (node *a = n->a; a; a = a->next) {
            if (a->kind == N_KW) nkw++;
            else if (a->kind == N_STAR || a->kind == N_DSTAR) py_syntax_error(c->file, n->line, "star arguments in a class statement are not supported");
            else { expr(c, a); npos++; }
        }
        if (nkw) {
            pv names = py_tuple_new((size_t)nkw);
            int i = 0;
            for (node *a = n->a; a; a = a->next) if (a->kind == N_KW) { TUPLE(names)->items[i++] = a->v; expr(c, a->a); }
            emit(c, OPC_LOAD_CONST, add_const(c, names));
            emit(c, OPC_CALL_KW, npos + nkw);
        } else emit(c, OPC_CALL, npos);
        for (node *d = n->c; d; d = d->next) emit(c, OPC_CALL, 1);
        name_op(c, n->v, ACC_STORE);
        break;
    }
    default:
        py_syntax_error(c->file, n->line, "invalid syntax");
    }
}

static void stmts(C *c, node *n) {
    for (; n; n = n->next) stmt(c, n);
}

/* ---------------- giving the tree back ---------------- */
static void free_dict(pv d) {
    py_dict *t = (py_dict *)d;
    gc_free(t->index);
    gc_free(t->ent);
    gc_free(t);
}
static void free_list(pv l) {
    gc_free(LIST(l)->items);
    gc_free(LIST(l));
}
static void free_scope(scope *s) {
    free_dict(s->names);
    free_list(s->order);
    gc_free(s);
}
/* The scope a node carries in place of a child, or NULL. */
static scope *node_scope(node *n) {
    if (n->kind == N_LAMBDA || n->kind == N_COMP) return (scope *)n->c;
    if (n->kind == S_DEF || n->kind == S_CLASS) return (scope *)n->d;
    return NULL;
}
/* Threads n's subtree (siblings included) onto *dead once each, through v2: a node reached
 * twice is marked by its line of -1 on the first visit. */
static void collect_dead(node *n, node **dead) {
    while (n && n->line != -1) {
        n->line = -1;
        scope *s = node_scope(n);
        /* down a chain's left spine (a + b + ...: up to 1000 links) by this loop */
        bool spine = n->kind == N_BINOP && !n->next;
        if (!spine) collect_dead(n->a, dead);
        collect_dead(n->b, dead);
        if (!(s && (node *)s == n->c)) collect_dead(n->c, dead);
        if (!(s && (node *)s == n->d)) collect_dead(n->d, dead);
        node *after = spine ? n->a : n->next;
        n->v2 = (pv)*dead;
        *dead = n;
        n = after;
    }
}
/* A module statement's tree and scopes, once its code is emitted: compiled once (only the
 * statements inside a try are emitted again, for each exit through its finally), so the next
 * statements compile in the room it held instead of beside it. */
static void free_stmt(node *n) {
    node *dead = NULL;
    n->next = NULL;
    collect_dead(n, &dead);
    while (dead) {
        node *d = dead;
        dead = (node *)d->v2;
        scope *s = node_scope(d);
        if (s) free_scope(s);
        gc_free(d);
    }
}

/* mode: 0 def, 1 class body, 2 lambda, 3 comprehension, 4 module, 5 eval */
static py_code *compile_scope(C *outer, scope *s, node *body, node *args, int mode) {
    C cc;
    memset(&cc, 0, sizeof cc);
    C *c = &cc;
    c->file = outer ? outer->file : PV_NULL;
    c->outer = outer;
    c->sc = s;
    c->dictnames = outer && outer->dictnames && s->kind == SC_MODULE;
    buf_init(&c->code, 64);
    buf_init(&c->lines, 16);
    c->consts = py_list_new(0);
    c->names = py_list_new(0);
    c->varnames = py_list_new(0);
    c->constmap = py_dict_new();
    c->slotmap = py_dict_new();
    int line0 = body ? body->line : 1;
    if (mode == 0 || mode == 1) line0 = s->n ? s->n->line : line0;
    c->curline = c->lastline = line0;

    py_code *code = NEW(py_code, py_code_type);
    code->firstline = (uint32_t)line0;
    code->name = s->name ? s->name : QS(module);
    int nargs = 0, nkwonly = 0, flags = 0;
    /* parameters in order: positional, keyword-only, *args, **kwargs */
    if (args) {
        for (node *a = args->a; a; a = a->next) if (a->op == A_POS) { py_list_append(c->varnames, a->v); nargs++; if (a->flags & 1) code->nposonly++; }
        for (node *a = args->a; a; a = a->next) if (a->op == A_KWONLY) { py_list_append(c->varnames, a->v); nkwonly++; }
        for (node *a = args->a; a; a = a->next) if (a->op == A_VAR) { py_list_append(c->varnames, a->v); flags |= CO_VARARGS; }
        for (node *a = args->a; a; a = a->next) if (a->op == A_VARKW) { py_list_append(c->varnames, a->v); flags |= CO_VARKW; }
    }
    if (mode == 3) { py_list_append(c->varnames, QS(dot0)); nargs = 1; }
    if (s->kind == SC_FUNC || s->kind == SC_COMP) {
        py_list *o = LIST(s->order);
        for (size_t i = 0; i < o->len; i++) {
            int f = sym_get(s, o->items[i]);
            if ((f & D_LOCAL) && !(f & (D_GLOBAL | D_NONLOCAL | D_PARAM | R_FREE))) py_list_append(c->varnames, o->items[i]);
        }
    }
    for (size_t i = 0; i < LIST(c->varnames)->len; i++) py_dict_set(c->slotmap, LIST(c->varnames)->items[i], MKSMALL(i));
    c->nlocals_named = (int)LIST(c->varnames)->len;
    if (s->generator) flags |= CO_GENERATOR;
    if (s->coroutine) flags |= CO_COROUTINE;
    code->nargs = (uint16_t)nargs;
    code->nkwonly = (uint16_t)nkwonly;
    code->flags = (uint16_t)flags;
    if (mode == 1) code->flags |= CO_CLASSBODY;
    if (mode >= 4) code->flags |= CO_MODULE;

    /* compile the body; hidden slots come after the named locals, cells and frees after those:
     * their slot numbers are fixed once the body's temporaries are known, so the body is compiled
     * with cells and frees at provisional indices, patched below */
    /* cells and frees: give them slots now with room reserved for hidden temporaries */
    int cellbase = c->nlocals_named;
    py_list *o = LIST(s->order);
    pv cells = py_list_new(0), frees = py_list_new(0);
    for (size_t i = 0; i < o->len; i++) {
        int f = sym_get(s, o->items[i]);
        if (f & R_CELL) py_list_append(cells, o->items[i]);
    }
    for (size_t i = 0; i < o->len; i++) {
        int f = sym_get(s, o->items[i]);
        if ((f & R_FREE) && !(f & R_CELL)) py_list_append(frees, o->items[i]);
    }
    for (size_t i = 0; i < LIST(cells)->len; i++) py_dict_set(c->slotmap, LIST(cells)->items[i], MKSMALL(cellbase + (int)i));
    for (size_t i = 0; i < LIST(frees)->len; i++) py_dict_set(c->slotmap, LIST(frees)->items[i], MKSMALL(cellbase + (int)(LIST(cells)->len + i)));
    /* parameters that are cells keep their cell index; the frame fills them from the arguments */
    c->cellbase = cellbase;
    c->hidden_base = cellbase + (int)LIST(cells)->len + (int)LIST(frees)->len;

    if (mode == 2 || mode == 5) {
        expr(c, body);
        emit0(c, OPC_RETURN_VALUE);
    } else if (mode == 3) {
        node *n = body;
        int kind = n->op;
        if (kind != C_GEN) emit(c, kind == C_LIST ? OPC_BUILD_LIST : kind == C_SET ? OPC_BUILD_SET : OPC_BUILD_MAP, 0);
        int tops[16], exits[16], nf = 0;
        for (node *f = n->b; f; f = f->next) {
            if (f == n->b) emit(c, OPC_LOAD_FAST, 0);
            else { expr(c, f->b); emit0(c, OPC_GET_ITER); }
            tops[nf] = here(c);
            exits[nf] = emit_jump(c, OPC_FOR_ITER);
            store(c, f->a);
            for (node *x = f->c; x; x = x->next) {
                int p[64], np = 0;
                cond_jump(c, x, true, p, &np);
                /* condition false: back to this loop's top */
                int j = emit_jump(c, OPC_JUMP);
                patch(c, j, tops[nf]);
                for (int i = 0; i < np; i++) patch_here(c, p[i]);
            }
            nf++;
        }
        int depth = nf + (kind != C_GEN ? 1 : 0);
        if (kind == C_DICT) { expr(c, n->a->a); expr(c, n->a->b); emit(c, OPC_MAP_ADD, depth); }
        else {
            expr(c, n->a);
            if (kind == C_GEN) { emit0(c, OPC_YIELD_VALUE); emit0(c, OPC_POP_TOP); }
            else emit(c, kind == C_LIST ? OPC_LIST_APPEND : OPC_SET_ADD, depth);
        }
        for (int i = nf - 1; i >= 0; i--) {
            emit(c, OPC_JUMP, tops[i]);
            patch_here(c, exits[i]);
            c->depth -= 1;
        }
        if (kind == C_GEN) emit0(c, OPC_LOAD_NONE);
        emit0(c, OPC_RETURN_VALUE);
    } else {
        if (mode == 0 && body && body->kind == S_EXPR && body->a->kind == N_CONST && IS(body->a->v, py_str_type)) {
            add_const(c, body->a->v);
            code->flags |= CO_HASDOC;
        }
        if ((mode == 1 || mode == 4) && body && body->kind == S_EXPR && body->a->kind == N_CONST && IS(body->a->v, py_str_type)) {
            load_const(c, body->a->v);
            emit(c, mode == 1 ? OPC_STORE_NAME : OPC_STORE_GLOBAL, add_name(c, QS(__doc__)));
        }
        if (mode == 4) {
            for (node *n = body, *next; n; n = next) {
                next = n->next;
                stmt(c, n);
                free_stmt(n);
            }
        } else stmts(c, body);
        if (mode == 1) {
            if (LIST(cells)->len && sym_get(s, QS(__class__)) & R_CELL) {
                emit(c, OPC_LOAD_CLOSURE, (int)SMALL(py_dict_get(c->slotmap, QS(__class__))));
            } else emit0(c, OPC_LOAD_NONE);
        } else emit0(c, OPC_LOAD_NONE);
        emit0(c, OPC_RETURN_VALUE);
    }
    /* cells, frees, then the compiler's temporaries */
    for (size_t i = 0; i < LIST(cells)->len; i++) py_list_append(c->varnames, LIST(cells)->items[i]);
    for (size_t i = 0; i < LIST(frees)->len; i++) py_list_append(c->varnames, LIST(frees)->items[i]);
    for (int i = 0; i < c->maxhidden; i++) py_list_append(c->varnames, QS(_empty));
    code->nlocals = (uint16_t)c->nlocals_named;
    code->nhidden = (uint16_t)c->maxhidden;
    if (c->hastry) code->flags |= CO_HASTRY;
    code->maxblocks = (uint16_t)c->maxblocks;
    code->ncells = (uint16_t)LIST(cells)->len;
    code->nfree = (uint16_t)LIST(frees)->len;
    if (code->ncells) {
        code->cell2arg = gc_alloc(code->ncells * sizeof(int16_t), GC_RAW);
        for (int i = 0; i < code->ncells; i++) {
            code->cell2arg[i] = -1;
            pv nm = LIST(cells)->items[i];
            int nparams = nargs + nkwonly + ((flags & CO_VARARGS) ? 1 : 0) + ((flags & CO_VARKW) ? 1 : 0);
            for (int k = 0; k < nparams; k++) if (LIST(c->varnames)->items[k] == nm) code->cell2arg[i] = (int16_t)k;
        }
    }
    code->stacksize = (uint16_t)(c->maxdepth + 4);
    if (!(code->flags & (CO_VARARGS | CO_VARKW | CO_GENERATOR | CO_CLASSBODY | CO_MODULE | CO_HASTRY))
        && !code->nkwonly && !code->ncells && !code->nfree) code->flags |= CO_PLAIN;
    /* the buffers grew by doubling: what they did not fill goes back to the heap */
    gc_shrink(c->code.p, c->code.n + 1);
    gc_shrink(c->lines.p, c->lines.n + 1);
    code->code = (uint8_t *)c->code.p;
    code->codelen = (uint32_t)c->code.n;
    code->lines = (uint8_t *)c->lines.p;
    code->lineslen = (uint32_t)c->lines.n;
    code->consts = py_tuple_from_iter(c->consts);
    code->names = py_tuple_from_iter(c->names);
    code->varnames = py_tuple_from_iter(c->varnames);
    code->ncache = (uint16_t)LIST(c->names)->len;
    code->filename = c->file;
    if (s->kind == SC_CLASS && s->needs_class_cell) code->flags |= CO_NEEDCLASS;
    return code;
}

/* The parser's and the compiler's recursions check the program's C stack bound at each level
 * (py_compile_check_cstack), so that nesting in the source cannot overrun the margin the
 * embedder keeps below that bound for what checks nothing. A compile that starts with less
 * than a small program's few KB left (exec, eval or import deep in a recursion) is refused
 * before it begins, as the recursion's own RecursionError. */
#define COMPILE_CSTACK 4096
void py_compile_check_cstack(void) {
    if (py_cstack_exhausted(py_cur))
        py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded during compilation");
}
static void check_compile_cstack(const py_vm *vm) {
    char here;
    if (vm->cstack_size && vm->cstack_top
        && (uintptr_t)vm->cstack_top - (uintptr_t)&here + COMPILE_CSTACK > vm->cstack_size)
        py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded");
}

py_code *py_compile(const char *src, size_t len, pv filename, int mode) {
    check_compile_cstack(py_cur);
    /* the collector may run while compiling: tokens, tree and the code being built are found
     * through the C stack (conservatively, interior pointers included) */
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf)) {
        pv e = py_try_catch(&tr);
        py_raise(e);
    }
    node *tree = py_parse(src, len, filename, mode);
    ST t = { filename };
    scope *top = scope_new(NULL, SC_MODULE, NULL, QS(module));
    if (mode == PY_MODE_EVAL) st_expr(&t, top, tree->a);
    else st_stmts(&t, top, tree);
    st_resolve_all(&t, top);
    if (mode == PY_MODE_EVAL) st_walk_expr(&t, tree->a);
    else st_walk_stmts(&t, tree);
    C outer;
    memset(&outer, 0, sizeof outer);
    outer.file = filename;
    outer.dictnames = mode == PY_MODE_EXEC || mode == PY_MODE_EVAL;
    py_code *code = compile_scope(&outer, top, mode == PY_MODE_EVAL ? tree->a : tree, NULL, mode == PY_MODE_EVAL ? 5 : 4);
    py_try_end(&tr);
    return code;
}

int py_code_line(py_code *c, const uint8_t *ip) {
    uint32_t off = (uint32_t)(ip - c->code);
    int line = (int)c->firstline;
    uint32_t at = 0;
    for (uint32_t i = 0; i + 1 < c->lineslen; i += 2) {
        at += c->lines[i];
        if (at > off) break;
        line += (int8_t)c->lines[i + 1];
    }
    return line;
}
