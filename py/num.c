/* Numbers: int (a small int in the value word, or a boxed 64-bit one past that range), bool,
 * float (an IEEE double on every port: the MCU has no FPU, so double costs the same soft-float
 * library as float and keeps results identical to CPython's), and None. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "py/obj.h"

const pobj py_none_obj = { &py_none_type };
const pobj py_true_obj = { &py_bool_type };
const pobj py_false_obj = { &py_bool_type };
const pobj py_notimpl_obj = { &py_notimpl_type };
const pobj py_ellipsis_obj = { &py_ellipsis_type };

extern pv py_big_from_i64(int64_t x);
extern bool py_big_to_i64(pv v, int64_t *out);
extern pv py_big_binop(int op, pv a, pv b);
extern int py_big_cmp(pv a, pv b);
extern pv py_big_neg(pv a);
extern double py_big_to_double(pv a);
extern pv py_big_from_double(double d);
extern pv py_big_to_str(pv a, int base, bool upper);
extern pv py_big_from_str(const char *s, size_t n, int base, bool neg);
extern uintptr_t py_big_hash(pv a);
extern int py_big_bit_length(pv a);
extern bool py_big_is_zero(pv a);
extern bool py_big_is_neg(pv a);
static bool py_big_fits_double(pv a) { return !IS(a, py_long_type) || py_big_bit_length(a) <= 1023; }

pv py_new_int(int64_t v) {
    if (v >= SMALL_MIN && v <= SMALL_MAX) return MKSMALL((pint)v);
    return py_big_from_i64(v);
}
/* an instance of a subclass of int: a boxed int (py_int_boxed) with the class on it */
static bool is_int_subclass(pv v) {
    return !IS_SMALL(v) && TYPE(v)->flags & TF_USER && py_issubtype(TYPE(v), &py_int_type);
}
bool py_is_int(pv v) { return IS_SMALL(v) || IS(v, py_long_type) || IS(v, py_bool_type) || is_int_subclass(v); }
int64_t py_int_val(pv v) {
    if (IS_SMALL(v)) return SMALL(v);
    if (v == PV_TRUE) return 1;
    if (v == PV_FALSE) return 0;
    if (!IS(v, py_long_type) && !is_int_subclass(v)) {
        /* an argument a C function reads as an int: anything else is the caller's TypeError */
        pv m = TYPE(v)->flags & TF_USER ? py_lookup_special(v, Q___index__) : PV_NULL;
        if (m) return py_int_val(py_call0(m));
        py_raisef(&py_TypeError_type, "'%s' object cannot be interpreted as an integer", py_type_name(TYPE(v)));
    }
    int64_t r;
    if (!py_big_to_i64(v, &r)) py_raisef(&py_OverflowError_type, "Python int too large to convert to C int");
    return r;
}
static bool fits64(pv v, int64_t *out) {
    if (IS_SMALL(v)) { *out = SMALL(v); return true; }
    if (v == PV_TRUE || v == PV_FALSE) { *out = v == PV_TRUE; return true; }
    return py_big_to_i64(v, out);
}
pv py_float_new(double d) {
    py_float *f = NEW(py_float, py_float_type);
    f->v = d;
    return (pv)f;
}
static bool is_float(pv v) {
    return IS(v, py_float_type) || (!IS_SMALL(v) && TYPE(v)->flags & TF_USER && py_issubtype(TYPE(v), &py_float_type));
}
static bool is_num(pv v) { return py_is_int(v) || is_float(v); }
double py_to_double(pv v) {
    if (is_float(v)) return ((py_float *)v)->v;
    if (IS_SMALL(v)) return (double)SMALL(v);
    if (py_is_int(v)) return py_big_to_double(v);
    if (TYPE(v)->flags & TF_USER) {
        pv m = py_lookup_special(v, Q___float__);
        if (m) return py_to_double(py_call0(m));
        m = py_lookup_special(v, Q___index__);
        if (m) return py_to_double(py_call0(m));
    }
    py_raisef(&py_TypeError_type, "must be real number, not %s", py_type_name(TYPE(v)));
}

static bool ipow(int64_t b, int64_t e, int64_t *out) {
    int64_t r = 1;
    while (e > 0) {
        if (e & 1) { if (__builtin_mul_overflow(r, b, &r)) return false; }
        e >>= 1;
        if (e && __builtin_mul_overflow(b, b, &b)) return false;
    }
    *out = r;
    return true;
}

static pv float_binop_d(int op, double x, double y);

