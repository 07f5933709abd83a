/* Floats to decimal text and back, exact on every port. The C library cannot be trusted with
 * this: picolibc's printf and strtod (the boards) are not correctly rounded at 17 digits, round
 * halves away from zero and stop at 17 significant digits, where CPython is exact. Here a
 * double is what it is, m * 2**e, and every answer comes from integer arithmetic on that:
 * - its decimal digits are those of the integer m * 2**e, or m * 5**-e shifted -e places, so
 *   '%.{p}e' and '%.{p}f' round those digits half to even, with no precision limit;
 * - repr is the shortest digit string inside the interval that reads back as the double, the
 *   halfway points to its neighbours computed exactly the same way;
 * - text to double takes a guess from a few digits and moves it one ulp at a time until the
 *   decimal lies between the halfway points to its neighbours, compared exactly.
 * Numbers with few digits stay on short paths: a handful of 32-bit words, no heap. */
#include <math.h>
#include <string.h>
#include "py/obj.h"

/* ---- a small unsigned multiword integer: 32-bit words, least significant first ---- */
typedef struct { uint32_t *w; int n; } big;

static void big_set(big *b, uint64_t x) {
    b->w[0] = (uint32_t)x;
    b->w[1] = (uint32_t)(x >> 32);
    b->n = b->w[1] ? 2 : b->w[0] ? 1 : 0;
}
static void big_copy(big *to, const big *from) {
    memcpy(to->w, from->w, (size_t)from->n * sizeof(uint32_t));
    to->n = from->n;
}
static void big_mul_add(big *b, uint32_t m, uint32_t add) {
    uint64_t carry = add;
    for (int i = 0; i < b->n; i++) {
        carry += (uint64_t)b->w[i] * m;
        b->w[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry) b->w[b->n++] = (uint32_t)carry;
}
static void big_mul_pow5(big *b, int k) {
    static const uint32_t pow5[14] = { 1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125,
                                       9765625, 48828125, 244140625, 1220703125 };
    for (; k >= 13; k -= 13) big_mul_add(b, pow5[13], 0);
    if (k) big_mul_add(b, pow5[k], 0);
}
static void big_shl(big *b, int s) {
    if (!b->n || !s) return;
    int words = s / 32, bits = s % 32;
    if (bits) {
        b->w[b->n] = 0;
        for (int i = b->n; i > 0; i--) b->w[i] = b->w[i] << bits | b->w[i - 1] >> (32 - bits);
        b->w[0] <<= bits;
        b->n++;
        if (!b->w[b->n - 1]) b->n--;
    }
    if (words) {
        memmove(b->w + words, b->w, (size_t)b->n * sizeof(uint32_t));
        memset(b->w, 0, (size_t)words * sizeof(uint32_t));
        b->n += words;
    }
}
static int big_cmp(const big *a, const big *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}
/* cur / 10**9 for cur < 10**9 * 2**32. A 64-bit host divides by a constant with one multiply;
 * a 32-bit core would call the C library's 64-bit division (no instruction for it), about ten
 * times slower than this multiply by 2**93 / 10**9, rounded up, which is exact below 2**63. */
static uint32_t div_1e9(uint64_t cur) {
#if defined(__SIZEOF_INT128__)
    return (uint32_t)(cur / 1000000000u);
#else
    const uint64_t magic = 0x89705f4136b4a598ull;   /* ceil(2**93 / 10**9) */
    uint64_t al = (uint32_t)cur, ah = cur >> 32, bl = (uint32_t)magic, bh = magic >> 32;
    uint64_t lh = al * bh, hl = ah * bl;
    uint64_t mid = (al * bl >> 32) + (uint32_t)lh + (uint32_t)hl;
    uint64_t high = ah * bh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return (uint32_t)(high >> 29);
#endif
}
/* The decimal digits of b (consumed), no leading zeros ("0" for zero), at the start of out:
 * nine at a time from the low end, by division by 10**9. cap: room for them rounded up to 9s. */
static int big_to_decimal(big *b, char *out, int cap) {
    int k = cap;
    while (b->n) {
        uint64_t rem = 0;
        for (int i = b->n - 1; i >= 0; i--) {
            uint64_t cur = rem << 32 | b->w[i];
            uint32_t q = div_1e9(cur);
            b->w[i] = q;
            rem = cur - (uint64_t)q * 1000000000u;
        }
        while (b->n && !b->w[b->n - 1]) b->n--;
        uint32_t r = (uint32_t)rem;
        for (int j = 0; j < 9; j++) { out[--k] = (char)('0' + r % 10); r /= 10; }
    }
    while (k < cap && out[k] == '0') k++;
    if (k == cap) out[--k] = '0';
    memmove(out, out + k, (size_t)(cap - k));
    return cap - k;
}

/* ---- a double's decimal digits, from the first, as many as a conversion needs ---- */
typedef struct { char *d; int n; int lead; } decimal;   /* digit i is worth 10**(lead - i) */

/* Takes digits one by one from the most significant: keeps at most want of them and none
 * below 10**low, and notes whether a nonzero one was left off. */
typedef struct { char *out; int n, want, low, pos, lead; bool started, done, rest; } digit_sink;
static void sink_put(digit_sink *g, int digit) {
    if (!g->started) {
        if (!digit) { g->pos--; return; }
        g->started = true;
        g->lead = g->pos;
    }
    if (!g->done && (g->n >= g->want || g->pos < g->low)) g->done = true;
    if (g->done) { g->rest |= digit != 0; return; }
    g->out[g->n++] = (char)('0' + digit);
    g->pos--;
}
static void sink_put9(digit_sink *g, uint32_t chunk) {
    char t[9];
    for (int j = 8; j >= 0; j--) { t[j] = (char)(chunk % 10); chunk /= 10; }
    for (int j = 0; j < 9; j++) sink_put(g, t[j]);
}

/* x * 2**s when s >= 0, an integer of up to 310 digits: converted whole, from the low end */
static void integer_digits(uint64_t x, int s, digit_sink *g) {
    uint32_t w[(62 + 971) / 32 + 3];
    char text[(sizeof w / sizeof w[0]) * 10 + 9];
    big b = { w, 0 };
    big_set(&b, x);
    big_shl(&b, s);
    int n = big_to_decimal(&b, text, (int)sizeof text);
    g->pos = n - 1;
    for (int i = 0; i < n; i++) sink_put(g, text[i] - '0');
}
/* x * 2**s when s < 0: the integer part in decimal, then the fraction f / 2**-s
 * digit by digit (f * 10: the digit is what passes the point). A value below 1 is first scaled
 * by 10**z (z: fewer than its leading zeros after the point) into a multiword fraction, which
 * gives nine digits a multiplication by 10**9. */
static void fraction_digits(uint64_t x, int s, digit_sink *g) {
    int bits = 0;
    while (bits < 64 && x >> bits) bits++;
    if (-s < 64 && x >> -s) {
        uint64_t whole = x >> -s, f = x & ((1ull << -s) - 1);
        char t[20];
        int n = 0;
        for (; whole; whole /= 10) t[n++] = (char)(whole % 10);
        g->pos = n - 1;
        while (n) sink_put(g, t[--n]);
        while (f && !g->done) { f *= 10; sink_put(g, (int)(f >> -s)); f &= (1ull << -s) - 1; }
        g->rest |= f != 0;
        return;
    }
    /* x * 2**s < 2**(bits + s) <= 10**-z */
    int z = (-(bits + s)) * 30103 / 100000 - 1;
    if (z < 0) z = 0;
    int frac_bits = -s - z;   /* the value times 10**z is r / 2**frac_bits, r < 2**frac_bits */
    uint32_t w[(1076 + 30) / 32 + 3];   /* r < 2**(frac_bits + 30), frac_bits <= 1076 */
    big r = { w, 0 };
    big_set(&r, x);
    big_mul_pow5(&r, z);
    int word = frac_bits / 32, shift = frac_bits % 32;
    g->pos = -z - 1;
    while (r.n && !g->done) {
        big_mul_add(&r, 1000000000u, 0);
        /* the nine digits that passed the point: bits frac_bits and up, below 2**30 */
        uint64_t hi = word < r.n ? r.w[word] : 0, hi2 = word + 1 < r.n ? r.w[word + 1] : 0;
        uint32_t chunk = (uint32_t)((hi | hi2 << 32) >> shift);
        if (word < r.n) r.w[word] &= shift ? (1u << shift) - 1 : 0;
        if (r.n > word + 1) r.n = word + 1;
        while (r.n && !r.w[r.n - 1]) r.n--;
        sink_put9(g, chunk);
    }
    g->rest |= r.n != 0;
}
/* x * 2**s (x < 2**55) in decimal: at most want digits, none below 10**low, into out (room for
 * want + 1). When nonzero digits were left off, a last 1 stands for them: rounding needs to
 * know only that something follows. No trailing zeros; zero is "0". */
static void decimal_of(uint64_t x, int s, int want, int low, char *out, decimal *d) {
    digit_sink g = { out, 0, want, low, 0, 0, false, false, false };
    if (!x) { out[0] = '0'; d->d = out; d->n = 1; d->lead = 0; return; }
    if (s >= 0) integer_digits(x, s, &g); else fraction_digits(x, s, &g);
    if (g.rest) out[g.n++] = '1';   /* after any zeros: it stands at its own place */
    else while (g.n && out[g.n - 1] == '0') g.n--;
    d->d = out;
    d->n = g.n;
    d->lead = g.lead;
}
static void split(double v, uint64_t *m, int *e) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int be = (int)(bits >> 52 & 0x7ff);
    uint64_t frac = bits & ((1ull << 52) - 1);
    *m = be ? frac | 1ull << 52 : frac;
    *e = be ? be - 1075 : -1074;
}
/* an upper bound on the power of ten of x * 2**s's first digit */
static int lead_bound(uint64_t x, int s) {
    int bits = 0;
    while (bits < 64 && x >> bits) bits++;
    int b = bits + s;   /* x * 2**s < 2**b */
    return b >= 0 ? b * 30103 / 100000 + 1 : -((-b) * 30103 / 100000);
}

