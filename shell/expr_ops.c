/* Operators on values, with Python's rules: bool counts as int, / is true division, // and %
 * floor, ** of ints stays int; str + str, str * int; comparisons of numbers with numbers and
 * strings with strings. Ints are 64-bit: overflow is an error rather than a wrong answer. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/str.h"
#include "shell/expr_int.h"

static int is_int(const struct value *v)
{
    return v->type == VAL_INT || v->type == VAL_BOOL;
}

static long long int_of(const struct value *v)
{
    return v->type == VAL_BOOL ? v->u.b : v->u.i;
}

int expr_as_number(const struct value *v, double *out)
{
    if (is_int(v))
        *out = (double)int_of(v);
    else if (v->type == VAL_FLOAT)
        *out = v->u.f;
    else
        return -1;
    return 0;
}

int expr_truth(const struct value *v)
{
    switch (v->type) {
    case VAL_STR: return v->u.s[0] != '\0';
    case VAL_INT: return v->u.i != 0;
    case VAL_FLOAT: return v->u.f != 0.0;
    case VAL_BOOL: return v->u.b;
    default: return 0;
    }
}

int expr_as_int(struct expr_ctx *cx, const struct value *v, const char *what, long long *out)
{
    *out = 0;
    if (!is_int(v))
        return expr_fail(cx, "%s must be an integer, not '%s'", what, value_type_name(v->type));
    *out = int_of(v);
    return 0;
}

struct value expr_str_take(char *s)
{
    struct value v = { VAL_STR, { 0 } };
    v.u.s = s;
    return v;
}

int expr_str_value(struct expr_ctx *cx, const char *s, size_t len, struct value *out)
{
    if (len > EXPR_STR_MAX)
        return expr_fail(cx, "string too long (at most %d bytes)", EXPR_STR_MAX);
    char *copy = str_ndup(s, len);
    if (!copy)
        return expr_fail(cx, "out of memory");
    *out = expr_str_take(copy);
    return 0;
}

static int type_error(struct expr_ctx *cx, enum op op, const struct value *a, const struct value *b)
{
    return expr_fail(cx, "unsupported operand types for %s: '%s' and '%s'", expr_op_text(op),
                     value_type_name(a->type), value_type_name(b->type));
}

/* ---- ints ---- */

