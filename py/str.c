/* str (immutable UTF-8, with its length in code points so ASCII strings index directly),
 * interning, the builtin names table, and the three formatting languages: format specs,
 * % formatting and str.format. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include "py/obj.h"

/* The predefined names in flash: a type word each (a name is a pointer into py_qstrs, one
 * comparison), and their text in one pool, each NUL-ended so py_str_data gives a C string.
 * The pool is laid out by a struct of one char array per name, so the compiler computes every
 * name's offset (offsetof) and the pool holds no padding. */
const py_type *const py_qstrs[Q_COUNT] = {
#define Q(id, s) &py_str_type,
    QSTR_LIST(Q)
    QSTR_MOD_LIST(Q)
#undef Q
};
struct qstr_pool {
#define Q(id, s) char q_##id[sizeof(s)];
    QSTR_LIST(Q)
    QSTR_MOD_LIST(Q)
#undef Q
};
static const struct qstr_pool qstr_pool = {
#define Q(id, s) s,
    QSTR_LIST(Q)
    QSTR_MOD_LIST(Q)
#undef Q
};
/* where each name starts in the pool, and the pool's end: a name's length is the next start
 * minus its own, less its NUL */
static const uint16_t qstr_off[Q_COUNT + 1] = {
#define Q(id, s) offsetof(struct qstr_pool, q_##id),
    QSTR_LIST(Q)
    QSTR_MOD_LIST(Q)
#undef Q
    sizeof(struct qstr_pool)
};
_Static_assert(sizeof(struct qstr_pool) == 0
#define Q(id, s) + sizeof(s)
    QSTR_LIST(Q) QSTR_MOD_LIST(Q)
#undef Q
    , "the name pool has padding");
_Static_assert(sizeof(struct qstr_pool) <= UINT16_MAX, "the predefined names outgrow qstr_off's 16 bits");

#define S(v) ((py_str *)(v))

uint32_t py_hash_bytes(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= (uint8_t)s[i]; h *= 16777619u; }
    return h ? h : 1;
}
/* The hot paths (hash, equality, py_str_data) read names through these, inlined: at -Os GCC
 * would call each of them, and equality runs on every attribute lookup an instance dict checks. */
#define STR_INLINE static inline __attribute__((always_inline))
STR_INLINE bool is_static(pv v) { return v - (pv)py_qstrs < sizeof py_qstrs; }

/* A predefined name's index, text and length (names are ASCII: their length in code points
 * is their length in bytes). */
STR_INLINE size_t qstr_index(pv v) { return (size_t)((const py_type *const *)v - py_qstrs); }
STR_INLINE const char *qstr_text(size_t i) { return (const char *)&qstr_pool + qstr_off[i]; }
STR_INLINE uint32_t qstr_len(size_t i) { return (uint32_t)(qstr_off[i + 1] - qstr_off[i] - 1); }
/* the same for either kind of str */
STR_INLINE const char *text_of(pv v) { return is_static(v) ? qstr_text(qstr_index(v)) : S(v)->data; }
STR_INLINE uint32_t len_of(pv v) { return is_static(v) ? qstr_len(qstr_index(v)) : S(v)->len; }

/* A str's text, either kind: what every method reads, through one call (view); the paths a
 * program runs per operation (concatenation, join, formatting) have it inlined. */
typedef struct { const char *data; uint32_t len, clen; } str_view;
STR_INLINE str_view view_inline(pv v) {
    if (is_static(v)) {
        size_t i = qstr_index(v);
        return (str_view){ qstr_text(i), qstr_len(i), qstr_len(i) };
    }
    return (str_view){ S(v)->data, S(v)->len, S(v)->clen };
}
static str_view view(pv v) { return view_inline(v); }
/* A static name's hash is computed each time (the table is in flash); a made str keeps its own. */
static uintptr_t str_hash(pv v) {
    if (is_static(v)) return py_hash_bytes(text_of(v), len_of(v));
    py_str *s = S(v);
    if (!s->hash) s->hash = py_hash_bytes(s->data, s->len);
    return s->hash;
}

static size_t count_chars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) if (((uint8_t)s[i] & 0xc0) != 0x80) c++;
    return c;
}

pv py_str_alloc(size_t n, char **text) {
    py_str *o = gc_alloc_uninit(sizeof(py_str) + n + 1, GC_OBJ);
    o->type = &py_str_type;
    o->hash = 0;
    o->len = o->clen = (uint32_t)n;
    char *d = (char *)(o + 1);
    d[n] = 0;
    o->data = d;
    *text = d;
    return (pv)o;
}
pv py_str_done(pv s) {
    S(s)->clen = (uint32_t)count_chars(S(s)->data, S(s)->len);
    return s;
}
pv py_str_new(const char *s, size_t n) {
    char *d;
    pv o = py_str_alloc(n, &d);
    if (n) memcpy(d, s, n);
    return py_str_done(o);
}
pv py_str_cstr(const char *s) { return py_str_new(s, strlen(s)); }
/* The text of a str. Every caller means a str, but a value from a program may be anything:
 * a wrong type is the program's TypeError, never a read of another object's memory. */
const char *py_str_data(pv s) {
    if (!IS(s, py_str_type) && !py_isinstance(s, &py_str_type))
        py_raisef(&py_TypeError_type, "expected str, not %s", py_type_name(TYPE(s)));
    return text_of(s);
}
/* its length in bytes, with the same check */
size_t py_str_len(pv s) { (void)py_str_data(s); return len_of(s); }
size_t py_str_clen(pv s) { (void)py_str_data(s); return view(s).clen; }
bool py_str_eq(pv a, pv b) {
    if (a == b) return true;
    if (!IS(a, py_str_type) || !IS(b, py_str_type)) return false;
    bool sa = is_static(a), sb = is_static(b);
    if (sa && sb) return false;    /* each predefined name is there once (tests/unit/test_py.c) */
    uint32_t n = len_of(a);
    if (n != len_of(b)) return false;
    if (!sa && !sb && S(a)->hash && S(b)->hash && S(a)->hash != S(b)->hash) return false;
    return !memcmp(text_of(a), text_of(b), n);
}
pv py_qstr(int q) { return (pv)&py_qstrs[q]; }

/* the predefined name equal to s, by binary search of the table's two sorted runs */
static pv find_in(const char *s, size_t n, int lo, int hi) {
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        size_t len = qstr_len((size_t)mid), m = len < n ? len : n;
        int c = memcmp(qstr_text((size_t)mid), s, m);
        if (c == 0) c = len < n ? -1 : len > n ? 1 : 0;
        if (c == 0) return (pv)&py_qstrs[mid];
        if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return PV_NULL;
}
static pv find_qstr(const char *s, size_t n) {
    pv q = find_in(s, n, 0, Q_CORE_COUNT - 1);
    return q ? q : find_in(s, n, Q_CORE_COUNT, Q_COUNT - 1);
}

pv py_intern(const char *s, size_t n) {
    pv q = find_qstr(s, n);
    if (q) return q;
    py_str tmp = { &py_str_type, 0, (uint32_t)n, (uint32_t)n, s };
    pv v = py_dict_get(py_cur->interned, (pv)&tmp);
    if (v) return v;
    pv r = py_str_new(s, n);
    py_dict_set(py_cur->interned, r, r);
    return r;
}
/* A name a program gives (getattr, setattr, an import's __all__): anything but a str is its
 * TypeError, checked here for every caller. */
pv py_intern_str(pv s) {
    if (is_static(s)) return s;
    if (!IS(s, py_str_type) && !py_isinstance(s, &py_str_type))
        py_raisef(&py_TypeError_type, "attribute name must be string, not '%s'", py_type_name(TYPE(s)));
    pv q = find_qstr(py_str_data(s), py_str_len(s));
    if (q) return q;
    pv v = py_dict_get(py_cur->interned, s);
    if (v) return v;
    py_dict_set(py_cur->interned, s, s);
    return s;
}

/* ---- buffers ---- */
/* a buffer that starts in the caller's array (the result of a format is mostly short: its
 * text is built there and copied once into its str), and moves to the heap as it grows */
void buf_init_in(py_buf *b, char *local, size_t cap) {
    b->p = local;
    b->n = 0;
    b->cap = cap;
}
void buf_init(py_buf *b, size_t cap) {
    if (cap < 16) cap = 16;
    b->p = gc_alloc(cap, GC_RAW);
    b->n = 0;
    b->cap = cap;
}
static void buf_grow(py_buf *b, size_t need) {
    if (b->n + need + 1 <= b->cap) return;
    size_t nc = b->cap * 2;
    while (nc < b->n + need + 1) nc *= 2;
    char *np = gc_alloc(nc, GC_RAW);
    memcpy(np, b->p, b->n);
    b->p = np;
    b->cap = nc;
}
void buf_add(py_buf *b, const char *s, size_t n) { buf_grow(b, n); memcpy(b->p + b->n, s, n); b->n += n; }
void buf_adds(py_buf *b, const char *s) { buf_add(b, s, strlen(s)); }
void buf_addc(py_buf *b, char c) { buf_grow(b, 1); b->p[b->n++] = c; }
void buf_addv(py_buf *b, pv s) { str_view v = view_inline(s); buf_add(b, v.data, v.len); }
pv buf_str(py_buf *b) { return py_str_new(b->p, b->n); }

pv py_strf(const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof tmp) return py_str_new(tmp, (size_t)n);
    char *big = gc_alloc((size_t)n + 1, GC_RAW);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return py_str_new(big, (size_t)n);
}

pv py_str_concat(pv a, pv b) {
    str_view x = view_inline(a), y = view_inline(b);
    size_t la = x.len, lb = y.len;
    if (!la) return b;
    if (!lb) return a;
    uint32_t clen = x.clen + y.clen;
    char *d;
    pv o = py_str_alloc(la + lb, &d);
    memcpy(d, x.data, la);
    memcpy(d + la, y.data, lb);
    S(o)->clen = clen;
    return o;
}

