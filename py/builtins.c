/* The builtins module, and the small native modules every program may import: sys, time,
 * math, gc, micropython. Import of .py modules searches sys.path through the embedder. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "py/obj.h"
#include "py/frozen.h"
#include "py/mod/mod.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#ifndef M_E
#define M_E 2.7182818284590452354
#endif

#define BI(name) static pv bi_##name(int n, pv *a, pv kw)

static void out(int fd, pv s) {
    py_vm *vm = py_cur;
    if (vm->io.write) vm->io.write(vm->io.ctx, fd, py_str_data(s), py_str_len(s));
}

/* sys.stdout / sys.stderr: objects with write() */
typedef struct { const py_type *type; int fd; } py_stream;
static pv stream_write(int n, pv *a, pv kw) {
    if (!IS(a[1], py_str_type)) py_raisef(&py_TypeError_type, "write() argument must be str, not %s", py_type_name(TYPE(a[1])));
    out(((py_stream *)a[0])->fd, a[1]);
    return MKSMALL(py_str_len(a[1]));
}
static pv stream_flush(int n, pv *a, pv kw) { return PV_NONE; }
static pv stream_readline(int n, pv *a, pv kw) {
    char buf[512];
    py_vm *vm = py_cur;
    int r = py_io_readline(vm, buf, sizeof buf);
    if (r < 0) return QS(_empty);
    return py_str_new(buf, (size_t)r);
}
static const py_builtin stream_methods[] = {
    METHOD(write, stream_write, 1, 1), METHOD(flush, stream_flush, 0, 0), METHOD(readline, stream_readline, 0, 1),
    METHODS_END };
static const py_type stream_type = { &py_type_type, "TextIOWrapper", .base = &py_object_type, .methods = stream_methods };
static const py_stream stdout_obj = { &stream_type, 1 }, stderr_obj = { &stream_type, 2 }, stdin_obj = { &stream_type, 0 };

BI(print) {
    pv sep = py_kw_get(kw, Q_sep), end = py_kw_get(kw, Q_end), file = py_kw_get(kw, Q_file);
    if (kw) {
        py_dict *d = (py_dict *)kw;
        for (uint32_t i = 0; i < d->nent; i++) {
            pv k = d->ent[i].key;
            if (k && k != QS(sep) && k != QS(end) && k != QS(file) && k != QS(flush))
                py_raisef(&py_TypeError_type, "'%s' is an invalid keyword argument for print()", py_str_data(k));
        }
    }
    if (sep == PV_NONE) sep = PV_NULL;
    if (end == PV_NONE) end = PV_NULL;
    if (sep && !IS(sep, py_str_type)) py_raisef(&py_TypeError_type, "sep must be None or a string, not %s", py_type_name(TYPE(sep)));
    if (end && !IS(end, py_str_type)) py_raisef(&py_TypeError_type, "end must be None or a string, not %s", py_type_name(TYPE(end)));
    py_buf b;
    buf_init(&b, 64);
    for (int i = 0; i < n; i++) {
        if (i) { if (sep) buf_addv(&b, sep); else buf_addc(&b, ' '); }
        buf_addv(&b, py_str_of(a[i]));
    }
    if (end) buf_addv(&b, end); else buf_addc(&b, '\n');
    pv s = buf_str(&b);
    if (file && file != PV_NONE) {
        if (IS(file, stream_type)) out(((py_stream *)file)->fd, s);
        else py_call(py_getattr(file, QS(write)), 1, &s, PV_NULL);
    } else out(1, s);
    return PV_NONE;
}
BI(input) {
    if (n > 0) out(1, py_str_of(a[0]));
    char buf[1024];
    py_vm *vm = py_cur;
    int r = py_io_readline(vm, buf, sizeof buf);
    if (r < 0) py_raise(py_exc_new(&py_EOFError_type, py_str_cstr("EOF when reading a line")));
    while (r > 0 && (buf[r - 1] == '\n' || buf[r - 1] == '\r')) r--;
    return py_str_new(buf, (size_t)r);
}
BI(len) { return MKSMALL(py_len(a[0])); }
BI(repr) { return py_repr(a[0]); }
extern pv py_ascii(pv v);
BI(ascii) { return py_ascii(a[0]); }
BI(abs) {
    pv x = a[0];
    if (IS_SMALL(x)) return SMALL(x) < 0 ? py_new_int(-(int64_t)SMALL(x)) : x;
    if (IS(x, py_float_type)) return py_float_new(fabs(((py_float *)x)->v));
    if (IS(x, py_bool_type)) return MKSMALL(x == PV_TRUE);
    if (py_is_int(x)) return py_truth(py_compare(CMP_LT, x, MKSMALL(0))) ? py_unary(0, x) : x;
    pv m = py_lookup_special(x, Q___abs__);
    if (m) return py_call0(m);
    py_raisef(&py_TypeError_type, "bad operand type for abs(): '%s'", py_type_name(TYPE(x)));
}
static pv minmax(int n, pv *a, pv kw, int op, const char *name) {
    pv key = py_kw_get(kw, Q_key), dflt = py_kw_get(kw, Q_default);
    if (key == PV_NONE) key = PV_NULL;
    pv it;
    if (n == 1) it = py_iter(a[0]);
    else if (n == 0) py_raisef(&py_TypeError_type, "%s expected at least 1 argument, got 0", name);
    else { pv t = py_tuple_new((size_t)n); py_copy_values(TUPLE(t)->items, a, (size_t)n); it = py_iter(t); }
    pv best = PV_NULL, bestk = PV_NULL, v;
    while ((v = py_next(it))) {
        pv k = key ? py_call1(key, v) : v;
        if (!best || py_truth(py_compare(op, k, bestk))) { best = v; bestk = k; }
    }
    if (!best) {
        if (dflt) return dflt;
        py_raisef(&py_ValueError_type, "%s() arg is an empty sequence", name);
    }
    return best;
}
BI(min) { return minmax(n, a, kw, CMP_LT, "min"); }
BI(max) { return minmax(n, a, kw, CMP_GT, "max"); }
/* Small ints add up in a 64-bit C accumulator, made an int object only when a value of
 * another kind comes or the total leaves 64 bits: on a 32-bit board a sum of squares passes
 * the small-int range early, and adding a bignum object per item was most of its time. */
