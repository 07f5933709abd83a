/* Tokenizer and parser: source text to the syntax tree of ast.h. The tokenizer turns the
 * whole unit into an array first (INDENT/DEDENT from an indentation stack, implicit joining
 * inside brackets, backslash continuation), so the parser may look two tokens ahead. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "py/ast.h"

enum { T_EOF, T_NAME, T_NUMBER, T_STRING, T_OP, T_NEWLINE, T_INDENT, T_DEDENT, T_KW };
enum { K_FALSE, K_NONE, K_TRUE, K_AND, K_AS, K_ASSERT, K_ASYNC, K_AWAIT, K_BREAK, K_CLASS,
       K_CONTINUE, K_DEF, K_DEL, K_ELIF, K_ELSE, K_EXCEPT, K_FINALLY, K_FOR, K_FROM, K_GLOBAL,
       K_IF, K_IMPORT, K_IN, K_IS, K_LAMBDA, K_NONLOCAL, K_NOT, K_OR, K_PASS, K_RAISE,
       K_RETURN, K_TRY, K_WHILE, K_WITH, K_YIELD, K_N };
static const char *const keywords[K_N] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield" };
/* operators, longest first within each length so a greedy scan finds the right one */
static const char *const ops[] = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=",
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
    "^=", "@=",
    "+", "-", "*", "/", "%", "@", "<", ">", "=", ".", ",", ":", ";", "(", ")", "[", "]", "{",
    "}", "&", "|", "^", "~", NULL };

/* v: a name's interned string, a literal's value, an f-string's raw text (as bytes, split by
 * the parser) */
typedef struct { uint8_t kind, op; uint16_t flags; int line; pv v; } tok;
/* string token flags */
#define SF_BYTES 1
#define SF_FSTR 2
#define SF_RAW 4

typedef struct {
    const char *src; size_t n, i; int line;
    pv file;
    tok *t; size_t nt, cap;
    int indents[100], nind;
    int paren;
    int paren_line[200];
    char paren_char[200];
    size_t p;                  /* parser position */
    pv classname;              /* the class whose body is being parsed: __names are mangled */
    int depth;                 /* expression nesting, bounded so the C stack is */
    int mode;
} P;

static _Noreturn void error_of(const py_type *t, pv filename, int line, const char *msg) {
    pv e = py_exc_new(t, py_str_cstr(msg));
    py_setattr(e, QS(lineno), MKSMALL(line));
    py_setattr(e, QS(filename), filename);
    py_raise(e);
}
_Noreturn void py_syntax_error(pv filename, int line, const char *msg) {
    pv e = py_exc_new(&py_SyntaxError_type, py_str_cstr(msg));
    py_setattr(e, QS(lineno), MKSMALL(line));
    py_setattr(e, QS(filename), filename);
    py_raise(e);
}
static _Noreturn void lerr(P *p, const char *m) { py_syntax_error(p->file, p->line, m); }
#define MAX_NESTING 200     /* as CPython's parser: deeper nesting would overrun a small C stack */

static tok *addtok(P *p, int kind) {
    if (p->nt == p->cap) {
        /* about a token per 4 bytes of source at first; when that was short, the density seen
         * so far for the rest (and a quarter more): the old and the new array live together
         * here, the compile's peak for a small program, so the new one is no larger than needed */
        size_t rest = p->i < p->n ? (p->n - p->i) * p->nt / (p->i ? p->i : 1) : 0;
        p->cap = p->cap ? p->nt + rest + rest / 4 + 8 : p->n / 4 + 8;
        tok *grown = gc_alloc(p->cap * sizeof(tok), GC_PVS);
        if (p->nt) memcpy(grown, p->t, p->nt * sizeof(tok));
        gc_free(p->t);
        p->t = grown;
    }
    tok *t = &p->t[p->nt++];
    memset(t, 0, sizeof *t);
    t->kind = (uint8_t)kind;
    t->line = p->line;
    return t;
}

static bool is_id0(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
static bool is_id(int c) { return is_id0(c) || (c >= '0' && c <= '9'); }

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void utf8_put(py_buf *b, uint32_t c) {
    char s[4];
    if (c < 0x80) { buf_addc(b, (char)c); return; }
    if (c < 0x800) { s[0] = (char)(0xc0 | (c >> 6)); s[1] = (char)(0x80 | (c & 63)); buf_add(b, s, 2); return; }
    if (c < 0x10000) { s[0] = (char)(0xe0 | (c >> 12)); s[1] = (char)(0x80 | ((c >> 6) & 63)); s[2] = (char)(0x80 | (c & 63)); buf_add(b, s, 3); return; }
    s[0] = (char)(0xf0 | (c >> 18)); s[1] = (char)(0x80 | ((c >> 12) & 63)); s[2] = (char)(0x80 | ((c >> 6) & 63)); s[3] = (char)(0x80 | (c & 63));
    buf_add(b, s, 4);
}

/* Decodes the escapes of a string body into b. */
static void unescape(P *p, py_buf *b, const char *s, size_t n, bool raw, bool bytes) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\\' || raw) {
            if (c == '\\' && raw && i + 1 < n) { buf_addc(b, c); buf_addc(b, s[++i]); continue; }
            buf_addc(b, c);
            continue;
        }
        if (++i >= n) { buf_addc(b, '\\'); break; }
        c = s[i];
        switch (c) {
        case '\n': break;
        case '\\': buf_addc(b, '\\'); break;
        case '\'': buf_addc(b, '\''); break;
        case '"': buf_addc(b, '"'); break;
        case 'a': buf_addc(b, 7); break;
        case 'b': buf_addc(b, 8); break;
        case 'f': buf_addc(b, 12); break;
        case 'n': buf_addc(b, 10); break;
        case 'r': buf_addc(b, 13); break;
        case 't': buf_addc(b, 9); break;
        case 'v': buf_addc(b, 11); break;
        case 'x': case 'u': case 'U': {
            int nd = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            if ((c != 'x' && bytes)) { buf_addc(b, '\\'); buf_addc(b, c); break; }
            uint32_t v = 0;
            for (int k = 0; k < nd; k++) {
                int h = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
                if (h < 0) lerr(p, "(unicode error) truncated \\xXX escape");
                v = v * 16 + (uint32_t)h;
                i++;
            }
            if (bytes) buf_addc(b, (char)v);
            else utf8_put(b, v);
            break;
        }
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t v = (uint32_t)(c - '0');
            for (int k = 0; k < 2 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7'; k++) v = v * 8 + (uint32_t)(s[++i] - '0');
            if (bytes) buf_addc(b, (char)v);
            else utf8_put(b, v);
            break;
        }
        case 'N': lerr(p, "\\N escapes are not supported");
        default: buf_addc(b, '\\'); buf_addc(b, c); break;
        }
    }
}

static void lex_string(P *p, int flags) {
    const char *s = p->src;
    char q = s[p->i];
    bool triple = p->i + 2 < p->n && s[p->i + 1] == q && s[p->i + 2] == q;
    size_t qn = triple ? 3 : 1;
    int line0 = p->line;
    p->i += qn;
    size_t start = p->i;
    for (;;) {
        if (p->i >= p->n) { p->line = line0; lerr(p, triple ? "unterminated triple-quoted string literal" : "unterminated string literal"); }
        char c = s[p->i];
        if (c == '\\') { if (p->i + 1 < p->n && s[p->i + 1] == '\n') p->line++; p->i += 2; continue; }
        if (c == '\n') {
            if (!triple) { p->line = line0; lerr(p, "unterminated string literal"); }
            p->line++;
        }
        if (c == q && (!triple || (p->i + 2 < p->n && s[p->i + 1] == q && s[p->i + 2] == q))) break;
        p->i++;
    }
    size_t end = p->i;
    p->i += qn;
    tok *t = addtok(p, T_STRING);
    t->line = line0;
    t->flags = (uint16_t)flags;
    if (flags & SF_FSTR) {         /* the parser splits it */
        t->v = py_bytes_new(&py_bytes_type, s + start, end - start);
        return;
    }
    py_buf b;
    buf_init(&b, end - start + 1);
    unescape(p, &b, s + start, end - start, flags & SF_RAW, flags & SF_BYTES);
    if (flags & SF_BYTES) t->v = py_bytes_new(&py_bytes_type, b.p, b.n);
    else t->v = buf_str(&b);
}