/* byte offset of code point i */
static size_t cp_off(str_view s, size_t i) {
    if (s.len == s.clen) return i;
    size_t off = 0;
    while (i > 0 && off < s.len) {
        off++;
        while (off < s.len && ((uint8_t)s.data[off] & 0xc0) == 0x80) off++;
        i--;
    }
    return off;
}
static pv substr_cp(str_view s, size_t a, size_t b) {
    size_t oa = cp_off(s, a), ob = cp_off(s, b);
    return py_str_new(s.data + oa, ob - oa);
}
static uint32_t decode_at(const char *s, size_t *i);
uint32_t py_utf8_get(const char *s, size_t *i) { return decode_at(s, i); }
static uint32_t decode_at(const char *s, size_t *i) {
    uint8_t c = (uint8_t)s[*i];
    uint32_t v;
    int extra;
    if (c < 0x80) { (*i)++; return c; }
    if (c >= 0xf0) { v = c & 7; extra = 3; } else if (c >= 0xe0) { v = c & 15; extra = 2; } else { v = c & 31; extra = 1; }
    (*i)++;
    for (int k = 0; k < extra; k++) { v = (v << 6) | ((uint8_t)s[*i] & 63); (*i)++; }
    return v;
}

/* ---- repr ---- */
static pv str_repr(pv v) {
    str_view s = view(v);
    bool sq = memchr(s.data, '\'', s.len) != NULL, dq = memchr(s.data, '"', s.len) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    py_buf b;
    buf_init(&b, s.len + 3);
    buf_addc(&b, q);
    for (size_t i = 0; i < s.len; i++) {
        uint8_t c = (uint8_t)s.data[i];
        if (c == (uint8_t)q || c == '\\') { buf_addc(&b, '\\'); buf_addc(&b, (char)c); }
        else if (c == '\n') buf_adds(&b, "\\n");
        else if (c == '\r') buf_adds(&b, "\\r");
        else if (c == '\t') buf_adds(&b, "\\t");
        else if (c < 0x20 || c == 0x7f) { char t[8]; snprintf(t, sizeof t, "\\x%02x", c); buf_adds(&b, t); }
        else if (c >= 0x80) {
            size_t j = i;
            uint32_t cp = decode_at(s.data, &j);
            /* the non-printable ones CPython escapes: C1 controls, no-break and soft hyphen,
             * the zero-width and separator spaces, the byte-order mark */
            if (cp <= 0xa0 || cp == 0xad) { char t[8]; snprintf(t, sizeof t, "\\x%02x", (unsigned)cp); buf_adds(&b, t); }
            else if ((cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) || (cp >= 0x205f && cp <= 0x206f) || cp == 0xfeff || cp == 0x3000 || cp == 0x1680) {
                char t[8];
                snprintf(t, sizeof t, "\\u%04x", (unsigned)cp);
                buf_adds(&b, t);
            } else buf_add(&b, s.data + i, j - i);
            i = j - 1;
        } else buf_addc(&b, (char)c);
    }
    buf_addc(&b, q);
    return buf_str(&b);
}
pv py_ascii(pv v) {
    pv r = py_repr(v);
    str_view s = view(r);
    if (s.len == s.clen) return r;
    py_buf b;
    buf_init(&b, s.len + 8);
    for (size_t i = 0; i < s.len;) {
        uint8_t c = (uint8_t)s.data[i];
        if (c < 0x80) { buf_addc(&b, (char)c); i++; continue; }
        uint32_t cp = decode_at(s.data, &i);
        char t[12];
        if (cp < 0x100) snprintf(t, sizeof t, "\\x%02x", (unsigned)cp);
        else if (cp < 0x10000) snprintf(t, sizeof t, "\\u%04x", (unsigned)cp);
        else snprintf(t, sizeof t, "\\U%08x", (unsigned)cp);
        buf_adds(&b, t);
    }
    return buf_str(&b);
}

static pv str_str(pv v) { return v; }

/* ---- operators ---- */
static pv str_repeat(pv s, pv n) {
    if (!py_is_int(n)) py_raisef(&py_TypeError_type, "can't multiply sequence by non-int of type '%s'", py_type_name(TYPE(n)));
    int64_t k = py_int_val(n);
    str_view x = view(s);
    if (k <= 0 || !x.len) return QS(_empty);
    if ((uint64_t)k * x.len > 0x7fffffff) py_raise(py_cur->memerr);
    py_buf b;
    buf_init(&b, x.len * (size_t)k + 1);
    for (int64_t i = 0; i < k; i++) buf_add(&b, x.data, x.len);
    return buf_str(&b);
}
static bool is_str(pv v) { return IS(v, py_str_type) || (!IS_SMALL(v) && (TYPE(v)->flags & TF_USER) && py_issubtype(TYPE(v), &py_str_type)); }
static pv str_binop(int op, pv a, pv b, int side) {
    int o = op & 15;
    if (o == OP_ADD) {
        /* two plain strs (every concatenation but a subclass's) skip is_str's calls */
        if ((IS(a, py_str_type) && IS(b, py_str_type)) || (is_str(a) && is_str(b))) return py_str_concat(a, b);
        if (side == 0) py_raisef(&py_TypeError_type, "can only concatenate str (not \"%s\") to str", py_type_name(TYPE(b)));
        return PV_NULL;
    }
    if (o == OP_MUL) {
        /* a non-int count is the sequence's TypeError, unless a class may take it (__rmul__) */
        pv k = side ? a : b;
        if (!py_is_int(k) && TYPE(k)->flags & TF_USER) return PV_NULL;
        return side ? str_repeat(b, a) : str_repeat(a, b);
    }
    if (o == OP_MOD && side == 0 && is_str(a)) return py_str_mod(a, b);
    return PV_NULL;
}
static pv str_compare(int op, pv a, pv b, int side) {
    if (!IS(a, py_str_type) || !IS(b, py_str_type)) {
        if (!IS(a, py_str_type) && !py_issubtype(TYPE(a), &py_str_type)) return PV_NULL;
        if (!IS(b, py_str_type) && !py_issubtype(TYPE(b), &py_str_type)) return PV_NULL;
    }
    str_view x = view(a), y = view(b);
    if (op == CMP_EQ) return PV_BOOL(py_str_eq(a, b) || (x.len == y.len && !memcmp(x.data, y.data, x.len)));
    if (op == CMP_NE) return PV_BOOL(!(x.len == y.len && !memcmp(x.data, y.data, x.len)));
    size_t m = x.len < y.len ? x.len : y.len;
    int c = memcmp(x.data, y.data, m);
    if (c == 0) c = x.len < y.len ? -1 : x.len > y.len ? 1 : 0;
    switch (op) {
    case CMP_LT: return PV_BOOL(c < 0);
    case CMP_LE: return PV_BOOL(c <= 0);
    case CMP_GT: return PV_BOOL(c > 0);
    case CMP_GE: return PV_BOOL(c >= 0);
    }
    return PV_NULL;
}
static const char *find_sub(const char *h, size_t hn, const char *n, size_t nn) {
    if (nn == 0) return h;
    if (nn > hn) return NULL;
    for (size_t i = 0; i + nn <= hn; i++) if (h[i] == n[0] && !memcmp(h + i, n, nn)) return h + i;
    return NULL;
}
static const char *rfind_sub(const char *h, size_t hn, const char *n, size_t nn) {
    if (nn > hn) return NULL;
    for (size_t i = hn - nn + 1; i-- > 0;) if (!memcmp(h + i, n, nn)) return h + i;
    return NULL;
}
static int str_contains(pv o, pv x) {
    if (!IS(x, py_str_type)) py_raisef(&py_TypeError_type, "'in <string>' requires string as left operand, not %s", py_type_name(TYPE(x)));
    str_view s = view(o), p = view(x);
    return find_sub(s.data, s.len, p.data, p.len) != NULL;
}
static pint str_len(pv o) { return view(o).clen; }
static pv str_getitem(pv o, pv k) {
    str_view s = view(o);
    if (IS(k, py_slice_type)) {
        pint a, b, st, n;
        py_slice_indices(k, s.clen, &a, &b, &st, &n);
        if (st == 1) return n > 0 ? substr_cp(s, (size_t)a, (size_t)b) : QS(_empty);
        py_buf bf;
        buf_init(&bf, (size_t)n + 1);
        for (pint i = 0, j = a; i < n; i++, j += st) {
            size_t oa = cp_off(s, (size_t)j), ob = cp_off(s, (size_t)j + 1);
            buf_add(&bf, s.data + oa, ob - oa);
        }
        return buf_str(&bf);
    }
    if (!py_is_int(k) && !((TYPE(k)->flags & TF_USER) && py_lookup_special(k, Q___index__)))
        py_raisef(&py_TypeError_type, "string indices must be integers, not '%s'", py_type_name(TYPE(k)));
    pint i = py_to_index(k);
    if (i < 0) i += s.clen;
    if (i < 0 || i >= (pint)s.clen) py_raisef(&py_IndexError_type, "string index out of range");
    if (s.len == s.clen) return py_str_new(s.data + i, 1);
    return substr_cp(s, (size_t)i, (size_t)i + 1);
}
typedef struct { const py_type *type; pv s; size_t off; } str_iter;
static pv stri_next(pv it) {
    str_iter *si = (str_iter *)it;
    str_view s = view(si->s);
    if (si->off >= s.len) return PV_NULL;
    size_t a = si->off, b = a + 1;
    while (b < s.len && ((uint8_t)s.data[b] & 0xc0) == 0x80) b++;
    si->off = b;
    return py_str_new(s.data + a, b - a);
}
static pv self_it(pv o) { return o; }
static void stri_mark(pv o, gc_heap *h) { gc_mark(h, ((str_iter *)o)->s); }
const py_type py_striter_type = { &py_type_type, "str_ascii_iterator", .base = &py_object_type, .iter = self_it, .next = stri_next, .mark = stri_mark };
static pv str_iter_new(pv o) { str_iter *i = NEW(str_iter, py_striter_type); i->s = o; return (pv)i; }
static int str_truth(pv o) { return view(o).len != 0; }

static pv str_make(const py_type *t, int n, pv *a, pv kw) {
    if (n == 0 && !kw) return QS(_empty);
    pv x = n > 0 ? a[0] : py_kw_get(kw, Q_object);
    if (!x) return QS(_empty);
    pv enc = n > 1 ? a[1] : py_kw_get(kw, Q_encoding), errors = n > 2 ? a[2] : py_kw_get(kw, Q_errors);
    if ((enc || errors) && (IS(x, py_bytes_type) || IS(x, py_bytearray_type))) {
        py_bytes *b = (py_bytes *)x;
        return py_decode(b->data, b->len, enc, errors);
    }
    return py_str_of(x);
}