typedef struct { pv acc; int64_t total; bool pending; } sum_state;
static void sum_add(sum_state *s, pv x) {
    if (IS_SMALL(x) && (s->pending || IS_SMALL(s->acc))) {
        if (!s->pending) { s->total = SMALL(s->acc); s->pending = true; }
        int64_t t;
        if (!__builtin_add_overflow(s->total, (int64_t)SMALL(x), &t)) { s->total = t; return; }
    }
    if (s->pending) { s->acc = py_new_int(s->total); s->pending = false; }
    s->acc = py_binop(OP_ADD, s->acc, x);
}
BI(sum) {
    pv acc = n > 1 ? a[1] : py_kw_get(kw, Q_start);
    if (!acc) acc = MKSMALL(0);
    if (IS(acc, py_str_type)) py_raisef(&py_TypeError_type, "sum() can't sum strings [use ''.join(seq) instead]");
    sum_state s = { acc, 0, false };
    if (IS(a[0], py_list_type)) {
        py_list *l = LIST(a[0]);
        for (size_t i = 0; i < l->len; i++) sum_add(&s, l->items[i]);
    } else {
        pv it = py_iter(a[0]), v;
        while ((v = py_next(it))) sum_add(&s, v);
    }
    return s.pending ? py_new_int(s.total) : s.acc;
}
extern void py_list_sort(pv l, pv key, bool rev);
BI(sorted) {
    pv l = py_list_from_iter(a[0]);
    pv key = py_kw_get(kw, Q_key), rev = py_kw_get(kw, Q_reverse);
    py_list_sort(l, key, rev && py_truth(rev));
    return l;
}
BI(any) { pv it = py_iter(a[0]), v; while ((v = py_next(it))) if (py_truth(v)) return PV_TRUE; return PV_FALSE; }
BI(all) { pv it = py_iter(a[0]), v; while ((v = py_next(it))) if (!py_truth(v)) return PV_FALSE; return PV_TRUE; }
static bool isinst(pv o, pv cls) {
    if (IS(cls, py_tuple_type)) {
        for (size_t i = 0; i < TUPLE(cls)->len; i++) if (isinst(o, TUPLE(cls)->items[i])) return true;
        return false;
    }
    if (!IS(cls, py_type_type)) py_raisef(&py_TypeError_type, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    const py_type *t = (const py_type *)cls;
    if (t == &py_int_type && (IS(o, py_long_type) || IS(o, py_bool_type))) return true;
    return py_isinstance(o, t);
}
BI(isinstance) { return PV_BOOL(isinst(a[0], a[1])); }
static bool issub(pv c, pv cls) {
    if (IS(cls, py_tuple_type)) {
        for (size_t i = 0; i < TUPLE(cls)->len; i++) if (issub(c, TUPLE(cls)->items[i])) return true;
        return false;
    }
    if (!IS(cls, py_type_type)) py_raisef(&py_TypeError_type, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return py_issubtype((const py_type *)c, (const py_type *)cls);
}
BI(issubclass) {
    if (!IS(a[0], py_type_type)) py_raisef(&py_TypeError_type, "issubclass() arg 1 must be a class");
    return PV_BOOL(issub(a[0], a[1]));
}
BI(hasattr) {
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf) == 0) {
        pv r = py_getattr(a[0], py_intern_str(a[1]));
        py_try_end(&t);
        return PV_BOOL(r != PV_NULL);
    }
    pv e = py_try_catch(&t);
    if (py_isinstance(e, &py_AttributeError_type)) return PV_FALSE;
    py_raise(e);
}
BI(getattr) {
    pv name = py_intern_str(a[1]);
    if (n == 2) return py_getattr(a[0], name);
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf) == 0) {
        pv r = py_getattr(a[0], name);
        py_try_end(&t);
        return r;
    }
    pv e = py_try_catch(&t);
    if (py_isinstance(e, &py_AttributeError_type)) return a[2];
    py_raise(e);
}
BI(setattr) {
    py_setattr(a[0], py_intern_str(a[1]), a[2]);
    return PV_NONE;
}
BI(delattr) { py_setattr(a[0], py_intern_str(a[1]), PV_NULL); return PV_NONE; }
BI(callable) {
    const py_type *t = TYPE(a[0]);
    if (t == &py_func_type || t == &py_builtin_type || t == &py_bound_type || t == &py_type_type) return PV_TRUE;
    if (t->flags & TF_USER) return PV_BOOL(py_type_lookup(t, QS(__call__)) != PV_NULL);
    return PV_BOOL(t->call != NULL);
}
BI(id) { return IS_SMALL(a[0]) ? py_new_int((int64_t)a[0]) : py_new_int((int64_t)(a[0] >> 1)); }
BI(hash) { uintptr_t h = py_hash(a[0]); return py_new_int((int64_t)(intptr_t)h); }
BI(iter) {
    if (n == 2) {
        /* iter(callable, sentinel) */
        pv l = py_list_new(0);
        for (;;) { pv v = py_call0(a[0]); if (py_eq(v, a[1])) break; py_list_append(l, v); }
        return py_iter(l);
    }
    return py_iter(a[0]);
}
BI(next) {
    if (!TYPE(a[0])->next) py_raisef(&py_TypeError_type, "'%s' object is not an iterator", py_type_name(TYPE(a[0])));
    if (IS(a[0], py_gen_type) && n == 1) return py_gen_send(a[0], PV_NONE, PV_NULL);
    pv v = py_next(a[0]);
    if (v) return v;
    if (n > 1) return a[1];
    py_raise(py_exc_new(&py_StopIteration_type, PV_NULL));
}
BI(ord) {
    pv s = a[0];
    if (IS(s, py_bytes_type) || IS(s, py_bytearray_type)) {
        py_bytes *b = (py_bytes *)s;
        if (b->len != 1) py_raisef(&py_TypeError_type, "ord() expected a character, but string of length %d found", (int)b->len);
        return MKSMALL(b->data[0]);
    }
    if (!IS(s, py_str_type)) py_raisef(&py_TypeError_type, "ord() expected string of length 1, but %s found", py_type_name(TYPE(s)));
    size_t clen = py_str_clen(s);
    if (clen != 1) py_raisef(&py_TypeError_type, "ord() expected a character, but string of length %d found", (int)clen);
    const uint8_t *p = (const uint8_t *)py_str_data(s);
    uint32_t c = p[0];
    if (c >= 0xf0) c = ((c & 7) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u);
    else if (c >= 0xe0) c = ((c & 15) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
    else if (c >= 0xc0) c = ((c & 31) << 6) | (p[1] & 63u);
    return MKSMALL(c);
}
BI(chr) {
    pint c = py_to_index(a[0]);
    if (c < 0 || c > 0x10ffff) py_raisef(&py_ValueError_type, "chr() arg not in range(0x110000)");
    py_buf b;
    buf_init(&b, 4);
    py_utf8_put(&b, (uint32_t)c);
    return buf_str(&b);
}
static pv radix(pv x, const char *spec) {
    if (!py_is_int(x)) {
        pv m = TYPE(x)->flags & TF_USER ? py_lookup_special(x, Q___index__) : PV_NULL;
        if (!m) py_raisef(&py_TypeError_type, "'%s' object cannot be interpreted as an integer", py_type_name(TYPE(x)));
        x = py_call0(m);
    }
    return py_format(x, py_str_cstr(spec));
}
BI(hex) { return radix(a[0], "#x"); }
BI(oct) { return radix(a[0], "#o"); }
BI(bin) { return radix(a[0], "#b"); }
BI(divmod) {
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = py_binop(OP_FLOORDIV, a[0], a[1]);
    TUPLE(t)->items[1] = py_binop(OP_MOD, a[0], a[1]);
    return t;
}
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1) { r += a; if (r >= m || r < a) r -= m; }
        uint64_t a2 = a + a;
        a = (a2 >= m || a2 < a) ? a2 - m : a2;
        b >>= 1;
    }
    return r;
}
/* b's inverse modulo m (Python ints, m not 0), by the extended Euclidean algorithm: what
 * pow(b, -e, m) raises to e */