static int overflow(struct expr_ctx *cx)
{
    return expr_fail(cx, "integer overflow (ints are 64-bit)");
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int mul_overflows(long long a, long long b)
{
    if (a == 0 || b == 0)
        return 0;
    if (a == LLONG_MIN || b == LLONG_MIN)
        return !(a == 1 || b == 1);
    return llabs(a) > LLONG_MAX / llabs(b);
}

static int int_pow(struct expr_ctx *cx, long long base, long long exp, struct value *out)
{
    if (exp < 0) {
        if (base == 0)
            return expr_fail(cx, "division by zero");
        *out = value_float(pow((double)base, (double)exp));
        return 0;
    }
    long long r = 1;
    if (base == 0 || base == 1 || base == -1) {
        r = base == 0 ? exp == 0 : base == 1 ? 1 : exp % 2 ? -1 : 1;
        *out = value_int(r);
        return 0;
    }
    for (; exp > 0; exp--) {        /* |base| >= 2: overflows within 63 rounds */
        if (mul_overflows(r, base))
            return overflow(cx);
        r *= base;
    }
    *out = value_int(r);
    return 0;
}

static int int_binary(struct expr_ctx *cx, enum op op, long long a, long long b, struct value *out)
{
    switch (op) {
    case OP_ADD:
        if ((b > 0 && a > LLONG_MAX - b) || (b < 0 && a < LLONG_MIN - b))
            return overflow(cx);
        *out = value_int(a + b);
        return 0;
    case OP_SUB:
        if ((b < 0 && a > LLONG_MAX + b) || (b > 0 && a < LLONG_MIN + b))
            return overflow(cx);
        *out = value_int(a - b);
        return 0;
    case OP_MUL:
        if (mul_overflows(a, b))
            return overflow(cx);
        *out = value_int(a * b);
        return 0;
    case OP_DIV:
        if (b == 0)
            return expr_fail(cx, "division by zero");
        *out = value_float((double)a / (double)b);
        return 0;
    case OP_FLOORDIV:
    case OP_MOD:
        if (b == 0)
            return expr_fail(cx, op == OP_MOD ? "modulo by zero" : "division by zero");
        if (a == LLONG_MIN && b == -1)
            return op == OP_MOD ? (*out = value_int(0), 0) : expr_fail(cx, "integer overflow");
        *out = value_int(op == OP_FLOORDIV ? floor_div(a, b) : a - floor_div(a, b) * b);
        return 0;
    case OP_POW: return int_pow(cx, a, b, out);
    case OP_BITAND: *out = value_int(a & b); return 0;
    case OP_BITOR: *out = value_int(a | b); return 0;
    case OP_BITXOR: *out = value_int(a ^ b); return 0;
    case OP_SHL:
    case OP_SHR:
        if (b < 0)
            return expr_fail(cx, "negative shift count");
        if (op == OP_SHR) {
            *out = value_int(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
            return 0;
        }
        if (a == 0) {
            *out = value_int(0);
            return 0;
        }
        if (b >= 63 || mul_overflows(a, 1LL << b))
            return overflow(cx);
        *out = value_int(a * (1LL << b));
        return 0;
    default: return -1;
    }
}

/* ---- floats ---- */

static int float_binary(struct expr_ctx *cx, enum op op, double a, double b, struct value *out)
{
    switch (op) {
    case OP_ADD: *out = value_float(a + b); return 0;
    case OP_SUB: *out = value_float(a - b); return 0;
    case OP_MUL: *out = value_float(a * b); return 0;
    case OP_DIV:
    case OP_FLOORDIV:
    case OP_MOD:
        if (b == 0.0)
            return expr_fail(cx, op == OP_MOD ? "float modulo by zero" : "float division by zero");
        if (op == OP_DIV)
            *out = value_float(a / b);
        else if (op == OP_FLOORDIV)
            *out = value_float(floor(a / b));
        else {
            double m = fmod(a, b);
            *out = value_float(m != 0.0 && ((m < 0) != (b < 0)) ? m + b : m);
        }
        return 0;
    case OP_POW:
        if (a == 0.0 && b < 0)
            return expr_fail(cx, "division by zero");
        if (a < 0 && b != floor(b))
            return expr_fail(cx, "negative number to a fractional power");
        *out = value_float(pow(a, b));
        return 0;
    default: return -1;
    }
}

/* ---- strings ---- */

static int str_concat(struct expr_ctx *cx, const char *a, const char *b, struct value *out)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb > EXPR_STR_MAX)
        return expr_fail(cx, "string too long (at most %d bytes)", EXPR_STR_MAX);
    char *s = malloc(la + lb + 1);
    if (!s)
        return expr_fail(cx, "out of memory");
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    *out = expr_str_take(s);
    return 0;
}

static int str_repeat(struct expr_ctx *cx, const char *a, long long times, struct value *out)
{
    size_t la = strlen(a);
    if (times < 0)
        times = 0;
    if (la && (unsigned long long)times > EXPR_STR_MAX / la)
        return expr_fail(cx, "string too long (at most %d bytes)", EXPR_STR_MAX);
    char *s = malloc(la * (size_t)times + 1);
    if (!s)
        return expr_fail(cx, "out of memory");
    for (long long i = 0; i < times; i++)
        memcpy(s + la * (size_t)i, a, la);
    s[la * (size_t)times] = '\0';
    *out = expr_str_take(s);
    return 0;
}

int expr_binary(struct expr_ctx *cx, enum op op, const struct value *a, const struct value *b,
                struct value *out)
{
    if (is_int(a) && is_int(b) && int_binary(cx, op, int_of(a), int_of(b), out) == 0)
        return 0;
    if (cx->failed)
        return -1;
    double x, y;
    if (expr_as_number(a, &x) == 0 && expr_as_number(b, &y) == 0 && op <= OP_POW)
        return float_binary(cx, op, x, y, out);
    if (a->type == VAL_STR && b->type == VAL_STR && op == OP_ADD)
        return str_concat(cx, a->u.s, b->u.s, out);
    if (op == OP_MUL && a->type == VAL_STR && is_int(b))
        return str_repeat(cx, a->u.s, int_of(b), out);
    if (op == OP_MUL && is_int(a) && b->type == VAL_STR)
        return str_repeat(cx, b->u.s, int_of(a), out);
    if (op == OP_MOD && a->type == VAL_STR)
        return expr_fail(cx, "%% formatting of strings is not supported (use an f-string)");
    return type_error(cx, op, a, b);
}