static pv int_binop(int op, pv a, pv b, int side) {
    if (IS(a, py_float_type) || IS(b, py_float_type)) {
        if (!is_num(a) || !is_num(b)) return PV_NULL;
        return float_binop_d(op & 15, py_to_double(a), py_to_double(b));
    }
    if (!py_is_int(a) || !py_is_int(b)) return PV_NULL;
    int o = op & 15;
    int64_t x, y, r;
    bool small = fits64(a, &x) && fits64(b, &y);
    if (o == OP_TRUEDIV) {
        if (small ? y == 0 : py_big_is_zero(b)) py_raisef(&py_ZeroDivisionError_type, "division by zero");
        if (small) return py_float_new((double)x / (double)y);
        {
            /* big operands: exact enough through the quotient and remainder when they are huge */
            double fa = py_big_fits_double(a) ? py_to_double(a) : INFINITY, fb = py_big_fits_double(b) ? py_to_double(b) : INFINITY;
            if (isinf(fa) || isinf(fb)) {
                pv q = py_big_binop(OP_FLOORDIV, a, b);
                if (!py_big_fits_double(q)) py_raisef(&py_OverflowError_type, "integer division result too large for a float");
                pv rem = py_big_binop(OP_MOD, a, b);
                return py_float_new(py_to_double(q) + (py_big_fits_double(rem) && py_big_fits_double(b) ? py_to_double(rem) / py_to_double(b) : 0));
            }
            return py_float_new(fa / fb);
        }
    }
    if (o == OP_FLOORDIV || o == OP_MOD) {
        if (small ? y == 0 : py_big_is_zero(b)) py_raisef(&py_ZeroDivisionError_type, o == OP_MOD ? "integer modulo by zero" : "integer division or modulo by zero");
    }
    if (o == OP_POW && (small ? y < 0 : py_big_is_neg(b))) {
        double fx = py_to_double(a);
        if (fx == 0) py_raisef(&py_ZeroDivisionError_type, "0.0 cannot be raised to a negative power");
        return py_float_new(pow(fx, py_to_double(b)));
    }
    if ((o == OP_LSHIFT || o == OP_RSHIFT) && (small ? y < 0 : py_big_is_neg(b))) py_raisef(&py_ValueError_type, "negative shift count");
    if (small) {
        switch (o) {
        case OP_ADD: if (!__builtin_add_overflow(x, y, &r)) return py_new_int(r); break;
        case OP_SUB: if (!__builtin_sub_overflow(x, y, &r)) return py_new_int(r); break;
        case OP_MUL: if (!__builtin_mul_overflow(x, y, &r)) return py_new_int(r); break;
        case OP_FLOORDIV: case OP_MOD: {
            if (x == INT64_MIN && y == -1) break;
            int64_t q = x / y, m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) { q--; m += y; }
            return py_new_int(o == OP_FLOORDIV ? q : m);
        }
        case OP_POW: if (ipow(x, y, &r)) return py_new_int(r); break;
        case OP_LSHIFT:
            if (x == 0) return MKSMALL(0);
            if (y < 62 && (x > 0 ? x <= (INT64_MAX >> y) : x >= (INT64_MIN >> y))) return py_new_int(x * ((int64_t)1 << y));
            break;
        case OP_RSHIFT:
            if (y >= 63) return MKSMALL(x < 0 ? -1 : 0);
            return py_new_int(x >> y);
        case OP_AND: case OP_OR: case OP_XOR:
            r = o == OP_AND ? x & y : o == OP_OR ? x | y : x ^ y;
            if (IS(a, py_bool_type) && IS(b, py_bool_type)) return PV_BOOL(r);
            return py_new_int(r);
        default: return PV_NULL;
        }
    }
    if (o == OP_MATMUL) return PV_NULL;
    return py_big_binop(o, a, b);
}

static pv float_binop_d(int op, double x, double y) {
    switch (op) {
    case OP_ADD: return py_float_new(x + y);
    case OP_SUB: return py_float_new(x - y);
    case OP_MUL: return py_float_new(x * y);
    case OP_TRUEDIV:
        if (y == 0) py_raisef(&py_ZeroDivisionError_type, "float division by zero");
        return py_float_new(x / y);
    case OP_FLOORDIV: case OP_MOD: {
        if (y == 0) py_raisef(&py_ZeroDivisionError_type, op == OP_MOD ? "float modulo" : "float floor division by zero");
        double m = fmod(x, y);
        double div = (x - m) / y;
        if (m != 0) {
            if ((y < 0) != (m < 0)) { m += y; div -= 1.0; }
        } else m = copysign(0.0, y);
        double fd;
        if (div != 0) { fd = floor(div); if (div - fd > 0.5) fd += 1.0; }
        else fd = copysign(0.0, x / y);
        return py_float_new(op == OP_MOD ? m : fd);
    }
    case OP_POW:
        if (x == 0 && y < 0) py_raisef(&py_ZeroDivisionError_type, "0.0 cannot be raised to a negative power");
        if (x < 0 && y != floor(y)) py_raisef(&py_ValueError_type, "math domain error");
        {
            double r = pow(x, y);
            if (isinf(r) && isfinite(x) && isfinite(y)) {
                pv e = py_exc_new(&py_OverflowError_type, PV_NULL);
                pv args = py_tuple_new(2);
                TUPLE(args)->items[0] = MKSMALL(34);
                TUPLE(args)->items[1] = py_str_cstr("Numerical result out of range");
                ((py_exc *)e)->args = args;
                py_raise(e);
            }
            return py_float_new(r);
        }
    default: return PV_NULL;
    }
}

