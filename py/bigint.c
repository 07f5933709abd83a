/* Arbitrary-precision ints for the values past the small-int range: sign and magnitude, 32-bit
 * digits, least significant first. Arithmetic first tries 64-bit math and falls back here on
 * overflow, so ordinary programs never pay for it. */
#include <math.h>
#include <string.h>
#include "py/obj.h"

typedef struct { const py_type *type; int32_t size; uint32_t d[]; } py_big;   /* size: sign * digits */
#define BG(v) ((py_big *)(v))
#define NDIG(b) ((size_t)((b)->size < 0 ? -(b)->size : (b)->size))

/* a value as sign + magnitude, in a scratch or borrowed digit array */
typedef struct { bool neg; size_t n; const uint32_t *d; uint32_t tmp[2]; } mag;

static void to_mag(pv v, mag *m) {
    if (IS_SMALL(v) || IS(v, py_bool_type)) {
        int64_t x = IS_SMALL(v) ? SMALL(v) : v == PV_TRUE;
        m->neg = x < 0;
        uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        m->tmp[0] = (uint32_t)u;
        m->tmp[1] = (uint32_t)(u >> 32);
        m->n = u ? (m->tmp[1] ? 2 : 1) : 0;
        m->d = m->tmp;
        return;
    }
    py_big *b = BG(v);
    m->neg = b->size < 0;
    m->n = NDIG(b);
    m->d = b->d;
}

static size_t trim(const uint32_t *d, size_t n) { while (n && !d[n - 1]) n--; return n; }

/* builds the int of a magnitude: a small int when it fits */
static pv make(bool neg, const uint32_t *d, size_t n) {
    n = trim(d, n);
    if (n <= 2) {
        uint64_t u = n ? d[0] | (n > 1 ? (uint64_t)d[1] << 32 : 0) : 0;
        if (!neg && u <= (uint64_t)SMALL_MAX) return MKSMALL((pint)u);
        if (neg && u <= (uint64_t)SMALL_MAX + 1) return MKSMALL(-(pint)(u - 1) - 1);
    }
    py_big *b = gc_alloc(sizeof(py_big) + n * sizeof(uint32_t), GC_OBJ);
    b->type = &py_long_type;
    memcpy(b->d, d, n * sizeof(uint32_t));
    b->size = neg ? -(int32_t)n : (int32_t)n;
    return (pv)b;
}

pv py_big_from_i64(int64_t x) {
    uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    uint32_t d[2] = { (uint32_t)u, (uint32_t)(u >> 32) };
    return make(x < 0, d, 2);
}
pv py_big_from_u64(uint64_t u, bool neg) {
    uint32_t d[2] = { (uint32_t)u, (uint32_t)(u >> 32) };
    return make(neg, d, 2);
}

bool py_big_to_i64(pv v, int64_t *out) {
    mag m;
    to_mag(v, &m);
    if (m.n > 2) return false;
    uint64_t u = m.n ? m.d[0] | (m.n > 1 ? (uint64_t)m.d[1] << 32 : 0) : 0;
    if (!m.neg && u > (uint64_t)INT64_MAX) return false;
    if (m.neg && u > (uint64_t)INT64_MAX + 1) return false;
    *out = m.neg ? (int64_t)(0 - u) : (int64_t)u;
    return true;
}

static int mag_cmp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
    if (na != nb) return na < nb ? -1 : 1;
    for (size_t i = na; i-- > 0;) if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}