/* ---- comparisons ---- */

static int ordered(enum op op, int c)
{
    switch (op) {
    case OP_LT: return c < 0;
    case OP_GT: return c > 0;
    case OP_LE: return c <= 0;
    case OP_GE: return c >= 0;
    case OP_EQ: return c == 0;
    default: return c != 0;
    }
}

int expr_compare(struct expr_ctx *cx, enum op op, const struct value *a, const struct value *b,
                 int *result)
{
    double x, y;
    if (op == OP_IN || op == OP_NOTIN) {
        if (a->type != VAL_STR || b->type != VAL_STR)
            return expr_fail(cx, "'in' needs two strings, not '%s' and '%s'",
                             value_type_name(a->type), value_type_name(b->type));
        *result = (strstr(b->u.s, a->u.s) != NULL) == (op == OP_IN);
        return 0;
    }
    if (is_int(a) && is_int(b)) {
        long long i = int_of(a), j = int_of(b);
        *result = ordered(op, (i > j) - (i < j));
    } else if (expr_as_number(a, &x) == 0 && expr_as_number(b, &y) == 0) {
        *result = (op == OP_NE) ? x != y : ordered(op, (x > y) - (x < y)) && x == x && y == y;
    } else if (a->type == VAL_STR && b->type == VAL_STR) {
        *result = ordered(op, strcmp(a->u.s, b->u.s));
    } else if (op == OP_EQ || op == OP_NE) {
        *result = (a->type == VAL_NONE && b->type == VAL_NONE) == (op == OP_EQ);
    } else {
        return expr_fail(cx, "'%s' not supported between '%s' and '%s'", expr_op_text(op),
                         value_type_name(a->type), value_type_name(b->type));
    }
    return 0;
}

/* ---- text ---- */

static char *repr_str(const char *s)
{
    struct strbuf b;
    strbuf_init(&b);
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    strbuf_addc(&b, q);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == (unsigned char)q)
            strbuf_addf(&b, "\\%c", c);
        else if (c == '\n')
            strbuf_adds(&b, "\\n");
        else if (c == '\r')
            strbuf_adds(&b, "\\r");
        else if (c == '\t')
            strbuf_adds(&b, "\\t");
        else if (c < 0x20 || c == 0x7f)
            strbuf_addf(&b, "\\x%02x", c);
        else
            strbuf_addc(&b, (char)c);
    }
    strbuf_addc(&b, q);
    if (b.failed) {
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_take(&b);
}

char *expr_to_text(const struct value *v, int repr)
{
    if (v->type == VAL_STR)
        return repr ? repr_str(v->u.s) : str_dup(v->u.s);
    char buf[48];
    value_format(v, buf, sizeof buf);
    return str_dup(buf);
}

/* ---- format(value, spec): [[fill]align][sign][0][width][,][.precision][type] ---- */

struct spec {
    char fill, align, sign, type;
    int width, precision, comma;
};

static int parse_spec(const char *s, struct spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->fill = ' ';
    sp->precision = -1;
    if (s[0] && s[1] && strchr("<>^", s[1])) {
        sp->fill = s[0];
        sp->align = s[1];
        s += 2;
    } else if (s[0] && strchr("<>^", s[0])) {
        sp->align = *s++;
    }
    if (*s && strchr("+- ", *s))
        sp->sign = *s++;
    if (*s == '0') {
        sp->fill = '0';
        if (!sp->align)
            sp->align = '=';
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++)
        if ((sp->width = sp->width * 10 + (*s - '0')) > 256)
            return -1;
    if (*s == ',') {
        sp->comma = 1;
        s++;
    }
    if (*s == '.') {
        sp->precision = 0;
        for (s++; *s >= '0' && *s <= '9'; s++)
            if ((sp->precision = sp->precision * 10 + (*s - '0')) > 64)
                return -1;
    }
    if (*s && strchr("sdxXobfFeEg%", *s))
        sp->type = *s++;
    return *s ? -1 : 0;
}