/* ---- methods ---- */
static pv argstr(pv v, const char *what) {
    if (!IS(v, py_str_type) && !py_issubtype(TYPE(v), &py_str_type)) {
        if (!strcmp(what, "sep") || !strcmp(what, "strip")) py_raisef(&py_TypeError_type, "%s arg must be None or str", what);
        py_raisef(&py_TypeError_type, "must be str, not %s", py_type_name(TYPE(v)));
    }
    return v;
}
static pv str_join_m(int n, pv *a, pv kw) { return py_str_join(a[0], a[1]); }
pv py_str_join(pv sep, pv iterable) {
    size_t cnt;
    pv *items;
    pv l = (IS(iterable, py_list_type) || IS(iterable, py_tuple_type)) ? iterable : py_list_from_iter(iterable);
    py_seq_items(l, &cnt, &items);
    str_view sp = view_inline(sep);
    size_t total = 0;
    for (size_t i = 0; i < cnt; i++) {
        if (!IS(items[i], py_str_type) && !py_issubtype(TYPE(items[i]), &py_str_type))
            py_raisef(&py_TypeError_type, "sequence item %d: expected str instance, %s found", (int)i, py_type_name(TYPE(items[i])));
        total += view_inline(items[i]).len + sp.len;
    }
    if (cnt == 1) return items[0];
    size_t ls = sp.len, len = cnt ? total - ls : 0;
    char *d;
    pv r = py_str_alloc(len, &d);
    for (size_t i = 0; i < cnt; i++) {
        if (i) { memcpy(d, sp.data, ls); d += ls; }
        str_view it = view_inline(items[i]);
        memcpy(d, it.data, it.len);
        d += it.len;
    }
    return py_str_done(r);
}
static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static pv split_impl(int n, pv *a, pv kw, bool right) {
    str_view s = view(a[0]);
    pv sep = n > 1 ? a[1] : py_kw_get(kw, Q_sep);
    pv ms = n > 2 ? a[2] : py_kw_get(kw, Q_maxsplit);
    pint maxsplit = ms ? py_to_index(ms) : -1;
    pv out = py_list_new(0);
    if (!sep || sep == PV_NONE) {
        if (!right) {
            size_t i = 0;
            while (i < s.len) {
                while (i < s.len && is_ws(s.data[i])) i++;
                if (i >= s.len) break;
                if (maxsplit == 0) {
                    py_list_append(out, py_str_new(s.data + i, s.len - i));
                    break;
                }
                size_t j = i;
                while (j < s.len && !is_ws(s.data[j])) j++;
                py_list_append(out, py_str_new(s.data + i, j - i));
                if (maxsplit > 0) maxsplit--;
                i = j;
            }
            return out;
        }
        size_t e = s.len;
        while (e > 0) {
            while (e > 0 && is_ws(s.data[e - 1])) e--;
            if (!e) break;
            if (maxsplit == 0) {
                py_list_append(out, py_str_new(s.data, e));
                break;
            }
            size_t j = e;
            while (j > 0 && !is_ws(s.data[j - 1])) j--;
            py_list_append(out, py_str_new(s.data + j, e - j));
            if (maxsplit > 0) maxsplit--;
            e = j;
        }
        py_list *L = LIST(out);
        for (size_t i = 0; i < L->len / 2; i++) { pv t = L->items[i]; L->items[i] = L->items[L->len - 1 - i]; L->items[L->len - 1 - i] = t; }
        return out;
    }
    argstr(sep, "sep");
    str_view p = view(sep);
    if (!p.len) py_raisef(&py_ValueError_type, "empty separator");
    if (!right) {
        size_t i = 0;
        for (;;) {
            const char *f = maxsplit != 0 ? find_sub(s.data + i, s.len - i, p.data, p.len) : NULL;
            if (!f) { py_list_append(out, py_str_new(s.data + i, s.len - i)); break; }
            size_t at = (size_t)(f - s.data);
            py_list_append(out, py_str_new(s.data + i, at - i));
            i = at + p.len;
            if (maxsplit > 0) maxsplit--;
        }
        return out;
    }
    size_t e = s.len;
    for (;;) {
        const char *f = maxsplit != 0 ? rfind_sub(s.data, e, p.data, p.len) : NULL;
        if (!f) { py_list_append(out, py_str_new(s.data, e)); break; }
        size_t at = (size_t)(f - s.data);
        py_list_append(out, py_str_new(s.data + at + p.len, e - at - p.len));
        e = at;
        if (maxsplit > 0) maxsplit--;
    }
    py_list *L = LIST(out);
    for (size_t i = 0; i < L->len / 2; i++) { pv t = L->items[i]; L->items[i] = L->items[L->len - 1 - i]; L->items[L->len - 1 - i] = t; }
    return out;
}
static pv str_split(int n, pv *a, pv kw) { return split_impl(n, a, kw, false); }
static pv str_rsplit(int n, pv *a, pv kw) { return split_impl(n, a, kw, true); }
static pv strip_impl(int n, pv *a, int which) {
    str_view s = view(a[0]);
    const char *chars = " \t\n\r\v\f";
    size_t nc = 6;
    if (n > 1 && a[1] != PV_NONE) { str_view c = view(argstr(a[1], "strip")); chars = c.data; nc = c.len; }
    size_t b = 0, e = s.len;
    if (which & 1) while (b < e && memchr(chars, s.data[b], nc)) b++;
    if (which & 2) while (e > b && memchr(chars, s.data[e - 1], nc)) e--;
    if (b == 0 && e == s.len) return a[0];
    return py_str_new(s.data + b, e - b);
}
static pv str_strip(int n, pv *a, pv kw) { return strip_impl(n, a, 3); }
static pv str_lstrip(int n, pv *a, pv kw) { return strip_impl(n, a, 1); }
static pv str_rstrip(int n, pv *a, pv kw) { return strip_impl(n, a, 2); }
static pv str_replace(int n, pv *a, pv kw) {
    str_view s = view(a[0]), o = view(argstr(a[1], "replace")), r = view(argstr(a[2], "replace"));
    pint count = n > 3 ? py_to_index(a[3]) : -1;
    py_buf b;
    buf_init(&b, s.len + 1);
    size_t i = 0;
    if (!o.len) {
        /* between every character */
        size_t k = 0;
        while (i <= s.len) {
            if (count < 0 || (pint)k < count) { buf_add(&b, r.data, r.len); k++; }
            if (i == s.len) break;
            size_t j = i + 1;
            while (j < s.len && ((uint8_t)s.data[j] & 0xc0) == 0x80) j++;
            buf_add(&b, s.data + i, j - i);
            i = j;
        }
        return buf_str(&b);
    }
    while (count != 0) {
        const char *f = find_sub(s.data + i, s.len - i, o.data, o.len);
        if (!f) break;
        size_t at = (size_t)(f - s.data);
        buf_add(&b, s.data + i, at - i);
        buf_add(&b, r.data, r.len);
        i = at + o.len;
        if (count > 0) count--;
    }
    buf_add(&b, s.data + i, s.len - i);
    return buf_str(&b);
}
static void range_args(str_view s, int n, pv *a, int first, size_t *start, size_t *end) {
    pint len = s.clen, b = 0, e = len;
    if (n > first && a[first] != PV_NONE) { b = py_to_index(a[first]); if (b < 0) { b += len; if (b < 0) b = 0; } if (b > len) b = len; }
    if (n > first + 1 && a[first + 1] != PV_NONE) { e = py_to_index(a[first + 1]); if (e < 0) { e += len; if (e < 0) e = 0; } if (e > len) e = len; }
    *start = cp_off(s, (size_t)b);
    *end = e < b ? *start : cp_off(s, (size_t)e);
}
static pint byte_to_cp(str_view s, size_t off) { return s.len == s.clen ? (pint)off : (pint)count_chars(s.data, off); }
static pint find_impl(int n, pv *a, bool right) {
    str_view s = view(a[0]), p = view(argstr(a[1], "find"));
    size_t b, e;
    if (n > 2 && a[2] != PV_NONE && py_to_index(a[2]) > (pint)s.clen) return -1;
    range_args(s, n, a, 2, &b, &e);
    if (e < b || p.len > e - b) return -1;
    const char *f = right ? rfind_sub(s.data + b, e - b, p.data, p.len) : find_sub(s.data + b, e - b, p.data, p.len);
    return f ? byte_to_cp(s, (size_t)(f - s.data)) : -1;
}
static pv str_find(int n, pv *a, pv kw) { return MKSMALL(find_impl(n, a, false)); }
static pv str_rfind(int n, pv *a, pv kw) { return MKSMALL(find_impl(n, a, true)); }
static pv str_index(int n, pv *a, pv kw) { pint r = find_impl(n, a, false); if (r < 0) py_raisef(&py_ValueError_type, "substring not found"); return MKSMALL(r); }
static pv str_rindex(int n, pv *a, pv kw) { pint r = find_impl(n, a, true); if (r < 0) py_raisef(&py_ValueError_type, "substring not found"); return MKSMALL(r); }
static pv str_count(int n, pv *a, pv kw) {
    str_view s = view(a[0]), p = view(argstr(a[1], "count"));
    size_t b, e;
    range_args(s, n, a, 2, &b, &e);
    if (!p.len) return MKSMALL(byte_to_cp(s, e) - byte_to_cp(s, b) + 1);
    pint c = 0;
    while (b < e) {
        const char *f = find_sub(s.data + b, e - b, p.data, p.len);
        if (!f) break;
        c++;
        b = (size_t)(f - s.data) + p.len;
    }
    return MKSMALL(c);
}
static pv affix_impl(int n, pv *a, bool end) {
    str_view s = view(a[0]);
    size_t b, e;
    range_args(s, n, a, 2, &b, &e);
    pv x = a[1];
    if (IS(x, py_tuple_type)) {
        for (size_t i = 0; i < TUPLE(x)->len; i++) {
            pv args[4] = { a[0], TUPLE(x)->items[i], n > 2 ? a[2] : PV_NONE, n > 3 ? a[3] : PV_NONE };
            if (affix_impl(n < 2 ? 2 : n, args, end) == PV_TRUE) return PV_TRUE;
        }
        return PV_FALSE;
    }
    if (!IS(x, py_str_type)) py_raisef(&py_TypeError_type, "%s first arg must be str or a tuple of str, not %s", end ? "endswith" : "startswith", py_type_name(TYPE(x)));
    str_view p = view(x);
    if (e < b || p.len > e - b) return PV_FALSE;
    return PV_BOOL(!memcmp(s.data + (end ? e - p.len : b), p.data, p.len));
}
static pv str_startswith(int n, pv *a, pv kw) { return affix_impl(n, a, false); }
static pv str_endswith(int n, pv *a, pv kw) { return affix_impl(n, a, true); }
/* case of the letters of Latin-1, Latin Extended-A, Greek and Cyrillic */
static uint32_t cp_upper(uint32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
    if (c == 0xff) return 0x178;
    if (c >= 0x100 && c <= 0x17f && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17f) {
        bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
        if (odd_lower ? (c & 1) == 0 : (c & 1) == 1) return c - 1;
        return c;
    }
    if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2) return c - 32;
    if (c == 0x3c2) return 0x3a3;
    if (c >= 0x430 && c <= 0x44f) return c - 32;
    if (c >= 0x450 && c <= 0x45f) return c - 80;
    return c;
}
static uint32_t cp_lower(uint32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 32;
    if (c == 0x178) return 0xff;
    if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x138 && c != 0x149 && c != 0x17f) {
        bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
        if (odd_lower ? (c & 1) == 1 : (c & 1) == 0) return c + 1;
        return c;
    }
    if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) return c + 32;
    if (c >= 0x410 && c <= 0x42f) return c + 32;
    if (c >= 0x400 && c <= 0x40f) return c + 80;
    return c;
}
static pv map_chars_unicode(pv v, int mode) {
    str_view s = view(v);
    py_buf b;
    buf_init(&b, s.len + 8);
    bool start = true;
    size_t idx = 0;
    for (size_t i = 0; i < s.len; idx++) {
        uint32_t c = decode_at(s.data, &i);
        uint32_t u = cp_upper(c), l = cp_lower(c);
        bool is_up = u == c && l != c, is_lo = l == c && u != c;
        bool letter = is_up || is_lo || (c >= 0x80 && c != 0xd7 && c != 0xf7);
        uint32_t r = c;
        switch (mode) {
        case 0: r = u; break;
        case 1: r = l; break;
        case 2: r = is_up ? l : is_lo ? u : c; break;
        case 3: r = start ? u : l; start = !(letter || (c >= '0' && c <= '9')); break;
        case 4: r = idx == 0 ? u : l; break;
        }
        py_utf8_put(&b, r);
    }
    return buf_str(&b);
}
static pv map_chars(pv v, int mode) {
    str_view s = view(v);
    if (s.len != s.clen) return map_chars_unicode(v, mode);
    py_str *o = S(py_str_new(s.data, s.len));
    char *d = (char *)o->data;
    bool start = true;
    for (size_t i = 0; i < o->len; i++) {
        char c = d[i];
        bool lo = c >= 'a' && c <= 'z', up = c >= 'A' && c <= 'Z';
        switch (mode) {
        case 0: if (lo) d[i] = (char)(c - 32); break;
        case 1: if (up) d[i] = (char)(c + 32); break;
        case 2: if (lo) d[i] = (char)(c - 32); else if (up) d[i] = (char)(c + 32); break;
        case 3: /* title */
            if (lo && start) d[i] = (char)(c - 32);
            else if (up && !start) d[i] = (char)(c + 32);
            start = !(lo || up || ((uint8_t)c & 0x80) || (c >= '0' && c <= '9'));
            break;
        case 4: /* capitalize */
            if (i == 0 && lo) d[i] = (char)(c - 32);
            else if (i > 0 && up) d[i] = (char)(c + 32);
            break;
        }
    }
    return (pv)o;
}
static pv str_upper(int n, pv *a, pv kw) { return map_chars(a[0], 0); }
static pv str_lower(int n, pv *a, pv kw) { return map_chars(a[0], 1); }
static pv str_swapcase(int n, pv *a, pv kw) { return map_chars(a[0], 2); }
static pv str_title(int n, pv *a, pv kw) { return map_chars(a[0], 3); }
static pv str_capitalize(int n, pv *a, pv kw) { return map_chars(a[0], 4); }
static pv char_class(pv v, int cls) {
    str_view s = view(v);
    if (!s.len) return PV_FALSE;
    bool any_cased = false;
    for (size_t i = 0; i < s.len; i++) {
        uint8_t c = (uint8_t)s.data[i];
        bool d = c >= '0' && c <= '9', l = c >= 'a' && c <= 'z', u = c >= 'A' && c <= 'Z';
        switch (cls) {
        case 0: if (!d) return PV_FALSE; break;
        case 1: if (!(l || u || c >= 0x80)) return PV_FALSE; break;
        case 2: if (!(l || u || d || c >= 0x80)) return PV_FALSE; break;
        case 3: if (!is_ws((char)c)) return PV_FALSE; break;
        case 4: if (l) return PV_FALSE; if (u) any_cased = true; break;
        case 5: if (u) return PV_FALSE; if (l) any_cased = true; break;
        }
    }
    if (cls >= 4) return PV_BOOL(any_cased);
    return PV_TRUE;
}
static pv str_isdigit(int n, pv *a, pv kw) { return char_class(a[0], 0); }
static pv str_isalpha(int n, pv *a, pv kw) { return char_class(a[0], 1); }
static pv str_isalnum(int n, pv *a, pv kw) { return char_class(a[0], 2); }
static pv str_isspace(int n, pv *a, pv kw) { return char_class(a[0], 3); }
static pv str_isupper(int n, pv *a, pv kw) { return char_class(a[0], 4); }
static pv str_islower(int n, pv *a, pv kw) { return char_class(a[0], 5); }
static pv str_isidentifier(int n, pv *a, pv kw) {
    str_view s = view(a[0]);
    if (!s.len || (s.data[0] >= '0' && s.data[0] <= '9')) return PV_FALSE;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || ((uint8_t)c & 0x80))) return PV_FALSE;
    }
    return PV_TRUE;
}
static pv str_istitle(int n, pv *a, pv kw) {
    str_view s = view(a[0]);
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.data[i];
        bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
        if (up) { if (prev_cased) return PV_FALSE; prev_cased = cased = true; }
        else if (lo) { if (!prev_cased) return PV_FALSE; prev_cased = cased = true; }
        else prev_cased = false;
    }
    return PV_BOOL(cased);
}
/* v padded to width characters with copies of fill, which holds one character (one or more
 * bytes of UTF-8) */