/* compares two nonzero decimals */
static int decimal_cmp(const char *a, int na, int la, const decimal *b) {
    if (la != b->lead) return la < b->lead ? -1 : 1;
    int n = na > b->n ? na : b->n;
    for (int i = 0; i < n; i++) {
        char x = i < na ? a[i] : '0', y = i < b->n ? b->d[i] : '0';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}
/* Does rounding d to its first keep digits round up? Half to even. keep may be 0 (the digit
 * before d's first is an even 0). */
static bool rounds_up(const decimal *d, int keep) {
    if (keep >= d->n || keep < 0) return false;
    char c = d->d[keep];
    if (c != '5') return c > '5';
    if (d->n > keep + 1) return true;   /* d has no trailing zeros: something follows the 5 */
    return keep > 0 && (d->d[keep - 1] - '0') & 1;
}
/* d's first keep digits (zeros past its end), rounded half to even, into out; true when the
 * rounding carried into a new first digit: out is then 1 and keep - 1 zeros. */
static bool round_into(const decimal *d, int keep, char *out) {
    for (int i = 0; i < keep; i++) out[i] = i < d->n ? d->d[i] : '0';
    if (!rounds_up(d, keep)) return false;
    int i = keep - 1;
    while (i >= 0 && out[i] == '9') out[i--] = '0';
    if (i >= 0) { out[i]++; return false; }
    if (keep) out[0] = '1';
    return true;
}

/* ---- repr: the shortest digits that read back as the double ---- */
int py_float_shortest(double v, char *out, int *lead) {
    uint64_t m;
    int e;
    split(v, &m, &e);
    /* the halfway points to the neighbours, in units of 2**(e-2): the one below is nearer when
     * m is a power of two with a smaller binade below */
    bool narrow_below = m == 1ull << 52 && e > -1074;
    /* 18 digits decide: a candidate has at most 17 */
    char dd[20], lod[20], hid[20];
    decimal d, lo, hi;
    decimal_of(m << 2, e - 2, 18, INT32_MIN, dd, &d);
    decimal_of((m << 2) - (narrow_below ? 1 : 2), e - 2, 18, INT32_MIN, lod, &lo);
    decimal_of((m << 2) + 2, e - 2, 18, INT32_MIN, hid, &hi);
    bool inclusive = !(m & 1);   /* a halfway point reads back as the even neighbour */
    for (int p = 1; p <= 17; p++) {
        if (p >= d.n) break;
        /* the two p-digit numbers either side of v (d has digits past p, none of them trailing
         * zeros): rounding prefers one, the interval may hold only the other */
        char down[18], up[18];
        memcpy(down, d.d, (size_t)p);
        memcpy(up, d.d, (size_t)p);
        int up_lead = d.lead, i = p - 1;
        while (i >= 0 && up[i] == '9') up[i--] = '0';
        if (i >= 0) up[i]++; else { up[0] = '1'; up_lead++; }
        int c_down = decimal_cmp(down, p, d.lead, &lo), c_up = decimal_cmp(up, p, up_lead, &hi);
        bool down_ok = c_down > 0 || (inclusive && c_down == 0);
        bool up_ok = c_up < 0 || (inclusive && c_up == 0);
        bool prefer_up = rounds_up(&d, p);
        if (up_ok && (prefer_up || !down_ok)) { memcpy(out, up, (size_t)p); *lead = up_lead; return p; }
        if (down_ok) { memcpy(out, down, (size_t)p); *lead = d.lead; return p; }
    }
    int n = d.n < 17 ? d.n : 17;
    *lead = d.lead;
    if (round_into(&d, n, out)) (*lead)++;
    return n;
}

/* ---- '%.{p}e', '%.{p}f', '%.{p}g' ---- */
static char *put_exponent(char *o, char e, int x) {
    *o++ = e;
    *o++ = x < 0 ? '-' : '+';
    if (x < 0) x = -x;
    if (x >= 100) *o++ = (char)('0' + x / 100);
    *o++ = (char)('0' + x / 10 % 10);
    *o++ = (char)('0' + x % 10);
    return o;
}
static char *format_e(const decimal *d, pint prec, bool alt, char e, char *o) {
    int keep = (int)prec + 1;
    char *digits = o + 1;
    int x = d->lead + round_into(d, keep, digits);
    o[0] = digits[0];
    if (prec || alt) o[1] = '.'; else o--;
    return put_exponent(o + keep + 1, e, x);
}
static char *format_f(const decimal *d, pint prec, bool alt, char *o) {
    /* t: the integer round(v * 10**prec), its digits written at o */
    int keep = d->lead + 1 + (int)prec, t;
    if (keep > 0) { t = keep; if (round_into(d, keep, o)) o[t++] = '0'; }
    else if (keep == 0 && rounds_up(d, 0)) { o[0] = '1'; t = 1; }
    else t = 0;
    int whole = t - (int)prec;   /* digits before the point */
    if (whole <= 0) {
        /* 0.000ttt */
        int zeros = -whole;
        memmove(o + 2 + zeros, o, (size_t)t);
        o[0] = '0';
        o[1] = '.';
        memset(o + 2, '0', (size_t)zeros);
        o += 2 + zeros + t;
        if (!prec) { o--; if (alt) *o++ = '.'; }
        return o;
    }
    memmove(o + whole + 1, o + whole, (size_t)prec);
    o[whole] = '.';
    o += t + 1;
    if (!prec && !alt) o--;
    return o;
}
/* Writes x >= 0, finite, in C's notation for conversion type ('e' 'E' 'f' 'F' 'g' 'G'; 'r' is
 * Python's format type none with a precision: g, but with a '.0' and exponents from prec - 1) and
 * precision into a heap buffer with room for prec + 400 characters, and returns it. */
char *py_float_format(double x, char type, pint prec, bool alt) {
    if (prec > INT32_MAX - 400) py_raisef(&py_ValueError_type, "precision too big");
    char *buf = gc_alloc((size_t)prec + 400, GC_RAW);
    uint64_t m;
    int e;
    split(x, &m, &e);
    /* the digits the conversion looks at: down to the one it rounds by */
    bool fixed_point = type == 'f' || type == 'F';
    pint want = fixed_point ? lead_bound(m, e) + prec + 3 : (prec ? prec : 1) + 2;
    if (want > 800) want = 800;   /* past the exact digits (at most 767) anyway */
    if (want < 1) want = 1;
    char local[64];
    char *digits = want + 2 <= (pint)sizeof local ? local : gc_alloc((size_t)want + 2, GC_RAW);
    decimal d;
    decimal_of(m, e, (int)want, fixed_point ? (int)-(prec + 1) : INT32_MIN, digits, &d);
    char *o = buf, ec = type == 'E' || type == 'G' ? 'E' : 'e';
    if (type == 'f' || type == 'F') o = format_f(&d, prec, alt, o);
    else if (type == 'e' || type == 'E') o = format_e(&d, prec, alt, ec, o);
    else {
        /* g: e or f by the exponent after rounding to prec digits; no trailing zeros but with # */
        if (!prec) prec = 1;
        bool carries = rounds_up(&d, (int)prec);
        for (int i = 0; carries && i < prec; i++) if (i >= d.n || d.d[i] != '9') carries = false;
        int xp = d.lead + carries;
        char *start = o;
        bool fixed = xp >= -4 && xp < (type == 'r' ? prec - 1 : prec);
        if (fixed) o = format_f(&d, prec - 1 - xp, alt, o);
        else o = format_e(&d, prec - 1, alt, ec, o);
        if (!alt) {
            char *end = o, *mant = start;
            while (mant < end && *mant != 'e' && *mant != 'E') mant++;
            char *cut = mant;
            if (memchr(start, '.', (size_t)(mant - start))) {
                while (cut[-1] == '0') cut--;
                if (cut[-1] == '.') cut--;
            }
            memmove(cut, mant, (size_t)(end - mant));
            o = cut + (end - mant);
        }
        if (type == 'r' && fixed && !memchr(start, '.', (size_t)(o - start))) { *o++ = '.'; *o++ = '0'; }
    }
    *o = 0;
    return buf;
}

/* ---- text to double, correctly rounded ---- */
#define SIG_KEPT 780   /* a halfway point between doubles has at most 767 significant digits */

/* dst = src * x */
static void big_mul_u64(big *dst, const big *src, uint64_t x) {
    big_copy(dst, src);
    big_mul_add(dst, (uint32_t)x, 0);
    uint32_t hi = (uint32_t)(x >> 32);
    if (!hi || !src->n) return;
    /* plus src * hi one word up */
    while (dst->n < src->n + 2) dst->w[dst->n++] = 0;
    uint64_t carry = 0;
    int i = 0;
    for (; i < src->n; i++) {
        carry += (uint64_t)src->w[i] * hi + dst->w[i + 1];
        dst->w[i + 1] = (uint32_t)carry;
        carry >>= 32;
    }
    for (i++; carry; i++) {
        carry += dst->w[i];
        dst->w[i] = (uint32_t)carry;
        carry >>= 32;
    }
    while (dst->n && !dst->w[dst->n - 1]) dst->n--;
}
/* v against x * 2**y, exactly, where v = scaled * 2**E when E >= 0 (scaled: the digits times
 * 5**E), else scaled * 2**E / pow5 (scaled: the digits, pow5: 5**-E). a, b: room to work. */
static int cmp_decimal_binary(const big *scaled, const big *pow5, int E, uint64_t x, int y, big *a, big *b) {
    big_copy(a, scaled);
    if (E >= 0) big_set(b, x); else big_mul_u64(b, pow5, x);
    if (E > y) big_shl(a, E - y); else big_shl(b, y - E);
    return big_cmp(a, b);
}
/* the powers of ten that are doubles exactly */
static const double exact10[23] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
    1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
/* g * 10**k, within a few ulps: one rounding when 10**|k| is exact */
static double scale10(double g, int k) {
    if (k >= -22 && k <= 22) return k < 0 ? g / exact10[-k] : g * exact10[k];
    static const double tens[9] = { 1e1, 1e2, 1e4, 1e8, 1e16, 1e32, 1e64, 1e128, 1e256 };
    int a = k < 0 ? -k : k;
    for (int i = 0; i < 9 && a; i++, a >>= 1)
        if (a & 1) g = k < 0 ? g / tens[i] : g * tens[i];
    return g;
}
/* The double nearest digits * 10**E (ties to even): a guess, then exact steps of one ulp. */
static double nearest(const char *sig, int n, int E) {
    int g19 = n < 19 ? n : 19;
    uint64_t top = 0;
    for (int i = 0; i < g19; i++) top = top * 10 + (uint64_t)(sig[i] - '0');
    double guess = scale10((double)top, E + n - g19);
    uint64_t u;
    if (isinf(guess)) u = 0x7ff0000000000000ull;
    else memcpy(&u, &guess, sizeof u);
    /* room for the products: the digits, 5**|E|, and a shift by |E - y| for y near the guess's
     * exponent (the steps move it by one at most) */
    int y = -1076;
    if (guess > 0 && !isinf(guess)) { frexp(guess, &y); y -= 55; }
    if (isinf(guess)) y = 972;
    int shift = E > y ? E - y : y - E;
    int words = (n * 3322 / 1000 + (E < 0 ? -E : E) * 2322 / 1000 + shift + 128) / 32 + 4;
    uint32_t local[4 * 32];
    uint32_t *mem = words <= 32 ? local : gc_alloc((size_t)words * 4 * sizeof(uint32_t), GC_RAW);
    big digits = { mem, 0 }, pow5 = { mem + words, 0 }, a = { mem + 2 * words, 0 }, b = { mem + 3 * words, 0 };
    for (int i = 0; i < n; i += 9) {
        uint32_t chunk = 0, mul = 1;
        for (int j = i; j < n && j < i + 9; j++) { chunk = chunk * 10 + (uint32_t)(sig[j] - '0'); mul *= 10; }
        if (!digits.n) big_set(&digits, chunk); else big_mul_add(&digits, mul, chunk);
    }
    /* the power of five once: each step below only multiplies by a 64-bit number and shifts */
    if (E >= 0) big_mul_pow5(&digits, E);
    else { big_set(&pow5, 1); big_mul_pow5(&pow5, -E); }
    for (;;) {
        int be = (int)(u >> 52);
        uint64_t frac = u & ((1ull << 52) - 1);
        uint64_t m = be ? frac | 1ull << 52 : frac;
        int e = be ? be - 1075 : -1074;
        if (u < 0x7ff0000000000000ull) {
            int c = cmp_decimal_binary(&digits, &pow5, E, 2 * m + 1, e - 1, &a, &b);
            if (c > 0 || (c == 0 && (m & 1))) { u++; continue; }
        }
        if (u > 0) {
            bool narrow = frac == 0 && be > 1;
            int c = narrow ? cmp_decimal_binary(&digits, &pow5, E, 4 * m - 1, e - 2, &a, &b)
                           : cmp_decimal_binary(&digits, &pow5, E, 2 * m - 1, e - 1, &a, &b);
            if (c < 0 || (c == 0 && (m & 1))) { u--; continue; }
        }
        break;
    }
    double r;
    memcpy(&r, &u, sizeof r);
    return r;
}
/* Reads [+-]digits[.digits][(e|E)[+-]digits] (at least one digit before the exponent), all of
 * s[0..n), into *out; false when s is not such a number. */
bool py_float_from_text(const char *s, size_t n, double *out) {
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    size_t int0 = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    size_t int1 = i, frac0 = i, frac1 = i;
    if (i < n && s[i] == '.') {
        frac0 = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        frac1 = i;
    }
    if (int1 == int0 && frac1 == frac0) return false;
    long exp10 = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        if (i == n || s[i] < '0' || s[i] > '9') return false;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) if (exp10 < 100000) exp10 = exp10 * 10 + (s[i] - '0');
        if (eneg) exp10 = -exp10;
    }
    if (i != n) return false;
    /* the significant digits: the integer and fraction digits without leading or trailing zeros */
    size_t nint = int1 - int0, total = nint + (frac1 - frac0);