/* Digits of one base with single underscores between them (1_000), from p->i: how many. */
static size_t scan_digits(P *p, int base) {
    const char *s = p->src;
    size_t n = 0;
    for (;;) {
        int d = p->i < p->n ? hexval((unsigned char)s[p->i]) : -1;
        if (d >= 0 && d < base) { p->i++; n++; continue; }
        if (n && p->i + 1 < p->n && s[p->i] == '_') {
            d = hexval((unsigned char)s[p->i + 1]);
            if (d >= 0 && d < base) { p->i++; continue; }
        }
        return n;
    }
}

/* Moves p->i past a number literal, which starts there, with CPython's messages for the
 * malformed ones: 0x, 0b2, 1_, 1__0, 1e+, 1._5. */
static void scan_number(P *p) {
    const char *s = p->src;
    char c = s[p->i];
    if (c == '0' && p->i + 1 < p->n && s[p->i + 1] && strchr("xXoObB", s[p->i + 1])) {
        char k = (char)(s[p->i + 1] | 0x20);
        int base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
        char msg[48];
        p->i += 2;
        int d = p->i + 1 < p->n ? hexval((unsigned char)s[p->i + 1]) : -1;
        if (d >= 0 && s[p->i] == '_' && d < base) p->i++;    /* 0x_ff */
        size_t nd = scan_digits(p, base);
        if (p->i < p->n && s[p->i] >= '0' && s[p->i] <= '9') {
            snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", s[p->i], base == 8 ? "octal" : "binary");
            lerr(p, msg);
        }
        if (!nd || (p->i < p->n && is_id((unsigned char)s[p->i]))) {
            snprintf(msg, sizeof msg, "invalid %s literal", base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
            lerr(p, msg);
        }
        return;
    }
    if (c != '.') scan_digits(p, 10);
    if (p->i < p->n && s[p->i] == '.') {
        p->i++;
        scan_digits(p, 10);
    }
    if (p->i < p->n && (s[p->i] == 'e' || s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (s[p->i] == '+' || s[p->i] == '-')) p->i++;
        if (!scan_digits(p, 10)) lerr(p, "invalid decimal literal");
    }
    bool imag = p->i < p->n && (s[p->i] == 'j' || s[p->i] == 'J');
    if (imag) p->i++;
    if (p->i < p->n && is_id((unsigned char)s[p->i])) lerr(p, imag ? "invalid imaginary literal" : "invalid decimal literal");
}

/* The value of a literal scan_number accepted. */
static pv parse_number(P *p, const char *s, size_t n, bool *isfloat, bool *imag) {
    char *tmp = gc_alloc(n + 1, GC_RAW);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) if (s[i] != '_') tmp[k++] = s[i];
    tmp[k] = 0;
    *isfloat = false;
    *imag = false;
    if (k > 1 && tmp[0] == '0' && strchr("xXoObB", tmp[1])) {
        int base = (tmp[1] == 'x' || tmp[1] == 'X') ? 16 : (tmp[1] == 'o' || tmp[1] == 'O') ? 8 : 2;
        return py_call(py_builtin_get(QS(int)), 2, (pv[]){ py_str_cstr(tmp + 2), MKSMALL(base) }, PV_NULL);
    }
    if (tmp[k - 1] == 'j' || tmp[k - 1] == 'J') { *imag = true; tmp[--k] = 0; }
    if (strpbrk(tmp, ".eE") || *imag) {
        *isfloat = true;
        double d = 0;
        py_float_from_text(tmp, k, &d);   /* scan_number let through only what it reads */
        return py_float_new(d);
    }
    if (k > 1 && tmp[0] == '0') {
        for (size_t i = 0; i < k; i++) if (tmp[i] != '0') lerr(p, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    }
    return py_call(py_builtin_get(QS(int)), 1, (pv[]){ py_str_cstr(tmp) }, PV_NULL);
}

static void tokenize(P *p) {
    const char *s = p->src;
    bool bol = true;
    p->indents[0] = 0;
    p->nind = 1;
    while (p->i < p->n) {
        if (bol && p->paren > 0) bol = false;   /* a continuation line inside brackets */
        if (bol && p->paren == 0) {
            /* measure indentation; skip blank and comment-only lines */
            int col = 0;
            size_t j = p->i;
            while (j < p->n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\f')) {
                col = s[j] == '\t' ? (col / 8 + 1) * 8 : s[j] == ' ' ? col + 1 : 0;
                j++;
            }
            if (j >= p->n) { p->i = j; break; }
            if (s[j] == '#' || s[j] == '\n' || s[j] == '\r' || (s[j] == '\\' && j + 1 < p->n && s[j + 1] == '\n')) {
                while (j < p->n && s[j] != '\n') j++;
                p->i = j + 1;
                p->line++;
                continue;
            }
            p->i = j;
            bol = false;
            if (col > p->indents[p->nind - 1]) {
                if (p->nind >= 99) lerr(p, "too many levels of indentation");
                p->indents[p->nind++] = col;
                addtok(p, T_INDENT);
            } else {
                while (col < p->indents[p->nind - 1]) {
                    p->nind--;
                    addtok(p, T_DEDENT);
                }
                if (col != p->indents[p->nind - 1]) error_of(&py_IndentationError_type, p->file, p->line, "unindent does not match any outer indentation level");
            }
        }
        char c = s[p->i];
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') { p->i++; continue; }
        if (c == '#') { while (p->i < p->n && s[p->i] != '\n') p->i++; continue; }
        if (c == '\\') {
            if (p->i + 1 < p->n && s[p->i + 1] == '\n') { p->i += 2; p->line++; continue; }
            if (p->i + 2 < p->n && s[p->i + 1] == '\r' && s[p->i + 2] == '\n') { p->i += 3; p->line++; continue; }
            lerr(p, "unexpected character after line continuation character");
        }
        if (c == '\n') {
            if (p->paren == 0 && p->nt && p->t[p->nt - 1].kind != T_NEWLINE) addtok(p, T_NEWLINE);
            p->i++;
            p->line++;
            bol = true;
            continue;
        }
        if (is_id0((unsigned char)c)) {
            size_t st = p->i;
            while (p->i < p->n && is_id((unsigned char)s[p->i])) p->i++;
            size_t len = p->i - st;
            /* string prefixes */
            if (p->i < p->n && (s[p->i] == '\'' || s[p->i] == '"') && len <= 2) {
                int fl = 0;
                bool ok = true;
                for (size_t k = st; k < p->i; k++) {
                    char pc = s[k] | 0x20;
                    if (pc == 'r') fl |= SF_RAW;
                    else if (pc == 'b') fl |= SF_BYTES;
                    else if (pc == 'f') fl |= SF_FSTR;
                    else if (pc == 'u') ;
                    else ok = false;
                }
                if (ok) { lex_string(p, fl); continue; }
            }
            int kw = -1;
            for (int k = 0; k < K_N; k++)
                if (strlen(keywords[k]) == len && !memcmp(keywords[k], s + st, len)) { kw = k; break; }
            tok *t = addtok(p, kw >= 0 ? T_KW : T_NAME);
            if (kw >= 0) t->op = (uint8_t)kw;
            else t->v = py_intern(s + st, len);
            continue;
        }
        if ((c >= '0' && c <= '9') || (c == '.' && p->i + 1 < p->n && s[p->i + 1] >= '0' && s[p->i + 1] <= '9')) {
            size_t st = p->i;
            scan_number(p);
            tok *t = addtok(p, T_NUMBER);
            bool isf, im;
            t->v = parse_number(p, s + st, p->i - st, &isf, &im);
            if (im) lerr(p, "complex numbers are not supported");
            continue;
        }
        if (c == '\'' || c == '"') { lex_string(p, 0); continue; }
        int k;
        for (k = 0; ops[k]; k++) {
            size_t l = strlen(ops[k]);
            if (p->i + l <= p->n && !memcmp(ops[k], s + p->i, l)) break;
        }
        if (!ops[k]) {
            if (c == '!' ) lerr(p, "invalid syntax");
            lerr(p, "invalid character in identifier");
        }
        tok *t = addtok(p, T_OP);
        t->op = (uint8_t)k;
        p->i += strlen(ops[k]);
        if (strchr("([{", c)) {
            if (p->paren >= 200) lerr(p, "too many nested parentheses");
            p->paren_line[p->paren] = p->line;
            p->paren_char[p->paren] = c;
            p->paren++;
        } else if (strchr(")]}", c)) {
            if (p->paren == 0) { char m[40]; strcpy(m, "unmatched ' '"); m[11] = c; lerr(p, m); }
            p->paren--;
            if (p->paren < 200) {
                char o = p->paren_char[p->paren];
                if ((c == ')' && o != '(') || (c == ']' && o != '[') || (c == '}' && o != '{')) {
                    char m[80];
                    strcpy(m, "closing parenthesis ' ' does not match opening parenthesis ' '");
                    m[21] = c;
                    m[61] = o;
                    lerr(p, m);
                }
            }
        }
    }
    if (p->paren > 0 && p->paren <= 200 && p->mode != -1) {
        char m[40];
        strcpy(m, "' ' was never closed");
        m[1] = p->paren_char[p->paren - 1];
        p->line = p->paren_line[p->paren - 1];
        lerr(p, m);
    }
    if (p->nt && p->t[p->nt - 1].kind != T_NEWLINE && p->t[p->nt - 1].kind != T_DEDENT) addtok(p, T_NEWLINE);
    while (p->nind > 1) { p->nind--; addtok(p, T_DEDENT); }
    addtok(p, T_EOF);
    gc_shrink(p->t, p->nt * sizeof(tok));      /* the tree's first nodes take the rest */
}

/* ---------------- parser ---------------- */

static node *mk(P *p, int kind) {
    node *n = gc_alloc(sizeof(node), GC_PVS);
    n->kind = (uint8_t)kind;
    n->line = p->t[p->p < p->nt ? p->p : p->nt - 1].line;
    return n;
}
static tok *cur(P *p) { return &p->t[p->p]; }
static tok *peek(P *p, int k) { size_t i = p->p + (size_t)k; return &p->t[i < p->nt ? i : p->nt - 1]; }
static bool isop(P *p, const char *o) {
    tok *t = cur(p);
    return t->kind == T_OP && !strcmp(ops[t->op], o);
}
static bool iskw(P *p, int k) { tok *t = cur(p); return t->kind == T_KW && t->op == k; }
static _Noreturn void perr(P *p, const char *m) { py_syntax_error(p->file, cur(p)->line, m); }
/* One level deeper into an expression: CPython's bound, and the C stack's on a small board. */
static void nest(P *p) {
    if (++p->depth > MAX_NESTING) perr(p, "too many nested parentheses");
    py_compile_check_cstack();
}
static bool acceptop(P *p, const char *o) { if (isop(p, o)) { p->p++; return true; } return false; }
static bool acceptkw(P *p, int k) { if (iskw(p, k)) { p->p++; return true; } return false; }
static void expectop(P *p, const char *o) {
    if (!acceptop(p, o)) {
        if (cur(p)->kind == T_NEWLINE && (!strcmp(o, ":")))
            perr(p, "expected ':'");
        if (cur(p)->kind == T_EOF || cur(p)->kind == T_NEWLINE) {
            if (!strcmp(o, ")") || !strcmp(o, "]") || !strcmp(o, "}")) perr(p, "unexpected EOF while parsing");
        }
        perr(p, "invalid syntax");
    }
}
/* __name inside a class becomes _Class__name, as CPython's private names */
static pv mangle(P *p, pv name) {
    if (!p->classname) return name;
    const char *s = py_str_data(name);
    size_t n = py_str_len(name);
    if (n < 3 || s[0] != '_' || s[1] != '_' || (s[n - 1] == '_' && s[n - 2] == '_')) return name;
    const char *c = py_str_data(p->classname);
    while (*c == '_') c++;
    if (!*c) return name;
    py_buf b;
    buf_init(&b, n + 16);
    buf_addc(&b, '_');
    buf_adds(&b, c);
    buf_add(&b, s, n);
    return py_intern(b.p, b.n);
}
static pv expect_name(P *p) {
    if (cur(p)->kind != T_NAME) perr(p, "invalid syntax");
    return mangle(p, p->t[p->p++].v);
}

static node *test(P *p);

/* `TARGET := VALUE` after a parsed TARGET: only a plain name may be bound (as in CPython; any
 * other target is a syntax error, never compiled). */
static node *walrus_after(P *p, node *target) {
    if (!acceptop(p, ":=")) return target;
    if (target->kind != N_NAME) perr(p, "cannot use assignment expressions with expression");
    node *w = mk(p, N_WALRUS);
    w->a = target;
    w->b = test(p);
    return w;
}
static node *expr(P *p);
static node *star_expr_or_test(P *p);
static node *testlist(P *p, bool star);
static node *block(P *p);
static node *or_test(P *p);
static node *parse_args(P *p, bool lambda);

static node *append(node **head, node **tail, node *n) {
    if (*tail) (*tail)->next = n; else *head = n;
    *tail = n;
    return n;
}

/* f"..." : literal parts and {expr!c:spec} parts */
static node *fstring(P *p, tok *t, const char *s, size_t n, bool raw);
static node *parse_subexpr(P *p, const char *s, size_t n, int line) {
    P q;
    memset(&q, 0, sizeof q);
    q.src = s; q.n = n; q.line = line; q.file = p->file;
    q.paren = 1;                 /* newlines inside an f-string expression are joined */
    q.mode = -1;
    q.paren_char[0] = '{';
    tokenize(&q);
    node *e = testlist(&q, true);
    if (cur(&q)->kind != T_NEWLINE && cur(&q)->kind != T_EOF) py_syntax_error(p->file, line, "f-string: invalid syntax");
    return e;
}

static node *fstring(P *p, tok *t, const char *s, size_t n, bool raw) {
    node *head = NULL, *tail = NULL;
    py_buf lit;
    buf_init(&lit, 16);
    size_t i = 0, litstart = 0;
    py_buf raw_lit;
    buf_init(&raw_lit, 16);
    while (i <= n) {
        if (i == n || s[i] == '{' || s[i] == '}') {
            if (i < n && i + 1 < n && s[i + 1] == s[i]) {
                buf_add(&raw_lit, s + litstart, i + 1 - litstart);
                i += 2;
                litstart = i;
                continue;
            }
            buf_add(&raw_lit, s + litstart, i - litstart);
            if (raw_lit.n) {
                py_buf dec;
                buf_init(&dec, raw_lit.n + 1);
                unescape(p, &dec, raw_lit.p, raw_lit.n, raw, false);
                node *c = mk(p, N_CONST);
                c->v = buf_str(&dec);
                append(&head, &tail, c);
                raw_lit.n = 0;
            }
            if (i == n) break;
            if (s[i] == '}') py_syntax_error(p->file, t->line, "f-string: single '}' is not allowed");
            /* an expression: find its end, honouring nested brackets and strings */
            size_t j = i + 1;
            int depth = 0;
            char quote = 0;
            size_t conv_at = 0, spec_at = 0;
            for (; j < n; j++) {
                char c = s[j];
                if (quote) { if (c == quote) quote = 0; continue; }
                if (c == '\'' || c == '"') { quote = c; continue; }
                if (c == '(' || c == '[' || c == '{') depth++;
                else if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
                else if (depth == 0 && c == '}') break;
                else if (depth == 0 && c == '!' && j + 1 < n && s[j + 1] != '=') { conv_at = j; }
                else if (depth == 0 && c == ':' ) { spec_at = j; break; }
            }
            size_t eend = conv_at ? conv_at : (spec_at ? spec_at : j);
            if (spec_at) {
                /* the spec runs to the matching '}' */
                int d = 0;
                for (j = spec_at + 1; j < n; j++) {
                    if (s[j] == '{') d++;
                    else if (s[j] == '}') { if (d == 0) break; d--; }
                }
            }
            if (j >= n) py_syntax_error(p->file, t->line, "f-string: expecting '}'");
            node *f = mk(p, N_FMT);
            f->line = t->line;
            size_t es = i + 1, ee = eend;
            bool self_doc = false;
            /* f"{x=}" */
            size_t k = ee;
            while (k > es && (s[k - 1] == ' ')) k--;
            if (k > es && s[k - 1] == '=' && (k < es + 2 || (s[k - 2] != '=' && s[k - 2] != '!' && s[k - 2] != '<' && s[k - 2] != '>'))) {
                self_doc = true;
                node *c = mk(p, N_CONST);
                c->v = py_str_new(s + es, ee - es);
                append(&head, &tail, c);
                ee = k - 1;
            }
            size_t a = es;
            while (a < ee && (s[a] == ' ' || s[a] == '\n')) a++;
            if (a == ee) py_syntax_error(p->file, t->line, "f-string: empty expression not allowed");
            f->a = parse_subexpr(p, s + es, ee - es, t->line);
            f->op = conv_at ? (uint8_t)s[conv_at + 1] : (self_doc && !spec_at ? 'r' : 0);
            if (spec_at) f->b = fstring(p, t, s + spec_at + 1, j - spec_at - 1, raw);
            append(&head, &tail, f);
            i = j + 1;
            litstart = i;
            continue;
        }
        i++;
    }
    node *r = mk(p, N_FSTR);
    r->a = head;
    return r;
}

static node *atom_string(P *p) {
    /* adjacent literals concatenate; any f-string makes the whole an f-string */
    node *head = NULL, *tail = NULL;
    bool anyf = false, bytes = false, first = true;
    int line = cur(p)->line;
    while (cur(p)->kind == T_STRING) {
        tok *t = cur(p);
        p->p++;
        bool b = t->flags & SF_BYTES;
        if (!first && b != bytes) perr(p, "cannot mix bytes and nonbytes literals");
        bytes = b;
        first = false;
        if (t->flags & SF_FSTR) {
            anyf = true;
            node *f = fstring(p, t, (const char *)((py_bytes *)t->v)->data, ((py_bytes *)t->v)->len, t->flags & SF_RAW);
            for (node *x = f->a; x;) { node *nx = x->next; x->next = NULL; append(&head, &tail, x); x = nx; }
        } else {
            node *c = mk(p, N_CONST);
            c->v = t->v;
            append(&head, &tail, c);
        }
    }
    if (!anyf) {
        if (!head->next) { head->line = line; return head; }
        pv acc = head->v;
        for (node *x = head->next; x; x = x->next) {
            if (bytes) acc = py_binop(OP_ADD, acc, x->v);
            else acc = py_str_concat(acc, x->v);
        }
        head->v = acc;
        head->next = NULL;
        return head;
    }
    node *r = mk(p, N_FSTR);
    r->line = line;
    r->a = head;
    return r;
}

static node *comp_for(P *p, node *elt, int kind) {
    node *c = mk(p, N_COMP);
    c->op = (uint8_t)kind;
    c->a = elt;
    node *head = NULL, *tail = NULL;
    while (iskw(p, K_FOR) || (iskw(p, K_ASYNC) && peek(p, 1)->kind == T_KW && peek(p, 1)->op == K_FOR)) {
        if (acceptkw(p, K_ASYNC)) {}
        p->p++;
        node *f = mk(p, N_FOR);
        /* target list stops before 'in' */
        node *th = NULL, *tt = NULL;
        bool tuple = false;
        for (;;) {
            node *e = isop(p, "*") ? star_expr_or_test(p) : expr(p);
            append(&th, &tt, e);
            if (!acceptop(p, ",")) break;
            tuple = true;
            if (iskw(p, K_IN)) break;
        }
        if (tuple) { node *t = mk(p, N_TUPLE); t->a = th; f->a = t; } else f->a = th;
        if (!acceptkw(p, K_IN)) perr(p, "invalid syntax");
        f->b = or_test(p);
        node *ih = NULL, *it = NULL;
        while (iskw(p, K_IF)) {
            p->p++;
            append(&ih, &it, or_test(p));
        }
        f->c = ih;
        append(&head, &tail, f);
    }
    c->b = head;
    return c;
}

/* One item of a display: of a dict ("k: v" or "**d"), or of a tuple, list or set. */
static node *display_item(P *p, bool dict) {
    if (!dict) return star_expr_or_test(p);
    node *e;
    if (acceptop(p, "**")) {
        e = mk(p, N_DSTAR);
        e->a = expr(p);
        return e;
    }
    e = mk(p, N_PAIR);
    e->a = test(p);
    expectop(p, ":");
    e->b = test(p);
    return e;
}

/* The items of display n after its first: ", item" up to the closing bracket, where a
 * trailing comma may stand. */
static node *display_rest(P *p, node *n, node *first, const char *close, bool dict) {
    node *tail = first;
    n->a = first;
    while (acceptop(p, ",") && !isop(p, close)) append(&n->a, &tail, display_item(p, dict));
    expectop(p, close);
    return n;
}

static node *atom(P *p) {
    tok *t = cur(p);
    node *n;
    switch (t->kind) {
    case T_NAME:
        n = mk(p, N_NAME);
        n->v = mangle(p, t->v);
        p->p++;
        return n;
    case T_NUMBER:
        n = mk(p, N_CONST);
        n->v = t->v;
        p->p++;
        return n;
    case T_STRING:
        return atom_string(p);
    case T_KW:
        if (t->op == K_NONE || t->op == K_TRUE || t->op == K_FALSE) {
            n = mk(p, N_CONST);
            n->v = t->op == K_NONE ? PV_NONE : t->op == K_TRUE ? PV_TRUE : PV_FALSE;
            p->p++;
            return n;
        }
        break;
    case T_OP:
        if (isop(p, "(")) {
            int line = t->line;
            p->p++;
            if (acceptop(p, ")")) { n = mk(p, N_TUPLE); n->line = line; return n; }
            if (iskw(p, K_YIELD)) {
                node *y = test(p);
                expectop(p, ")");
                return y;
            }
            node *first = star_expr_or_test(p);
            if (iskw(p, K_FOR) || iskw(p, K_ASYNC)) {
                n = comp_for(p, first, C_GEN);
                expectop(p, ")");
                return n;
            }
            if (acceptop(p, ")")) {
                first->flags |= 1;    /* parenthesised */
                return first;
            }
            n = mk(p, N_TUPLE);
            n->line = line;
            n->flags |= 1;
            if (!isop(p, ",")) perr(p, "invalid syntax");
            return display_rest(p, n, first, ")", false);
        }
        if (isop(p, "[")) {
            int line = t->line;
            p->p++;
            n = mk(p, N_LIST);
            n->line = line;
            if (acceptop(p, "]")) return n;
            node *first = star_expr_or_test(p);
            if (iskw(p, K_FOR) || iskw(p, K_ASYNC)) {
                n = comp_for(p, first, C_LIST);
                expectop(p, "]");
                return n;
            }
            return display_rest(p, n, first, "]", false);
        }
        if (isop(p, "{")) {
            int line = t->line;
            p->p++;
            if (acceptop(p, "}")) { n = mk(p, N_DICT); n->line = line; return n; }
            node *first;
            bool isdict;
            if (acceptop(p, "**")) {
                first = mk(p, N_DSTAR);
                first->a = expr(p);
                isdict = true;
            } else {
                first = star_expr_or_test(p);
                isdict = false;
                if (acceptop(p, ":")) {
                    node *pr = mk(p, N_PAIR);
                    pr->a = first;
                    pr->b = test(p);
                    first = pr;
                    isdict = true;
                }
            }
            if (iskw(p, K_FOR) || iskw(p, K_ASYNC)) {
                n = comp_for(p, first, isdict ? C_DICT : C_SET);
                expectop(p, "}");
                return n;
            }
            n = mk(p, isdict ? N_DICT : N_SET);
            n->line = line;
            return display_rest(p, n, first, "}", isdict);
        }
        if (isop(p, "...")) {
            p->p++;
            n = mk(p, N_CONST);
            n->v = (pv)&py_ellipsis_obj;
            return n;
        }
        break;
    default: break;
    }
    if (t->kind == T_INDENT) error_of(&py_IndentationError_type, p->file, t->line, "unexpected indent");
    if (t->kind == T_EOF) perr(p, "unexpected EOF while parsing");
    perr(p, "invalid syntax");
}

static node *subscript_item(P *p) {
    node *a = NULL, *b = NULL, *c = NULL;
    if (!isop(p, ":")) {
        a = isop(p, "*") ? star_expr_or_test(p) : test(p);
        if (!isop(p, ":")) return a;
    }
    expectop(p, ":");
    if (!isop(p, "]") && !isop(p, ":") && !isop(p, ",")) b = test(p);
    if (acceptop(p, ":")) {
        if (!isop(p, "]") && !isop(p, ",")) c = test(p);
    }
    node *s = mk(p, N_SLICE);
    s->a = a; s->b = b; s->c = c;
    return s;
}

static node *call_args(P *p) {
    node *head = NULL, *tail = NULL;
    while (!isop(p, ")")) {
        node *a;
        if (acceptop(p, "*")) { a = mk(p, N_STAR); a->a = test(p); }
        else if (acceptop(p, "**")) { a = mk(p, N_DSTAR); a->a = test(p); }
        else if (cur(p)->kind == T_NAME && peek(p, 1)->kind == T_OP && !strcmp(ops[peek(p, 1)->op], "=")) {
            a = mk(p, N_KW);
            a->v = mangle(p, cur(p)->v);
            p->p += 2;
            a->a = test(p);
        } else {
            a = walrus_after(p, test(p));
            if (iskw(p, K_FOR) || iskw(p, K_ASYNC)) a = comp_for(p, a, C_GEN);
        }
        append(&head, &tail, a);
        if (!acceptop(p, ",")) break;
    }
    expectop(p, ")");
    return head;
}

static node *primary(P *p) {
    bool aw = false;
    if (iskw(p, K_AWAIT)) { p->p++; aw = true; }
    node *n = atom(p);
    for (;;) {
        if (isop(p, "(")) {
            node *c = mk(p, N_CALL);
            p->p++;
            c->a = n;
            c->b = call_args(p);
            n = c;
        } else if (isop(p, "[")) {
            node *s = mk(p, N_SUBSCR);
            p->p++;
            s->a = n;
            node *first = subscript_item(p);
            if (isop(p, ",")) {
                node *t = mk(p, N_TUPLE), *tail = first;
                t->a = first;
                while (acceptop(p, ",")) {
                    if (isop(p, "]")) break;
                    append(&t->a, &tail, subscript_item(p));
                }
                first = t;
            }
            s->b = first;
            expectop(p, "]");
            n = s;
        } else if (isop(p, ".")) {
            p->p++;
            node *a = mk(p, N_ATTR);
            a->a = n;
            a->v = expect_name(p);
            n = a;
        } else break;
    }
    if (aw) { node *w = mk(p, N_AWAIT); w->a = n; n = w; }
    return n;
}

static node *factor(P *p);
static node *power(P *p) {
    node *n = primary(p);
    if (acceptop(p, "**")) {
        node *b = mk(p, N_BINOP);
        b->line = n->line;
        b->op = OP_POW;
        b->a = n;
        b->b = factor(p);
        return b;
    }
    return n;
}
static node *factor(P *p) {
    int op = isop(p, "-") ? U_NEG : isop(p, "+") ? U_POS : isop(p, "~") ? U_INV : -1;
    if (op >= 0) {
        node *u = mk(p, N_UNARY);
        p->p++;
        u->op = (uint8_t)op;
        nest(p);
        u->a = factor(p);
        p->depth--;
        return u;
    }
    return power(p);
}

static const struct { const char *s; int op; int prec; } binops[] = {
    { "|", OP_OR, 1 }, { "^", OP_XOR, 2 }, { "&", OP_AND, 3 }, { "<<", OP_LSHIFT, 4 },
    { ">>", OP_RSHIFT, 4 }, { "+", OP_ADD, 5 }, { "-", OP_SUB, 5 }, { "*", OP_MUL, 6 },
    { "/", OP_TRUEDIV, 6 }, { "//", OP_FLOORDIV, 6 }, { "%", OP_MOD, 6 }, { "@", OP_MATMUL, 6 },
    { NULL, 0, 0 } };

static node *binary(P *p, int minprec) {
    node *l = factor(p);
    for (;;) {
        tok *t = cur(p);
        if (t->kind != T_OP) return l;
        int k;
        for (k = 0; binops[k].s; k++) if (!strcmp(ops[t->op], binops[k].s)) break;
        if (!binops[k].s || binops[k].prec < minprec) return l;
        p->p++;
        node *b = mk(p, N_BINOP);
        b->line = l->line;      /* an error in it names the line it starts on, as CPython */
        b->op = (uint8_t)binops[k].op;
        b->a = l;
        b->b = binary(p, binops[k].prec + 1);
        /* the compiler walks this chain recursively: keep it within the C stack */
        pint chain = (l->kind == N_BINOP && l->v2 ? SMALL(l->v2) : 0) + 1;
        if (chain > 1000) perr(p, "expression too long");
        b->v2 = MKSMALL(chain);
        l = b;
    }
}
static node *expr(P *p) { return binary(p, 1); }

static int comp_op(P *p) {
    tok *t = cur(p);
    if (t->kind == T_OP) {
        const char *o = ops[t->op];
        int r = !strcmp(o, "<") ? CMP_LT : !strcmp(o, "<=") ? CMP_LE : !strcmp(o, "==") ? CMP_EQ :
                !strcmp(o, "!=") ? CMP_NE : !strcmp(o, ">") ? CMP_GT : !strcmp(o, ">=") ? CMP_GE : -1;
        if (r >= 0) p->p++;
        return r;
    }
    if (t->kind == T_KW) {
        if (t->op == K_IN) { p->p++; return CMP_IN; }
        if (t->op == K_NOT && peek(p, 1)->kind == T_KW && peek(p, 1)->op == K_IN) { p->p += 2; return CMP_NOTIN; }
        if (t->op == K_IS) {
            p->p++;
            if (acceptkw(p, K_NOT)) return CMP_ISNOT;
            return CMP_IS;
        }
    }
    return -1;
}

static node *comparison(P *p) {
    node *l = expr(p);
    int op = comp_op(p);
    if (op < 0) return l;
    node *c = mk(p, N_CMP);
    c->a = l;
    node *tail = NULL;
    while (op >= 0) {
        node *it = mk(p, N_CMPITEM);
        it->op = (uint8_t)op;
        it->a = expr(p);
        append(&c->b, &tail, it);
        op = comp_op(p);
    }
    return c;
}
static node *not_test(P *p) {
    if (acceptkw(p, K_NOT)) {
        node *n = mk(p, N_NOT);
        nest(p);
        n->a = not_test(p);
        p->depth--;
        return n;
    }
    return comparison(p);
}
static node *and_test(P *p) {
    node *l = not_test(p);
    if (!iskw(p, K_AND)) return l;
    node *n = mk(p, N_AND), *tail = l;
    n->a = l;
    while (acceptkw(p, K_AND)) append(&n->a, &tail, not_test(p));
    return n;
}
static node *or_test(P *p) {
    node *l = and_test(p);
    if (!iskw(p, K_OR)) return l;
    node *n = mk(p, N_OR), *tail = l;
    n->a = l;
    while (acceptkw(p, K_OR)) append(&n->a, &tail, and_test(p));
    return n;
}

static node *test_inner(P *p);

static node *test(P *p) {
    nest(p);
    node *n = test_inner(p);
    p->depth--;
    return n;
}
static node *test_inner(P *p) {
    if (iskw(p, K_LAMBDA)) {
        node *l = mk(p, N_LAMBDA);
        p->p++;
        l->a = parse_args(p, true);
        expectop(p, ":");
        l->b = test(p);
        return l;
    }
    if (iskw(p, K_YIELD)) {
        p->p++;
        if (acceptkw(p, K_FROM)) {
            node *y = mk(p, N_YIELDFROM);
            y->a = test(p);
            return y;
        }
        node *y = mk(p, N_YIELD);
        if (!isop(p, ")") && !isop(p, "]") && !isop(p, "}") && !isop(p, "=") && cur(p)->kind != T_NEWLINE && !isop(p, ";"))
            y->a = testlist(p, true);
        return y;
    }
    node *n = or_test(p);
    if (iskw(p, K_IF)) {
        /* a comprehension's condition is not a conditional expression */
        size_t save = p->p;
        p->p++;
        node *c = or_test(p);
        if (!acceptkw(p, K_ELSE)) {
            p->p = save;
            perr(p, "expected 'else' after 'if' expression");
        }
        node *e = mk(p, N_IFEXP);
        e->a = c;
        e->b = n;
        e->c = test(p);
        return e;
    }
    return n;
}

static node *star_expr_or_test(P *p) {
    if (acceptop(p, "*")) {
        node *s = mk(p, N_STAR);
        s->a = expr(p);
        return s;
    }
    return walrus_after(p, test(p));
}

/* a, b, *c ... : a tuple when there is a comma */
static node *testlist(P *p, bool star) {
    int line = cur(p)->line;
    node *first = star ? star_expr_or_test(p) : test(p);
    if (!isop(p, ",")) return first;
    node *t = mk(p, N_TUPLE), *tail = first;
    t->line = line;
    t->a = first;
    while (acceptop(p, ",")) {
        tok *c = cur(p);
        if (c->kind == T_NEWLINE || c->kind == T_EOF || (c->kind == T_OP && (!strcmp(ops[c->op], "=") || !strcmp(ops[c->op], ")") ||
            !strcmp(ops[c->op], ";") || !strcmp(ops[c->op], ":") || (strchr("+-*/%&|^@<>", ops[c->op][0]) && ops[c->op][strlen(ops[c->op]) - 1] == '='))))
            break;
        if (c->kind == T_KW && c->op == K_IN) break;
        append(&t->a, &tail, star ? star_expr_or_test(p) : test(p));
    }
    return t;
}

/* parameters of def (in parentheses) or lambda (up to ':') */
static node *parse_args(P *p, bool lambda) {
    node *args = mk(p, N_ARGS), *tail = NULL;
    int kind = A_POS;
    const char *close = lambda ? ":" : ")";
    bool seen_default = false;
    while (!isop(p, close)) {
        node *a = mk(p, N_ARG);
        if (acceptop(p, "/")) {
            /* the parameters so far are positional-only */
            for (node *x = args->a; x; x = x->next) x->flags |= 1;
            if (!acceptop(p, ",")) break;
            continue;
        }
        if (acceptop(p, "**")) {
            a->op = A_VARKW;
            a->v = expect_name(p);
            if (!lambda && acceptop(p, ":")) a->b = test(p);
        } else if (acceptop(p, "*")) {
            kind = A_KWONLY;
            if (isop(p, ",")) { p->p++; continue; }
            a->op = A_VAR;
            a->v = expect_name(p);
            if (!lambda && acceptop(p, ":")) a->b = test(p);
        } else {
            a->op = (uint8_t)kind;
            a->v = expect_name(p);
            if (!lambda && acceptop(p, ":")) a->b = test(p);
            if (acceptop(p, "=")) { a->a = test(p); if (kind == A_POS) seen_default = true; }
            else if (kind == A_POS && seen_default) perr(p, "non-default argument follows default argument");
        }
        for (node *x = args->a; x; x = x->next)
            if (x->v == a->v) py_syntax_error(p->file, a->line, "duplicate argument in function definition");
        append(&args->a, &tail, a);
        if (!acceptop(p, ",")) break;
    }
    return args;
}

static node *stmt(P *p);
static node *simple_stmt(P *p);

static bool is_target(node *n) {
    switch (n->kind) {
    case N_NAME: case N_ATTR: case N_SUBSCR: return true;
    case N_STAR: return is_target(n->a);
    case N_TUPLE: case N_LIST:
        for (node *x = n->a; x; x = x->next) if (!is_target(x)) return false;
        return true;
    default: return false;
    }
}

static const char *target_what(node *n) {
    switch (n->kind) {
    case N_CALL: return "function call";
    case N_CONST: return n->v == PV_NONE || n->v == PV_TRUE || n->v == PV_FALSE ? NULL : "literal";
    case N_BINOP: case N_UNARY: return "expression";
    case N_CMP: return "comparison";
    case N_AND: case N_OR: case N_NOT: return "expression";
    case N_LAMBDA: return "lambda";
    case N_IFEXP: return "conditional expression";
    case N_FSTR: return "f-string expression";
    case N_COMP: return n->op == C_GEN ? "generator expression" : n->op == C_LIST ? "list comprehension" : n->op == C_SET ? "set comprehension" : "dict comprehension";
    case N_DICT: return "dict literal";
    case N_SET: return "set display";
    default: return "expression";
    }
}

static _Noreturn void bad_target(P *p, node *n, bool aug) {
    char m[96];
    if (n->kind == N_CONST && (n->v == PV_NONE || n->v == PV_TRUE || n->v == PV_FALSE)) {
        py_syntax_error(p->file, n->line, n->v == PV_NONE ? "cannot assign to None" : n->v == PV_TRUE ? "cannot assign to True" : "cannot assign to False");
    }
    const char *w = target_what(n);
    if (aug) {
        strcpy(m, "'");
        strcat(m, w);
        strcat(m, "' is an illegal expression for augmented assignment");
    } else {
        strcpy(m, "cannot assign to ");
        strcat(m, w);
        if (n->kind == N_CALL || n->kind == N_BINOP || n->kind == N_CONST || n->kind == N_CMP) strcat(m, " here. Maybe you meant '==' instead of '='?");
    }
    py_syntax_error(p->file, n->line, m);
}

static void check_target(P *p, node *n) {
    if (n->kind == N_TUPLE || n->kind == N_LIST) {
        for (node *x = n->a; x; x = x->next) check_target(p, x);
        return;
    }
    if (n->kind == N_STAR) { check_target(p, n->a); return; }
    if (!is_target(n)) bad_target(p, n, false);
}

static node *simple_stmt(P *p) {
    tok *t = cur(p);
    node *n;
    if (t->kind == T_KW) {
        switch (t->op) {
        case K_PASS: p->p++; return mk(p, S_PASS);
        case K_BREAK: p->p++; return mk(p, S_BREAK);
        case K_CONTINUE: p->p++; return mk(p, S_CONTINUE);
        case K_RETURN:
            n = mk(p, S_RETURN);
            p->p++;
            if (cur(p)->kind != T_NEWLINE && !isop(p, ";")) n->a = testlist(p, true);
            return n;
        case K_RAISE:
            n = mk(p, S_RAISE);
            p->p++;
            if (cur(p)->kind != T_NEWLINE && !isop(p, ";")) {
                n->a = test(p);
                if (acceptkw(p, K_FROM)) n->b = test(p);
            }
            return n;
        case K_GLOBAL: case K_NONLOCAL: {
            n = mk(p, t->op == K_GLOBAL ? S_GLOBAL : S_NONLOCAL);
            p->p++;
            node *tail = NULL;
            do {
                node *nm = mk(p, N_NAME);
                nm->v = expect_name(p);
                append(&n->a, &tail, nm);
            } while (acceptop(p, ","));
            return n;
        }
        case K_DEL: {
            n = mk(p, S_DEL);
            p->p++;
            node *e = testlist(p, false);
            if (e->kind == N_TUPLE && !(e->flags & 1)) n->a = e->a; else n->a = e;
            for (node *x = n->a; x; x = x->next)
                if (!is_target(x)) py_syntax_error(p->file, x->line, "cannot delete expression");
            return n;
        }
        case K_ASSERT:
            n = mk(p, S_ASSERT);
            p->p++;
            n->a = test(p);
            if (acceptop(p, ",")) n->b = test(p);
            return n;
        case K_IMPORT: {
            n = mk(p, S_IMPORT);
            p->p++;
            node *tail = NULL;
            do {
                node *al = mk(p, N_ALIAS);
                py_buf b;
                buf_init(&b, 16);
                buf_addv(&b, expect_name(p));
                while (acceptop(p, ".")) { buf_addc(&b, '.'); buf_addv(&b, expect_name(p)); }
                al->v = py_intern(b.p, b.n);
                if (acceptkw(p, K_AS)) al->v2 = expect_name(p);
                append(&n->a, &tail, al);
            } while (acceptop(p, ","));
            return n;
        }
        case K_FROM: {
            n = mk(p, S_FROM);
            p->p++;
            int level = 0;
            while (isop(p, ".") || isop(p, "...")) { level += isop(p, ".") ? 1 : 3; p->p++; }
            n->op = (uint8_t)level;
            if (cur(p)->kind == T_NAME) {
                py_buf b;
                buf_init(&b, 16);
                buf_addv(&b, expect_name(p));
                while (acceptop(p, ".")) { buf_addc(&b, '.'); buf_addv(&b, expect_name(p)); }
                n->v = py_intern(b.p, b.n);
            } else n->v = QS(_empty);
            if (!acceptkw(p, K_IMPORT)) perr(p, "invalid syntax");
            if (acceptop(p, "*")) return n;
            bool par = acceptop(p, "(");
            node *tail = NULL;
            do {
                if (par && isop(p, ")")) break;
                node *al = mk(p, N_ALIAS);
                al->v = expect_name(p);
                if (acceptkw(p, K_AS)) al->v2 = expect_name(p);
                append(&n->a, &tail, al);
            } while (acceptop(p, ","));
            if (par) expectop(p, ")");
            return n;
        }
        default: break;
        }
    }
    /* expression statement, assignment, augmented assignment */
    node *e = testlist(p, true);
    static const char *const aug[] = { "+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@=" };
    static const uint8_t augop[] = { OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_LSHIFT, OP_RSHIFT, OP_AND, OP_OR, OP_XOR, OP_MATMUL };
    for (int k = 0; k < 13; k++) {
        if (isop(p, aug[k])) {
            p->p++;
            if (e->kind != N_NAME && e->kind != N_ATTR && e->kind != N_SUBSCR) bad_target(p, e, true);
            n = mk(p, S_AUGASSIGN);
            n->op = augop[k];
            n->a = e;
            n->b = iskw(p, K_YIELD) ? test(p) : testlist(p, true);
            return n;
        }
    }
    if (isop(p, ":") && !(e->flags & 1)) {
        /* annotated assignment: the annotation is evaluated, not stored */
        p->p++;
        n = mk(p, S_ANNASSIGN);
        if (!is_target(e) || e->kind == N_TUPLE) py_syntax_error(p->file, e->line, "only single target (not tuple) can be annotated");
        n->a = e;
        n->b = test(p);
        if (acceptop(p, "=")) n->c = iskw(p, K_YIELD) ? test(p) : testlist(p, true);
        return n;
    }
    if (isop(p, "=")) {
        n = mk(p, S_ASSIGN);
        node *tail = NULL;
        while (acceptop(p, "=")) {
            check_target(p, e);
            append(&n->a, &tail, e);
            e = iskw(p, K_YIELD) ? test(p) : testlist(p, true);
        }
        n->b = e;
        return n;
    }
    if (e->kind == N_STAR) py_syntax_error(p->file, e->line, "can't use starred expression here");
    n = mk(p, S_EXPR);
    n->a = e;
    n->line = e->line;
    return n;
}

static node *simple_stmts(P *p) {
    node *head = NULL, *tail = NULL;
    for (;;) {
        append(&head, &tail, simple_stmt(p));
        if (!acceptop(p, ";")) break;
        if (cur(p)->kind == T_NEWLINE) break;
    }
    if (cur(p)->kind != T_NEWLINE && cur(p)->kind != T_EOF) perr(p, "invalid syntax");
    if (cur(p)->kind == T_NEWLINE) p->p++;
    return head;
}

static node *block(P *p) {
    expectop(p, ":");
    if (cur(p)->kind != T_NEWLINE) return simple_stmts(p);
    p->p++;
    if (cur(p)->kind != T_INDENT) error_of(&py_IndentationError_type, p->file, cur(p)->line, "expected an indented block");
    p->p++;
    node *head = NULL, *tail = NULL;
    while (cur(p)->kind != T_DEDENT && cur(p)->kind != T_EOF) {
        node *s = stmt(p);
        while (s) { node *nx = s->next; s->next = NULL; append(&head, &tail, s); s = nx; }
    }
    if (cur(p)->kind == T_DEDENT) p->p++;
    return head;
}

static node *if_stmt(P *p) {
    node *n = mk(p, S_IF);
    p->p++;
    n->a = walrus_after(p, test(p));
    n->b = block(p);
    if (iskw(p, K_ELIF)) n->c = if_stmt(p);
    else if (acceptkw(p, K_ELSE)) n->c = block(p);
    return n;
}

static node *funcdef(P *p, node *decos) {
    node *n = mk(p, S_DEF);
    p->p++;
    n->v = expect_name(p);
    expectop(p, "(");
    n->a = parse_args(p, false);
    expectop(p, ")");
    if (acceptop(p, "->")) test(p);
    n->b = block(p);
    n->c = decos;
    return n;
}

static node *stmt(P *p) {
    py_compile_check_cstack();
    tok *t = cur(p);
    if (t->kind == T_INDENT) error_of(&py_IndentationError_type, p->file, t->line, "unexpected indent");
    if (t->kind == T_OP && isop(p, "@")) {
        node *head = NULL, *tail = NULL;
        while (acceptop(p, "@")) {
            append(&head, &tail, test(p));
            if (cur(p)->kind != T_NEWLINE) perr(p, "invalid syntax");
            p->p++;
        }
        bool async = acceptkw(p, K_ASYNC);
        if (iskw(p, K_DEF)) { node *d = funcdef(p, head); d->op = async; return d; }
        if (!iskw(p, K_CLASS)) perr(p, "invalid syntax");
        node *c = stmt(p);
        c->c = head;
        return c;
    }
    if (t->kind != T_KW) return simple_stmts(p);
    node *n;
    switch (t->op) {
    case K_IF: return if_stmt(p);
    case K_WHILE:
        n = mk(p, S_WHILE);
        p->p++;
        n->a = walrus_after(p, test(p));
        n->b = block(p);
        if (acceptkw(p, K_ELSE)) n->c = block(p);
        return n;
    case K_ASYNC: {
        p->p++;
        if (iskw(p, K_DEF)) { n = funcdef(p, NULL); n->op = 1; return n; }
        if (!iskw(p, K_FOR) && !iskw(p, K_WITH)) perr(p, "invalid syntax");
        n = stmt(p);
        n->op = 1;     /* async for / async with */
        return n;
    }
    case K_FOR: {
        n = mk(p, S_FOR);
        p->p++;
        node *th = NULL, *tt = NULL;
        bool tuple = false;
        for (;;) {
            node *e = isop(p, "*") ? star_expr_or_test(p) : expr(p);
            append(&th, &tt, e);
            if (!acceptop(p, ",")) break;
            tuple = true;
            if (iskw(p, K_IN)) break;
        }
        if (tuple) { node *tp = mk(p, N_TUPLE); tp->a = th; n->a = tp; } else n->a = th;
        check_target(p, n->a);
        if (!acceptkw(p, K_IN)) perr(p, "invalid syntax");
        n->b = testlist(p, true);
        n->c = block(p);
        if (acceptkw(p, K_ELSE)) n->d = block(p);
        return n;
    }
    case K_TRY: {
        n = mk(p, S_TRY);
        p->p++;
        n->a = block(p);
        node *tail = NULL;
        while (iskw(p, K_EXCEPT)) {
            node *h = mk(p, N_HANDLER);
            p->p++;
            if (!isop(p, ":")) {
                h->a = test(p);
                if (isop(p, ",")) {
                    node *tp = mk(p, N_TUPLE), *tt = h->a;
                    tp->a = h->a;
                    while (acceptop(p, ",")) append(&tp->a, &tt, test(p));
                    h->a = tp;
                }
                if (acceptkw(p, K_AS)) h->v = expect_name(p);
            }
            h->b = block(p);
            append(&n->b, &tail, h);
        }
        if (acceptkw(p, K_ELSE)) {
            if (!n->b) perr(p, "invalid syntax");
            n->c = block(p);
        }
        if (acceptkw(p, K_FINALLY)) n->d = block(p);
        if (!n->b && !n->d) perr(p, "expected 'except' or 'finally' block");
        return n;
    }
    case K_WITH: {
        n = mk(p, S_WITH);
        p->p++;
        node *tail = NULL;
        bool par = false;
        if (isop(p, "(")) {
            /* with (a as b, c as d): -- only when a top-level 'as' follows inside */
            size_t save = p->p;
            int depth = 0;
            bool has_as = false;
            for (size_t k = p->p; k < p->nt; k++) {
                tok *x = &p->t[k];
                if (x->kind == T_OP && strchr("([{", ops[x->op][0]) && ops[x->op][1] == 0) depth++;
                else if (x->kind == T_OP && strchr(")]}", ops[x->op][0]) && ops[x->op][1] == 0) { if (--depth == 0) { has_as = p->t[k + 1].kind == T_OP && !strcmp(ops[p->t[k + 1].op], ":"); break; } }
                else if (depth == 1 && x->kind == T_KW && x->op == K_AS) has_as = true;
            }
            if (has_as) { par = true; p->p++; } else p->p = save;
        }
        do {
            if (par && isop(p, ")")) break;
            node *w = mk(p, N_WITHITEM);
            w->a = test(p);
            if (acceptkw(p, K_AS)) { w->b = expr(p); check_target(p, w->b); }
            append(&n->a, &tail, w);
        } while (acceptop(p, ","));
        if (par) expectop(p, ")");
        n->b = block(p);
        return n;
    }
    case K_DEF: return funcdef(p, NULL);
    case K_CLASS:
        n = mk(p, S_CLASS);
        p->p++;
        n->v = expect_name(p);
        if (acceptop(p, "(")) n->a = call_args(p);
        {
            pv outer = p->classname;
            p->classname = n->v;
            n->b = block(p);
            p->classname = outer;
        }
        return n;
    default:
        return simple_stmts(p);
    }
}

/* Source is UTF-8 (no encoding declarations here): anything else is CPython's SyntaxError,
 * before a str of the program could carry malformed text into what assumes it well formed. */
static void check_utf8(const char *src, size_t len, pv filename) {
    size_t at = py_utf8_invalid_at((const uint8_t *)src, len);
    if (at == len) return;
    int line = 1;
    for (size_t i = 0; i < at; i++) line += src[i] == '\n';
    char msg[160];
    snprintf(msg, sizeof msg, "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; "
             "see https://peps.python.org/pep-0263/ for details", (uint8_t)src[at], py_str_data(filename), line);
    py_syntax_error(filename, line, msg);
}

node *py_parse(const char *src, size_t len, pv filename, int mode) {
    check_utf8(src, len, filename);
    P p;
    memset(&p, 0, sizeof p);
    p.src = src;
    p.n = len;
    p.line = 1;
    p.file = filename;
    p.mode = mode;
    tokenize(&p);
    node *head = NULL, *tail = NULL;
    if (mode == PY_MODE_EVAL) {
        while (cur(&p)->kind == T_NEWLINE || cur(&p)->kind == T_INDENT) p.p++;
        node *e = testlist(&p, true);
        while (cur(&p)->kind == T_NEWLINE || cur(&p)->kind == T_DEDENT) p.p++;
        if (cur(&p)->kind != T_EOF) perr(&p, "invalid syntax");
        node *r = mk(&p, S_RETURN);
        r->a = e;
        gc_free(p.t);
        return r;
    }
    while (cur(&p)->kind != T_EOF) {
        if (cur(&p)->kind == T_NEWLINE) { p.p++; continue; }
        if (cur(&p)->kind == T_DEDENT) { p.p++; continue; }
        node *s = stmt(&p);
        while (s) { node *nx = s->next; s->next = NULL; append(&head, &tail, s); s = nx; }
    }
    /* the tree holds what it needs of the tokens: their array goes back before compiling */
    gc_free(p.t);
    return head;
}