static pv num_compare(int op, pv a, pv b, int side) {
    if (!is_num(a) || !is_num(b)) return PV_NULL;
    if (py_is_int(a) && py_is_int(b)) {
        int64_t x, y;
        if (!fits64(a, &x) || !fits64(b, &y)) { x = py_big_cmp(a, b); y = 0; }
        switch (op) {
        case CMP_LT: return PV_BOOL(x < y);
        case CMP_LE: return PV_BOOL(x <= y);
        case CMP_EQ: return PV_BOOL(x == y);
        case CMP_NE: return PV_BOOL(x != y);
        case CMP_GT: return PV_BOOL(x > y);
        case CMP_GE: return PV_BOOL(x >= y);
        }
        return PV_NULL;
    }
    if (py_is_int(a) != py_is_int(b)) {
        /* an int against a float: exactly, as CPython compares them */
        pv iv = py_is_int(a) ? a : b;
        double d = py_to_double(py_is_int(a) ? b : a);
        if (isfinite(d) && d == floor(d)) {
            pv dv = fabs(d) < 9.2e18 ? py_new_int((int64_t)d) : py_big_from_double(d);
            int c;
            int64_t x, y;
            if (fits64(iv, &x) && fits64(dv, &y)) c = x < y ? -1 : x > y;
            else c = py_big_cmp(iv, dv);
            if (!py_is_int(a)) c = -c;
            switch (op) {
            case CMP_LT: return PV_BOOL(c < 0);
            case CMP_LE: return PV_BOOL(c <= 0);
            case CMP_EQ: return PV_BOOL(c == 0);
            case CMP_NE: return PV_BOOL(c != 0);
            case CMP_GT: return PV_BOOL(c > 0);
            case CMP_GE: return PV_BOOL(c >= 0);
            }
        }
    }
    double x = py_to_double(a), y = py_to_double(b);
    switch (op) {
    case CMP_LT: return PV_BOOL(x < y);
    case CMP_LE: return PV_BOOL(x <= y);
    case CMP_EQ: return PV_BOOL(x == y);
    case CMP_NE: return PV_BOOL(x != y);
    case CMP_GT: return PV_BOOL(x > y);
    case CMP_GE: return PV_BOOL(x >= y);
    }
    return PV_NULL;
}

static pv int_unary(int op, pv a) {
    int64_t x;
    if (!fits64(a, &x)) {
        if (op == 0) return py_big_neg(a);
        if (op == 1) return a;
        return py_big_binop(OP_SUB, py_big_neg(a), MKSMALL(1));
    }
    if (op == 0) { if (x == INT64_MIN) return py_big_neg(py_big_from_i64(x)); return py_new_int(-x); }
    if (op == 1) return py_new_int(x);
    return py_new_int(~x);
}
static pv int_repr(pv v) {
    int64_t x;
    if (!fits64(v, &x)) return py_big_to_str(v, 10, false);
    char b[24];
    int k = 24;
    uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    do { b[--k] = (char)('0' + u % 10); u /= 10; } while (u);
    if (x < 0) b[--k] = '-';
    /* digits are ASCII: the length in code points is the length, not counted */
    char *d;
    pv s = py_str_alloc((size_t)(24 - k), &d);
    memcpy(d, b + k, (size_t)(24 - k));
    return s;
}
static uintptr_t int_hash(pv v) {
    int64_t x;
    if (!fits64(v, &x) || x >= ((int64_t)1 << 61) - 1 || x <= -(((int64_t)1 << 61) - 1)) return py_big_hash(v);
    if (x == -1) x = -2;
    return (uintptr_t)x;
}
static int int_truth(pv v) { int64_t x; return fits64(v, &x) ? x != 0 : 1; }