#define DIGIT(k) ((k) < nint ? s[int0 + (k)] : s[frac0 + (k) - nint])
    size_t first = 0, last = total;
    while (first < total && DIGIT(first) == '0') first++;
    if (first == total) { *out = neg ? -0.0 : 0.0; return true; }
    while (DIGIT(last - 1) == '0') last--;
    long nsig = (long)(last - first);
    long E = exp10 - (long)(frac1 - frac0) + (long)(total - last);   /* of the last digit */
    double v;
    if (nsig + E > 309) v = INFINITY;
    else if (nsig + E < -323) v = 0;
    else if (nsig <= 15 && E >= -22 && E <= 22) {
        /* both the digits and the power of ten are exact doubles: one rounding */
        uint64_t t = 0;
        for (size_t k = first; k < last; k++) t = t * 10 + (uint64_t)(DIGIT(k) - '0');
        v = E < 0 ? (double)t / exact10[-E] : (double)t * exact10[E];
    } else {
        /* past SIG_KEPT digits, a 1 in their place stands for the nonzero rest: no halfway
         * point lies between the truncated number and the whole one */
        int kept = nsig > SIG_KEPT ? SIG_KEPT + 1 : (int)nsig;
        char local[64];
        char *sig = kept <= (int)sizeof local ? local : gc_alloc((size_t)kept, GC_RAW);
        for (int k = 0; k < kept; k++) sig[k] = DIGIT(first + (size_t)k);
        if (kept > SIG_KEPT) { sig[SIG_KEPT] = '1'; E += nsig - kept; }
        v = nearest(sig, kept, (int)E);
    }
#undef DIGIT
    *out = neg ? -v : v;
    return true;
}
