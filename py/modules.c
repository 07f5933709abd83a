/* Native modules over binary data: struct, binascii, hashlib (on lib/'s SHA-1 and SHA-256). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "py/mod/mod.h"
#include "lib/base64.h"
#include "lib/sha1.h"
#include "lib/sha256.h"

#define BI(name) static pv name(int n, pv *a, pv kw)
static pv mkmod(const char *name, const py_builtin *f) {
    pv m = py_module_new(py_intern(name, strlen(name)));
    py_module_add_table(m, f);
    return m;
}
static pv bytes_of(pv v, size_t *len) {
    if (IS(v, py_str_type)) { *len = py_str_len(v); return v; }
    if (!IS(v, py_bytes_type) && !IS(v, py_bytearray_type)) py_raisef(&py_TypeError_type, "a bytes-like object is required, not '%s'", py_type_name(TYPE(v)));
    *len = ((py_bytes *)v)->len;
    return v;
}
static const uint8_t *data_of(pv v) { return IS(v, py_str_type) ? (const uint8_t *)py_str_data(v) : ((py_bytes *)v)->data; }

/* ---- struct ---- */
static _Noreturn void serr(const char *msg) { py_raise(py_call1(py_cur->struct_error, py_str_cstr(msg))); }
typedef struct { const char *p; bool little, native; } fmt_t;
static size_t item_size(char c) {
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'l': case 'L': case 'f': return 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': case 'P': return sizeof(void *);
    default: return 0;
    }
}
static fmt_t fmt_start(pv f) {
    fmt_t r = { py_str_data(f), true, true };
    char c = *r.p;
    if (c == '<' || c == '>' || c == '!' || c == '=' || c == '@') {
        r.little = c == '<' || c == '=' || c == '@';
        r.native = c == '@';
        r.p++;
    }
    return r;
}
/* The items of a format in turn (calcsize, pack and unpack walk it alike): the code, its
 * count (1 when no number is written), its size and its offset, aligned when native. */