static pv parse_int(const char *s, size_t n, int base, pv orig) {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
    if (base == 0) {
        base = 10;
        if (i + 1 < n && s[i] == '0') {
            char c = s[i + 1] | 0x20;
            if (c == 'x') base = 16; else if (c == 'o') base = 8; else if (c == 'b') base = 2;
            if (base != 10) i += 2;
            else {
                /* base 0 takes no leading zeros in a decimal number, except for zero itself */
                for (size_t k = i; k < n; k++) if (s[k] != '0' && s[k] != '_') { base = 0; goto bad; }
            }
        }
    } else if (i + 1 < n && s[i] == '0') {
        char c = s[i + 1] | 0x20;
        if ((base == 16 && c == 'x') || (base == 8 && c == 'o') || (base == 2 && c == 'b')) i += 2;
    }
    uint64_t v = 0;
    bool any = false, ovf = false;
    size_t digits_at = i;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_' && any && i + 1 < n && s[i + 1] != '_') continue;
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
        if (d >= base) goto bad;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) ovf = true;
        v = v * (uint64_t)base + (uint64_t)d;
        any = true;
    }
    if (!any) goto bad;
    if (ovf || v > (uint64_t)INT64_MAX) {
        if (s[n - 1] == '_') goto bad;
        return py_big_from_str(s + digits_at, n - digits_at, base, neg);
    }
    return py_new_int(neg ? -(int64_t)v : (int64_t)v);
bad:
    py_raisef(&py_ValueError_type, "invalid literal for int() with base %d: %s", base, py_str_data(py_repr(orig)));
}

/* int(d): the float truncated toward zero, as many digits as it takes */
pv py_int_from_double(double d) {
    if (isnan(d)) py_raisef(&py_ValueError_type, "cannot convert float NaN to integer");
    if (isinf(d)) py_raisef(&py_OverflowError_type, "cannot convert float infinity to integer");
    d = trunc(d);
    /* beyond 64 bits the cast would be undefined: the bignum takes it */
    if (d >= 9.2233720368547758e18 || d < -9.2233720368547758e18) return py_big_from_double(d);
    return py_new_int((int64_t)d);
}

static pv int_make(const py_type *t, int n, pv *a, pv kw) {
    if (n == 0) return MKSMALL(0);
    pv x = a[0];
    pv basev = n > 1 ? a[1] : PV_NULL;
    if (kw) { pv bv = py_dict_get(kw, py_intern("base", 4)); if (bv) basev = bv; }
    if (basev) {
        int base = (int)py_to_index(basev);
        if (base != 0 && (base < 2 || base > 36)) py_raisef(&py_ValueError_type, "int() base must be >= 2 and <= 36, or 0");
        if (!IS(x, py_str_type)) py_raisef(&py_TypeError_type, "int() can't convert non-string with explicit base");
        return parse_int(py_str_data(x), py_str_len(x), base, x);
    }
    if (IS_SMALL(x)) return x;
    if (IS(x, py_long_type)) return x;
    if (IS(x, py_bool_type)) return MKSMALL(x == PV_TRUE);
    if (IS(x, py_float_type)) return py_int_from_double(((py_float *)x)->v);
    if (IS(x, py_str_type)) return parse_int(py_str_data(x), py_str_len(x), 10, x);
    if (IS(x, py_bytes_type) || IS(x, py_bytearray_type)) {
        py_bytes *b = (py_bytes *)x;
        return parse_int((const char *)b->data, b->len, 10, x);
    }
    pv m = py_lookup_special(x, Q___int__);
    if (!m) m = py_lookup_special(x, Q___index__);
    if (m) return py_call0(m);
    py_raisef(&py_TypeError_type, "int() argument must be a string, a bytes-like object or a real number, not '%s'", py_type_name(TYPE(x)));
}