static void binary_digits(unsigned long long u, char *buf)
{
    char tmp[66];
    int n = 0;
    do
        tmp[n++] = (char)('0' + (u & 1));
    while (u >>= 1);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* The number's digits without padding, into buf. */
static int format_number(const struct value *v, const struct spec *sp, char *buf, size_t size)
{
    double d = 0;
    expr_as_number(v, &d);
    char type = sp->type;
    if (!type)
        type = v->type == VAL_FLOAT ? (sp->precision >= 0 ? 'g' : 0) : 'd';
    if (strchr("dxXob", type) && !is_int(v))
        return -1;
    long long i = is_int(v) ? int_of(v) : 0;
    unsigned long long mag = i < 0 ? 0 - (unsigned long long)i : (unsigned long long)i;
    const char *sign = (i < 0 || d < 0) ? "-" : sp->sign == '+' ? "+" : sp->sign == ' ' ? " " : "";
    char digits[80];
    int prec = sp->precision < 0 ? 6 : sp->precision;
    switch (type) {
    case 'd': snprintf(digits, sizeof digits, "%llu", mag); break;
    case 'x': snprintf(digits, sizeof digits, "%llx", mag); break;
    case 'X': snprintf(digits, sizeof digits, "%llX", mag); break;
    case 'o': snprintf(digits, sizeof digits, "%llo", mag); break;
    case 'b': binary_digits(mag, digits); break;
    case '%': snprintf(digits, sizeof digits, "%.*f%%", prec, fabs(d) * 100); break;
    case 0: value_format(v, digits, sizeof digits); if (*digits == '-') memmove(digits, digits + 1, strlen(digits)); break;
    default: {
        char f[8];
        snprintf(f, sizeof f, "%%.*%c", type == 'F' ? 'f' : type);
        snprintf(digits, sizeof digits, f, prec, fabs(d));
    }
    }
    if (sp->comma && strchr("d", type)) {
        char grouped[112];
        size_t n = strlen(digits), k = 0;
        for (size_t j = 0; j < n; j++) {
            if (j && (n - j) % 3 == 0)
                grouped[k++] = ',';
            grouped[k++] = digits[j];
        }
        grouped[k] = '\0';
        return snprintf(buf, size, "%s%s", sign, grouped);
    }
    return snprintf(buf, size, "%s%s", sign, digits);
}

static int pad(struct expr_ctx *cx, const char *text, const struct spec *sp, char default_align,
               struct value *out)
{
    size_t len = strlen(text), width = (size_t)sp->width;
    size_t fill = width > len ? width - len : 0;
    char align = sp->align ? sp->align : default_align;
    char *s = malloc(len + fill + 1);
    if (!s)
        return expr_fail(cx, "out of memory");
    size_t left = align == '>' ? fill : align == '^' ? fill / 2 : 0, n = 0;
    if (align == '=') {             /* zero padding goes after the sign */
        if (len && strchr("+- ", text[0])) {
            s[n++] = text[0];
            text++;
            len--;
        }
        left = fill;
    }
    memset(s + n, sp->fill, left);
    n += left;
    memcpy(s + n, text, len);
    n += len;
    memset(s + n, sp->fill, fill - left);
    n += fill - left;
    s[n] = '\0';
    *out = expr_str_take(s);
    return 0;
}

int expr_format(struct expr_ctx *cx, const struct value *v, const char *spec, struct value *out)
{
    struct spec sp;
    if (parse_spec(spec ? spec : "", &sp) < 0)
        return expr_fail(cx, "invalid format spec '%s'", spec);
    if (v->type == VAL_STR || v->type == VAL_NONE || (v->type == VAL_BOOL && !sp.type)) {
        if (sp.type && sp.type != 's')
            return expr_fail(cx, "format '%c' needs a number, not '%s'", sp.type,
                             value_type_name(v->type));
        char *text = expr_to_text(v, 0);
        if (!text)
            return expr_fail(cx, "out of memory");
        if (sp.precision >= 0 && strlen(text) > (size_t)sp.precision)
            text[sp.precision] = '\0';
        int r = pad(cx, text, &sp, '<', out);
        free(text);
        return r;
    }
    char digits[160];
    if (sp.type == 's' || format_number(v, &sp, digits, sizeof digits) < 0)
        return expr_fail(cx, "format '%c' does not fit a '%s'", sp.type ? sp.type : '?',
                         value_type_name(v->type));
    return pad(cx, digits, &sp, '>', out);
}