static pv mod_inverse(pv b, pv m) {
    pv mm = py_truth(py_compare(CMP_LT, m, MKSMALL(0))) ? py_binop(OP_SUB, MKSMALL(0), m) : m;
    pv r0 = py_binop(OP_MOD, b, mm), r1 = mm, s0 = MKSMALL(1), s1 = MKSMALL(0);
    while (py_truth(r1)) {
        pv q = py_binop(OP_FLOORDIV, r0, r1);
        pv r2 = py_binop(OP_SUB, r0, py_binop(OP_MUL, q, r1));
        pv s2 = py_binop(OP_SUB, s0, py_binop(OP_MUL, q, s1));
        r0 = r1; r1 = r2; s0 = s1; s1 = s2;
    }
    if (!py_eq(r0, MKSMALL(1))) py_raisef(&py_ValueError_type, "base is not invertible for the given modulus");
    return py_binop(OP_MOD, s0, mm);
}
BI(pow) {
    if (n == 3 && a[2] != PV_NONE) {
        if (!py_is_int(a[0]) || !py_is_int(a[1]) || !py_is_int(a[2])) py_raisef(&py_TypeError_type, "pow() 3rd argument not allowed unless all arguments are integers");
        pv base = a[0], e = a[1], m = a[2];
        if (!py_truth(m)) py_raisef(&py_ValueError_type, "pow() 3rd argument cannot be 0");
        if (py_truth(py_compare(CMP_LT, e, MKSMALL(0)))) { base = mod_inverse(base, m); e = py_binop(OP_SUB, MKSMALL(0), e); }
        if (IS(base, py_long_type) || IS(e, py_long_type) || IS(m, py_long_type)) {
            /* square and multiply on big ints */
            pv r = py_binop(OP_MOD, MKSMALL(1), m);
            base = py_binop(OP_MOD, base, m);
            while (py_truth(e)) {
                if (py_truth(py_binop(OP_AND, e, MKSMALL(1)))) r = py_binop(OP_MOD, py_binop(OP_MUL, r, base), m);
                e = py_binop(OP_RSHIFT, e, MKSMALL(1));
                if (py_truth(e)) base = py_binop(OP_MOD, py_binop(OP_MUL, base, base), m);
            }
            return r;
        }
        int64_t b = py_int_val(base), ei = py_int_val(e), mi = py_int_val(m);
        uint64_t um = (uint64_t)(mi < 0 ? -mi : mi);
        uint64_t r = 1 % um, bb = (uint64_t)(((b % (int64_t)um) + (int64_t)um) % (int64_t)um);
        while (ei > 0) { if (ei & 1) r = mulmod(r, bb, um); bb = mulmod(bb, bb, um); ei >>= 1; }
        int64_t rr = (int64_t)r;
        if (mi < 0 && rr > 0) rr += mi;
        return py_new_int(rr);
    }
    return py_binop(OP_POW, a[0], a[1]);
}
/* round's one keyword, ndigits; any other name is refused as CPython words it */
static pv round_ndigits(pv kw) {
    pv name = py_intern("ndigits", 7), nd = kw ? py_dict_get(kw, name) : PV_NULL;
    py_dict *d = (py_dict *)kw;
    if (kw && d->used > (nd ? 1u : 0u))
        for (uint32_t i = 0; i < d->nent; i++)
            if (d->ent[i].key && !py_str_eq(d->ent[i].key, name))
                py_raisef(&py_TypeError_type, "'%s' is an invalid keyword argument for round()", py_str_data(d->ent[i].key));
    return nd ? nd : PV_NONE;
}
BI(round) {
    pv x = a[0];
    pv nd = n > 1 ? a[1] : round_ndigits(kw);
    if (py_is_int(x)) {
        if (nd == PV_NONE || py_int_val(nd) >= 0) return IS(x, py_bool_type) ? MKSMALL(x == PV_TRUE) : x;
        int64_t p = 1;
        for (int64_t i = 0; i < -py_int_val(nd) && i < 18; i++) p *= 10;
        int64_t v = py_int_val(x), q = v / p, r = v % p;
        if (r < 0) { r += p; q--; }
        if (r * 2 > p || (r * 2 == p && (q & 1))) q++;
        return py_new_int(q * p);
    }
    if (!IS(x, py_float_type)) {
        pv m = py_lookup_special(x, Q___round__);
        if (m) return n > 1 ? py_call1(m, nd) : py_call0(m);
        /* a float subclass's instance is a float underneath */
        if (!py_isinstance(x, &py_float_type))
            py_raisef(&py_TypeError_type, "type %s doesn't define __round__ method", py_type_name(TYPE(x)));
    }
    double d = ((py_float *)x)->v;
    if (nd == PV_NONE) {
        if (isnan(d)) py_raisef(&py_ValueError_type, "cannot convert float NaN to integer");
        if (isinf(d)) py_raisef(&py_OverflowError_type, "cannot convert float infinity to integer");
        double r = nearbyint(d);   /* the default rounding mode rounds half to even */
        if (fabs(d - trunc(d)) == 0.5) r = 2.0 * nearbyint(d / 2.0);
        if (fabs(r) >= 9.2e18) { extern pv py_big_from_double(double); return py_big_from_double(r); }
        return py_new_int((int64_t)r);
    }
    int64_t k = py_int_val(nd);
    /* correctly rounded through the shortest decimal string, as CPython does */
    if (k > 300 || !isfinite(d)) return x;
    if (k >= 0) {
        /* the exact binary value rounded half to even at k places, which is CPython's round */
        char *buf = py_float_format(fabs(d), 'f', (pint)k, false);
        double r = 0;
        py_float_from_text(buf, strlen(buf), &r);
        return py_float_new(signbit(d) ? -r : r);
    }
    double p = pow(10.0, (double)-k);
    double q = d / p;
    double r = nearbyint(q);
    if (fabs(q - trunc(q)) == 0.5) r = 2.0 * nearbyint(q / 2.0);
    return py_float_new(r * p);
}
BI(globals) { return py_cur->frame ? py_cur->frame->globals : py_cur->main_dict; }
BI(locals) {
    py_frame *f = py_cur->frame;
    if (!f) return py_cur->main_dict;
    if (f->locals) return f->locals;
    if (f->code->flags & CO_MODULE) return f->globals;
    pv d = py_dict_new();
    py_code *c = f->code;
    for (int i = 0; i < c->nlocals; i++) {
        pv name = TUPLE(c->varnames)->items[i];
        if (f->slots[i] && py_str_len(name)) py_dict_set(d, name, f->slots[i]);
    }
    return d;
}
BI(vars) {
    if (n == 0) return bi_locals(0, a, kw);
    return py_getattr(a[0], QS(__dict__));
}
BI(dir) {
    pv l = py_list_new(0);
    if (n == 0) {
        pv d = bi_locals(0, a, kw);
        py_dict *dd = (py_dict *)d;
        for (uint32_t i = 0; i < dd->nent; i++) if (dd->ent[i].key) py_list_append(l, dd->ent[i].key);
    } else {
        pv o = a[0];
        pv seen = py_dict_new();
        pv d = PV_NULL;
        if (IS(o, py_module_type)) d = py_module_dict(o);
        else if (!IS_SMALL(o) && (TYPE(o)->flags & TF_INSTDICT)) d = ((py_inst *)o)->dict;   /* not a dict or list subclass */
        if (d) { py_dict *dd = (py_dict *)d; for (uint32_t i = 0; i < dd->nent; i++) if (dd->ent[i].key) py_dict_set(seen, dd->ent[i].key, PV_TRUE); }
        if (!IS(o, py_module_type)) {
            const py_type *t = IS(o, py_type_type) ? (const py_type *)o : TYPE(o);
            pv mro = py_getattr(( pv)t, QS(__mro__));
            for (size_t k = 0; k < TUPLE(mro)->len; k++) {
                const py_type *c = (const py_type *)TUPLE(mro)->items[k];
                if (c->dict) { py_dict *dd = (py_dict *)c->dict; for (uint32_t i = 0; i < dd->nent; i++) if (dd->ent[i].key) py_dict_set(seen, dd->ent[i].key, PV_TRUE); }
                if (c->methods) for (const py_builtin *m = c->methods; m->fn; m++) py_dict_set(seen, (pv)&py_qstrs[m->name], PV_TRUE);
            }
        }
        py_dict *sd = (py_dict *)seen;
        for (uint32_t i = 0; i < sd->nent; i++) if (sd->ent[i].key) py_list_append(l, sd->ent[i].key);
    }
    py_list_sort(l, PV_NULL, false);
    return l;
}
static pv run_source(pv src, pv globals, pv locals, int mode) {
    if (IS(src, py_code_type)) return py_vm_run_code((py_code *)src, globals, locals);
    if (!IS(src, py_str_type)) py_raisef(&py_TypeError_type, "%s() arg 1 must be a string, bytes or code object", mode == PY_MODE_EVAL ? "eval" : "exec");
    py_code *c = py_compile(py_str_data(src), py_str_len(src), QS(string), mode);
    return py_vm_run_code(c, globals, locals);
}
BI(exec) {
    pv g = n > 1 && a[1] != PV_NONE ? a[1] : bi_globals(0, a, kw);
    pv l = n > 2 && a[2] != PV_NONE ? a[2] : PV_NULL;
    if (!IS(g, py_dict_type)) py_raisef(&py_TypeError_type, "exec() globals must be a dict, not %s", py_type_name(TYPE(g)));
    if (l && !IS(l, py_dict_type)) py_raisef(&py_TypeError_type, "locals must be a mapping or None, not %s", py_type_name(TYPE(l)));
    if (n <= 1) { py_frame *f = py_cur->frame; if (f && f->locals) l = f->locals; }
    if (!py_dict_get(g, QS(__builtins__))) py_dict_set(g, QS(__builtins__), ((py_module *)py_import(QS(builtins), PV_NONE, 0))->dict);
    run_source(a[0], g, l, PY_MODE_EXEC);
    return PV_NONE;
}
BI(eval) {
    pv g = n > 1 && a[1] != PV_NONE ? a[1] : bi_globals(0, a, kw);
    pv l = n > 2 && a[2] != PV_NONE ? a[2] : PV_NULL;
    if (!IS(g, py_dict_type)) py_raisef(&py_TypeError_type, "globals must be a real dict; try eval(expr, {}, mapping)");
    if (l && !IS(l, py_dict_type)) py_raisef(&py_TypeError_type, "locals must be a mapping");
    if (n <= 1) { py_frame *f = py_cur->frame; if (f && f->locals) l = f->locals; }
    return run_source(a[0], g, l, PY_MODE_EVAL);
}
BI(compile) {
    const char *src;
    size_t len;
    if (IS(a[0], py_str_type)) src = py_str_data(a[0]), len = py_str_len(a[0]);
    else if (IS(a[0], py_bytes_type)) src = (const char *)((py_bytes *)a[0])->data, len = ((py_bytes *)a[0])->len;
    else py_raisef(&py_TypeError_type, "compile() arg 1 must be a string, bytes or AST object");
    if (!IS(a[1], py_str_type)) py_raisef(&py_TypeError_type, "expected str, bytes or os.PathLike object, not %s", py_type_name(TYPE(a[1])));
    if (!IS(a[2], py_str_type)) py_raisef(&py_TypeError_type, "compile() argument 'mode' must be str, not %s", py_type_name(TYPE(a[2])));
    const char *mode = py_str_data(a[2]);
    if (strcmp(mode, "exec") && strcmp(mode, "eval") && strcmp(mode, "single")) py_raisef(&py_ValueError_type, "compile() mode must be 'exec', 'eval' or 'single'");
    return (pv)py_compile(src, len, a[1], !strcmp(mode, "eval") ? PY_MODE_EVAL : PY_MODE_EXEC);
}
extern pv py_open(int n, pv *a, pv kw);
BI(open) { return py_open(n, a, kw); }
BI(import_) {
    return py_import(a[0], n > 3 ? a[3] : PV_NONE, n > 4 ? (int)py_int_val(a[4]) : 0);
}
extern pv py_build_class(int n, pv *a, pv kw);
BI(format) {
    return py_format(a[0], n > 1 ? a[1] : QS(_empty));
}
BI(exit) {
    py_raise(py_exc_new(&py_SystemExit_type, n ? a[0] : PV_NULL));
}