static pv int_bit_length(int n, pv *a, pv kw) {
    int64_t x;
    if (!fits64(a[0], &x)) return MKSMALL(py_big_bit_length(a[0]));
    uint64_t u = x < 0 ? (uint64_t)(-(x + 1)) + 1 : (uint64_t)x;
    int b = 0;
    while (u) { b++; u >>= 1; }
    return MKSMALL(b);
}
static pv int_conjugate(int n, pv *a, pv kw) { return a[0]; }
static pv int_index_m(int n, pv *a, pv kw) { return py_int_exact(a[0]); }
/* to_bytes/from_bytes's byteorder: "little" or "big" (the default), refused otherwise. */
static bool little_endian(pv bo, const char *fn) {
    if (!bo) return false;
    if (!IS(bo, py_str_type)) py_raisef(&py_TypeError_type, "%s() argument 'byteorder' must be str, not %s", fn, py_type_name(TYPE(bo)));
    if (strcmp(py_str_data(bo), "little") && strcmp(py_str_data(bo), "big")) py_raisef(&py_ValueError_type, "byteorder must be either 'little' or 'big'");
    return !strcmp(py_str_data(bo), "little");
}
static pv int_to_bytes(int n, pv *a, pv kw) {
    int64_t x0;
    if (!fits64(a[0], &x0)) {
        /* past 64 bits: byte by byte */
        pint len = n > 1 ? py_to_index(a[1]) : 1;
        pv bo = n > 2 ? a[2] : py_kw_get(kw, Q_byteorder);
        bool little = little_endian(bo, "to_bytes");
        pv sg = py_kw_get(kw, Q_signed);
        bool sgn = sg && py_truth(sg);
        pv v = a[0];
        if (py_big_is_neg(v)) {
            if (!sgn) py_raisef(&py_OverflowError_type, "can't convert negative int to unsigned");
            v = py_big_binop(OP_ADD, v, py_big_binop(OP_LSHIFT, MKSMALL(1), MKSMALL(8 * len)));
        }
        if (py_big_bit_length(v) > 8 * len) py_raisef(&py_OverflowError_type, "int too big to convert");
        pv out = py_bytes_new(&py_bytes_type, NULL, (size_t)len);
        for (pint i = 0; i < len; i++) {
            pv byte = py_big_binop(OP_AND, py_big_binop(OP_RSHIFT, v, MKSMALL(8 * i)), MKSMALL(255));
            ((py_bytes *)out)->data[little ? i : len - 1 - i] = (uint8_t)SMALL(byte);
        }
        return out;
    }
    int64_t x = x0;
    pint len = n > 1 ? py_to_index(a[1]) : 1;
    pv bo = n > 2 ? a[2] : py_kw_get(kw, Q_byteorder);
    bool little = little_endian(bo, "to_bytes");
    pv sg = py_kw_get(kw, Q_signed);
    bool sgn = sg && py_truth(sg);
    if (!sgn && x < 0) py_raisef(&py_OverflowError_type, "can't convert negative int to unsigned");
    {
        pint nbytes = n > 1 ? py_to_index(a[1]) : 1;
        if (nbytes < 8) {
            int64_t lim = (int64_t)1 << (8 * nbytes - (sgn ? 1 : 0));
            if (sgn ? (x >= lim || x < -lim) : x >= lim) py_raisef(&py_OverflowError_type, "int too big to convert");
        }
    }
    uint8_t buf[16];
    if (len > 16) len = 16;
    for (pint i = 0; i < len; i++) {
        uint8_t byte = (uint8_t)((uint64_t)x >> (8 * (i < 8 ? i : 7)));
        if (i >= 8) byte = x < 0 ? 0xff : 0;
        buf[little ? i : len - 1 - i] = byte;
    }
    return py_bytes_new(&py_bytes_type, buf, (size_t)len);
}
static pv int_from_bytes(int n, pv *a, pv kw) {
    pv data = a[1];
    pv bo = n > 2 ? a[2] : py_kw_get(kw, Q_byteorder);
    bool little = little_endian(bo, "from_bytes");
    pv sg = py_kw_get(kw, Q_signed);
    bool sgn = sg && py_truth(sg);
    pv l = py_list_from_iter(data);
    size_t len = LIST(l)->len;
    if (len > 7) {
        pv r = MKSMALL(0);
        for (size_t i = 0; i < len; i++) {
            size_t k = little ? len - 1 - i : i;
            r = py_binop(OP_OR, py_binop(OP_LSHIFT, r, MKSMALL(8)), MKSMALL(py_int_val(LIST(l)->items[k]) & 255));
        }
        if (sgn && (py_int_val(LIST(l)->items[little ? len - 1 : 0]) & 0x80))
            r = py_binop(OP_SUB, r, py_binop(OP_LSHIFT, MKSMALL(1), MKSMALL(8 * (pint)len)));
        return r;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        size_t k = little ? len - 1 - i : i;
        v = (v << 8) | (uint8_t)py_int_val(LIST(l)->items[k]);
    }
    int64_t r = (int64_t)v;
    if (sgn && len < 8 && len > 0 && (v >> (8 * len - 1)) & 1) r = (int64_t)(v - ((uint64_t)1 << (8 * len)));
    return py_new_int(r);
}
static pv int_getattr(pv o, pv name) {
    if (name == QS(real)) return py_int_exact(o);
    if (name == QS(imag)) return MKSMALL(0);
    return PV_NULL;
}
static pv num_format_m(int n, pv *a, pv kw) { return py_format(a[0], n > 1 ? a[1] : QS(_empty)); }
static pv int_is_integer(int n, pv *a, pv kw) { return PV_TRUE; }