static pv pad_with(pv v, pint width, const char *fill, size_t fill_len, int align) {
    str_view s = view_inline(v);
    pint n = width - (pint)s.clen;
    if (n <= 0) return v;
    pint left = align == '<' ? 0 : align == '>' ? n : n / 2;
    if (align == 'C') left = n / 2 + (n & width & 1);   /* str.center */
    pint right = n - left;
    py_buf b;
    buf_init(&b, s.len + (size_t)n * fill_len + 1);
    for (pint i = 0; i < left; i++) buf_add(&b, fill, fill_len);
    buf_addv(&b, v);
    for (pint i = 0; i < right; i++) buf_add(&b, fill, fill_len);
    return buf_str(&b);
}
static pv pad(pv v, pint width, char fill, int align) { return pad_with(v, width, &fill, 1, align); }
/* center, ljust and rjust: the fill is one character, which may take several bytes */
static pv just(int n, pv *a, int align) {
    pint width = py_to_index(a[1]);
    if (n <= 2) return pad(a[0], width, ' ', align);
    if (!IS(a[2], py_str_type) || view(a[2]).clen != 1) py_raisef(&py_TypeError_type, "The fill character must be exactly one character long");
    str_view fill = view(a[2]);
    return pad_with(a[0], width, fill.data, fill.len, align);
}
static pv str_center(int n, pv *a, pv kw) { return just(n, a, 'C'); }
static pv str_ljust(int n, pv *a, pv kw) { return just(n, a, '<'); }
static pv str_rjust(int n, pv *a, pv kw) { return just(n, a, '>'); }
static pv str_zfill(int n, pv *a, pv kw) {
    str_view s = view(a[0]);
    pint w = py_to_index(a[1]);
    pint k = w - (pint)s.clen;
    if (k <= 0) return a[0];
    py_buf b;
    buf_init(&b, (size_t)w + 1);
    size_t i = 0;
    if (s.len && (s.data[0] == '-' || s.data[0] == '+')) { buf_addc(&b, s.data[0]); i = 1; }
    for (pint j = 0; j < k; j++) buf_addc(&b, '0');
    buf_add(&b, s.data + i, s.len - i);
    return buf_str(&b);
}
static pv str_splitlines(int n, pv *a, pv kw) {
    str_view s = view(a[0]);
    pv ke = n > 1 ? a[1] : py_kw_get(kw, Q_keyword);
    if (kw) { pv k2 = py_dict_get(kw, py_intern("keepends", 8)); if (k2) ke = k2; }
    bool keep = ke && py_truth(ke);
    pv out = py_list_new(0);
    size_t i = 0;
    while (i < s.len) {
        size_t j = i;
        while (j < s.len && s.data[j] != '\n' && s.data[j] != '\r') j++;
        size_t e = j;
        if (j < s.len) { if (s.data[j] == '\r' && j + 1 < s.len && s.data[j + 1] == '\n') j += 2; else j++; }
        py_list_append(out, py_str_new(s.data + i, (keep ? j : e) - i));
        i = j;
    }
    return out;
}
static pv partition_impl(int n, pv *a, bool right) {
    str_view s = view(a[0]), p = view(argstr(a[1], "partition"));
    if (!p.len) py_raisef(&py_ValueError_type, "empty separator");
    const char *f = right ? rfind_sub(s.data, s.len, p.data, p.len) : find_sub(s.data, s.len, p.data, p.len);
    pv t = py_tuple_new(3);
    if (!f) {
        TUPLE(t)->items[0] = right ? QS(_empty) : a[0];
        TUPLE(t)->items[1] = QS(_empty);
        TUPLE(t)->items[2] = right ? a[0] : QS(_empty);
        return t;
    }
    size_t at = (size_t)(f - s.data);
    TUPLE(t)->items[0] = py_str_new(s.data, at);
    TUPLE(t)->items[1] = a[1];
    TUPLE(t)->items[2] = py_str_new(s.data + at + p.len, s.len - at - p.len);
    return t;
}
static pv str_partition(int n, pv *a, pv kw) { return partition_impl(n, a, false); }
static pv str_rpartition(int n, pv *a, pv kw) { return partition_impl(n, a, true); }
static pv str_removeprefix(int n, pv *a, pv kw) {
    py_str_data(a[1]);          /* a str, else TypeError */
    str_view s = view(a[0]), p = view(a[1]);
    if (p.len <= s.len && !memcmp(s.data, p.data, p.len)) return py_str_new(s.data + p.len, s.len - p.len);
    return a[0];
}
static pv str_removesuffix(int n, pv *a, pv kw) {
    py_str_data(a[1]);          /* a str, else TypeError */
    str_view s = view(a[0]), p = view(a[1]);
    if (p.len && p.len <= s.len && !memcmp(s.data + s.len - p.len, p.data, p.len)) return py_str_new(s.data, s.len - p.len);
    return a[0];
}
static pv str_encode(int n, pv *a, pv kw) {
    return py_encode(a[0], n > 1 ? a[1] : py_kw_get(kw, Q_encoding), n > 2 ? a[2] : py_kw_get(kw, Q_errors));
}
static pv str_format_m(int n, pv *a, pv kw) { return py_str_format(n, a, kw); }
static pv str_format_map(int n, pv *a, pv kw) { return py_str_format(1, a, a[1]); }
static pv str_expandtabs(int n, pv *a, pv kw) {
    str_view s = view(a[0]);
    pint ts = n > 1 ? py_to_index(a[1]) : 8;
    py_buf b;
    buf_init(&b, s.len + 8);
    pint col = 0;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.data[i];
        if (c == '\t') { if (ts > 0) { pint k = ts - col % ts; for (pint j = 0; j < k; j++) buf_addc(&b, ' '); col += k; } }
        else { buf_addc(&b, c); col = (c == '\n' || c == '\r') ? 0 : col + 1; }
    }
    return buf_str(&b);
}
static pv str_formatdunder(int n, pv *a, pv kw) { return py_format(a[0], n > 1 ? a[1] : QS(_empty)); }
static pv str_maketrans(int n, pv *a, pv kw) {
    pv d = py_dict_new();
    if (n == 1 && IS(a[0], py_dict_type)) {
        py_dict *s = (py_dict *)a[0];
        for (uint32_t i = 0; i < s->nent; i++) if (s->ent[i].key) {
            pv k = s->ent[i].key;
            if (IS(k, py_str_type)) {
                if (view(k).clen != 1) py_raisef(&py_ValueError_type, "string keys in translate table must be of length 1");
                size_t j = 0;
                k = MKSMALL(decode_at(view(k).data, &j));
            } else if (!py_is_int(k)) py_raisef(&py_TypeError_type, "keys in translate table must be strings or integers");
            py_dict_set(d, k, s->ent[i].value);
        }
        return d;
    }
    /* the other forms: two str of the same length, and a third of characters to delete */
    if (n == 1) py_raisef(&py_TypeError_type, "if you give only one argument to maketrans it must be a dict");
    str_view x = view(argstr(a[0], "maketrans")), y = view(argstr(a[1], "maketrans"));
    if (x.clen != y.clen) py_raisef(&py_ValueError_type, "the first two maketrans arguments must have equal length");
    size_t i = 0, j = 0;
    while (i < x.len && j < y.len) {
        uint32_t cx = decode_at(x.data, &i);
        py_dict_set(d, MKSMALL(cx), MKSMALL(decode_at(y.data, &j)));
    }
    if (n > 2) { str_view z = view(argstr(a[2], "maketrans")); size_t k = 0; while (k < z.len) py_dict_set(d, MKSMALL(decode_at(z.data, &k)), PV_NONE); }
    return d;
}
static pv str_translate(int n, pv *a, pv kw) {
    str_view s = view(a[0]);
    py_buf b;
    buf_init(&b, s.len + 1);
    for (size_t i = 0; i < s.len;) {
        size_t i0 = i;
        uint32_t c = decode_at(s.data, &i);
        pv r = PV_NULL;
        if (IS(a[1], py_dict_type)) r = py_dict_get(a[1], MKSMALL(c));
        if (!r) { buf_add(&b, s.data + i0, i - i0); continue; }
        if (r == PV_NONE) continue;
        if (IS_SMALL(r)) {
            if (SMALL(r) < 0 || SMALL(r) > 0x10FFFF) py_raisef(&py_ValueError_type, "character mapping must be in range(0x110000)");
            py_utf8_put(&b, (uint32_t)SMALL(r));
            continue;
        }
        buf_addv(&b, r);
    }
    return buf_str(&b);
}