static const py_builtin builtin_funcs[] = {
    FUNC_KW(print, bi_print, 0, ANY), FUNC(input, bi_input, 0, 1), FUNC(len, bi_len, 1, 1), FUNC(repr, bi_repr, 1, 1), FUNC(ascii, bi_ascii, 1, 1),
    FUNC(abs, bi_abs, 1, 1), FUNC_KW(min, bi_min, 0, ANY), FUNC_KW(max, bi_max, 0, ANY), FUNC_KW(sum, bi_sum, 1, 2), FUNC_KW(sorted, bi_sorted, 1, 1),
    FUNC(any, bi_any, 1, 1), FUNC(all, bi_all, 1, 1), FUNC(isinstance, bi_isinstance, 2, 2), FUNC(issubclass, bi_issubclass, 2, 2),
    FUNC(hasattr, bi_hasattr, 2, 2), FUNC(getattr, bi_getattr, 2, 3), FUNC(setattr, bi_setattr, 3, 3), FUNC(delattr, bi_delattr, 2, 2),
    FUNC(callable, bi_callable, 1, 1), FUNC(id, bi_id, 1, 1), FUNC(hash, bi_hash, 1, 1), FUNC(iter, bi_iter, 1, 2), FUNC(next, bi_next, 1, 2),
    FUNC(ord, bi_ord, 1, 1), FUNC(chr, bi_chr, 1, 1), FUNC(hex, bi_hex, 1, 1), FUNC(oct, bi_oct, 1, 1), FUNC(bin, bi_bin, 1, 1),
    FUNC(divmod, bi_divmod, 2, 2), FUNC_KW(pow, bi_pow, 2, 3), FUNC_KW(round, bi_round, 1, 2), FUNC(globals, bi_globals, 0, 0),
    FUNC(locals, bi_locals, 0, 0), FUNC(vars, bi_vars, 0, 1), FUNC(dir, bi_dir, 0, 1), FUNC_KW(exec, bi_exec, 1, 3), FUNC(eval, bi_eval, 1, 3),
    FUNC_KW(open, bi_open, 1, 8), FUNC_KW(__import__, bi_import_, 1, 5), FUNC_KW(__build_class__, py_build_class, 0, ANY), FUNC_KW(exit, bi_exit, 0, 1),
    FUNC(format, bi_format, 1, 2), FUNC_KW(compile_dummy, bi_compile, 3, 3), FUNC_KW(quit_dummy, bi_exit, 0, 1), METHODS_END };