static size_t mag_add(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t *r) {
    if (na < nb) { const uint32_t *t = a; a = b; b = t; size_t tn = na; na = nb; nb = tn; }
    uint64_t c = 0;
    for (size_t i = 0; i < na; i++) { c += (uint64_t)a[i] + (i < nb ? b[i] : 0); r[i] = (uint32_t)c; c >>= 32; }
    r[na] = (uint32_t)c;
    return na + 1;
}
static size_t mag_sub(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t *r) {
    int64_t c = 0;
    for (size_t i = 0; i < na; i++) {
        c += (int64_t)a[i] - (i < nb ? (int64_t)b[i] : 0);
        r[i] = (uint32_t)c;
        c = c < 0 ? -1 : 0;
    }
    return na;
}
static size_t mag_mul(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t *r) {
    memset(r, 0, (na + nb) * sizeof(uint32_t));
    for (size_t i = 0; i < na; i++) {
        py_tick_words(nb);
        uint64_t c = 0;
        for (size_t j = 0; j < nb; j++) {
            c += (uint64_t)a[i] * b[j] + r[i + j];
            r[i + j] = (uint32_t)c;
            c >>= 32;
        }
        r[i + nb] = (uint32_t)c;
    }
    return na + nb;
}
/* q = a / d (in place allowed), returns the remainder */
static uint32_t mag_divsmall(const uint32_t *a, size_t n, uint32_t dv, uint32_t *q) {
    uint64_t r = 0;
    for (size_t i = n; i-- > 0;) {
        r = (r << 32) | a[i];
        q[i] = (uint32_t)(r / dv);
        r %= dv;
    }
    return (uint32_t)r;
}
/* shift-subtract long division: q and r have na digits */
static void mag_divmod(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t *q, uint32_t *r) {
    memset(q, 0, na * sizeof(uint32_t));
    memset(r, 0, (na + 1) * sizeof(uint32_t));
    if (nb == 1) { r[0] = mag_divsmall(a, na, b[0], q); return; }
    size_t rn = 0;
    for (size_t i = na * 32; i-- > 0;) {
        py_tick_words(rn);
        /* r = r << 1 | bit */
        uint32_t carry = (a[i / 32] >> (i % 32)) & 1;
        for (size_t k = 0; k < rn + 1 && k <= na; k++) {
            uint32_t nc = r[k] >> 31;
            r[k] = (r[k] << 1) | carry;
            carry = nc;
        }
        rn = trim(r, rn + 1 <= na ? rn + 1 : na);
        if (mag_cmp(r, rn, b, nb) >= 0) {
            mag_sub(r, rn, b, nb, r);
            rn = trim(r, rn);
            q[i / 32] |= 1u << (i % 32);
        }
    }
}

static uint32_t *scratch(size_t n) { return gc_alloc((n + 1) * sizeof(uint32_t), GC_RAW); }

static pv add_signed(mag *x, mag *y, bool negate_y) {
    bool yneg = negate_y ? !y->neg : y->neg;
    uint32_t *r = scratch((x->n > y->n ? x->n : y->n) + 1);
    if (x->neg == yneg) {
        size_t n = mag_add(x->d, x->n, y->d, y->n, r);
        return make(x->neg, r, n);
    }
    if (mag_cmp(x->d, x->n, y->d, y->n) >= 0) return make(x->neg, r, mag_sub(x->d, x->n, y->d, y->n, r));
    return make(yneg, r, mag_sub(y->d, y->n, x->d, x->n, r));
}

static pv big_divmod(mag *x, mag *y, pv *rem) {
    if (!y->n) py_raisef(&py_ZeroDivisionError_type, "integer division or modulo by zero");
    uint32_t *q = scratch(x->n + 1), *r = scratch(x->n + 2);
    if (x->n) mag_divmod(x->d, x->n, y->d, y->n, q, r);
    else { q[0] = 0; r[0] = 0; }
    size_t qn = trim(q, x->n), rn = trim(r, x->n);
    bool neg = x->neg != y->neg;
    if (neg && rn) {
        /* floor: q + 1 in magnitude, r = |y| - r */
        uint32_t one = 1;
        uint32_t *q2 = scratch(qn + 2);
        qn = mag_add(q, qn, &one, 1, q2);
        q = q2;
        uint32_t *r2 = scratch(y->n + 1);
        rn = mag_sub(y->d, y->n, r, rn, r2);
        r = r2;
    }
    if (rem) *rem = make(y->neg, r, rn);
    return make(neg, q, qn);
}