/* the operator methods of the numbers, for (3).__add__(4) and int.__add__(1, 2) */
static pv dunder_bin(int op, int n, pv *a, bool reflected) {
    pv x = reflected ? a[1] : a[0], y = reflected ? a[0] : a[1];
    const py_type *t = TYPE(a[0]);
    pv r = t->binop ? t->binop(op, x, y, reflected) : PV_NULL;
    return r ? r : (pv)&py_notimpl_obj;
}
static pv dunder_cmp(int op, int n, pv *a) {
    pv r = TYPE(a[0])->compare ? TYPE(a[0])->compare(op, a[0], a[1], 0) : PV_NULL;
    return r ? r : (pv)&py_notimpl_obj;
}
#define DBIN(name, op) static pv d_##name(int n, pv *a, pv kw) { return dunder_bin(op, n, a, false); } \
    static pv d_r##name(int n, pv *a, pv kw) { return dunder_bin(op, n, a, true); }
DBIN(add, OP_ADD) DBIN(sub, OP_SUB) DBIN(mul, OP_MUL) DBIN(truediv, OP_TRUEDIV) DBIN(floordiv, OP_FLOORDIV)
DBIN(mod, OP_MOD) DBIN(pow, OP_POW) DBIN(lshift, OP_LSHIFT) DBIN(rshift, OP_RSHIFT) DBIN(and, OP_AND)
DBIN(or, OP_OR) DBIN(xor, OP_XOR)
#define DCMP(name, op) static pv d_##name(int n, pv *a, pv kw) { return dunder_cmp(op, n, a); }
DCMP(lt, CMP_LT) DCMP(le, CMP_LE) DCMP(eq, CMP_EQ) DCMP(ne, CMP_NE) DCMP(gt, CMP_GT) DCMP(ge, CMP_GE)
static pv d_neg(int n, pv *a, pv kw) { return py_unary(0, a[0]); }
static pv d_pos(int n, pv *a, pv kw) { return py_unary(1, a[0]); }
static pv d_invert(int n, pv *a, pv kw) { return py_unary(2, a[0]); }
static pv d_abs(int n, pv *a, pv kw) { return py_truth(py_compare(CMP_LT, a[0], MKSMALL(0))) ? py_unary(0, a[0]) : a[0]; }
static pv d_bool(int n, pv *a, pv kw) { return PV_BOOL(py_truth(a[0])); }
static pv d_int(int n, pv *a, pv kw) {
    /* a float subclass's instance: int() would look __int__ up and come back here */
    if (is_float(a[0])) return py_int_from_double(((py_float *)a[0])->v);
    if (py_is_int(a[0])) return py_int_exact(a[0]);     /* and an int subclass's */
    return py_call(py_builtin_get(QS(int)), 1, a, PV_NULL);
}
static pv d_float(int n, pv *a, pv kw) { return py_float_new(py_to_double(a[0])); }
static pv d_hash(int n, pv *a, pv kw) { return py_new_int((int64_t)(intptr_t)py_hash(a[0])); }
static pv d_repr(int n, pv *a, pv kw) { return py_repr(a[0]); }
const py_builtin py_num_dunders[] = {
    METHOD(__add__, d_add, 1, 1), METHOD(__radd__, d_radd, 1, 1), METHOD(__sub__, d_sub, 1, 1),
    METHOD(__rsub__, d_rsub, 1, 1), METHOD(__mul__, d_mul, 1, 1), METHOD(__rmul__, d_rmul, 1, 1),
    METHOD(__truediv__, d_truediv, 1, 1), METHOD(__rtruediv__, d_rtruediv, 1, 1),
    METHOD(__floordiv__, d_floordiv, 1, 1), METHOD(__rfloordiv__, d_rfloordiv, 1, 1), METHOD(__mod__, d_mod, 1, 1),
    METHOD(__rmod__, d_rmod, 1, 1), METHOD(__pow__, d_pow, 1, 1), METHOD(__rpow__, d_rpow, 1, 1),
    METHOD(__lshift__, d_lshift, 1, 1), METHOD(__rlshift__, d_rlshift, 1, 1), METHOD(__rshift__, d_rshift, 1, 1),
    METHOD(__rrshift__, d_rrshift, 1, 1), METHOD(__and__, d_and, 1, 1), METHOD(__rand__, d_rand, 1, 1),
    METHOD(__or__, d_or, 1, 1), METHOD(__ror__, d_ror, 1, 1), METHOD(__xor__, d_xor, 1, 1),
    METHOD(__rxor__, d_rxor, 1, 1), METHOD(__lt__, d_lt, 1, 1), METHOD(__le__, d_le, 1, 1),
    METHOD(__eq__, d_eq, 1, 1), METHOD(__ne__, d_ne, 1, 1), METHOD(__gt__, d_gt, 1, 1), METHOD(__ge__, d_ge, 1, 1),
    METHOD(__neg__, d_neg, 0, 0), METHOD(__pos__, d_pos, 0, 0), METHOD(__invert__, d_invert, 0, 0),
    METHOD(__abs__, d_abs, 0, 0), METHOD(__bool__, d_bool, 0, 0), METHOD(__int__, d_int, 0, 0),
    METHOD(__float__, d_float, 0, 0), METHOD(__hash__, d_hash, 0, 0), METHOD(__repr__, d_repr, 0, 0), METHODS_END };