static const py_type *const builtin_types[] = {
    &py_int_type, &py_float_type, &py_str_type, &py_bool_type, &py_list_type, &py_tuple_type, &py_dict_type,
    &py_set_type, &py_frozenset_type, &py_bytes_type, &py_bytearray_type, &py_range_type, &py_slice_type,
    &py_type_type, &py_object_type, &py_super_type, &py_property_type, &py_staticmethod_type,
    &py_classmethod_type, &py_enumerate_type, &py_zip_type, &py_map_type, &py_filter_type, &py_reversed_type,
#define X(n, b) &py_##n##_type,
    EXC_LIST(X)
#undef X
    NULL };

/* ---------------- sys ---------------- */
BI(sys_exit) { py_raise(py_exc_new(&py_SystemExit_type, n ? a[0] : PV_NULL)); }
BI(sys_getrecursionlimit) { return MKSMALL(py_cur->max_depth); }
BI(sys_setrecursionlimit) { pint l = py_to_index(a[0]); if (l < 1) py_raisef(&py_ValueError_type, "recursion limit must be greater or equal than 1"); py_cur->max_depth = (int)l; return PV_NONE; }
BI(sys_exc_info) {
    pv t = py_tuple_new(3);
    pv e = py_cur->handling;
    TUPLE(t)->items[0] = e ? (pv)TYPE(e) : PV_NONE;
    TUPLE(t)->items[1] = e ? e : PV_NONE;
    TUPLE(t)->items[2] = PV_NONE;
    return t;
}
BI(sys_print_exception) {
    if (!py_isinstance(a[0], &py_BaseException_type)) py_raisef(&py_TypeError_type, "Exception expected for value, %s found", py_type_name(TYPE(a[0])));
    py_print_exc(a[0]);
    return PV_NONE;
}
static const py_builtin sys_funcs[] = {
    FUNC(exit, bi_sys_exit, 0, 1), FUNC(getrecursionlimit, bi_sys_getrecursionlimit, 0, 0),
    FUNC(setrecursionlimit, bi_sys_setrecursionlimit, 1, 1), FUNC(exc_info, bi_sys_exc_info, 0, 0),
    FUNC(print_exception, bi_sys_print_exception, 1, 2), METHODS_END };