/* two's complement in n digits */
static void twos(mag *m, uint32_t *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = i < m->n ? m->d[i] : 0;
    if (m->neg) {
        uint64_t c = 1;
        for (size_t i = 0; i < n; i++) { c += (uint32_t)~out[i]; out[i] = (uint32_t)c; c >>= 32; }
    }
}
static pv from_twos(uint32_t *d, size_t n) {
    bool neg = n && (d[n - 1] >> 31);
    if (neg) {
        uint64_t c = 1;
        for (size_t i = 0; i < n; i++) { c += (uint32_t)~d[i]; d[i] = (uint32_t)c; c >>= 32; }
    }
    return make(neg, d, n);
}

pv py_big_binop(int op, pv a, pv b) {
    mag x, y;
    to_mag(a, &x);
    to_mag(b, &y);
    switch (op) {
    case OP_ADD: return add_signed(&x, &y, false);
    case OP_SUB: return add_signed(&x, &y, true);
    case OP_MUL: {
        uint32_t *r = scratch(x.n + y.n);
        size_t n = mag_mul(x.d, x.n, y.d, y.n, r);
        return make(x.neg != y.neg, r, n);
    }
    case OP_FLOORDIV: return big_divmod(&x, &y, NULL);
    case OP_MOD: { pv r; big_divmod(&x, &y, &r); return r; }
    case OP_POW: {
        int64_t e;
        if (!py_big_to_i64(b, &e) || e > 100000000) py_raisef(&py_OverflowError_type, "exponent too large");
        pv result = MKSMALL(1), base = a;
        while (e > 0) {
            if (e & 1) result = py_big_binop(OP_MUL, result, base);
            e >>= 1;
            if (e) base = py_big_binop(OP_MUL, base, base);
        }
        return result;
    }
    case OP_LSHIFT: case OP_RSHIFT: {
        int64_t s;
        if (!py_big_to_i64(b, &s)) {
            /* a count beyond 64 bits: every bit shifts out to the right, none fits to the left */
            if (y.neg) py_raisef(&py_ValueError_type, "negative shift count");
            if (op == OP_RSHIFT) return MKSMALL(x.neg ? -1 : 0);
            if (!x.n) return MKSMALL(0);
            py_raisef(&py_OverflowError_type, "too many digits in integer");
        }
        if (s < 0) py_raisef(&py_ValueError_type, "negative shift count");
        if (op == OP_RSHIFT && x.neg) {
            /* floor: -((|x| - 1) >> s) - 1 */
            pv t = py_big_binop(OP_SUB, py_big_binop(OP_SUB, MKSMALL(0), a), MKSMALL(1));
            t = py_big_binop(OP_RSHIFT, t, b);
            return py_big_binop(OP_SUB, py_big_binop(OP_SUB, MKSMALL(0), t), MKSMALL(1));
        }
        /* every word shifts out: tested before the count becomes a size_t, which is 32 bits
         * on a board and would keep only the count's low bits */
        if (op == OP_RSHIFT && (uint64_t)s / 32 >= x.n) return MKSMALL(0);
        size_t ws = (size_t)(s / 32), bs = (size_t)(s % 32);
        if (op == OP_LSHIFT) {
            if (!x.n) return MKSMALL(0);
            if (s > (1 << 24)) py_raise(py_cur->memerr);
            uint32_t *r = scratch(x.n + ws + 1);
            memset(r, 0, (x.n + ws + 1) * sizeof(uint32_t));
            for (size_t i = 0; i < x.n; i++) {
                uint64_t v = (uint64_t)x.d[i] << bs;
                r[i + ws] |= (uint32_t)v;
                r[i + ws + 1] |= (uint32_t)(v >> 32);
            }
            return make(x.neg, r, x.n + ws + 1);
        }
        if (ws >= x.n) return MKSMALL(0);
        size_t n = x.n - ws;
        uint32_t *r = scratch(n);
        for (size_t i = 0; i < n; i++) {
            uint64_t v = x.d[i + ws] | (i + ws + 1 < x.n ? (uint64_t)x.d[i + ws + 1] << 32 : 0);
            r[i] = (uint32_t)(v >> bs);
        }
        return make(false, r, n);
    }
    case OP_AND: case OP_OR: case OP_XOR: {
        size_t n = (x.n > y.n ? x.n : y.n) + 1;
        uint32_t *p = scratch(n), *q = scratch(n);
        twos(&x, p, n);
        twos(&y, q, n);
        for (size_t i = 0; i < n; i++) p[i] = op == OP_AND ? p[i] & q[i] : op == OP_OR ? p[i] | q[i] : p[i] ^ q[i];
        return from_twos(p, n);
    }
    }
    return PV_NULL;
}