/* ---- bytes and bytearray methods: the str ones, run bytewise ---- */
static bool is_bytes_like(pv v) { return py_isinstance(v, &py_bytes_type) || py_isinstance(v, &py_bytearray_type); }
/* a str over the same bytes, marked as one character per byte */
static pv as_bytestr(pv v) {
    py_bytes *b = (py_bytes *)v;
    py_str *o = gc_alloc(sizeof(py_str) + b->len + 1, GC_OBJ);
    o->type = &py_str_type;
    char *d = (char *)(o + 1);
    memcpy(d, b->data, b->len);
    d[b->len] = 0;
    o->data = d;
    o->len = o->clen = b->len;
    return (pv)o;
}
static pv back_to_bytes(pv v, const py_type *t) {
    if (IS(v, py_str_type)) { str_view s = view(v); return py_bytes_new(t, s.data, s.len); }
    if (IS(v, py_list_type)) {
        py_list *l = LIST(v);
        for (size_t i = 0; i < l->len; i++) l->items[i] = back_to_bytes(l->items[i], t);
        return v;
    }
    if (IS(v, py_tuple_type)) {
        pv r = py_tuple_new(TUPLE(v)->len);
        for (size_t i = 0; i < TUPLE(v)->len; i++) TUPLE(r)->items[i] = back_to_bytes(TUPLE(v)->items[i], t);
        return r;
    }
    return v;
}
static pv bytes_delegate(py_cfn fn, int n, pv *a, pv kw) {
    pv args[8];
    if (n > 8) n = 8;
    /* the result is the builtin's, also for a subclass's instance */
    const py_type *t = py_isinstance(a[0], &py_bytearray_type) ? &py_bytearray_type : &py_bytes_type;
    for (int i = 0; i < n; i++) {
        if (is_bytes_like(a[i])) args[i] = as_bytestr(a[i]);
        else if (i > 0 && IS(a[i], py_str_type)) py_raisef(&py_TypeError_type, "a bytes-like object is required, not 'str'");
        else if (i > 0 && IS(a[i], py_tuple_type)) {
            pv tt = py_tuple_new(TUPLE(a[i])->len);
            for (size_t k = 0; k < TUPLE(a[i])->len; k++) {
                pv x = TUPLE(a[i])->items[k];
                TUPLE(tt)->items[k] = is_bytes_like(x) ? as_bytestr(x) : x;
            }
            args[i] = tt;
        } else args[i] = a[i];
    }
    if (kw) {
        pv k2 = py_dict_new();
        py_dict *d = (py_dict *)kw;
        for (uint32_t i = 0; i < d->nent; i++) if (d->ent[i].key) {
            pv x = d->ent[i].value;
            py_dict_set(k2, d->ent[i].key, is_bytes_like(x) ? as_bytestr(x) : x);
        }
        kw = k2;
    }
    return back_to_bytes(fn(n, args, kw), t);
}
#define BYTES_VIA_STR(name) static pv bytes_##name(int n, pv *a, pv kw) { return bytes_delegate(str_##name, n, a, kw); }
BYTES_VIA_STR(split) BYTES_VIA_STR(rsplit) BYTES_VIA_STR(strip) BYTES_VIA_STR(lstrip) BYTES_VIA_STR(rstrip)
BYTES_VIA_STR(replace) BYTES_VIA_STR(rfind) BYTES_VIA_STR(index) BYTES_VIA_STR(rindex) BYTES_VIA_STR(upper)
BYTES_VIA_STR(lower) BYTES_VIA_STR(swapcase) BYTES_VIA_STR(title) BYTES_VIA_STR(capitalize) BYTES_VIA_STR(isdigit)
BYTES_VIA_STR(isalpha) BYTES_VIA_STR(isalnum) BYTES_VIA_STR(isspace) BYTES_VIA_STR(isupper) BYTES_VIA_STR(islower)
BYTES_VIA_STR(center) BYTES_VIA_STR(ljust) BYTES_VIA_STR(rjust) BYTES_VIA_STR(zfill) BYTES_VIA_STR(splitlines)
BYTES_VIA_STR(partition) BYTES_VIA_STR(rpartition) BYTES_VIA_STR(removeprefix) BYTES_VIA_STR(removesuffix)
BYTES_VIA_STR(expandtabs)
/* startswith/endswith: a bytes-like prefix, compared as str's are, or a tuple of them tried
 * in turn (an item is checked when its turn comes, as CPython does) */