/* ---------------- time ---------------- */
static double now(void) { py_vm *vm = py_cur; return vm->io.clock ? vm->io.clock(vm->io.ctx) : 0; }
BI(time_time) { return py_float_new(now()); }
BI(time_ticks_ms) { return py_new_int((int64_t)(now() * 1e3) & 0x3fffffff); }
BI(time_ticks_us) { return py_new_int((int64_t)(now() * 1e6) & 0x3fffffff); }
BI(time_time_ns) { return py_new_int((int64_t)(now() * 1e9)); }
BI(time_ticks_add) { return py_new_int((py_int_val(a[0]) + py_int_val(a[1])) & 0x3fffffff); }
BI(time_ticks_diff) {
    int64_t d = (py_int_val(a[0]) - py_int_val(a[1])) & 0x3fffffff;
    if (d & 0x20000000) d -= 0x40000000;
    return py_new_int(d);
}
static void do_sleep(double s) {
    py_vm *vm = py_cur;
    /* in slices, so a kill or Ctrl-C reaches a sleeping program */
    while (s > 0) {
        double step = py_events_slice(vm, s > 0.05 ? 0.05 : s);
        py_io_sleep(vm, step);
        s -= step;
        py_poll_now();
    }
}
BI(time_sleep) { do_sleep(py_to_double(a[0])); return PV_NONE; }
BI(time_sleep_ms) { do_sleep(py_to_double(a[0]) / 1e3); return PV_NONE; }
BI(time_sleep_us) { do_sleep(py_to_double(a[0]) / 1e6); return PV_NONE; }
/* calendar time: the board keeps UTC, so localtime is gmtime */
static pv broken_down(int64_t t) {
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    /* civil date from days since 1970-01-01 (Howard Hinnant's algorithm) */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    static const int cum[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    int64_t yday = cum[m - 1] + d + (leap && m > 2 ? 1 : 0);
    int64_t wday = ((days % 7) + 7 + 3) % 7;   /* 1970-01-01 was a Thursday; Monday is 0 */
    pv r = py_tuple_new(9);
    int64_t f[9] = { y, m, d, secs / 3600, secs / 60 % 60, secs % 60, wday, yday, 0 };
    for (int i = 0; i < 9; i++) TUPLE(r)->items[i] = py_new_int(f[i]);
    return r;
}
/* seconds since the epoch as a whole number, checked: the years of broken_down's calendar fit
 * in 32 bits, as the C library's do */
static int64_t timestamp_arg(pv v) {
    double d = floor(py_to_double(v));
    if (isnan(d)) py_raisef(&py_ValueError_type, "Invalid value NaN (not a number)");
    if (!(fabs(d) < 6.776e16)) py_raisef(&py_OverflowError_type, "timestamp out of range for platform time_t");
    return (int64_t)d;
}
BI(time_gmtime) { return broken_down(n && a[0] != PV_NONE ? timestamp_arg(a[0]) : (int64_t)now()); }
/* field i of a time tuple, a C int as CPython's struct tm has: the calendar arithmetic below
 * stays within 64 bits */
static int64_t tm_field(pv t, int i) {
    pv v = py_getitem(t, MKSMALL(i));
    if (!py_is_int(v)) py_raisef(&py_TypeError_type, "'%s' object cannot be interpreted as an integer", py_type_name(TYPE(v)));
    if (py_truth(py_compare(CMP_GT, v, py_new_int(INT32_MAX)))) py_raisef(&py_OverflowError_type, "signed integer is greater than maximum");
    if (py_truth(py_compare(CMP_LT, v, py_new_int(INT32_MIN)))) py_raisef(&py_OverflowError_type, "signed integer is less than minimum");
    return py_int_val(v);
}
BI(time_mktime) {
    pv t = a[0];
    int64_t y = tm_field(t, 0), m = tm_field(t, 1), d = tm_field(t, 2);
    int64_t hh = tm_field(t, 3), mm = tm_field(t, 4), ss = tm_field(t, 5);
    /* days from civil */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return py_float_new((double)(days * 86400 + hh * 3600 + mm * 60 + ss));
}
static const py_builtin time_funcs[] = {
    FUNC(gmtime_q, bi_time_gmtime, 0, 1), FUNC(localtime_q, bi_time_gmtime, 0, 1), FUNC(mktime_q, bi_time_mktime, 1, 1),
    FUNC(time, bi_time_time, 0, 0), FUNC(perf_counter, bi_time_time, 0, 0), FUNC(monotonic, bi_time_time, 0, 0),
    FUNC(ticks_ms, bi_time_ticks_ms, 0, 0), FUNC(ticks_us, bi_time_ticks_us, 0, 0), FUNC(ticks_diff, bi_time_ticks_diff, 2, 2),
    FUNC(ticks_add, bi_time_ticks_add, 2, 2), FUNC(ticks_cpu, bi_time_ticks_us, 0, 0), FUNC(time_ns, bi_time_time_ns, 0, 0),
    FUNC(sleep, bi_time_sleep, 1, 1), FUNC(sleep_ms, bi_time_sleep_ms, 1, 1), FUNC(sleep_us, bi_time_sleep_us, 1, 1), METHODS_END };

/* ---------------- math ---------------- */
static double num(pv v) { return py_to_double(v); }
static pv mf(double r) {
    if (isnan(r)) py_raisef(&py_ValueError_type, "math domain error");
    return py_float_new(r);
}
#define MATH1(name, expr) BI(math_##name) { double x = num(a[0]); (void)x; return mf(expr); }
MATH1(sqrt, x < 0 ? NAN : sqrt(x))
MATH1(sin, sin(x)) MATH1(cos, cos(x)) MATH1(tan, tan(x)) MATH1(asin, asin(x)) MATH1(acos, acos(x)) MATH1(atan, atan(x))
MATH1(exp, exp(x)) MATH1(log10, x <= 0 ? NAN : log10(x)) MATH1(log2, x <= 0 ? NAN : log2(x)) MATH1(fabs, fabs(x))
MATH1(degrees, x * 180.0 / M_PI) MATH1(radians, x * M_PI / 180.0) MATH1(sinh, sinh(x)) MATH1(cosh, cosh(x)) MATH1(tanh, tanh(x))
BI(math_log) {
    double x = num(a[0]);
    if (x <= 0) py_raisef(&py_ValueError_type, "math domain error");
    if (n == 2) { double b = num(a[1]); return mf(log(x) / log(b)); }
    return mf(log(x));
}
/* an int is its own floor, ceiling and truncation, however many digits it has (a bool gives
 * the plain int) */
static pv int_itself(pv v) { return IS(v, py_bool_type) ? MKSMALL(v == PV_TRUE) : v; }
BI(math_floor) { if (py_is_int(a[0])) return int_itself(a[0]); return py_int_from_double(floor(num(a[0]))); }
BI(math_ceil) { if (py_is_int(a[0])) return int_itself(a[0]); return py_int_from_double(ceil(num(a[0]))); }
BI(math_trunc) { if (py_is_int(a[0])) return int_itself(a[0]); return py_int_from_double(trunc(num(a[0]))); }
BI(math_pow) { return mf(pow(num(a[0]), num(a[1]))); }
BI(math_atan2) { return mf(atan2(num(a[0]), num(a[1]))); }
BI(math_hypot) { double s = 0; for (int i = 0; i < n; i++) { double x = num(a[i]); s += x * x; } return mf(sqrt(s)); }
BI(math_fmod) { double y = num(a[1]); if (y == 0) py_raisef(&py_ValueError_type, "math domain error"); return mf(fmod(num(a[0]), y)); }
BI(math_copysign) { return mf(copysign(num(a[0]), num(a[1]))); }
BI(math_isnan) { return PV_BOOL(isnan(num(a[0]))); }
BI(math_isinf) { return PV_BOOL(isinf(num(a[0]))); }
BI(math_isfinite) { return PV_BOOL(isfinite(num(a[0]))); }
BI(math_gcd) {
    int64_t g = 0;
    for (int i = 0; i < n; i++) {
        int64_t x = py_int_val(a[i]);
        if (x < 0) x = -x;
        while (x) { int64_t t = g % x; g = x; x = t; }
    }
    return py_new_int(g);
}
BI(math_factorial) {
    pint k = py_to_index(a[0]);
    if (k < 0) py_raisef(&py_ValueError_type, "factorial() not defined for negative values");
    pv r = MKSMALL(1);
    for (pint i = 2; i <= k; i++) r = py_binop(OP_MUL, r, MKSMALL(i));
    return r;
}
BI(math_isclose) {
    double x = num(a[0]), y = num(a[1]);
    pv rt = py_kw_get(kw, Q_rel_tol_dummy), at = py_kw_get(kw, Q_abs_tol_dummy);
    double rel = rt ? num(rt) : 1e-9, abs_ = at ? num(at) : 0;
    if (x == y) return PV_TRUE;
    double d = fabs(x - y);
    return PV_BOOL(d <= fabs(rel * y) || d <= fabs(rel * x) || d <= abs_);
}
BI(math_modf) {
    double ip, fp = modf(num(a[0]), &ip);
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = py_float_new(fp);
    TUPLE(t)->items[1] = py_float_new(ip);
    return t;
}
BI(math_frexp) {
    int e;
    double m = frexp(num(a[0]), &e);
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = py_float_new(m);
    TUPLE(t)->items[1] = MKSMALL(e);
    return t;
}
BI(math_ldexp) { return mf(ldexp(num(a[0]), (int)py_int_val(a[1]))); }
static const py_builtin math_funcs[] = {
    FUNC(sqrt, bi_math_sqrt, 1, 1), FUNC(sin_dummy, bi_math_sin, 1, 1), FUNC(cos_dummy, bi_math_cos, 1, 1),
    FUNC(tan_dummy, bi_math_tan, 1, 1), FUNC(asin_dummy, bi_math_asin, 1, 1), FUNC(acos_dummy, bi_math_acos, 1, 1),
    FUNC(atan_dummy, bi_math_atan, 1, 1), FUNC(atan2_dummy, bi_math_atan2, 2, 2), FUNC(exp_dummy, bi_math_exp, 1, 1),
    FUNC(log_dummy, bi_math_log, 1, 2), FUNC(log10_dummy, bi_math_log10, 1, 1), FUNC(log2_dummy, bi_math_log2, 1, 1),
    FUNC(fabs_dummy, bi_math_fabs, 1, 1), FUNC(floor_dummy, bi_math_floor, 1, 1), FUNC(ceil_dummy, bi_math_ceil, 1, 1),
    FUNC(trunc_dummy, bi_math_trunc, 1, 1), FUNC(pow, bi_math_pow, 2, 2), FUNC(hypot_dummy, bi_math_hypot, 0, ANY),
    FUNC(fmod_dummy, bi_math_fmod, 2, 2), FUNC(copysign_dummy, bi_math_copysign, 2, 2), FUNC(isnan_dummy, bi_math_isnan, 1, 1),
    FUNC(isinf_dummy, bi_math_isinf, 1, 1), FUNC(isfinite_dummy, bi_math_isfinite, 1, 1), FUNC(gcd_dummy, bi_math_gcd, 0, ANY),
    FUNC(factorial_dummy, bi_math_factorial, 1, 1), FUNC(degrees_dummy, bi_math_degrees, 1, 1),
    FUNC(radians_dummy, bi_math_radians, 1, 1), FUNC_KW(isclose_dummy, bi_math_isclose, 2, 2), FUNC(modf_dummy, bi_math_modf, 1, 1),
    FUNC(frexp_dummy, bi_math_frexp, 1, 1), FUNC(ldexp_dummy, bi_math_ldexp, 2, 2), FUNC(sinh_dummy, bi_math_sinh, 1, 1),
    FUNC(cosh_dummy, bi_math_cosh, 1, 1), FUNC(tanh_dummy, bi_math_tanh, 1, 1), METHODS_END };

/* ---------------- gc, micropython ---------------- */
BI(gc_collect) { gc_collect(); return MKSMALL(0); }
BI(gc_mem_free) { gc_heap *h = py_cur->heap; return py_new_int((int64_t)(gc_size(h) - gc_used(h))); }
BI(gc_mem_alloc) { return py_new_int((int64_t)gc_used(py_cur->heap)); }
BI(gc_enable) { py_cur->gc_disabled = false; return PV_NONE; }
BI(gc_disable) { py_cur->gc_disabled = true; return PV_NONE; }
BI(gc_isenabled) { return PV_BOOL(!py_cur->gc_disabled); }
/* threshold([bytes]): MicroPython's, -1 when none is set */
BI(gc_threshold) {
    gc_heap *h = py_cur->heap;
    if (n) { pint t = py_to_index(a[0]); gc_set_threshold(h, t > 0 ? (size_t)t : 0); return PV_NONE; }
    return gc_threshold(h) ? py_new_int((int64_t)gc_threshold(h)) : MKSMALL(-1);
}
static const py_builtin gc_funcs[] = {
    FUNC_KW(collect, bi_gc_collect, 0, 1), FUNC(mem_free, bi_gc_mem_free, 0, 0), FUNC(mem_alloc, bi_gc_mem_alloc, 0, 0),
    FUNC(enable_dummy, bi_gc_enable, 0, 0), FUNC(disable_dummy, bi_gc_disable, 0, 0), FUNC(isenabled_dummy, bi_gc_isenabled, 0, 0),
    FUNC(threshold, bi_gc_threshold, 0, 1), METHODS_END };
BI(mp_const) { return a[0]; }
BI(mp_mem_info) {
    gc_heap *h = py_cur->heap;
    pv s = py_strf("heap: %lu used, %lu free, peak %lu\n", (unsigned long)gc_used(h), (unsigned long)(gc_size(h) - gc_used(h)), (unsigned long)gc_peak(h));
    out(1, s);
    return PV_NONE;
}
static const py_builtin mp_funcs[] = {
    FUNC(const, bi_mp_const, 1, 1), FUNC(mem_info_dummy, bi_mp_mem_info, 0, 1), METHODS_END };


/* The builtins are read-only tables (builtin_funcs, builtin_types, builtin_others): a program
 * starts with an empty builtins dict, which only holds what it adds (the REPL's `_`), so
 * start-up costs no heap. Index i counts the functions, then the types, then the others. */
static const struct { const char *name; const void *obj; } builtin_others[] = {
    { "None", &py_none_obj }, { "NotImplemented", &py_notimpl_obj }, { "Ellipsis", &py_ellipsis_obj },
    { "EnvironmentError", &py_OSError_type }, { "IOError", &py_OSError_type },
};
#define NFUNCS (sizeof builtin_funcs / sizeof builtin_funcs[0] - 1)
#define NTYPES (sizeof builtin_types / sizeof builtin_types[0] - 1)
#define BUILTINS_COUNT (uint32_t)(NFUNCS + NTYPES + sizeof builtin_others / sizeof builtin_others[0])

static pv static_builtin(uint32_t i) {
    if (i < NFUNCS) return (pv)&builtin_funcs[i];
    if (i < NFUNCS + NTYPES) return (pv)builtin_types[i - NFUNCS];
    return (pv)builtin_others[i - NFUNCS - NTYPES].obj;
}

static const char *static_builtin_cname(uint32_t i) {
    if (i < NFUNCS) return py_str_data(py_qstr(builtin_funcs[i].name));
    if (i < NFUNCS + NTYPES) return builtin_types[i - NFUNCS]->cname;
    return builtin_others[i - NFUNCS - NTYPES].name;
}

static pv static_builtin_name(uint32_t i) {
    if (i < NFUNCS) return (pv)&py_qstrs[builtin_funcs[i].name];
    const char *s = static_builtin_cname(i);
    return py_intern(s, strlen(s));
}

/* Finds a builtin by name in the tables; its index through *index. */
bool py_static_builtin_find(pv name, uint32_t *index) {
    const char *s = py_str_data(name);
    for (uint32_t i = 0; i < BUILTINS_COUNT; i++) {
        if (i < NFUNCS ? name == (pv)&py_qstrs[builtin_funcs[i].name] : !strcmp(s, static_builtin_cname(i))) {
            *index = i;
            return true;
        }
    }
    return false;
}
pv py_static_builtin(uint32_t index) { return static_builtin(index); }

/* A builtin by name: what the program put in builtins first, then the tables. */
pv py_builtin_get(pv name) {
    py_vm *vm = py_cur;
    pv v = py_dict_get(vm->builtins, name);
    uint32_t i;
    if (!v && !vm->builtins_complete && py_static_builtin_find(name, &i)) v = static_builtin(i);
    return v;
}

static pv make_native(pv name) {
    const char *s = py_str_data(name);
    if (s[0] == 'u') s++;                           /* utime is time, ujson json... */
    pv nm = py_native_module_make(name, s);         /* py/mod/ and the embedder's */
    if (nm) return nm;
    pv m = py_module_new(name);
    pv d = ((py_module *)m)->dict;
    if (!strcmp(s, "sys")) {
        py_module_add_table(m, sys_funcs);
        py_dict_set(d, QS(argv), py_cur->argv);
        py_dict_set(d, QS(path), py_cur->sys_path);
        py_dict_set(d, QS(modules), py_cur->modules);
        py_dict_set(d, QS(maxsize), py_new_int(INTPTR_MAX));
        py_dict_set(d, QS(platform), py_str_cstr("upyos"));
        py_dict_set(d, QS(version), py_str_cstr("3.11.0 (upyOS-C)"));
        py_dict_set(d, QS(byteorder), QS(little));
        py_dict_set(d, QS(stdout), (pv)&stdout_obj);
        py_dict_set(d, QS(stderr), (pv)&stderr_obj);
        py_dict_set(d, QS(stdin), (pv)&stdin_obj);
        pv vi = py_tuple_new(3);
        TUPLE(vi)->items[0] = MKSMALL(3); TUPLE(vi)->items[1] = MKSMALL(11); TUPLE(vi)->items[2] = MKSMALL(0);
        py_dict_set(d, QS(version_info), vi);
        pv impl = py_module_new(QS(implementation));
        py_dict_set(((py_module *)impl)->dict, QS(name), py_str_cstr("upyos"));
        py_dict_set(d, QS(implementation), impl);
        return m;
    }
    if (!strcmp(s, "time")) { py_module_add_table(m, time_funcs); return m; }
    if (!strcmp(s, "math")) {
        py_module_add_table(m, math_funcs);
        py_dict_set(d, py_intern("pi", 2), py_float_new(M_PI));
        py_dict_set(d, py_intern("e", 1), py_float_new(M_E));
        py_dict_set(d, py_intern("tau", 3), py_float_new(2 * M_PI));
        py_dict_set(d, py_intern("inf", 3), py_float_new(INFINITY));
        py_dict_set(d, py_intern("nan", 3), py_float_new(NAN));
        return m;
    }
    if (!strcmp(s, "gc")) { py_module_add_table(m, gc_funcs); return m; }
    if (!strcmp(s, "micropython")) { py_module_add_table(m, mp_funcs); return m; }
    {
        extern pv py_native_data_module(const char *s);
        pv dm = py_native_data_module(s);
        if (dm) return dm;
    }
    if (!strcmp(s, "builtins")) {
        /* asked for as a module: from now on its dict holds every builtin, so that a program
         * may also replace or delete them */
        py_vm *vm = py_cur;
        pv b = vm->builtins;
        for (uint32_t i = 0; i < BUILTINS_COUNT; i++) {
            pv bname = static_builtin_name(i);
            if (!py_dict_get(b, bname)) py_dict_set(b, bname, static_builtin(i));
        }
        vm->builtins_complete = true;
        py_dict_set(b, QS(__name__), QS(builtins));
        py_dict_set(b, QS(__doc__), PV_NONE);
        ((py_module *)m)->dict = b;
        return m;
    }
    return PV_NULL;
}

void py_builtins_init(void) {
    py_cur->builtins = py_dict_new();
}

/* ---------------- import ---------------- */
static pv load_source(const char *path, size_t *len) {
    py_vm *vm = py_cur;
    if (!vm->io.read_file) return PV_NULL;
    long n = vm->io.read_file(vm->io.ctx, path, NULL, 0);
    if (n < 0) return PV_NULL;
    char *buf = gc_alloc((size_t)n + 1, GC_RAW);
    long r = vm->io.read_file(vm->io.ctx, path, buf, (size_t)n);
    if (r < 0) return PV_NULL;
    buf[r] = 0;
    *len = (size_t)r;
    return (pv)buf;
}

pv py_exec_module(pv name, const char *path, const char *src, size_t len) {
    pv m = py_module_new(name);
    pv d = ((py_module *)m)->dict;
    pv file = py_str_cstr(path);                   /* __file__ and the code's, one string */
    py_dict_set(d, QS(__file__), file);
    py_dict_set(py_cur->modules, name, m);
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) {
        pv e = py_try_catch(&t);
        py_dict_del(py_cur->modules, name);
        py_raise(e);
    }
    py_code *c = py_compile(src, len, file, PY_MODE_FILE);
    py_vm_run_code(c, d, PV_NULL);
    py_try_end(&t);
    return m;
}