int py_big_cmp(pv a, pv b) {
    mag x, y;
    to_mag(a, &x);
    to_mag(b, &y);
    if (x.neg != y.neg) return x.neg ? -1 : 1;
    int c = mag_cmp(x.d, x.n, y.d, y.n);
    return x.neg ? -c : c;
}

/* An int subclass's instance is an int of this layout with its class on it: a copy of any
 * int's value, boxed even when it would fit a small int (which cannot carry a class). */
pv py_int_boxed(pv v) {
    mag m;
    to_mag(v, &m);
    py_big *b = gc_alloc(sizeof(py_big) + m.n * sizeof(uint32_t), GC_OBJ);
    b->type = &py_long_type;
    memcpy(b->d, m.d, m.n * sizeof(uint32_t));
    b->size = m.neg ? -(int32_t)m.n : (int32_t)m.n;
    return (pv)b;
}
/* The plain int of an int's value (int(x), x.__index__() of an int subclass's instance). */
pv py_int_exact(pv v) {
    if (IS_SMALL(v) || IS(v, py_long_type)) return v;
    mag m;
    to_mag(v, &m);
    return make(m.neg, m.d, m.n);
}

pv py_big_neg(pv a) {
    mag x;
    to_mag(a, &x);
    return make(!x.neg && x.n, x.d, x.n);
}

double py_big_to_double(pv a) {
    mag x;
    to_mag(a, &x);
    /* correctly rounded, as CPython's: the top 64 bits, the lowest of them standing for any
     * bit below them, go through one uint64 -> double conversion (one rounding), then an exact
     * scaling by a power of two. Summing word by word would round at each step. */
    size_t n = trim(x.d, x.n);
    if (!n) return 0;
    int top = 0;
    while (top < 31 && x.d[n - 1] >> (top + 1)) top++;
    size_t bits = (n - 1) * 32 + (size_t)top + 1, shift = bits > 64 ? bits - 64 : 0;
    size_t w = shift / 32;
    unsigned b = (unsigned)(shift % 32);
    uint64_t lo = x.d[w], mid = w + 1 < n ? x.d[w + 1] : 0, hi = w + 2 < n ? x.d[w + 2] : 0;
    uint64_t u = b ? hi << (64 - b) | mid << (32 - b) | lo >> b : mid << 32 | lo;
    bool sticky = b && (lo & ((1u << b) - 1));
    for (size_t i = 0; i < w && !sticky; i++) sticky = x.d[i] != 0;
    double r = ldexp((double)(u | sticky), (int)shift);
    if (isinf(r)) py_raisef(&py_OverflowError_type, "int too large to convert to float");
    return x.neg ? -r : r;
}