static pv bytes_affix(py_cfn fn, const char *name, int n, pv *a, pv kw) {
    pv x = a[1];
    if (IS(x, py_tuple_type)) {
        pv args[4] = { a[0], PV_NONE, n > 2 ? a[2] : PV_NONE, n > 3 ? a[3] : PV_NONE };
        for (size_t i = 0; i < TUPLE(x)->len; i++) {
            args[1] = TUPLE(x)->items[i];
            if (!is_bytes_like(args[1])) py_raisef(&py_TypeError_type, "a bytes-like object is required, not '%s'", py_type_name(TYPE(args[1])));
            if (bytes_delegate(fn, n, args, kw) == PV_TRUE) return PV_TRUE;
        }
        return PV_FALSE;
    }
    if (!is_bytes_like(x)) py_raisef(&py_TypeError_type, "%s first arg must be bytes or a tuple of bytes, not %s", name, py_type_name(TYPE(x)));
    return bytes_delegate(fn, n, a, kw);
}
static pv bytes_startswith(int n, pv *a, pv kw) { return bytes_affix(str_startswith, "startswith", n, a, kw); }
static pv bytes_endswith(int n, pv *a, pv kw) { return bytes_affix(str_endswith, "endswith", n, a, kw); }
/* appended to the bytes and bytearray method tables in containers.c */
const py_builtin py_bytes_str_methods[] = {
    METHOD_KW(split, bytes_split, 0, 2), METHOD_KW(rsplit, bytes_rsplit, 0, 2), METHOD(strip, bytes_strip, 0, 1),
    METHOD(lstrip, bytes_lstrip, 0, 1), METHOD(rstrip, bytes_rstrip, 0, 1), METHOD(replace, bytes_replace, 2, 3),
    METHOD(rfind, bytes_rfind, 1, 3), METHOD(index, bytes_index, 1, 3), METHOD(rindex, bytes_rindex, 1, 3),
    METHOD(upper, bytes_upper, 0, 0), METHOD(lower, bytes_lower, 0, 0), METHOD(swapcase, bytes_swapcase, 0, 0),
    METHOD(title, bytes_title, 0, 0), METHOD(capitalize, bytes_capitalize, 0, 0),
    METHOD(isdigit, bytes_isdigit, 0, 0), METHOD(isalpha, bytes_isalpha, 0, 0), METHOD(isalnum, bytes_isalnum, 0, 0),
    METHOD(isspace, bytes_isspace, 0, 0), METHOD(isupper, bytes_isupper, 0, 0), METHOD(islower, bytes_islower, 0, 0),
    METHOD(center, bytes_center, 1, 2), METHOD(ljust, bytes_ljust, 1, 2), METHOD(rjust, bytes_rjust, 1, 2),
    METHOD(zfill, bytes_zfill, 1, 1), METHOD_KW(splitlines, bytes_splitlines, 0, 1),
    METHOD(partition, bytes_partition, 1, 1), METHOD(rpartition, bytes_rpartition, 1, 1),
    METHOD(removeprefix, bytes_removeprefix, 1, 1), METHOD(removesuffix, bytes_removesuffix, 1, 1),
    METHOD_KW(expandtabs, bytes_expandtabs, 0, 1), METHOD(startswith, bytes_startswith, 1, 3),
    METHOD(endswith, bytes_endswith, 1, 3), METHODS_END };

/* a method is found by a scan of this table at every call: the ones programs call in loops
 * come first */
static const py_builtin str_methods[] = {
    METHOD(join, str_join_m, 1, 1), METHOD_KW(format, str_format_m, 0, ANY), METHOD_KW(split, str_split, 0, 2), METHOD_KW(rsplit, str_rsplit, 0, 2),
    METHOD(strip, str_strip, 0, 1), METHOD(lstrip, str_lstrip, 0, 1), METHOD(rstrip, str_rstrip, 0, 1),
    METHOD(replace, str_replace, 2, 3), METHOD(find, str_find, 1, 3), METHOD(rfind, str_rfind, 1, 3),
    METHOD(index, str_index, 1, 3), METHOD(rindex, str_rindex, 1, 3), METHOD(count, str_count, 1, 3),
    METHOD(startswith, str_startswith, 1, 3), METHOD(endswith, str_endswith, 1, 3), METHOD(upper, str_upper, 0, 0),
    METHOD(lower, str_lower, 0, 0), METHOD(casefold, str_lower, 0, 0), METHOD(swapcase, str_swapcase, 0, 0),
    METHOD(title, str_title, 0, 0), METHOD(capitalize, str_capitalize, 0, 0), METHOD(isdigit, str_isdigit, 0, 0),
    METHOD(isdecimal, str_isdigit, 0, 0), METHOD(isnumeric, str_isdigit, 0, 0), METHOD(isalpha, str_isalpha, 0, 0),
    METHOD(isalnum, str_isalnum, 0, 0), METHOD(isspace, str_isspace, 0, 0), METHOD(isupper, str_isupper, 0, 0),
    METHOD(islower, str_islower, 0, 0), METHOD(isidentifier, str_isidentifier, 0, 0),
    METHOD(istitle, str_istitle, 0, 0), METHOD(center, str_center, 1, 2), METHOD(ljust, str_ljust, 1, 2),
    METHOD(rjust, str_rjust, 1, 2), METHOD(zfill, str_zfill, 1, 1), METHOD_KW(splitlines, str_splitlines, 0, 1),
    METHOD(partition, str_partition, 1, 1), METHOD(rpartition, str_rpartition, 1, 1),
    METHOD(removeprefix, str_removeprefix, 1, 1), METHOD(removesuffix, str_removesuffix, 1, 1),
    METHOD_KW(encode, str_encode, 0, 2), METHOD(format_map, str_format_map, 1, 1),
    METHOD_KW(expandtabs, str_expandtabs, 0, 1), METHOD(__format__, str_formatdunder, 1, 1),
    METHOD_F(maketrans, M_STATIC, str_maketrans, 1, 3), METHOD(translate, str_translate, 1, 1), METHODS_END };
const py_type py_str_type = { &py_type_type, "str", .base = &py_object_type, .methods = str_methods, .flags = TF_BASE | TF_KW,
    .make = str_make, .repr = str_repr, .str = str_str, .hash = str_hash, .binop = str_binop, .compare = str_compare,
    .getitem = str_getitem, .iter = str_iter_new, .len = str_len, .truth = str_truth, .contains = str_contains };

/* ---- format specs ---- */
typedef struct { char fill, align, sign, type, grouping; bool alt, zero; pint width, prec; } fspec;
/* one more digit of a width or a precision, which must stay an int */
static pint spec_digit(pint v, char c, const char *too_big) {
    if (v > (INT_MAX - 9) / 10) py_raisef(&py_ValueError_type, "%s", too_big);
    return v * 10 + (c - '0');
}
/* an alignment character (compared in place: a libc strchr call each was a tenth of a
 * format's time, and it would match a NUL) */
static bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
static void parse_spec(const char *s, size_t n, fspec *f) {
    size_t i = 0;
    memset(f, 0, sizeof *f);
    f->fill = ' ';
    f->width = -1;
    f->prec = -1;
    if (n >= 2 && is_align(s[1])) { f->fill = s[0]; f->align = s[1]; i = 2; }
    else if (n >= 1 && is_align(s[0])) { f->align = s[0]; i = 1; }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) f->sign = s[i++];
    if (i < n && s[i] == '#') { f->alt = true; i++; }
    /* the 0 flag pads with zeros unless a fill character is given, even with an alignment */
    if (i < n && s[i] == '0') { f->zero = true; i++; if (!(n >= 2 && is_align(s[1]))) f->fill = '0'; }
    if (i < n && s[i] >= '0' && s[i] <= '9') { f->width = 0; while (i < n && s[i] >= '0' && s[i] <= '9') f->width = spec_digit(f->width, s[i++], "Too many decimal digits in format string"); }
    if (i < n && (s[i] == ',' || s[i] == '_')) f->grouping = s[i++];
    if (i < n && s[i] == '.') { i++; f->prec = 0; if (!(i < n && s[i] >= '0' && s[i] <= '9')) py_raisef(&py_ValueError_type, "Format specifier missing precision"); while (i < n && s[i] >= '0' && s[i] <= '9') f->prec = spec_digit(f->prec, s[i++], "Too many decimal digits in format string"); }
    if (i < n) f->type = s[i++];
    if (i < n) py_raisef(&py_ValueError_type, "Invalid format specifier '%.*s'", (int)n, s);
}
static void group_digits(py_buf *out, const char *digits, size_t n, char sep, int every) {
    size_t first = n % (size_t)every;
    if (!first) first = (size_t)every;
    for (size_t i = 0; i < n; i++) {
        if (i && (i - first) % (size_t)every == 0 && i >= first) buf_addc(out, sep);
        buf_addc(out, digits[i]);
    }
}
/* sign, then body; aligns with fill, '=' pads between sign and digits */
static pv finish_num(fspec *f, bool neg, const char *prefix, const char *body, size_t blen) {
    char signc = neg ? '-' : f->sign == '+' ? '+' : f->sign == ' ' ? ' ' : 0;
    size_t npre = strlen(prefix), plen = (signc ? 1 : 0) + npre;
    char align = f->align ? f->align : '>';
    char fill = f->fill;
    if (f->zero && !f->align) { align = '='; fill = '0'; }
    pint total = (pint)(plen + blen);
    pint padn = f->width > total ? f->width - total : 0;
    /* the fill is one byte (a spec's fill character is ASCII here): the length is exact, and
     * the text is written straight into the str */
    char *d;
    pv r = py_str_alloc((size_t)(total + padn), &d);
    pint left = align == '=' ? 0 : align == '<' ? 0 : align == '>' ? padn : padn / 2;
    memset(d, fill, (size_t)left);
    d += left;
    if (signc) *d++ = signc;
    memcpy(d, prefix, npre);
    d += npre;
    if (align == '=') { memset(d, fill, (size_t)padn); d += padn; left = padn; }
    memcpy(d, body, blen);
    d += blen;
    memset(d, fill, (size_t)(padn - left));
    /* digits, sign and prefix are ASCII: only a fill byte above it needs the count */
    return (uint8_t)fill < 0x80 ? r : py_str_done(r);
}
extern pv py_big_to_str(pv a, int base, bool upper);
extern bool py_big_to_i64(pv v, int64_t *out);
static pv format_int(pv iv, fspec *f) {
    char t = f->type ? f->type : 'd';
    int64_t v = 0;
    bool big = !IS_SMALL(iv) && IS(iv, py_long_type) && !py_big_to_i64(iv, &v);
    if (!big) v = py_int_val(iv);
    if (t == 'c') { py_buf b; buf_init(&b, 4); py_utf8_put(&b, (uint32_t)v); pv s = buf_str(&b); fspec g = *f; g.type = 0; return pad(s, g.width, g.fill, g.align ? g.align : '<'); }
    if (t != 'd' && strchr("eEfFgG%", t)) { extern pv py_format_double(double, fspec *); return py_format_double(py_to_double(iv), f); }
    int base = t == 'x' || t == 'X' ? 16 : t == 'o' ? 8 : t == 'b' ? 2 : 10;
    if (t != 'd' && !strchr("dxXobn", t)) py_raisef(&py_ValueError_type, "Unknown format code '%c' for object of type 'int'", t);
    bool neg;
    char rev_local[72];
    char *rev = rev_local;
    int nd = 0;
    if (big) {
        pv ds = py_big_to_str(iv, base, t == 'X');
        const char *p = py_str_data(ds);
        neg = *p == '-';
        if (neg) p++;
        rev = (char *)p;
        nd = (int)strlen(p);
    } else {
        neg = v < 0;
        uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        char digits[72];
        const char *hex = t == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        do { digits[nd++] = hex[u % (uint64_t)base]; u /= (uint64_t)base; } while (u);
        for (int i = 0; i < nd; i++) rev[i] = digits[nd - 1 - i];
    }
    const char *prefix = "";
    if (f->alt) prefix = t == 'x' ? "0x" : t == 'X' ? "0X" : t == 'o' ? "0o" : t == 'b' ? "0b" : "";
    if (!f->grouping) return finish_num(f, neg, prefix, rev, (size_t)nd);   /* the digits as they are */
    py_buf body;
    buf_init(&body, 96);
    group_digits(&body, rev, (size_t)nd, f->grouping, base == 10 ? 3 : 4);
    if (f->zero && f->grouping && !f->align && f->width > 0) {
        /* 0-padding with grouping: pad the digits, then group */
        pint want = f->width - (neg || f->sign == '+' || f->sign == ' ' ? 1 : 0) - (pint)strlen(prefix);
        int every = base == 10 ? 3 : 4;
        /* the digit count whose grouped length reaches want (the buffer is claimed first, so a
         * width the heap cannot hold is a MemoryError before the count) */
        char *padded = gc_alloc((size_t)(want > nd ? want : nd), GC_RAW);
        pint ndig = nd;
        while (ndig + (ndig - 1) / every < want) ndig++;
        pint k = 0;
        for (pint i = 0; i < ndig - nd; i++) padded[k++] = '0';
        memcpy(padded + k, rev, (size_t)nd);
        k += nd;
        body.n = 0;
        group_digits(&body, padded, (size_t)k, f->grouping, every);
        fspec g = *f;
        g.width = 0;
        return finish_num(&g, neg, prefix, body.p, body.n);
    }
    return finish_num(f, neg, prefix, body.p, body.n);
}
pv py_format_double(double d, fspec *f) {
    char t = f->type;
    bool neg = signbit(d) && !isnan(d);
    /* '%' is 'f' of a hundred times the value: scaled first, so that a value it takes past
     * the largest double is "inf%", as in CPython */
    double x = t == '%' ? fabs(d) * 100 : fabs(d);
    char *buf;
    pint prec = f->prec;
    if (isinf(x) || isnan(x)) {
        const char *s = isnan(x) ? "nan" : "inf";
        if (t == 'F' || t == 'E' || t == 'G') s = isnan(x) ? "NAN" : "INF";
        if (t == '%') s = isnan(x) ? "nan%" : "inf%";
        fspec g = *f;
        if (g.zero && !g.align) { g.zero = false; }
        return finish_num(&g, neg, "", s, strlen(s));
    }
    if (!t) {
        if (prec < 0) {
            pv r = py_float_repr(x);
            const char *s = py_str_data(r);
            py_buf body;
            buf_init(&body, 64);
            if (f->grouping) {
                const char *dot = strchr(s, '.');
                size_t il = dot ? (size_t)(dot - s) : strlen(s);
                group_digits(&body, s, il, f->grouping, 3);
                buf_adds(&body, s + il);
            } else buf_adds(&body, s);
            return finish_num(f, neg, "", body.p, body.n);
        }
        /* like g, but at least one digit after the point when an exponent is not used */
        buf = py_float_format(x, 'r', prec, f->alt);
        return finish_num(f, neg, "", buf, strlen(buf));
    }
    if (prec < 0) prec = 6;
    switch (t) {
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': buf = py_float_format(x, t, prec, f->alt); break;
    case '%': buf = py_float_format(x, 'f', prec, f->alt); strcat(buf, "%"); break;
    case 'n': buf = py_float_format(x, 'g', prec, false); break;
    default: py_raisef(&py_ValueError_type, "Unknown format code '%c' for object of type 'float'", t);
    }
    if (f->grouping) {
        py_buf body;
        buf_init(&body, 64);
        size_t il = strspn(buf, "0123456789");
        group_digits(&body, buf, il, f->grouping, 3);
        buf_adds(&body, buf + il);
        return finish_num(f, neg, "", body.p, body.n);
    }
    return finish_num(f, neg, "", buf, strlen(buf));
}
void py_utf8_put(py_buf *b, uint32_t c) {
    char s[4];
    if (c < 0x80) { buf_addc(b, (char)c); return; }
    if (c < 0x800) { s[0] = (char)(0xc0 | (c >> 6)); s[1] = (char)(0x80 | (c & 63)); buf_add(b, s, 2); return; }
    if (c < 0x10000) { s[0] = (char)(0xe0 | (c >> 12)); s[1] = (char)(0x80 | ((c >> 6) & 63)); s[2] = (char)(0x80 | (c & 63)); buf_add(b, s, 3); return; }
    s[0] = (char)(0xf0 | (c >> 18)); s[1] = (char)(0x80 | ((c >> 12) & 63)); s[2] = (char)(0x80 | ((c >> 6) & 63)); s[3] = (char)(0x80 | (c & 63));
    buf_add(b, s, 4);
}

/* v formatted by the spec text sn bytes long at sp; spec is that text as a str, or PV_NULL
 * when str.format reads it in place in its format string (made only for a __format__) */
static pv format_by(pv v, pv spec, const char *sp, size_t sn) {
    const py_type *t = TYPE(v);
    if (t->flags & TF_USER) {
        pv m = py_lookup_special(v, Q___format__);
        if (m && !(IS(m, py_builtin_type))) {
            pv r = py_call1(m, spec ? spec : py_str_new(sp, sn));
            /* its text is copied as a str's: anything else would be read as one */
            if (!py_isinstance(r, &py_str_type)) py_raisef(&py_TypeError_type, "__format__ must return a str, not %s", py_type_name(TYPE(r)));
            return r;
        }
    }
    if (!sn) return py_str_of(v);
    fspec f;
    parse_spec(sp, sn, &f);
    if (py_is_int(v) && !IS(v, py_float_type)) {
        if (v == PV_TRUE || v == PV_FALSE) { if (!f.type && f.prec < 0) return pad(py_str_of(v), f.width, f.fill, f.align ? f.align : '<'); }
        return format_int(v == PV_TRUE ? MKSMALL(1) : v == PV_FALSE ? MKSMALL(0) : v, &f);
    }
    if (IS(v, py_float_type)) {
        if (f.type && strchr("dxXobc", f.type)) py_raisef(&py_ValueError_type, "Unknown format code '%c' for object of type 'float'", f.type);
        return py_format_double(((py_float *)v)->v, &f);
    }
    if (IS(v, py_str_type) || (t->flags & TF_USER && py_issubtype(t, &py_str_type))) {
        if (f.type && f.type != 's') py_raisef(&py_ValueError_type, "Unknown format code '%c' for object of type 'str'", f.type);
        if (f.sign) py_raisef(&py_ValueError_type, "Sign not allowed in string format specifier");
        pv s = v;
        str_view text = view_inline(s);
        if (f.prec >= 0 && (size_t)f.prec < text.clen) s = substr_cp(text, 0, (size_t)f.prec);
        char al = f.align ? f.align : '<';
        if (al == '=') py_raisef(&py_ValueError_type, "'=' alignment not allowed in string format specifier");
        if (f.zero && !f.align) { f.fill = '0'; }
        return pad(s, f.width, f.fill, al);
    }
    if (t == &py_none_type || t->flags & TF_USER || !t->binop) {
        py_raisef(&py_TypeError_type, "unsupported format string passed to %s.__format__", py_type_name(t));
    }
    return pad(py_str_of(v), f.width, f.fill, f.align ? f.align : '<');
}
pv py_format(pv v, pv spec) {
    /* format(42, 7), (42).__format__(7): the spec is read as a str below */
    if (!IS(spec, py_str_type)) py_raisef(&py_TypeError_type, "format() argument 2 must be str, not %s", py_type_name(TYPE(spec)));
    str_view sv = view_inline(spec);
    return format_by(v, spec, sv.data, sv.len);
}

pv py_format_value(pv v, int conv, pv spec) {
    if (conv == 1) v = py_str_of(v);
    else if (conv == 2) v = py_repr(v);
    else if (conv == 3) v = py_ascii(v);
    if (!spec) {
        if (IS(v, py_str_type)) return v;
        if (IS_SMALL(v)) { char b[24]; snprintf(b, sizeof b, "%ld", (long)SMALL(v)); return py_str_cstr(b); }
        if (TYPE(v)->flags & TF_USER) {
            pv m = py_lookup_special(v, Q___format__);
            if (m && !IS(m, py_builtin_type)) return py_call1(m, QS(_empty));
        }
        return py_str_of(v);
    }
    return py_format(v, spec);
}