static pv import_one(pv fullname) {
    pv m = py_dict_get(py_cur->modules, fullname);
    if (m) return m;
    m = make_native(fullname);
    if (m) { py_dict_set(py_cur->modules, fullname, m); return m; }
    /* modules written in Python that come with the interpreter (u-prefixed names alias them) */
    {
        const char *want = py_str_data(fullname);
        for (int pass = 0; pass < 2; pass++) {
            for (const py_frozen_module *f = py_frozen_modules; f->name; f++) {
                if (strcmp(f->name, want)) continue;
                char path[64];
                snprintf(path, sizeof path, "<frozen %s>", f->name);
                return py_exec_module(fullname, path, py_frozen_text(f), f->len);
            }
            if (want[0] != 'u') break;
            want++;
        }
    }
    /* a .py file (or package) on sys.path; dots are folders */
    char rel[256];
    const char *fn = py_str_data(fullname);
    size_t k = 0;
    for (; fn[k] && k < 200; k++) rel[k] = fn[k] == '.' ? '/' : fn[k];
    rel[k] = 0;
    py_list *paths = LIST(py_cur->sys_path);
    for (size_t i = 0; i < paths->len; i++) {
        pv dir = paths->items[i];
        if (!IS(dir, py_str_type)) continue;
        char path[512];
        const char *ds = py_str_data(dir);
        const char *sep = (!*ds || ds[strlen(ds) - 1] == '/') ? "" : "/";
        for (int pkg = 0; pkg < 2; pkg++) {
            snprintf(path, sizeof path, pkg ? "%s%s%s/__init__.py" : "%s%s%s.py", ds, sep, rel);
            if (!*ds) snprintf(path, sizeof path, pkg ? "%s/__init__.py" : "%s.py", rel);
            size_t len;
            pv src = load_source(path, &len);
            if (src) return py_exec_module(fullname, path, (const char *)src, len);
        }
    }
    pv e = py_exc_new(&py_ModuleNotFoundError_type, py_strf("No module named '%s'", fn));
    py_setattr(e, QS(name), fullname);
    py_raise(e);
}