pv py_big_from_double(double d) {
    bool neg = d < 0;
    d = fabs(d);
    int e;
    double m = frexp(d, &e);   /* d = m * 2^e, 0.5 <= m < 1 */
    size_t n = (size_t)(e > 0 ? e / 32 + 2 : 1);
    uint32_t *r = scratch(n);
    memset(r, 0, n * sizeof(uint32_t));
    /* take 53 bits of mantissa as an integer, then shift */
    uint64_t mant = (uint64_t)ldexp(m, 53);
    int shift = e - 53;
    mag mm = { false, 0, NULL, { (uint32_t)mant, (uint32_t)(mant >> 32) } };
    mm.d = mm.tmp;
    mm.n = trim(mm.tmp, 2);
    pv v = make(false, mm.d, mm.n);
    if (shift > 0) v = py_big_binop(OP_LSHIFT, v, MKSMALL(shift));
    else if (shift < 0) v = py_big_binop(OP_RSHIFT, v, MKSMALL(-shift));
    return neg ? py_big_neg(v) : v;
}

/* digits in base 2..36 */
pv py_big_to_str(pv a, int base, bool upper) {
    mag x;
    to_mag(a, &x);
    if (!x.n) return py_str_cstr("0");
    uint32_t *t = scratch(x.n);
    memcpy(t, x.d, x.n * sizeof(uint32_t));
    size_t n = x.n;
    size_t cap = x.n * 32 + 2;
    char *buf = gc_alloc(cap + 1, GC_RAW);
    size_t k = cap;
    buf[k] = 0;
    const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdefghijklmnopqrstuvwxyz";
    /* chunks of base^c that fit a digit */
    uint32_t chunk = (uint32_t)base;
    int per = 1;
    while ((uint64_t)chunk * (uint64_t)base <= 0xffffffffu) { chunk *= (uint32_t)base; per++; }
    while (n) {
        py_tick_words(n);
        uint32_t r = mag_divsmall(t, n, chunk, t);
        n = trim(t, n);
        for (int i = 0; i < per; i++) {
            buf[--k] = dig[r % (uint32_t)base];
            r /= (uint32_t)base;
            if (!n && !r) break;
        }
    }
    while (buf[k] == '0' && buf[k + 1]) k++;
    if (x.neg) buf[--k] = '-';
    return py_str_cstr(buf + k);
}

pv py_big_from_str(const char *s, size_t n, int base, bool neg) {
    uint32_t *r = scratch(n / 8 + 2);
    size_t rn = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '_') continue;
        py_tick_words(rn);
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        uint64_t carry = (uint64_t)d;
        for (size_t k = 0; k < rn; k++) {
            carry += (uint64_t)r[k] * (uint64_t)base;
            r[k] = (uint32_t)carry;
            carry >>= 32;
        }
        if (carry) r[rn++] = (uint32_t)carry;
    }
    return make(neg, r, rn);
}

uintptr_t py_big_hash(pv a) {
    /* CPython's: the value modulo 2**61 - 1, with the sign */
    mag x;
    to_mag(a, &x);
    const uint64_t P = ((uint64_t)1 << 61) - 1;
    uint64_t h = 0;
    for (size_t i = x.n; i-- > 0;) {
        /* h = (h * 2^32 + d) mod P */
        h = ((h << 32) & P) | (h >> 29);
        h += x.d[i];
        if (h >= P) h -= P;
    }
    int64_t r = x.neg ? -(int64_t)h : (int64_t)h;
    if (r == -1) r = -2;
    return (uintptr_t)r;
}

int py_big_bit_length(pv a) {
    mag x;
    to_mag(a, &x);
    if (!x.n) return 0;
    int b = 0;
    uint32_t top = x.d[x.n - 1];
    while (top) { b++; top >>= 1; }
    return (int)(x.n - 1) * 32 + b;
}
bool py_big_is_zero(pv a) { mag x; to_mag(a, &x); return x.n == 0; }
bool py_big_is_neg(pv a) { mag x; to_mag(a, &x); return x.neg; }