static const py_builtin int_methods[] = {
    METHOD(bit_length, int_bit_length, 0, 0), METHOD(conjugate, int_conjugate, 0, 0),
    METHOD(__index__, int_index_m, 0, 0), METHOD_KW(to_bytes, int_to_bytes, 0, 2),
    METHOD_F(from_bytes, M_CLASS | M_KW, int_from_bytes, 1, 2), METHOD(__format__, num_format_m, 1, 1),
    METHOD(is_integer, int_is_integer, 0, 0), METHODS_END };
const py_type py_int_type = { &py_type_type, "int", .base = &py_object_type, .methods = int_methods, .methods2 = py_num_dunders, .flags = TF_BASE | TF_KW,
    .make = int_make, .repr = int_repr, .hash = int_hash, .binop = int_binop, .compare = num_compare,
    .unary = int_unary, .getattr = int_getattr, .truth = int_truth };
const py_type py_long_type = { &py_type_type, "int", .base = &py_int_type, .methods = int_methods, .methods2 = py_num_dunders,
    .flags = TF_KW, .make = int_make, .repr = int_repr, .hash = int_hash, .binop = int_binop, .compare = num_compare,
    .unary = int_unary, .getattr = int_getattr, .truth = int_truth };

static pv bool_make(const py_type *t, int n, pv *a, pv kw) {
    if (n == 0) return PV_FALSE;
    return PV_BOOL(py_truth(a[0]));
}
static pv bool_repr(pv v) { return v == PV_TRUE ? QS(True) : QS(False); }
const py_type py_bool_type = { &py_type_type, "bool", .base = &py_int_type, .methods = int_methods, .methods2 = py_num_dunders,
    .make = bool_make, .repr = bool_repr, .hash = int_hash, .binop = int_binop, .compare = num_compare,
    .unary = int_unary, .getattr = int_getattr, .truth = int_truth };

