/* Tokens of the expression language: Python's literals (ints in any base, floats, strings
 * with escapes, f-strings), names, keywords and operators. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "shell/expr_int.h"

/* Longest first, so that "**=" wins over "**" and "*". */
static const struct { const char *text; enum op op; } operators[] = {
    { "**=", OP_POW_ASSIGN }, { "//=", OP_FLOORDIV_ASSIGN },
    { "**", OP_POW }, { "//", OP_FLOORDIV }, { "==", OP_EQ }, { "!=", OP_NE }, { "<=", OP_LE },
    { ">=", OP_GE }, { "<<", OP_SHL }, { ">>", OP_SHR }, { "+=", OP_ADD_ASSIGN },
    { "-=", OP_SUB_ASSIGN }, { "*=", OP_MUL_ASSIGN }, { "/=", OP_DIV_ASSIGN },
    { "%=", OP_MOD_ASSIGN },
    { "+", OP_ADD }, { "-", OP_SUB }, { "*", OP_MUL }, { "/", OP_DIV }, { "%", OP_MOD },
    { "&", OP_BITAND }, { "|", OP_BITOR }, { "^", OP_BITXOR }, { "~", OP_INVERT },
    { "<", OP_LT }, { ">", OP_GT }, { "(", OP_LPAREN }, { ")", OP_RPAREN },
    { "[", OP_LBRACKET }, { "]", OP_RBRACKET }, { ",", OP_COMMA }, { ".", OP_DOT },
    { ":", OP_COLON }, { ";", OP_SEMI }, { "=", OP_ASSIGN },
};

static const struct { const char *text; enum op op; } keywords[] = {
    { "and", OP_AND }, { "or", OP_OR }, { "not", OP_NOT }, { "in", OP_IN }, { "if", OP_IF },
    { "else", OP_ELSE }, { "True", OP_TRUE }, { "False", OP_FALSE }, { "None", OP_NONE_KW },
};

