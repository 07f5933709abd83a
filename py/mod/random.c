/* random (urandom): xoshiro128** seeded through splitmix64, in 32-bit arithmetic for the MCU.
 * Its sequence is not CPython's Mersenne Twister: a seed repeats this generator's sequence.
 * The module's functions are methods of one Random object, so each program has its own
 * state in its own heap (py/ keeps no writable globals). */
#include <string.h>
#include "py/mod/mod.h"
#include "hal/system.h"

#define BI(name) static pv name(int n, pv *a, pv kw)
extern const py_type py_random_type;
typedef struct { const py_type *type; uint32_t s[4]; } random_obj;
#define R(v) ((random_obj *)(v))

static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t next32(random_obj *r) {
    uint32_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 11);
    return out;
}
static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
static void seed_with(random_obj *r, uint64_t seed) {
    uint64_t a = splitmix64(&seed), b = splitmix64(&seed);
    r->s[0] = (uint32_t)a; r->s[1] = (uint32_t)(a >> 32); r->s[2] = (uint32_t)b; r->s[3] = (uint32_t)(b >> 32);
}
/* k random bits, k <= 64 */
static uint64_t bits(random_obj *r, int k) {
    if (k == 0) return 0;
    uint64_t v = next32(r);
    if (k > 32) v = v << 32 | next32(r);
    return k >= 64 ? v : v >> ((k > 32 ? 64 : 32) - k);
}
/* uniform in [0, n), n > 0, by rejection: no bias */
static uint64_t below(random_obj *r, uint64_t n) {
    int k = 0;
    while (k < 64 && (n - 1) >> k) k++;
    uint64_t v;
    do v = bits(r, k); while (v >= n);
    return v;
}

BI(r_seed) {
    pv s = n > 1 ? a[1] : PV_NONE;
    uint64_t v;
    if (s == PV_NONE) hal_random_bytes(&v, sizeof v);
    else if (py_is_int(s)) {
        int64_t i = py_int_val(s);
        v = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;       /* CPython seeds with abs() too */
    } else v = py_hash(s);
    seed_with(R(a[0]), v);
    return PV_NONE;
}
BI(r_getrandbits) {
    pint k = py_to_index(a[1]);
    if (k < 0) py_raisef(&py_ValueError_type, "number of bits must be non-negative");
    if (k > 64) py_raisef(&py_ValueError_type, "number of bits must be at most 64");
    uint64_t v = bits(R(a[0]), (int)k);
    extern pv py_big_from_u64(uint64_t u, bool neg);
    return v >> 62 ? py_big_from_u64(v, false) : py_new_int((int64_t)v);
}
static double unit(random_obj *r) {
    /* 53 bits, as CPython's random() has */
    return (double)(bits(r, 53)) / 9007199254740992.0;
}
BI(r_random) { return py_float_new(unit(R(a[0]))); }
BI(r_uniform) {
    double lo = py_to_double(a[1]), hi = py_to_double(a[2]);
    return py_float_new(lo + (hi - lo) * unit(R(a[0])));
}
/* randrange(stop) or randrange(start, stop[, step]) */
BI(r_randrange) {
    int64_t start = 0, stop, step = 1;
    if (n == 2) stop = py_to_index(a[1]);
    else {
        start = py_to_index(a[1]); stop = py_to_index(a[2]);
        if (n > 3) step = py_to_index(a[3]);
    }
    if (step == 0) py_raisef(&py_ValueError_type, "zero step for randrange()");
    int64_t count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
    if (count <= 0) py_raisef(&py_ValueError_type, "empty range for randrange()");
    return py_new_int(start + step * (int64_t)below(R(a[0]), (uint64_t)count));
}
/* randint(a, b) is randrange(a, b + 1), as CPython defines it */
BI(r_randint) {
    pv args[3] = { a[0], a[1], py_new_int(py_to_index(a[2]) + 1) };
    return r_randrange(3, args, PV_NULL);
}
BI(r_choice) {
    pint len = py_len(a[1]);
    if (len == 0) py_raisef(&py_IndexError_type, "Cannot choose from an empty sequence");
    return py_getitem(a[1], py_new_int((int64_t)below(R(a[0]), (uint64_t)len)));
}
/* shuffle(list): Fisher-Yates, in place */
BI(r_shuffle) {
    for (pint i = py_len(a[1]) - 1; i > 0; i--) {
        pv j = py_new_int((int64_t)below(R(a[0]), (uint64_t)i + 1)), k = py_new_int(i);
        pv x = py_getitem(a[1], k);
        py_setitem(a[1], k, py_getitem(a[1], j));
        py_setitem(a[1], j, x);
    }
    return PV_NONE;
}
static const py_builtin random_methods[] = { METHOD_KW(seed, r_seed, 0, 2), METHOD(getrandbits, r_getrandbits, 1, 1),
    METHOD(random, r_random, 0, 0), METHOD_KW(uniform, r_uniform, 2, 2), METHOD_KW(randrange, r_randrange, 1, 3), METHOD_KW(randint, r_randint, 2, 2),
    METHOD_KW(choice, r_choice, 1, 1), METHOD_KW(shuffle, r_shuffle, 1, 1), METHODS_END };

static pv random_new(void) {
    pv r = (pv)NEW(random_obj, py_random_type);
    r_seed(1, &r, PV_NULL);     /* seed(): from the board's random source */
    return r;
}
static pv random_make(const py_type *t, int n, pv *a, pv kw) {
    pv r = random_new();
    if (n > 0) { pv args[2] = { r, a[0] }; r_seed(2, args, PV_NULL); }
    return r;
}
const py_type py_random_type = { &py_type_type, "Random", .base = &py_object_type, .methods = random_methods,
    .flags = TF_KW, .make = random_make };

pv py_mod_random(pv m) {
    pv r = random_new();
    for (const py_builtin *f = random_methods; f->fn; f++)
        py_dict_set(((py_module *)m)->dict, (pv)&py_qstrs[f->name], py_builtin_bind(f, r));   /* keeps its argument counts */
    py_mod_set(m, "Random", (pv)&py_random_type);
    return m;
}