/* ---- float ---- */
pv py_float_repr(double d) {
    if (isnan(d)) return py_str_cstr("nan");
    if (isinf(d)) return py_str_cstr(d > 0 ? "inf" : "-inf");
    if (d == 0) return py_str_cstr(signbit(d) ? "-0.0" : "0.0");
    /* the shortest digits that read back as d */
    char digits[24];
    int lead;
    bool neg = d < 0;
    int nd = py_float_shortest(fabs(d), digits, &lead);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = 0;
    int exp10 = lead;
    int decpt = exp10 + 1;
    char out[48];
    int k = 0;
    if (neg) out[k++] = '-';
    if (decpt > 16 || decpt < -3) {
        out[k++] = digits[0];
        if (nd > 1) { out[k++] = '.'; for (int i = 1; i < nd; i++) out[k++] = digits[i]; }
        k += snprintf(out + k, sizeof out - (size_t)k, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    } else if (decpt <= 0) {
        out[k++] = '0'; out[k++] = '.';
        for (int i = 0; i < -decpt; i++) out[k++] = '0';
        for (int i = 0; i < nd; i++) out[k++] = digits[i];
    } else {
        for (int i = 0; i < decpt; i++) out[k++] = i < nd ? digits[i] : '0';
        out[k++] = '.';
        if (nd > decpt) for (int i = decpt; i < nd; i++) out[k++] = digits[i];
        else out[k++] = '0';
    }
    out[k] = 0;
    return py_str_cstr(out);
}
static pv float_repr(pv v) { return py_float_repr(((py_float *)v)->v); }
static uintptr_t float_hash(pv v) {
    double d = ((py_float *)v)->v;
    if (d == floor(d) && fabs(d) < 2.3e18) { int64_t i = (int64_t)d; if (i == -1) i = -2; return (uintptr_t)i; }
    if (d == floor(d) && isfinite(d)) return py_big_hash(py_big_from_double(d));
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return (uintptr_t)(bits ^ (bits >> 32));
}
static pv float_binop(int op, pv a, pv b, int side) {
    if (!is_num(a) || !is_num(b)) return PV_NULL;
    return float_binop_d(op & 15, py_to_double(a), py_to_double(b));
}
static pv float_unary(int op, pv a) {
    double d = ((py_float *)a)->v;
    if (op == 0) return py_float_new(-d);
    if (op == 1) return a;
    return PV_NULL;
}
static int float_truth(pv v) { return ((py_float *)v)->v != 0; }
pv py_parse_float(pv s) {
    const char *p = py_str_data(s);
    size_t n = py_str_len(s);
    size_t k = 0, i = 0;
    while (i < n && strchr(" \t\n\r\v\f", p[i]) && p[i]) i++;
    while (n > i && strchr(" \t\n\r\v\f", p[n - 1]) && p[n - 1]) n--;
    char local[64];
    char *buf = n - i < sizeof local ? local : gc_alloc(n - i + 1, GC_RAW);
    for (; i < n; i++) if (p[i] != '_') buf[k++] = (char)p[i];
    buf[k] = 0;
    const char *q = buf;
    bool neg = false;
    if (*q == '+' || *q == '-') { neg = *q == '-'; q++; }
    char low[16];
    size_t ql = strlen(q);
    if (ql < sizeof low) {
        for (size_t j = 0; j <= ql; j++) low[j] = (char)(q[j] >= 'A' && q[j] <= 'Z' ? q[j] + 32 : q[j]);
        if (!strcmp(low, "inf") || !strcmp(low, "infinity")) return py_float_new(neg ? -INFINITY : INFINITY);
        if (!strcmp(low, "nan")) return py_float_new(NAN);
    }
    double d;
    if (!py_float_from_text(buf, k, &d)) goto bad;
    return py_float_new(d);
bad:
    py_raisef(&py_ValueError_type, "could not convert string to float: %s", py_str_data(py_repr(s)));
}
static pv float_make(const py_type *t, int n, pv *a, pv kw) {
    if (n == 0) return py_float_new(0);
    pv x = a[0];
    if (IS(x, py_float_type)) return x;
    if (IS(x, py_str_type)) return py_parse_float(x);
    if (py_is_int(x)) return py_float_new(py_to_double(x));
    pv m = py_lookup_special(x, Q___float__);
    if (m) return py_call0(m);
    py_raisef(&py_TypeError_type, "float() argument must be a string or a real number, not '%s'", py_type_name(TYPE(x)));
}
static pv float_is_integer(int n, pv *a, pv kw) { double d = ((py_float *)a[0])->v; return PV_BOOL(isfinite(d) && d == floor(d)); }
static pv float_getattr(pv o, pv name) {
    if (name == QS(real)) return IS(o, py_float_type) ? o : py_float_new(py_to_double(o));   /* a subclass's: a float */
    if (name == QS(imag)) return py_float_new(0);
    return PV_NULL;
}
static pv float_as_ratio(int n, pv *a, pv kw) {
    double d = ((py_float *)a[0])->v;
    int e;
    double m = frexp(d, &e);
    int64_t num, den = 1;
    for (int i = 0; i < 300 && m != floor(m); i++) { m *= 2; e--; }
    num = (int64_t)m;
    if (e > 0) num <<= e; else den <<= -e;
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = py_new_int(num);
    TUPLE(t)->items[1] = py_new_int(den);
    return t;
}
static const py_builtin float_methods[] = {
    METHOD(is_integer, float_is_integer, 0, 0), METHOD(__format__, num_format_m, 1, 1),
    METHOD(as_integer_ratio, float_as_ratio, 0, 0), METHOD(conjugate, int_conjugate, 0, 0), METHODS_END };
const py_type py_float_type = { &py_type_type, "float", .base = &py_object_type, .methods = float_methods, .methods2 = py_num_dunders, .flags = TF_BASE,
    .make = float_make, .repr = float_repr, .hash = float_hash, .binop = float_binop, .compare = num_compare,
    .unary = float_unary, .getattr = float_getattr, .truth = float_truth };

/* ---- None, NotImplemented, Ellipsis ---- */
static pv none_repr(pv v) { return QS(None); }
static int false_truth(pv v) { return 0; }
static uintptr_t const_hash(pv v) { return (uintptr_t)v >> 3; }
static pv none_make(const py_type *t, int n, pv *a, pv kw) { return PV_NONE; }
const py_type py_none_type = { &py_type_type, "NoneType", .base = &py_object_type, .make = none_make, .repr = none_repr,
    .hash = const_hash, .truth = false_truth };
static pv notimpl_repr(pv v) { return QS(NotImplemented); }
const py_type py_notimpl_type = { &py_type_type, "NotImplementedType", .base = &py_object_type, .repr = notimpl_repr, .hash = const_hash };
static pv ellipsis_repr(pv v) { return QS(Ellipsis); }
const py_type py_ellipsis_type = { &py_type_type, "ellipsis", .base = &py_object_type, .repr = ellipsis_repr, .hash = const_hash };