const char *expr_op_text(enum op op)
{
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
        if (operators[i].op == op)
            return operators[i].text;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (keywords[i].op == op)
            return keywords[i].text;
    return op == OP_NOTIN ? "not in" : "?";
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends code point cp as UTF-8. */
static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* \xHH, \uHHHH, \UHHHHHHHH: exactly digits hex digits. */
static int hex_escape(const char *s, size_t len, int digits, unsigned long *cp)
{
    *cp = 0;
    if ((size_t)digits > len)
        return -1;
    for (int i = 0; i < digits; i++) {
        int h = hex_value(s[i]);
        if (h < 0)
            return -1;
        *cp = *cp * 16 + (unsigned long)h;
    }
    return *cp > 0x10FFFF ? -1 : 0;
}

static const char simple_escapes[] = "n\nt\tr\ra\ab\bf\fv\v\\\\''\"\"";

char *expr_unescape(struct expr_ctx *cx, const char *s, size_t len, int raw, size_t *out_len)
{
    /* Escapes never make text longer, except \x.. -> up to 2 bytes of UTF-8 from 4 chars. */
    char *out = arena_alloc(&cx->arena, len + 1);
    size_t n = 0;
    if (!out) {
        expr_fail(cx, "expression too large");
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        if (raw || s[i] != '\\' || i + 1 == len) {
            out[n++] = s[i];
            continue;
        }
        char c = s[++i];
        const char *simple = strchr(simple_escapes, c);
        unsigned long cp;
        if (c && simple && (simple - simple_escapes) % 2 == 0) {
            out[n++] = simple[1];
        } else if (c >= '0' && c <= '7') {
            int v = 0, k = 0;
            for (; k < 3 && i < len && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + (s[i++] - '0');
            i--;
            n += put_utf8(out + n, (unsigned long)v);
        } else if (c == 'x' || c == 'u' || c == 'U') {
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            if (hex_escape(s + i + 1, len - i - 1, digits, &cp) < 0) {
                expr_fail(cx, "invalid \\%c escape", c);
                return NULL;
            }
            n += put_utf8(out + n, cp);
            i += (size_t)digits;
        } else {
            out[n++] = '\\';            /* Python keeps unknown escapes as they are */
            out[n++] = c;
        }
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static size_t lex_number(struct expr_ctx *cx, const char *s, struct token *t)
{
    char *end;
    errno = 0;
    if (s[0] == '0' && s[1] && strchr("xXoObB", s[1])) {
        int base = strchr("xX", s[1]) ? 16 : strchr("oO", s[1]) ? 8 : 2;
        unsigned long long v = strtoull(s + 2, &end, base);
        if (end == s + 2 || errno || v > (unsigned long long)LLONG_MAX)
            return (size_t)expr_fail(cx, "invalid number");
        t->kind = T_INT;
        t->i = (long long)v;
        return (size_t)(end - s);
    }
    size_t n = 0;
    while (isdigit((unsigned char)s[n]))
        n++;
    int is_float = s[n] == '.' || s[n] == 'e' || s[n] == 'E';
    if (is_float) {
        t->kind = T_FLOAT;
        t->f = strtod(s, &end);
    } else {
        t->kind = T_INT;
        t->i = strtoll(s, &end, 10);
        if (errno)
            return (size_t)expr_fail(cx, "integer too large");
    }
    if (isalpha((unsigned char)*end) || *end == '_')
        return (size_t)expr_fail(cx, "invalid number");
    return (size_t)(end - s);
}

/* A string literal at s with its prefix letters already read (raw, f). Returns its length. */
static size_t lex_string(struct expr_ctx *cx, const char *s, size_t avail, int raw, int f,
                         struct token *t)
{
    char q = s[0];
    size_t i = 1;
    while (i < avail && s[i] != q) {
        if (s[i] == '\\' && i + 1 < avail)
            i++;
        i++;
    }
    if (i >= avail)
        return (size_t)expr_fail(cx, "unterminated string");
    if (f) {
        t->kind = T_FSTR;
        t->s = s + 1;
        t->len = i - 1;
        t->i = raw;
    } else {
        t->kind = T_STR;
        t->s = expr_unescape(cx, s + 1, i - 1, raw, &t->len);
        if (!t->s)
            return (size_t)-1;
    }
    return i + 1;
}

/* Prefix letters r, f, b (any case, any order) directly before a quote. */
static size_t string_prefix(const char *s, int *raw, int *f, int *bytes)
{
    size_t n = 0;
    *raw = *f = *bytes = 0;
    while (n < 2 && s[n] && strchr("rRfFbB", s[n])) {
        *raw |= s[n] == 'r' || s[n] == 'R';
        *f |= s[n] == 'f' || s[n] == 'F';
        *bytes |= s[n] == 'b' || s[n] == 'B';
        n++;
    }
    return s[n] == '"' || s[n] == '\'' ? n : 0;
}

static size_t lex_word(const char *s, struct token *t)
{
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '_')
        n++;
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
        if (strlen(keywords[k].text) == n && memcmp(keywords[k].text, s, n) == 0) {
            t->kind = T_OP;
            t->op = keywords[k].op;
            return n;
        }
    t->kind = T_NAME;
    t->s = s;
    t->len = n;
    return n;
}

static size_t lex_operator(struct expr_ctx *cx, const char *s, size_t avail, struct token *t)
{
    for (size_t k = 0; k < sizeof operators / sizeof operators[0]; k++) {
        size_t n = strlen(operators[k].text);
        if (n <= avail && memcmp(operators[k].text, s, n) == 0) {
            t->kind = T_OP;
            t->op = operators[k].op;
            return n;
        }
    }
    if (isprint((unsigned char)*s))
        return (size_t)expr_fail(cx, "invalid character '%c'", *s);
    return (size_t)expr_fail(cx, "invalid character (code %d)", (unsigned char)*s);
}

static size_t lex_one(struct expr_ctx *cx, const char *s, size_t avail, struct token *t)
{
    int raw, f, bytes;
    size_t prefix = string_prefix(s, &raw, &f, &bytes);
    if (prefix || *s == '"' || *s == '\'') {
        if (bytes)
            return (size_t)expr_fail(cx, "bytes literals are not supported");
        size_t n = lex_string(cx, s + prefix, avail - prefix, raw, f, t);
        return n == (size_t)-1 ? n : n + prefix;
    }
    if (isdigit((unsigned char)*s) || (*s == '.' && isdigit((unsigned char)s[1])))
        return lex_number(cx, s, t);
    if (isalpha((unsigned char)*s) || *s == '_')
        return lex_word(s, t);
    return lex_operator(cx, s, avail, t);
}

int expr_lex(struct expr_ctx *cx, const char *src, size_t len, struct token **out)
{
    /* A token takes at least one character, so len + 1 slots are enough. */
    struct token *tokens = arena_alloc(&cx->arena, sizeof *tokens * (len + 1));
    if (!tokens)
        return expr_fail(cx, "expression too large");
    int count = 0;
    size_t i = 0;
    while (i < len) {
        if (src[i] == ' ' || src[i] == '\t') {
            i++;
            continue;
        }
        if (src[i] == '#')
            break;                  /* a comment to the end of the line */
        struct token *t = &tokens[count];
        t->pos = i;
        size_t n = lex_one(cx, src + i, len - i, t);
        if (n == (size_t)-1 || cx->failed)
            return -1;
        /* "not in" is one comparison operator */
        if (t->kind == T_OP && t->op == OP_IN && count && tokens[count - 1].kind == T_OP &&
            tokens[count - 1].op == OP_NOT) {
            tokens[count - 1].op = OP_NOTIN;
            count--;
        }
        count++;
        i += n;
    }
    tokens[count].kind = T_END;
    tokens[count].pos = len;
    *out = tokens;
    return count;
}