typedef struct { fmt_t f; size_t off, count, size; char code; } fmt_item;
static bool next_item(fmt_item *it) {
    it->off += it->size * it->count;       /* past the item before */
    it->size = it->count = 0;
    const char *p = it->f.p;
    while (*p == ' ') p++;
    if (!*p) return false;
    size_t count = *p >= '0' && *p <= '9' ? 0 : 1;
    while (*p >= '0' && *p <= '9') count = count * 10 + (size_t)(*p++ - '0');
    size_t s = item_size(*p);
    if (!s) serr("bad char in struct format");
    it->code = *p;
    it->f.p = p + 1;
    if (it->f.native && *p != 's' && *p != 'x' && it->off % s) it->off += s - it->off % s;
    it->size = s;
    it->count = count;
    return true;
}
static size_t calcsize(pv f, int *nitems) {
    fmt_item it = { .f = fmt_start(f) };
    int items = 0;
    while (next_item(&it)) {
        if (it.code == 's' || it.code == 'p') items++;
        else if (it.code != 'x') items += (int)it.count;
    }
    if (nitems) *nitems = items;
    return it.off;
}
BI(st_calcsize) { return MKSMALL(calcsize(a[0], NULL)); }
static void put_uint(uint8_t *d, uint64_t v, size_t s, bool little) {
    for (size_t i = 0; i < s; i++) d[little ? i : s - 1 - i] = (uint8_t)(v >> (8 * i));
}
static uint64_t get_uint(const uint8_t *d, size_t s, bool little) {
    uint64_t v = 0;
    for (size_t i = 0; i < s; i++) v |= (uint64_t)d[little ? i : s - 1 - i] << (8 * i);
    return v;
}
BI(st_pack) {
    int nitems;
    size_t size = calcsize(a[0], &nitems);
    if (n - 1 != nitems) serr("pack expected a different number of items");
    pv out = py_bytes_new(&py_bytes_type, NULL, size);
    uint8_t *d = ((py_bytes *)out)->data;
    fmt_item it = { .f = fmt_start(a[0]) };
    int ai = 1;
    while (next_item(&it)) {
        char c = it.code;
        size_t s = it.size, off = it.off;
        if (c == 's' || c == 'p') {
            size_t len;
            pv v = bytes_of(a[ai++], &len);
            memcpy(d + off, data_of(v), len < it.count ? len : it.count);
            continue;
        }
        if (c == 'x') continue;
        for (size_t k = 0; k < it.count; k++, off += s) {
            pv v = a[ai++];
            if (c == 'f' || c == 'd' || c == 'e') {
                double x = py_to_double(v);
                if (c == 'f') { float fl = (float)x; uint32_t bits; memcpy(&bits, &fl, 4); put_uint(d + off, bits, 4, it.f.little); }
                else if (c == 'd') { uint64_t bits; memcpy(&bits, &x, 8); put_uint(d + off, bits, 8, it.f.little); }
                else serr("half floats are not supported");
            } else if (c == '?') d[off] = py_truth(v);
            else if (c == 'c') {
                size_t len;
                pv b = bytes_of(v, &len);
                if (len != 1) serr("char format requires a bytes object of length 1");
                d[off] = data_of(b)[0];
            } else {
                if (!py_is_int(v)) serr("required argument is not an integer");
                bool sgn = c >= 'a' && c <= 'z';
                int64_t x = py_int_val(v);
                if (s < 8) {
                    int64_t lo = sgn ? -((int64_t)1 << (8 * s - 1)) : 0, hi = sgn ? ((int64_t)1 << (8 * s - 1)) - 1 : ((int64_t)1 << (8 * s)) - 1;
                    if (x < lo || x > hi) {
                        char m[80];
                        if (sgn) snprintf(m, sizeof m, "'%c' format requires %lld <= number <= %lld", c, (long long)lo, (long long)hi);
                        else snprintf(m, sizeof m, "'%c' format requires 0 <= number <= %lld", c, (long long)hi);
                        serr(m);
                    }
                } else if (!sgn && x < 0) serr("argument out of range");
                put_uint(d + off, (uint64_t)x, s, it.f.little);
            }
        }
    }
    return out;
}
static _Noreturn void buffer_size_error(size_t size) {
    char m[80];
    snprintf(m, sizeof m, "unpack requires a buffer of %u bytes", (unsigned)size);
    serr(m);
}
static pv unpack_at(pv f, const uint8_t *d, size_t avail) {
    int nitems;
    size_t size = calcsize(f, &nitems);
    if (avail < size) buffer_size_error(size);
    pv out = py_tuple_new((size_t)nitems);
    fmt_item it = { .f = fmt_start(f) };
    int oi = 0;
    while (next_item(&it)) {
        char c = it.code;
        size_t s = it.size, off = it.off;
        if (c == 's' || c == 'p') {
            TUPLE(out)->items[oi++] = py_bytes_new(&py_bytes_type, d + off, it.count);
            continue;
        }
        if (c == 'x') continue;
        for (size_t k = 0; k < it.count; k++, off += s) {
            uint64_t u = get_uint(d + off, s, it.f.little);
            pv v;
            if (c == 'f') { uint32_t bits = (uint32_t)u; float fl; memcpy(&fl, &bits, 4); v = py_float_new(fl); }
            else if (c == 'd') { double x; memcpy(&x, &u, 8); v = py_float_new(x); }
            else if (c == '?') v = PV_BOOL(u != 0);
            else if (c == 'c') v = py_bytes_new(&py_bytes_type, d + off, 1);
            else if (c >= 'a' && c <= 'z' && s < 8) {
                int64_t x = (int64_t)u;
                if (u & ((uint64_t)1 << (8 * s - 1))) x -= (int64_t)1 << (8 * s);
                v = py_new_int(x);
            } else if (c == 'Q' && (u >> 63)) {
                extern pv py_big_from_u64(uint64_t u, bool neg);
                v = py_big_from_u64(u, false);
            } else v = py_new_int((int64_t)u);
            TUPLE(out)->items[oi++] = v;
        }
    }
    return out;
}
BI(st_unpack) {
    size_t len;
    pv b = bytes_of(a[1], &len);
    size_t size = calcsize(a[0], NULL);
    if (len != size) buffer_size_error(size);
    return unpack_at(a[0], data_of(b), len);
}
BI(st_unpack_from) {
    size_t len;
    pv b = bytes_of(a[1], &len);
    pint off = n > 2 ? py_to_index(a[2]) : 0;
    if (off < 0 || (size_t)off > len) serr("offset out of range");
    return unpack_at(a[0], data_of(b) + off, len - (size_t)off);
}
static const py_builtin struct_funcs[] = {
    FUNC(calcsize, st_calcsize, 1, 1), FUNC(pack, st_pack, 1, ANY), FUNC(unpack, st_unpack, 2, 2), FUNC_KW(unpack_from, st_unpack_from, 2, 3),
    METHODS_END };