pv py_import(pv name, pv fromlist, int level) {
    if (level > 0) {
        /* relative imports resolve against the importing module's package: here, sys.path */
        if (!py_str_len(name)) {
            /* from . import x: x is a module */
            return py_module_new(QS(_empty));
        }
    }
    const char *s = py_str_data(name);
    const char *dot = strchr(s, '.');
    pv top = PV_NULL;
    /* import each prefix: a, a.b, a.b.c */
    size_t len = py_str_len(name);
    pv last = PV_NULL;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '.') {
            pv part = py_intern(s, i);
            pv m = import_one(part);
            if (last && i < len + 1) {
                const char *leaf = strrchr(py_str_data(part), '.');
                if (leaf) py_setattr(last, py_intern(leaf + 1, strlen(leaf + 1)), m);
            }
            if (!top) top = m;
            last = m;
        }
    }
    (void)dot;
    if (fromlist && fromlist != PV_NONE && IS(fromlist, py_tuple_type) && TUPLE(fromlist)->len) return last;
    return top;
}

pv py_import_from(pv mod, pv name) {
    pv v = py_getattr_opt(mod, name);
    if (v) return v;
    /* a submodule */
    if (IS(mod, py_module_type)) {
        pv mn = ((py_module *)mod)->name;
        if (py_str_len(mn)) {
            pv full = py_intern_str(py_strf("%s.%s", py_str_data(mn), py_str_data(name)));
            py_try t;
            py_try_begin(&t);
            if (setjmp(t.j.buf) == 0) {
                pv m = import_one(full);
                py_try_end(&t);
                return m;
            }
            py_try_catch(&t);
        } else {
            return import_one(name);
        }
        py_raise(py_exc_new(&py_ImportError_type, py_strf("cannot import name '%s' from '%s'", py_str_data(name), py_str_data(mn))));
    }
    py_raise(py_exc_new(&py_ImportError_type, py_strf("cannot import name '%s'", py_str_data(name))));
}

void py_import_star(pv mod, pv globals) {
    pv all = py_getattr_opt(mod, QS(__all__));
    if (all) {
        pv it = py_iter(all), k;
        while ((k = py_next(it))) py_dict_set(globals, py_intern_str(k), py_getattr(mod, py_intern_str(k)));
        return;
    }
    py_dict *d = (py_dict *)py_module_dict(mod);
    for (uint32_t i = 0; i < d->nent; i++) {
        pv k = d->ent[i].key;
        if (k && IS(k, py_str_type) && py_str_data(k)[0] != '_') py_dict_set(globals, k, d->ent[i].value);
    }
}

pv py_print_expr(pv v) {
    if (v != PV_NONE) { py_dict_set(py_cur->builtins, py_intern("_", 1), v); out(1, py_repr(v)); out(1, py_str_cstr("\n")); }
    return PV_NONE;
}