/* ---- % formatting ---- */
pv py_str_mod(pv fmtv, pv args) {
    str_view fs = view_inline(fmtv);
    const char *s = fs.data;
    size_t n = fs.len;
    size_t argi = 0, nargs;
    pv *argv;
    pv one[1];
    bool is_tuple = py_isinstance(args, &py_tuple_type);   /* a namedtuple too */
    bool is_map = !is_tuple && (IS(args, py_dict_type) || (TYPE(args)->getitem && !IS(args, py_str_type) && !IS(args, py_list_type) && !IS(args, py_bytes_type)));
    if (is_tuple) { nargs = TUPLE(args)->len; argv = TUPLE(args)->items; }
    else { one[0] = args; nargs = 1; argv = one; }
    py_buf b;
    char local[BUF_LOCAL];
    buf_init_in(&b, local, sizeof local);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') { buf_addc(&b, s[i]); continue; }
        if (++i >= n) py_raisef(&py_ValueError_type, "incomplete format");
        pv mapval = PV_NULL;
        if (s[i] == '(') {
            size_t j = i + 1;
            int depth = 1;
            while (j < n && depth) { if (s[j] == '(') depth++; else if (s[j] == ')') depth--; if (depth) j++; }
            if (!is_map) py_raisef(&py_TypeError_type, "format requires a mapping");
            mapval = py_getitem(args, py_str_new(s + i + 1, j - i - 1));
            i = j + 1;
        }
        fspec f;
        memset(&f, 0, sizeof f);
        f.fill = ' ';
        f.width = -1;
        f.prec = -1;
        bool left = false;
        for (; i < n && (s[i] == '-' || s[i] == '+' || s[i] == ' ' || s[i] == '#' || s[i] == '0'); i++) {
            if (s[i] == '-') left = true;
            else if (s[i] == '+') f.sign = '+';
            else if (s[i] == ' ') { if (!f.sign) f.sign = ' '; }
            else if (s[i] == '#') f.alt = true;
            else f.zero = true;
        }
        if (i < n && s[i] == '*') { if (argi >= nargs) goto few; f.width = py_to_index(argv[argi++]); if (f.width < 0) { left = true; f.width = -f.width; } i++; }
        else while (i < n && s[i] >= '0' && s[i] <= '9') f.width = spec_digit(f.width < 0 ? 0 : f.width, s[i++], "width too big");
        if (i < n && s[i] == '.') {
            i++;
            f.prec = 0;
            if (i < n && s[i] == '*') { if (argi >= nargs) goto few; f.prec = py_to_index(argv[argi++]); i++; }
            else while (i < n && s[i] >= '0' && s[i] <= '9') f.prec = spec_digit(f.prec, s[i++], "precision too big");
        }
        if (i < n && (s[i] == 'l' || s[i] == 'h' || s[i] == 'L')) i++;
        if (i >= n) py_raisef(&py_ValueError_type, "incomplete format");
        char c = s[i];
        if (c == '%') { buf_addc(&b, '%'); continue; }
        pv v;
        if (mapval) v = mapval;
        else {
            if (argi >= nargs) goto few;
            v = argv[argi++];
        }
        if (left) { f.align = '<'; f.zero = false; }
        else if (f.zero) { f.align = '='; f.fill = '0'; f.zero = false; }
        else f.align = '>';
        pv r;
        switch (c) {
        case 's': case 'r': case 'a': {
            pv sv = c == 's' ? py_str_of(v) : c == 'r' ? py_repr(v) : py_ascii(v);
            str_view text = view_inline(sv);
            if (f.prec >= 0 && (size_t)f.prec < text.clen) sv = substr_cp(text, 0, (size_t)f.prec);
            r = pad(sv, f.width, ' ', f.align == '=' ? '>' : f.align);
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
            if (IS(v, py_float_type)) {
                if (c == 'x' || c == 'X' || c == 'o') py_raisef(&py_TypeError_type, "%%%c format: an integer is required, not float", c);
                v = py_int_from_double(((py_float *)v)->v);
            }
            if (!py_is_int(v)) {
                pv m = TYPE(v)->flags & TF_USER ? py_lookup_special(v, Q___int__) : PV_NULL;
                if (!m) py_raisef(&py_TypeError_type, "%%%c format: a real number is required, not %s", c, py_type_name(TYPE(v)));
                v = py_call0(m);
            }
            f.type = (c == 'i' || c == 'u') ? 'd' : c;
            if (IS(v, py_long_type) || f.prec <= 0) { r = format_int(IS(v, py_bool_type) ? MKSMALL(v == PV_TRUE) : v, &f); break; }
            int64_t iv = py_int_val(v);
            if (f.prec > 0) {
                /* precision: minimum digits */
                fspec g = f;
                g.width = -1; g.align = 0; g.sign = 0; g.alt = false;
                pv digits = format_int(py_new_int(iv < 0 ? -iv : iv), &g);
                pint k = f.prec - (pint)view_inline(digits).len;
                py_buf db;
                buf_init(&db, 32);
                for (pint z = 0; z < k; z++) buf_addc(&db, '0');
                buf_addv(&db, digits);
                const char *prefix = f.alt ? (c == 'x' ? "0x" : c == 'X' ? "0X" : c == 'o' ? "0o" : "") : "";
                r = finish_num(&f, iv < 0, prefix, db.p, db.n);
            } else r = format_int(py_new_int(iv), &f);
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            if (!IS(v, py_float_type) && !py_is_int(v)) {
                pv m = TYPE(v)->flags & TF_USER ? py_lookup_special(v, Q___float__) : PV_NULL;
                if (!m) py_raisef(&py_TypeError_type, "must be real number, not %s", py_type_name(TYPE(v)));
                v = py_call0(m);
            }
            f.type = c;
            if (f.prec < 0) f.prec = 6;
            r = py_format_double(py_to_double(v), &f);
            break;
        }
        case 'c': {
            if (IS(v, py_str_type)) { if (view_inline(v).clen != 1) py_raisef(&py_TypeError_type, "%%c requires int or char"); r = pad(v, f.width, ' ', f.align == '=' ? '>' : f.align); }
            else { py_buf cb; buf_init(&cb, 4); py_utf8_put(&cb, (uint32_t)py_int_val(v)); r = pad(buf_str(&cb), f.width, ' ', f.align == '=' ? '>' : f.align); }
            break;
        }
        default:
            py_raisef(&py_ValueError_type, "unsupported format character '%c' (0x%x) at index %d", c, (unsigned)(uint8_t)c, (int)i);
        }
        buf_addv(&b, r);
    }
    if (argi < nargs && !is_map) py_raisef(&py_TypeError_type, "not all arguments converted during string formatting");
    return buf_str(&b);
few:
    py_raisef(&py_TypeError_type, "not enough arguments for format string");
}

/* ---- str.format ---- */
/* the field named by the len bytes at s, read in place in the format string */
static pv format_field(const char *s, size_t len, int *autoi, int n, pv *a, pv kw) {
    size_t i = 0;
    while (i < len && s[i] != '.' && s[i] != '[') i++;
    pv obj;
    if (i == 0) {
        if (*autoi < 0) py_raisef(&py_ValueError_type, "cannot switch from manual field specification to automatic field numbering");
        int k = (*autoi)++;
        if (k + 1 >= n) py_raisef(&py_IndexError_type, "Replacement index %d out of range for positional args tuple", k);
        obj = a[k + 1];
    } else if (s[0] >= '0' && s[0] <= '9') {
        if (*autoi > 0) py_raisef(&py_ValueError_type, "cannot switch from automatic field numbering to manual field specification");
        *autoi = -1;
        int k = 0;
        for (size_t d = 0; d < i && s[d] >= '0' && s[d] <= '9' && k < INT_MAX / 10 - 1; d++) k = k * 10 + (s[d] - '0');
        if (k + 1 >= n) py_raisef(&py_IndexError_type, "Replacement index %d out of range for positional args tuple", k);
        obj = a[k + 1];
    } else {
        pv key = py_str_new(s, i);
        obj = kw ? py_dict_get(kw, key) : PV_NULL;
        if (!obj && kw && TYPE(kw)->getitem && !IS(kw, py_dict_type)) obj = py_getitem(kw, key);
        if (!obj) py_raise(py_exc_new(&py_KeyError_type, key));
    }
    while (i < len) {
        if (s[i] == '.') {
            size_t j = ++i;
            while (j < len && s[j] != '.' && s[j] != '[') j++;
            obj = py_getattr(obj, py_intern(s + i, j - i));
            i = j;
        } else {
            size_t j = ++i;
            while (j < len && s[j] != ']') j++;
            bool digits = j > i;
            for (size_t k = i; k < j; k++) if (s[k] < '0' || s[k] > '9') digits = false;
            pv key = digits ? MKSMALL(atoi(s + i)) : py_str_new(s + i, j - i);
            obj = py_getitem(obj, key);
            i = j + 1;
        }
    }
    return obj;
}
static pv format_impl(pv fmtv, int *autoi, int n, pv *a, pv kw, int depth) {
    str_view fs = view_inline(fmtv);
    const char *s = fs.data;
    size_t len = fs.len;
    py_buf b;
    char local[BUF_LOCAL];
    buf_init_in(&b, local, sizeof local);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '}') {
            if (i + 1 < len && s[i + 1] == '}') { buf_addc(&b, '}'); i++; continue; }
            py_raisef(&py_ValueError_type, "Single '}' encountered in format string");
        }
        if (c != '{') { buf_addc(&b, c); continue; }
        if (i + 1 < len && s[i + 1] == '{') { buf_addc(&b, '{'); i++; continue; }
        size_t j = i + 1;
        int d = 1;
        while (j < len) { if (s[j] == '{') d++; else if (s[j] == '}' && --d == 0) break; j++; }
        if (j >= len) py_raisef(&py_ValueError_type, d > 1 ? "unexpected '{' in field name" : "Single '{' encountered in format string");
        /* field[!conv][:spec] */
        size_t fe = i + 1;
        while (fe < j && s[fe] != '!' && s[fe] != ':') { if (s[fe] == '[') { while (fe < j && s[fe] != ']') fe++; } fe++; }
        if (fe > j) fe = j;
        pv obj = format_field(s + i + 1, fe - i - 1, autoi, n, a, kw);
        size_t k = fe;
        int conv = 0;
        if (k < j && s[k] == '!') {
            char cc = k + 1 < j ? s[k + 1] : 0;
            conv = cc == 's' ? 1 : cc == 'r' ? 2 : cc == 'a' ? 3 : -1;
            if (conv < 0) py_raisef(&py_ValueError_type, "Unknown conversion specifier %c", cc ? cc : '?');
            k += 2;
        }
        /* the spec is read in place unless it holds fields of its own */
        pv spec = PV_NULL;
        const char *sp = s + j;
        size_t sn = 0;
        if (k < j && s[k] == ':') {
            sp = s + k + 1;
            sn = j - k - 1;
            if (memchr(sp, '{', sn)) {
                if (depth > 1) py_raisef(&py_ValueError_type, "Max string recursion exceeded");
                spec = format_impl(py_str_new(sp, sn), autoi, n, a, kw, depth + 1);
                str_view v = view_inline(spec);
                sp = v.data;
                sn = v.len;
            }
        }
        if (conv) obj = conv == 1 ? py_str_of(obj) : conv == 2 ? py_repr(obj) : py_ascii(obj);
        pv r = format_by(obj, spec, sp, sn);
        /* a format string that is one field ('{:04d}') is that field's text, not a copy */
        if (i == 0 && j + 1 == len && IS(r, py_str_type)) return r;
        buf_addv(&b, r);
        i = j;
    }
    return buf_str(&b);
}
pv py_str_format(int n, pv *a, pv kw) {
    int autoi = 0;
    return format_impl(a[0], &autoi, n, a, kw, 0);
}