/* ---- binascii ---- */
BI(ba_hexlify) {
    size_t len;
    pv b = bytes_of(a[0], &len);
    const uint8_t *d = data_of(b);
    pv out = py_bytes_new(&py_bytes_type, NULL, len * 2);
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) { ((py_bytes *)out)->data[2 * i] = (uint8_t)hx[d[i] >> 4]; ((py_bytes *)out)->data[2 * i + 1] = (uint8_t)hx[d[i] & 15]; }
    return out;
}
static int hexv(uint8_t c) { return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1; }
BI(ba_unhexlify) {
    size_t len;
    pv b = bytes_of(a[0], &len);
    const uint8_t *d = data_of(b);
    if (len % 2) py_raise(py_exc_new(&py_ValueError_type, py_str_cstr("Odd-length string")));
    pv out = py_bytes_new(&py_bytes_type, NULL, len / 2);
    for (size_t i = 0; i < len / 2; i++) {
        int hi = hexv(d[2 * i]), lo = hexv(d[2 * i + 1]);
        if (hi < 0 || lo < 0) py_raise(py_exc_new(&py_ValueError_type, py_str_cstr("Non-hexadecimal digit found")));
        ((py_bytes *)out)->data[i] = (uint8_t)(hi * 16 + lo);
    }
    return out;
}
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/* the encoding is lib's (the system's base64) */
BI(ba_b2a_base64) {
    size_t len;
    pv b = bytes_of(a[0], &len), nl = py_kw_get(kw, Q_newline_dummy);
    size_t n64 = 4 * ((len + 2) / 3);
    char *out = gc_alloc(n64 + 2, GC_RAW);
    base64_encode(data_of(b), len, out);
    if (!nl || py_truth(nl)) out[n64++] = '\n';
    return py_bytes_new(&py_bytes_type, out, n64);
}
BI(ba_a2b_base64) {
    size_t len;
    pv b = bytes_of(a[0], &len);
    const uint8_t *d = data_of(b);
    py_buf o;
    buf_init(&o, len);
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        const char *p = d[i] ? strchr(b64, d[i]) : NULL;
        if (!p) continue;
        acc = acc << 6 | (uint32_t)(p - b64);
        bits += 6;
        if (bits >= 8) { bits -= 8; buf_addc(&o, (char)(acc >> bits)); }
    }
    return py_bytes_new(&py_bytes_type, o.p, o.n);
}
BI(ba_crc32) {
    size_t len;
    pv b = bytes_of(a[0], &len);
    const uint8_t *d = data_of(b);
    uint32_t crc = n > 1 ? (uint32_t)py_int_val(a[1]) : 0;
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= d[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return py_new_int(~crc);
}
static const py_builtin binascii_funcs[] = {
    FUNC_KW(hexlify_q, ba_hexlify, 1, 2), FUNC(unhexlify_q, ba_unhexlify, 1, 1), FUNC_KW(b2a_base64_q, ba_b2a_base64, 1, 1),
    FUNC_KW(a2b_base64_q, ba_a2b_base64, 1, 1), FUNC(crc32_q, ba_crc32, 1, 2), METHODS_END };

/* ---- hashlib ---- */
typedef struct { const py_type *type; int kind; union { struct sha1 s1; struct sha256 s256; } u; } hash_obj;
extern const py_type py_hash_type;
BI(h_update) {
    hash_obj *h = (hash_obj *)a[0];
    size_t len;
    pv b = bytes_of(a[1], &len);
    if (IS(a[1], py_str_type)) py_raisef(&py_TypeError_type, "Strings must be encoded before hashing");
    if (h->kind == 1) sha1_update(&h->u.s1, data_of(b), len);
    else sha256_update(&h->u.s256, data_of(b), len);
    return PV_NONE;
}
BI(h_digest) {
    hash_obj h = *(hash_obj *)a[0];   /* a copy: digest() does not end the hash */
    uint8_t out[32];
    if (h.kind == 1) { sha1_final(&h.u.s1, out); return py_bytes_new(&py_bytes_type, out, 20); }
    sha256_final(&h.u.s256, out);
    return py_bytes_new(&py_bytes_type, out, 32);
}
/* the digest's bytes.hex() */
BI(h_hexdigest) { return py_call0(py_getattr(h_digest(n, a, kw), QS(hex))); }
static const py_builtin hash_methods[] = {
    METHOD(update, h_update, 1, 1), METHOD(digest_q, h_digest, 0, 0), METHOD(hexdigest_q, h_hexdigest, 0, 0),
    METHODS_END };
const py_type py_hash_type = { &py_type_type, "HASH", .base = &py_object_type, .methods = hash_methods };
static pv new_hash(int kind, int n, pv *a) {
    hash_obj *h = gc_alloc(sizeof(hash_obj), GC_OBJ);
    h->type = &py_hash_type;
    h->kind = kind;
    if (kind == 1) sha1_init(&h->u.s1); else sha256_init(&h->u.s256);
    if (n > 0) { pv args[2] = { (pv)h, a[0] }; h_update(2, args, PV_NULL); }
    return (pv)h;
}
BI(hl_sha1) { return new_hash(1, n, a); }
BI(hl_sha256) { return new_hash(2, n, a); }
static const py_builtin hashlib_funcs[] = {
    FUNC_KW(sha1_q, hl_sha1, 0, 1), FUNC_KW(sha256_q, hl_sha256, 0, 1), METHODS_END };


pv py_native_data_module(const char *s) {
    if (!strcmp(s, "struct")) {
        pv m = mkmod("struct", struct_funcs);
        py_mod_set_error(m, "struct", &py_cur->struct_error);
        return m;
    }
    if (!strcmp(s, "binascii")) return mkmod("binascii", binascii_funcs);
    if (!strcmp(s, "hashlib")) return mkmod("hashlib", hashlib_funcs);
    return PV_NULL;
}
