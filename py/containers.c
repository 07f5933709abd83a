/* list, tuple, dict (CPython's compact layout: an index table into an insertion-ordered entry
 * array, at most two thirds full), set and frozenset (dicts without values), range, slice,
 * bytes, and the iterator types of the builtins. */
#include <string.h>
#include <stdio.h>
#include "py/obj.h"

static pv self_iter(pv o) { return o; }
static uintptr_t id_hash(pv o) { return (uintptr_t)o >> 3; }

/* ---------------- list ---------------- */
pv py_list_new(size_t n) {
    py_list *l = NEW(py_list, py_list_type);
    size_t cap = n < 4 ? 4 : n;
    l->items = gc_alloc(cap * sizeof(pv), GC_PVS);
    l->len = n;
    l->cap = cap;
    return (pv)l;
}
static void list_reserve(py_list *l, size_t need) {
    if (need <= l->cap) return;
    /* doubling, but by half once the list is a large part of the arena (on a board): the
     * old array and the new one must fit side by side while the items are copied */
    size_t nc = l->cap * 2;
    if (nc * sizeof(pv) > gc_size(py_cur->heap) / 16) nc = l->cap + l->cap / 2;
    if (nc < need) nc = need;
    pv *ni = gc_alloc(nc * sizeof(pv), GC_PVS);
    memcpy(ni, l->items, l->len * sizeof(pv));
    l->items = ni;
    l->cap = nc;
}
void py_list_append(pv lv, pv v) {
    py_list *l = LIST(lv);
    if (l->len == l->cap) list_reserve(l, l->len + 1);
    l->items[l->len++] = v;
}
void py_seq_items(pv seq, size_t *n, pv **items) {
    if (IS(seq, py_tuple_type) || (TYPE(seq)->flags & TF_USER && py_issubtype(TYPE(seq), &py_tuple_type))) { *n = TUPLE(seq)->len; *items = TUPLE(seq)->items; }
    else { *n = LIST(seq)->len; *items = LIST(seq)->items; }
}
static bool is_list(pv v) { return IS(v, py_list_type) || (!IS_SMALL(v) && TYPE(v)->flags & TF_USER && py_issubtype(TYPE(v), &py_list_type)); }
static bool is_tuple(pv v) { return IS(v, py_tuple_type) || (!IS_SMALL(v) && TYPE(v)->flags & TF_USER && py_issubtype(TYPE(v), &py_tuple_type)); }
pv py_list_from_iter(pv it) {
    if (is_list(it) || is_tuple(it)) {
        size_t n;
        pv *items;
        py_seq_items(it, &n, &items);
        pv l = py_list_new(n);
        memcpy(LIST(l)->items, items, n * sizeof(pv));
        return l;
    }
    pv l = py_list_new(0);
    pv i = py_iter(it), v;
    while ((v = py_next(i))) py_list_append(l, v);
    return l;
}
static void list_mark(pv o, gc_heap *h) { gc_mark_ptr(h, LIST(o)->items); }

static void seq_repr(py_buf *b, pv *items, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (i) buf_adds(b, ", ");
        buf_addv(b, py_repr(items[i]));
    }
}
/* repr of self-containing containers */
#define REPR_MAX 64
static bool repr_enter(pv o) {
    py_vm *vm = py_cur;
    for (int i = 0; i < vm->repr_depth; i++) if (vm->repr_stack[i] == o) return false;
    if (vm->repr_depth >= REPR_MAX) py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded while getting the repr of an object");
    /* made on the first container repr: most programs never need it */
    if (!vm->repr_stack) vm->repr_stack = gc_alloc(REPR_MAX * sizeof(pv), GC_RAW);
    vm->repr_stack[vm->repr_depth++] = o;
    return true;
}
static pv list_repr(pv o) {
    if (!repr_enter(o)) return py_str_cstr("[...]");
    py_buf b;
    buf_init(&b, 16);
    buf_addc(&b, '[');
    int d = py_cur->repr_depth;
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) { pv e = py_try_catch(&t); py_cur->repr_depth = d - 1; py_raise(e); }
    seq_repr(&b, LIST(o)->items, LIST(o)->len);
    py_try_end(&t);
    py_cur->repr_depth--;
    buf_addc(&b, ']');
    return buf_str(&b);
}
static pv seq_compare(int op, pv *a, size_t na, pv *b, size_t nb) {
    size_t i;
    for (i = 0; i < na && i < nb; i++) if (!py_eq(a[i], b[i])) break;
    if (i >= na || i >= nb) {
        switch (op) {
        case CMP_LT: return PV_BOOL(na < nb);
        case CMP_LE: return PV_BOOL(na <= nb);
        case CMP_EQ: return PV_BOOL(na == nb);
        case CMP_NE: return PV_BOOL(na != nb);
        case CMP_GT: return PV_BOOL(na > nb);
        case CMP_GE: return PV_BOOL(na >= nb);
        }
    }
    if (op == CMP_EQ) return PV_FALSE;
    if (op == CMP_NE) return PV_TRUE;
    return py_compare(op, a[i], b[i]);
}
static pv list_compare(int op, pv a, pv b, int side) {
    if (!is_list(a) || !is_list(b)) return PV_NULL;
    return seq_compare(op, LIST(a)->items, LIST(a)->len, LIST(b)->items, LIST(b)->len);
}
/* + and * of lists and tuples (t says which of the two), and the in-place forms of a list. */
static pv seq_new(const py_type *t, size_t n, pv **items) {
    pv r = t == &py_list_type ? py_list_new(n) : py_tuple_new(n);
    py_seq_items(r, &n, items);
    return r;
}
static pv seq_binop(const py_type *t, int op, pv a, pv b, int side) {
    bool list = t == &py_list_type, inplace = list && op & OP_INPLACE && side == 0;
    int o = op & 15;
    size_t na, nb;
    pv *ia, *ib, *ir;
    if (o == OP_ADD) {
        if (inplace) {
            if (is_list(b)) {
                py_seq_items(b, &nb, &ib);
                list_reserve(LIST(a), LIST(a)->len + nb);
                memcpy(LIST(a)->items + LIST(a)->len, ib, nb * sizeof(pv));
                LIST(a)->len += nb;
                return a;
            }
            pv it = py_iter(b), v;
            while ((v = py_next(it))) py_list_append(a, v);
            return a;
        }
        bool (*is_seq)(pv) = list ? is_list : is_tuple;
        if (!is_seq(a) || !is_seq(b)) {
            if (side == 0) py_raisef(&py_TypeError_type, "can only concatenate %s (not \"%s\") to %s", t->cname, py_type_name(TYPE(b)), t->cname);
            return PV_NULL;
        }
        py_seq_items(a, &na, &ia);
        py_seq_items(b, &nb, &ib);
        pv r = seq_new(t, na + nb, &ir);
        memcpy(ir, ia, na * sizeof(pv));
        memcpy(ir + na, ib, nb * sizeof(pv));
        return r;
    }
    if (o == OP_MUL) {
        pv seq = side ? b : a, k = side ? a : b;
        if (!py_is_int(k)) {
            if (TYPE(k)->flags & TF_USER) return PV_NULL;
            py_raisef(&py_TypeError_type, "can't multiply sequence by non-int of type '%s'", py_type_name(TYPE(k)));
        }
        int64_t n = py_int_val(k);
        if (n < 0) n = 0;
        py_seq_items(seq, &na, &ia);
        if (na && (uint64_t)n > 0x7fffffff / na) py_raise(py_cur->memerr);
        pv r = seq;
        if (inplace) {
            list_reserve(LIST(seq), na * (size_t)n);
            ir = ia = LIST(seq)->items;
            LIST(seq)->len = na * (size_t)n;
        } else r = seq_new(t, na * (size_t)n, &ir);
        for (int64_t i = inplace; i < n; i++) memcpy(ir + na * (size_t)i, ia, na * sizeof(pv));
        return r;
    }
    return PV_NULL;
}
static pv list_binop(int op, pv a, pv b, int side) { return seq_binop(&py_list_type, op, a, b, side); }
static pint norm_index(pint i, pint n, const char *what) {
    if (i < 0) i += n;
    if (i < 0 || i >= n) py_raisef(&py_IndexError_type, "%s index out of range", what);
    return i;
}
static pv list_getitem(pv o, pv k) {
    py_list *l = LIST(o);
    if (IS(k, py_slice_type)) {
        pint a, b, st, n;
        py_slice_indices(k, (pint)l->len, &a, &b, &st, &n);
        pv r = py_list_new((size_t)n);
        for (pint i = 0; i < n; i++) LIST(r)->items[i] = l->items[a + i * st];
        return r;
    }
    if (!py_is_int(k) && !(TYPE(k)->flags & TF_USER)) py_raisef(&py_TypeError_type, "list indices must be integers or slices, not %s", py_type_name(TYPE(k)));
    return l->items[norm_index(py_to_index(k), (pint)l->len, "list")];
}
static void list_setitem(pv o, pv k, pv v) {
    py_list *l = LIST(o);
    if (IS(k, py_slice_type)) {
        pint a, b, st, n;
        py_slice_indices(k, (pint)l->len, &a, &b, &st, &n);
        if (!v) {
            if (st < 0) { a = a + (n - 1) * st; st = -st; }
            pint w = a, r = a;
            for (pint i = a; i < (pint)l->len; i++) {
                bool del = i >= a && (i - a) % st == 0 && (i - a) / st < n;
                if (!del) l->items[w++] = l->items[i];
                (void)r;
            }
            l->len = (size_t)w;
            return;
        }
        pv src = py_list_from_iter(v);
        size_t m = LIST(src)->len;
        if (st != 1) {
            if ((pint)m != n) py_raisef(&py_ValueError_type, "attempt to assign sequence of size %d to extended slice of size %d", (int)m, (int)n);
            for (pint i = 0; i < n; i++) l->items[a + i * st] = LIST(src)->items[i];
            return;
        }
        if (b < a) b = a;
        size_t old = (size_t)(b - a);
        size_t nl = l->len - old + m;
        list_reserve(l, nl);
        memmove(l->items + a + m, l->items + b, (l->len - (size_t)b) * sizeof(pv));
        memcpy(l->items + a, LIST(src)->items, m * sizeof(pv));
        l->len = nl;
        return;
    }
    if (!py_is_int(k) && !(TYPE(k)->flags & TF_USER)) py_raisef(&py_TypeError_type, "list indices must be integers or slices, not %s", py_type_name(TYPE(k)));
    pint i = py_to_index(k);
    if (i < 0) i += (pint)l->len;
    if (i < 0 || i >= (pint)l->len) py_raisef(&py_IndexError_type, v ? "list assignment index out of range" : "list assignment index out of range");
    if (v) l->items[i] = v;
    else { memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof(pv)); l->len--; }
}
static pint list_len(pv o) { return (pint)LIST(o)->len; }
static int list_contains(pv o, pv x) {
    py_list *l = LIST(o);
    for (size_t i = 0; i < l->len; i++) if (py_eq(l->items[i], x)) return 1;
    return 0;
}
typedef py_seqit seqit;
static void seqit_mark(pv o, gc_heap *h) { gc_mark(h, ((seqit *)o)->seq); }
static pv listit_next(pv o) {
    seqit *it = (seqit *)o;
    if (!it->seq) return PV_NULL;
    py_list *l = LIST(it->seq);
    if (it->i < l->len) return l->items[it->i++];
    it->seq = PV_NULL;
    return PV_NULL;
}
const py_type py_listiter_type = { &py_type_type, "list_iterator", .base = &py_object_type, .iter = self_iter, .next = listit_next, .mark = seqit_mark };
static pv list_iter(pv o) { seqit *it = NEW(seqit, py_listiter_type); it->seq = o; return (pv)it; }

static pv list_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 0, 1, "list");
    return n ? py_list_from_iter(a[0]) : py_list_new(0);
}
static pv list_append(int n, pv *a, pv kw) { py_list_append(a[0], a[1]); return PV_NONE; }
static pv list_extend(int n, pv *a, pv kw) { list_binop(OP_ADD | OP_INPLACE, a[0], a[1], 0); return PV_NONE; }
static pv list_insert(int n, pv *a, pv kw) {
    py_list *l = LIST(a[0]);
    pint i = py_to_index(a[1]), len = (pint)l->len;
    if (i < 0) { i += len; if (i < 0) i = 0; }
    if (i > len) i = len;
    list_reserve(l, l->len + 1);
    memmove(l->items + i + 1, l->items + i, (l->len - (size_t)i) * sizeof(pv));
    l->items[i] = a[2];
    l->len++;
    return PV_NONE;
}
static pv list_pop(int n, pv *a, pv kw) {
    py_list *l = LIST(a[0]);
    if (!l->len) py_raisef(&py_IndexError_type, "pop from empty list");
    pint i = n > 1 ? py_to_index(a[1]) : (pint)l->len - 1;
    if (i < 0) i += (pint)l->len;
    if (i < 0 || i >= (pint)l->len) py_raisef(&py_IndexError_type, "pop index out of range");
    pv v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof(pv));
    l->len--;
    return v;
}
static pv list_remove(int n, pv *a, pv kw) {
    py_list *l = LIST(a[0]);
    for (size_t i = 0; i < l->len; i++) if (py_eq(l->items[i], a[1])) {
        memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(pv));
        l->len--;
        return PV_NONE;
    }
    py_raisef(&py_ValueError_type, "list.remove(x): x not in list");
}
static pv seq_index(pv *items, size_t len, int n, pv *a, const char *what) {
    pint s = 0, e = (pint)len;
    if (n > 2) { s = py_to_index(a[2]); if (s < 0) s += (pint)len; if (s < 0) s = 0; }
    if (n > 3) { e = py_to_index(a[3]); if (e < 0) e += (pint)len; }
    for (pint i = s; i < e && i < (pint)len; i++) if (py_eq(items[i], a[1])) return MKSMALL(i);
    if (!strcmp(what, "list")) py_raisef(&py_ValueError_type, "%s is not in list", py_str_data(py_repr(a[1])));
    py_raisef(&py_ValueError_type, "tuple.index(x): x not in tuple");
}
static pv list_index(int n, pv *a, pv kw) { return seq_index(LIST(a[0])->items, LIST(a[0])->len, n, a, "list"); }
static pv seq_count(pv *items, size_t len, pv x) {
    pint c = 0;
    for (size_t i = 0; i < len; i++) if (py_eq(items[i], x)) c++;
    return MKSMALL(c);
}
static pv list_count(int n, pv *a, pv kw) { return seq_count(LIST(a[0])->items, LIST(a[0])->len, a[1]); }
static pv list_clear(int n, pv *a, pv kw) { LIST(a[0])->len = 0; return PV_NONE; }
static pv list_copy(int n, pv *a, pv kw) { return py_list_from_iter(a[0]); }
static pv list_reverse(int n, pv *a, pv kw) {
    py_list *l = LIST(a[0]);
    for (size_t i = 0; i < l->len / 2; i++) { pv t = l->items[i]; l->items[i] = l->items[l->len - 1 - i]; l->items[l->len - 1 - i] = t; }
    return PV_NONE;
}
/* a stable merge sort on (key, value) pairs */
static bool lt(pv a, pv b) {
    if (IS_SMALL(a) && IS_SMALL(b)) return (pint)a < (pint)b;
    return py_truth(py_compare(CMP_LT, a, b));
}
static void merge_sort(pv *k, pv *v, pv *tk, pv *tv, size_t n, bool rev) {
    if (n < 2) return;
    if (n <= 8) {
        for (size_t i = 1; i < n; i++) {
            pv kk = k[i], vv = v[i];
            size_t j = i;
            while (j > 0 && (rev ? lt(k[j - 1], kk) : lt(kk, k[j - 1]))) { k[j] = k[j - 1]; v[j] = v[j - 1]; j--; }
            k[j] = kk; v[j] = vv;
        }
        return;
    }
    size_t m = n / 2;
    merge_sort(k, v, tk, tv, m, rev);
    merge_sort(k + m, v + m, tk, tv, n - m, rev);
    size_t i = 0, j = m, o = 0;
    while (i < m && j < n) {
        bool takeright = rev ? lt(k[i], k[j]) : lt(k[j], k[i]);
        if (takeright) { tk[o] = k[j]; tv[o++] = v[j++]; }
        else { tk[o] = k[i]; tv[o++] = v[i++]; }
    }
    while (i < m) { tk[o] = k[i]; tv[o++] = v[i++]; }
    while (j < n) { tk[o] = k[j]; tv[o++] = v[j++]; }
    memcpy(k, tk, n * sizeof(pv));
    memcpy(v, tv, n * sizeof(pv));
}
void py_list_sort(pv lv, pv key, bool rev) {
    py_list *l = LIST(lv);
    size_t n = l->len;
    if (n < 2) return;
    pv *items = l->items;
    pv *k = gc_alloc(n * sizeof(pv), GC_PVS), *tk = gc_alloc(n * sizeof(pv), GC_PVS), *tv = gc_alloc(n * sizeof(pv), GC_PVS);
    pv *v = gc_alloc(n * sizeof(pv), GC_PVS);
    memcpy(v, items, n * sizeof(pv));
    for (size_t i = 0; i < n; i++) k[i] = key && key != PV_NONE ? py_call1(key, v[i]) : v[i];
    merge_sort(k, v, tk, tv, n, rev);
    if (l->len != n) py_raisef(&py_ValueError_type, "list modified during sort");
    memcpy(l->items, v, n * sizeof(pv));
}
static pv list_sort(int n, pv *a, pv kw) {
    if (n > 1) py_raisef(&py_TypeError_type, "sort() takes no positional arguments");
    pv key = py_kw_get(kw, Q_key), rev = py_kw_get(kw, Q_reverse);
    py_list_sort(a[0], key, rev && py_truth(rev));
    return PV_NONE;
}
static pv list_iadd_m(int n, pv *a, pv kw) { return list_binop(OP_ADD | OP_INPLACE, a[0], a[1], 0); }
static pv list_len_m(int n, pv *a, pv kw) { return MKSMALL(py_len(a[0])); }
static pv list_getitem_m(int n, pv *a, pv kw) { return list_getitem(a[0], a[1]); }
static pv list_setitem_m(int n, pv *a, pv kw) { list_setitem(a[0], a[1], a[2]); return PV_NONE; }
static pv list_init_m(int n, pv *a, pv kw) {
    LIST(a[0])->len = 0;
    if (n > 1) list_binop(OP_ADD | OP_INPLACE, a[0], a[1], 0);
    return PV_NONE;
}
static const py_builtin list_methods[] = {
    METHOD(append, list_append, 1, 1), METHOD(extend, list_extend, 1, 1), METHOD(insert, list_insert, 2, 2),
    METHOD(pop, list_pop, 0, 1), METHOD(remove, list_remove, 1, 1), METHOD(index, list_index, 1, 3),
    METHOD(count, list_count, 1, 1), METHOD(clear, list_clear, 0, 0), METHOD(copy, list_copy, 0, 0),
    METHOD(reverse, list_reverse, 0, 0), METHOD_KW(sort, list_sort, 0, 0), METHOD(__iadd__, list_iadd_m, 1, 1),
    METHOD(__len__, list_len_m, 0, 0), METHOD(__getitem__, list_getitem_m, 1, 1),
    METHOD(__setitem__, list_setitem_m, 2, 2), METHOD(__init__, list_init_m, 0, 1), METHODS_END };
const py_type py_list_type = { &py_type_type, "list", .base = &py_object_type, .methods = list_methods, .flags = TF_BASE,
    .make = list_make, .repr = list_repr, .binop = list_binop, .compare = list_compare, .getitem = list_getitem,
    .setitem = list_setitem, .iter = list_iter, .len = list_len, .contains = list_contains, .mark = list_mark };

/* ---------------- tuple ---------------- */
pv py_tuple_new(size_t n) {
    py_tuple *t = gc_alloc(sizeof(py_tuple) + n * sizeof(pv), GC_OBJ);
    t->type = &py_tuple_type;
    t->len = n;
    return (pv)t;
}
pv py_tuple_from_iter(pv it) {
    if (IS(it, py_tuple_type)) return it;
    pv l = is_list(it) ? it : py_list_from_iter(it);
    pv t = py_tuple_new(LIST(l)->len);
    memcpy(TUPLE(t)->items, LIST(l)->items, LIST(l)->len * sizeof(pv));
    return t;
}
static void tuple_mark(pv o, gc_heap *h) { py_tuple *t = TUPLE(o); for (size_t i = 0; i < t->len; i++) gc_mark(h, t->items[i]); }
static pv tuple_repr(pv o) {
    py_tuple *t = TUPLE(o);
    if (!repr_enter(o)) return py_str_cstr("(...)");
    py_buf b;
    buf_init(&b, 16);
    buf_addc(&b, '(');
    int d = py_cur->repr_depth;
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf)) { pv e = py_try_catch(&tr); py_cur->repr_depth = d - 1; py_raise(e); }
    seq_repr(&b, t->items, t->len);
    py_try_end(&tr);
    py_cur->repr_depth--;
    if (t->len == 1) buf_addc(&b, ',');
    buf_addc(&b, ')');
    return buf_str(&b);
}
static uintptr_t tuple_hash(pv o) {
    py_tuple *t = TUPLE(o);
    uintptr_t h = 0x345678;
    for (size_t i = 0; i < t->len; i++) h = (h ^ py_hash(t->items[i])) * 1000003u + i;
    return h;
}
static pv tuple_compare(int op, pv a, pv b, int side) {
    if (!is_tuple(a) || !is_tuple(b)) return PV_NULL;
    return seq_compare(op, TUPLE(a)->items, TUPLE(a)->len, TUPLE(b)->items, TUPLE(b)->len);
}
static pv tuple_binop(int op, pv a, pv b, int side) { return seq_binop(&py_tuple_type, op, a, b, side); }
static pv tuple_getitem(pv o, pv k) {
    py_tuple *t = TUPLE(o);
    if (IS(k, py_slice_type)) {
        pint a, b, st, n;
        py_slice_indices(k, (pint)t->len, &a, &b, &st, &n);
        pv r = py_tuple_new((size_t)n);
        for (pint i = 0; i < n; i++) TUPLE(r)->items[i] = t->items[a + i * st];
        return r;
    }
    if (!py_is_int(k) && !(TYPE(k)->flags & TF_USER)) py_raisef(&py_TypeError_type, "tuple indices must be integers or slices, not %s", py_type_name(TYPE(k)));
    return t->items[norm_index(py_to_index(k), (pint)t->len, "tuple")];
}
static pint tuple_len(pv o) { return (pint)TUPLE(o)->len; }
static int tuple_contains(pv o, pv x) {
    py_tuple *t = TUPLE(o);
    for (size_t i = 0; i < t->len; i++) if (py_eq(t->items[i], x)) return 1;
    return 0;
}
static pv tupleit_next(pv o) {
    seqit *it = (seqit *)o;
    if (!it->seq) return PV_NULL;
    py_tuple *t = TUPLE(it->seq);
    if (it->i < t->len) return t->items[it->i++];
    it->seq = PV_NULL;
    return PV_NULL;
}
const py_type py_tupleiter_type = { &py_type_type, "tuple_iterator", .base = &py_object_type, .iter = self_iter, .next = tupleit_next, .mark = seqit_mark };
static pv tuple_iter(pv o) { seqit *it = NEW(seqit, py_tupleiter_type); it->seq = o; return (pv)it; }
static pv tuple_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 0, 1, "tuple");
    if (!n) return py_tuple_new(0);
    pv r = py_tuple_from_iter(a[0]);
    if (t != &py_tuple_type && r == a[0]) { r = py_tuple_new(TUPLE(a[0])->len); memcpy(TUPLE(r)->items, TUPLE(a[0])->items, TUPLE(a[0])->len * sizeof(pv)); }
    return r;
}
static pv tuple_index(int n, pv *a, pv kw) { return seq_index(TUPLE(a[0])->items, TUPLE(a[0])->len, n, a, "tuple"); }
static pv tuple_count(int n, pv *a, pv kw) { return seq_count(TUPLE(a[0])->items, TUPLE(a[0])->len, a[1]); }
static pv tuple_getitem_m(int n, pv *a, pv kw) { return tuple_getitem(a[0], a[1]); }
static pv tuple_len_m(int n, pv *a, pv kw) { return MKSMALL(tuple_len(a[0])); }
static const py_builtin tuple_methods[] = {
    METHOD(index, tuple_index, 1, 3), METHOD(count, tuple_count, 1, 1), METHOD(__getitem__, tuple_getitem_m, 1, 1),
    METHOD(__len__, tuple_len_m, 0, 0), METHODS_END };
const py_type py_tuple_type = { &py_type_type, "tuple", .base = &py_object_type, .methods = tuple_methods, .flags = TF_BASE,
    .make = tuple_make, .repr = tuple_repr, .hash = tuple_hash, .binop = tuple_binop, .compare = tuple_compare,
    .getitem = tuple_getitem, .iter = tuple_iter, .len = tuple_len, .contains = tuple_contains, .mark = tuple_mark };

/* ---------------- dict ---------------- */
#define D(v) ((py_dict *)(v))
extern uint32_t py_next_dict_version(void);
static void dict_init(py_dict *d, uint32_t cap) {
    uint32_t slots = 8;
    while (slots * 2 < cap * 3) slots *= 2;
    d->cap = slots * 2 / 3;
    if (d->cap < cap) d->cap = cap;
    d->mask = slots - 1;
    d->index = gc_alloc(slots * sizeof(int32_t), GC_RAW);
    memset(d->index, 0xff, slots * sizeof(int32_t));
    d->ent = gc_alloc(d->cap * sizeof(py_dent), GC_PVS);
    d->used = d->nent = 0;
    d->version = py_next_dict_version();
}
pv py_dict_new(void) {
    /* no tables until the first key: many dicts (a module's, an instance's) stay small or empty */
    py_dict *d = NEW(py_dict, py_dict_type);
    d->version = py_next_dict_version();
    return (pv)d;
}
static inline bool key_eq(pv a, uintptr_t ha, py_dent *e) {
    if (e->key == a) return true;
    if (e->hash != ha) return false;
    return py_eq(a, e->key);
}
/* returns the index slot for key: its entry index through *ei (-1 when absent) */
static uint32_t dict_find(py_dict *d, pv key, uintptr_t h, int32_t *ei) {
    if (!d->index) { *ei = -1; return 0; }
    uint32_t mask = d->mask;
    uint32_t i = (uint32_t)h & mask;
    uintptr_t perturb = h;
    int32_t free_slot = -1;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == -1) {
            *ei = -1;
            return free_slot >= 0 ? (uint32_t)free_slot : i;
        }
        if (ix == -2) { if (free_slot < 0) free_slot = (int32_t)i; }
        else if (key_eq(key, h, &d->ent[ix])) { *ei = ix; return i; }
        perturb >>= 5;
        i = (uint32_t)((i * 5 + 1 + perturb) & mask);
    }
}
static void dict_resize(py_dict *d, uint32_t want) {
    py_dent *old = d->ent;
    uint32_t n = d->nent;
    dict_init(d, want);
    for (uint32_t i = 0; i < n; i++) {
        if (!old[i].key) continue;
        int32_t ei;
        uint32_t slot = dict_find(d, old[i].key, old[i].hash, &ei);
        d->index[slot] = (int32_t)d->nent;
        d->ent[d->nent++] = old[i];
        d->used++;
    }
}
pv py_dict_get_hinted(pv dv, pv key, uint32_t *hint) {
    py_dict *d = D(dv);
    int32_t ei;
    dict_find(d, key, py_hash(key), &ei);
    if (ei < 0) return PV_NULL;
    *hint = (uint32_t)ei;
    return d->ent[ei].value;
}
pv py_dict_get(pv dv, pv key) {
    py_dict *d = D(dv);
    if (!d->used) { py_hash(key); return PV_NULL; }
    int32_t ei;
    dict_find(d, key, py_hash(key), &ei);
    return ei < 0 ? PV_NULL : d->ent[ei].value;
}
pv py_dict_get_str(pv d, const char *k) { return py_dict_get(d, py_intern(k, strlen(k))); }
void py_dict_set(pv dv, pv key, pv value) {
    py_dict *d = D(dv);
    uintptr_t h = py_hash(key);
    int32_t ei;
    uint32_t slot = dict_find(d, key, h, &ei);
    if (ei >= 0) { d->ent[ei].value = value; return; }
    if (d->nent >= d->cap) {
        /* twice the live keys: a full table of S slots holds 2S/3 keys, so the new one has 2S
         * slots (the index doubles); one key more would make it 4S for no key more */
        dict_resize(d, d->used ? d->used * 2 : 5);
        slot = dict_find(d, key, h, &ei);
    }
    d->index[slot] = (int32_t)d->nent;
    d->ent[d->nent].hash = h;
    d->ent[d->nent].key = key;
    d->ent[d->nent].value = value;
    d->nent++;
    d->used++;
    d->version = py_next_dict_version();
}
bool py_dict_del(pv dv, pv key) {
    py_dict *d = D(dv);
    int32_t ei;
    uint32_t slot = dict_find(d, key, py_hash(key), &ei);
    if (ei < 0) return false;
    d->index[slot] = -2;
    d->ent[ei].key = PV_NULL;
    d->ent[ei].value = PV_NULL;
    d->used--;
    d->version = py_next_dict_version();
    /* trailing deleted entries can be reused at once */
    while (d->nent > 0 && !d->ent[d->nent - 1].key && d->used < d->nent) {
        /* the index still points at it as deleted (-2): safe to keep nent */
        break;
    }
    return true;
}
static void dict_mark(pv o, gc_heap *h) { gc_mark_ptr(h, D(o)->index); gc_mark_ptr(h, D(o)->ent); }
static pv dict_repr(pv o) {
    py_dict *d = D(o);
    if (!repr_enter(o)) return py_str_cstr("{...}");
    py_buf b;
    buf_init(&b, 16);
    buf_addc(&b, '{');
    int dd = py_cur->repr_depth;
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) { pv e = py_try_catch(&t); py_cur->repr_depth = dd - 1; py_raise(e); }
    bool first = true;
    for (uint32_t i = 0; i < d->nent; i++) {
        if (!d->ent[i].key) continue;
        if (!first) buf_adds(&b, ", ");
        first = false;
        buf_addv(&b, py_repr(d->ent[i].key));
        buf_adds(&b, ": ");
        buf_addv(&b, py_repr(d->ent[i].value));
    }
    py_try_end(&t);
    py_cur->repr_depth--;
    buf_addc(&b, '}');
    return buf_str(&b);
}
static bool is_dict(pv v) { return IS(v, py_dict_type) || (!IS_SMALL(v) && TYPE(v)->flags & TF_USER && py_issubtype(TYPE(v), &py_dict_type)); }
static pv dict_getitem(pv o, pv k) {
    pv v = py_dict_get(o, k);
    if (v) return v;
    py_raise(py_exc_new(&py_KeyError_type, k));
}
static void dict_setitem(pv o, pv k, pv v) {
    if (v) py_dict_set(o, k, v);
    else if (!py_dict_del(o, k)) py_raise(py_exc_new(&py_KeyError_type, k));
}
static pint dict_len(pv o) { return D(o)->used; }
static int dict_contains(pv o, pv k) { return py_dict_get(o, k) != PV_NULL; }
static pv dict_compare(int op, pv a, pv b, int side) {
    if (op != CMP_EQ && op != CMP_NE) return PV_NULL;
    if (!is_dict(a) || !is_dict(b)) return PV_NULL;
    bool eq = D(a)->used == D(b)->used;
    for (uint32_t i = 0; eq && i < D(a)->nent; i++) {
        if (!D(a)->ent[i].key) continue;
        pv v = py_dict_get(b, D(a)->ent[i].key);
        if (!v || !py_eq(v, D(a)->ent[i].value)) eq = false;
    }
    return PV_BOOL(op == CMP_EQ ? eq : !eq);
}
typedef struct { const py_type *type; pv d; uint32_t i; uint32_t used; int kind; } dictit;
static void dictit_mark(pv o, gc_heap *h) { gc_mark(h, ((dictit *)o)->d); }
static pv dictit_next(pv o) {
    dictit *it = (dictit *)o;
    py_dict *d = D(it->d);
    if (d->used != it->used) { it->used = d->used; py_raisef(&py_RuntimeError_type, "dictionary changed size during iteration"); }
    while (it->i < d->nent && !d->ent[it->i].key) it->i++;
    if (it->i >= d->nent) return PV_NULL;
    py_dent *e = &d->ent[it->i++];
    if (it->kind == 0) return e->key;
    if (it->kind == 1) return e->value;
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = e->key;
    TUPLE(t)->items[1] = e->value;
    return t;
}
const py_type py_dictiter_type = { &py_type_type, "dict_keyiterator", .base = &py_object_type, .iter = self_iter, .next = dictit_next, .mark = dictit_mark };
static pv dict_iter_kind(pv o, int kind) {
    dictit *it = NEW(dictit, py_dictiter_type);
    it->d = o;
    it->kind = kind;
    it->used = D(o)->used;
    return (pv)it;
}
static pv dict_iter(pv o) { return dict_iter_kind(o, 0); }

/* views */
typedef struct { const py_type *type; pv d; int kind; } dictview;
static void view_mark(pv o, gc_heap *h) { gc_mark(h, ((dictview *)o)->d); }
static pv view_iter(pv o) { return dict_iter_kind(((dictview *)o)->d, ((dictview *)o)->kind); }
static pint view_len(pv o) { return D(((dictview *)o)->d)->used; }
static pv view_repr(pv o) {
    dictview *v = (dictview *)o;
    static const char *const names[] = { "dict_keys", "dict_values", "dict_items" };
    pv l = py_list_from_iter(o);
    return py_strf("%s(%s)", names[v->kind], py_str_data(py_repr(l)));
}
static int view_contains(pv o, pv x) {
    dictview *v = (dictview *)o;
    if (v->kind == 0) return py_dict_get(v->d, x) != PV_NULL;
    if (v->kind == 2) {
        if (!IS(x, py_tuple_type) || TUPLE(x)->len != 2) return 0;
        pv val = py_dict_get(v->d, TUPLE(x)->items[0]);
        return val && py_eq(val, TUPLE(x)->items[1]);
    }
    pv it = view_iter(o), e;
    while ((e = py_next(it))) if (py_eq(e, x)) return 1;
    return 0;
}
extern pv py_set_binop_any(int op, pv a, pv b);
static pv view_binop(int op, pv a, pv b, int side) {
    int o = op & 15;
    if (o != OP_AND && o != OP_OR && o != OP_SUB && o != OP_XOR) return PV_NULL;
    pv sa = py_set_new(&py_set_type), sb = py_set_new(&py_set_type);
    pv it = py_iter(a), x;
    while ((x = py_next(it))) py_set_add(sa, x);
    it = py_iter(b);
    while ((x = py_next(it))) py_set_add(sb, x);
    return py_binop(o, sa, sb);
}
bool py_is_dictview(pv v);
static pv view_compare(int op, pv a, pv b, int side) {
    if (op != CMP_EQ && op != CMP_NE) return PV_NULL;
    if (!py_is_dictview(a) || !py_is_dictview(b)) {
        if (IS(b, py_set_type) || IS(a, py_set_type)) {
            pv sa = py_set_new(&py_set_type), sb = py_set_new(&py_set_type), x, it = py_iter(a);
            while ((x = py_next(it))) py_set_add(sa, x);
            it = py_iter(b);
            while ((x = py_next(it))) py_set_add(sb, x);
            return py_compare(op, sa, sb);
        }
        return PV_NULL;
    }
    if (((dictview *)a)->kind == 1) return PV_BOOL(op == CMP_NE ? a != b : a == b);
    pv sa = py_set_new(&py_set_type), sb = py_set_new(&py_set_type), x, it = py_iter(a);
    while ((x = py_next(it))) py_set_add(sa, x);
    it = py_iter(b);
    while ((x = py_next(it))) py_set_add(sb, x);
    return py_compare(op, sa, sb);
}
const py_type py_dictview_type = { &py_type_type, "dict_view", .base = &py_object_type, .repr = view_repr,
    .binop = view_binop, .compare = view_compare, .iter = view_iter, .len = view_len, .contains = view_contains, .mark = view_mark };
static const py_type dict_keys_type = { &py_type_type, "dict_keys", .base = &py_object_type, .repr = view_repr,
    .binop = view_binop, .compare = view_compare, .iter = view_iter, .len = view_len, .contains = view_contains, .mark = view_mark };
static const py_type dict_values_type = { &py_type_type, "dict_values", .base = &py_object_type, .repr = view_repr,
    .compare = view_compare, .iter = view_iter, .len = view_len, .contains = view_contains, .mark = view_mark };
static const py_type dict_items_type = { &py_type_type, "dict_items", .base = &py_object_type, .repr = view_repr,
    .binop = view_binop, .compare = view_compare, .iter = view_iter, .len = view_len, .contains = view_contains, .mark = view_mark };
bool py_is_dictview(pv v) { return IS(v, dict_keys_type) || IS(v, dict_values_type) || IS(v, dict_items_type); }
static pv mkview(pv d, int kind) {
    dictview *v = py_new_obj(sizeof(dictview), kind == 0 ? &dict_keys_type : kind == 1 ? &dict_values_type : &dict_items_type);
    v->d = d;
    v->kind = kind;
    return (pv)v;
}

static void dict_update_from(pv d, pv src) {
    if (is_dict(src)) {
        py_dict *s = D(src);
        for (uint32_t i = 0; i < s->nent; i++) if (s->ent[i].key) py_dict_set(d, s->ent[i].key, s->ent[i].value);
        return;
    }
    pv keys = py_getattr_opt(src, QS(keys));
    if (keys) {
        pv it = py_iter(py_call0(keys)), k;
        while ((k = py_next(it))) py_dict_set(d, k, py_getitem(src, k));
        return;
    }
    pv it = py_iter(src), item;
    size_t idx = 0;
    while ((item = py_next(it))) {
        pv l = py_list_from_iter(item);
        if (LIST(l)->len != 2) py_raisef(&py_ValueError_type, "dictionary update sequence element #%d has length %d; 2 is required", (int)idx, (int)LIST(l)->len);
        py_dict_set(d, LIST(l)->items[0], LIST(l)->items[1]);
        idx++;
    }
}
static pv dict_make(const py_type *t, int n, pv *a, pv kw) {
    if (n > 1) py_raisef(&py_TypeError_type, "dict expected at most 1 argument, got %d", n);
    pv d = py_dict_new();
    if (n) dict_update_from(d, a[0]);
    if (kw) dict_update_from(d, kw);
    return d;
}
static pv dict_keys(int n, pv *a, pv kw) { return mkview(a[0], 0); }
static pv dict_values(int n, pv *a, pv kw) { return mkview(a[0], 1); }
static pv dict_items(int n, pv *a, pv kw) { return mkview(a[0], 2); }
static pv dict_get_m(int n, pv *a, pv kw) {
    pv v = py_dict_get(a[0], a[1]);
    return v ? v : n > 2 ? a[2] : PV_NONE;
}
static pv dict_pop(int n, pv *a, pv kw) {
    pv v = py_dict_get(a[0], a[1]);
    if (v) { py_dict_del(a[0], a[1]); return v; }
    if (n > 2) return a[2];
    py_raise(py_exc_new(&py_KeyError_type, a[1]));
}
static pv dict_popitem(int n, pv *a, pv kw) {
    py_dict *d = D(a[0]);
    for (uint32_t i = d->nent; i-- > 0;) if (d->ent[i].key) {
        pv t = py_tuple_new(2);
        TUPLE(t)->items[0] = d->ent[i].key;
        TUPLE(t)->items[1] = d->ent[i].value;
        py_dict_del(a[0], d->ent[i].key);
        d->nent = i;
        return t;
    }
    py_raise(py_exc_new(&py_KeyError_type, py_str_cstr("popitem(): dictionary is empty")));
}
static pv dict_setdefault(int n, pv *a, pv kw) {
    pv v = py_dict_get(a[0], a[1]);
    if (v) return v;
    v = n > 2 ? a[2] : PV_NONE;
    py_dict_set(a[0], a[1], v);
    return v;
}
static pv dict_update(int n, pv *a, pv kw) {
    if (n > 1) dict_update_from(a[0], a[1]);
    if (kw) dict_update_from(a[0], kw);
    return PV_NONE;
}
static pv dict_clear(int n, pv *a, pv kw) { dict_init(D(a[0]), 5); return PV_NONE; }
static pv dict_copy(int n, pv *a, pv kw) { pv d = py_dict_new(); dict_update_from(d, a[0]); return d; }
static pv dict_fromkeys(int n, pv *a, pv kw) {
    pv d = py_dict_new();
    pv it = py_iter(a[1]), k;
    while ((k = py_next(it))) py_dict_set(d, k, n > 2 ? a[2] : PV_NONE);
    return d;
}
static pv dict_binop(int op, pv a, pv b, int side) {
    if ((op & 15) != OP_OR || !is_dict(a) || !is_dict(b)) return PV_NULL;
    if (op & OP_INPLACE) { dict_update_from(a, b); return a; }
    pv d = py_dict_new();
    dict_update_from(d, a);
    dict_update_from(d, b);
    return d;
}
static pv dict_getitem_m(int n, pv *a, pv kw) { return dict_getitem(a[0], a[1]); }
static pv dict_setitem_m(int n, pv *a, pv kw) { py_dict_set(a[0], a[1], a[2]); return PV_NONE; }
static pv dict_contains_m(int n, pv *a, pv kw) { return PV_BOOL(dict_contains(a[0], a[1])); }
static pv dict_init_m(int n, pv *a, pv kw) { dict_update(n, a, kw); return PV_NONE; }
static pv dict_delitem_m(int n, pv *a, pv kw) { dict_setitem(a[0], a[1], PV_NULL); return PV_NONE; }
static const py_builtin dict_methods[] = {
    METHOD(keys, dict_keys, 0, 0), METHOD(values, dict_values, 0, 0), METHOD(items, dict_items, 0, 0),
    METHOD(get, dict_get_m, 1, 2), METHOD(pop, dict_pop, 1, 2), METHOD(popitem, dict_popitem, 0, 0),
    METHOD(setdefault, dict_setdefault, 1, 2), METHOD_KW(update, dict_update, 0, 1), METHOD(clear, dict_clear, 0, 0),
    METHOD(copy, dict_copy, 0, 0), METHOD_F(fromkeys, M_CLASS, dict_fromkeys, 1, 2),
    METHOD(__getitem__, dict_getitem_m, 1, 1), METHOD(__setitem__, dict_setitem_m, 2, 2),
    METHOD(__contains__, dict_contains_m, 1, 1), METHOD_KW(__init__, dict_init_m, 0, 1),
    METHOD(__delitem__, dict_delitem_m, 1, 1), METHODS_END };
const py_type py_dict_type = { &py_type_type, "dict", .base = &py_object_type, .methods = dict_methods, .flags = TF_BASE | TF_KW,
    .make = dict_make, .repr = dict_repr, .binop = dict_binop, .compare = dict_compare, .getitem = dict_getitem,
    .setitem = dict_setitem, .iter = dict_iter, .len = dict_len, .contains = dict_contains, .mark = dict_mark };

/* ---------------- set, frozenset: a dict with the key as its value ---------------- */
typedef struct { const py_type *type; pv d; } py_set;
#define SETD(v) (((py_set *)(v))->d)
static bool is_set(pv v) { return !IS_SMALL(v) && (TYPE(v) == &py_set_type || TYPE(v) == &py_frozenset_type || (TYPE(v)->flags & TF_USER && (py_issubtype(TYPE(v), &py_set_type) || py_issubtype(TYPE(v), &py_frozenset_type)))); }
/* frozen: a frozenset or a subclass's instance, never changed in place */
static bool is_frozen(pv v) {
    const py_type *t = TYPE(v);
    return t == &py_frozenset_type || (t->flags & TF_USER && py_issubtype(t, &py_frozenset_type));
}
/* the builtin type of the sets an operation on v makes, as CPython's: a subclass's is its base */
static const py_type *set_kind(pv v) { return is_frozen(v) ? &py_frozenset_type : &py_set_type; }
pv py_set_new(const py_type *t) {
    py_set *s = NEW(py_set, *t);
    s->d = py_dict_new();
    return (pv)s;
}
void py_set_add(pv s, pv v) { py_dict_set(SETD(s), v, v); }
static void set_mark(pv o, gc_heap *h) { gc_mark(h, SETD(o)); }
static pv set_repr(pv o) {
    /* a frozenset or a subclass's instance shows its class around the items */
    bool wrapped = TYPE(o) != &py_set_type;
    py_dict *d = D(SETD(o));
    if (!d->used) return wrapped ? py_strf("%s()", py_type_name(TYPE(o))) : py_str_cstr("set()");
    if (!repr_enter(o)) return py_strf("%s(...)", py_type_name(TYPE(o)));
    py_buf b;
    buf_init(&b, 16);
    if (wrapped) { buf_adds(&b, py_type_name(TYPE(o))); buf_addc(&b, '('); }
    buf_addc(&b, '{');
    bool first = true;
    for (uint32_t i = 0; i < d->nent; i++) {
        if (!d->ent[i].key) continue;
        if (!first) buf_adds(&b, ", ");
        first = false;
        buf_addv(&b, py_repr(d->ent[i].key));
    }
    py_cur->repr_depth--;
    buf_addc(&b, '}');
    if (wrapped) buf_addc(&b, ')');
    return buf_str(&b);
}
static pint set_len(pv o) { return D(SETD(o))->used; }
static int set_contains(pv o, pv x) {
    if (is_set(x) && TYPE(x) != &py_frozenset_type) {
        /* a set as a key is looked up as the frozenset it equals */
        pv f = py_set_new(&py_frozenset_type);
        SETD(f) = SETD(x);
        x = f;
    }
    return py_dict_get(SETD(o), x) != PV_NULL;
}
static pv set_iter(pv o) { return dict_iter_kind(SETD(o), 0); }
static pv set_from(const py_type *t, pv it) {
    pv s = py_set_new(t);
    if (it) { pv i = py_iter(it), v; while ((v = py_next(i))) py_set_add(s, v); }
    return s;
}
static pv set_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 0, 1, t->cname);
    return set_from(t, n ? a[0] : PV_NULL);
}
static uintptr_t frozenset_hash(pv o) {
    py_dict *d = D(SETD(o));
    uintptr_t h = 1927868237u;
    for (uint32_t i = 0; i < d->nent; i++) if (d->ent[i].key) h ^= (d->ent[i].hash ^ (d->ent[i].hash << 16) ^ 89869747u) * 3644798167u;
    return h;
}
static bool subset(pv a, pv b) {
    py_dict *d = D(SETD(a));
    if (d->used > D(SETD(b))->used) return false;
    for (uint32_t i = 0; i < d->nent; i++) if (d->ent[i].key && !py_dict_get(SETD(b), d->ent[i].key)) return false;
    return true;
}
static pv set_compare(int op, pv a, pv b, int side) {
    if (!is_set(a) || !is_set(b)) return PV_NULL;
    switch (op) {
    case CMP_EQ: return PV_BOOL(set_len(a) == set_len(b) && subset(a, b));
    case CMP_NE: return PV_BOOL(!(set_len(a) == set_len(b) && subset(a, b)));
    case CMP_LE: return PV_BOOL(subset(a, b));
    case CMP_LT: return PV_BOOL(set_len(a) < set_len(b) && subset(a, b));
    case CMP_GE: return PV_BOOL(subset(b, a));
    case CMP_GT: return PV_BOOL(set_len(a) > set_len(b) && subset(b, a));
    }
    return PV_NULL;
}
static pv set_op(int o, pv a, pv b, const py_type *rt) {
    pv r = py_set_new(rt);
    py_dict *da = D(SETD(a)), *db = D(SETD(b));
    switch (o) {
    case OP_OR:
        for (uint32_t i = 0; i < da->nent; i++) if (da->ent[i].key) py_set_add(r, da->ent[i].key);
        for (uint32_t i = 0; i < db->nent; i++) if (db->ent[i].key) py_set_add(r, db->ent[i].key);
        break;
    case OP_AND:
        for (uint32_t i = 0; i < da->nent; i++) if (da->ent[i].key && py_dict_get(SETD(b), da->ent[i].key)) py_set_add(r, da->ent[i].key);
        break;
    case OP_SUB:
        for (uint32_t i = 0; i < da->nent; i++) if (da->ent[i].key && !py_dict_get(SETD(b), da->ent[i].key)) py_set_add(r, da->ent[i].key);
        break;
    case OP_XOR:
        for (uint32_t i = 0; i < da->nent; i++) if (da->ent[i].key && !py_dict_get(SETD(b), da->ent[i].key)) py_set_add(r, da->ent[i].key);
        for (uint32_t i = 0; i < db->nent; i++) if (db->ent[i].key && !py_dict_get(SETD(a), db->ent[i].key)) py_set_add(r, db->ent[i].key);
        break;
    }
    return r;
}
static pv set_binop(int op, pv a, pv b, int side) {
    int o = op & 15;
    if (o != OP_OR && o != OP_AND && o != OP_SUB && o != OP_XOR) return PV_NULL;
    if (!is_set(a) || !is_set(b)) return PV_NULL;
    pv r = set_op(o, a, b, set_kind(a));
    if ((op & OP_INPLACE) && !is_frozen(a)) { SETD(a) = SETD(r); return a; }
    return r;
}
static pv as_set(pv v) { return is_set(v) ? v : set_from(&py_set_type, v); }
static pv set_add_m(int n, pv *a, pv kw) { py_set_add(a[0], a[1]); return PV_NONE; }
static pv set_discard(int n, pv *a, pv kw) { py_dict_del(SETD(a[0]), a[1]); return PV_NONE; }
static pv set_remove(int n, pv *a, pv kw) { if (!py_dict_del(SETD(a[0]), a[1])) py_raise(py_exc_new(&py_KeyError_type, a[1])); return PV_NONE; }
static pv set_pop(int n, pv *a, pv kw) {
    py_dict *d = D(SETD(a[0]));
    for (uint32_t i = 0; i < d->nent; i++) if (d->ent[i].key) { pv k = d->ent[i].key; py_dict_del(SETD(a[0]), k); return k; }
    py_raise(py_exc_new(&py_KeyError_type, py_str_cstr("pop from an empty set")));
}
static pv set_clear(int n, pv *a, pv kw) { SETD(a[0]) = py_dict_new(); return PV_NONE; }
static pv set_copy(int n, pv *a, pv kw) { pv r = set_from(set_kind(a[0]), PV_NULL); dict_update_from(SETD(r), SETD(a[0])); return r; }
static pv multi(int o, int n, pv *a, bool update) {
    pv r = update ? a[0] : set_copy(1, a, PV_NULL);
    for (int i = 1; i < n; i++) {
        pv x = set_op(o, r, as_set(a[i]), set_kind(a[0]));
        if (update) SETD(r) = SETD(x); else r = x;
    }
    return update ? PV_NONE : r;
}
static pv set_union(int n, pv *a, pv kw) { return multi(OP_OR, n, a, false); }
static pv set_intersection(int n, pv *a, pv kw) { return multi(OP_AND, n, a, false); }
static pv set_difference(int n, pv *a, pv kw) { return multi(OP_SUB, n, a, false); }
static pv set_symdiff(int n, pv *a, pv kw) { return multi(OP_XOR, n, a, false); }
static pv set_update(int n, pv *a, pv kw) { return multi(OP_OR, n, a, true); }
static pv set_iupdate(int n, pv *a, pv kw) { return multi(OP_AND, n, a, true); }
static pv set_dupdate(int n, pv *a, pv kw) { return multi(OP_SUB, n, a, true); }
static pv set_xupdate(int n, pv *a, pv kw) { return multi(OP_XOR, n, a, true); }
static pv set_issubset(int n, pv *a, pv kw) { return PV_BOOL(subset(a[0], as_set(a[1]))); }
static pv set_issuperset(int n, pv *a, pv kw) { return PV_BOOL(subset(as_set(a[1]), a[0])); }
static pv set_isdisjoint(int n, pv *a, pv kw) { return PV_BOOL(set_len(set_op(OP_AND, a[0], as_set(a[1]), &py_set_type)) == 0); }
/* set.__init__ refills: a subclass whose __new__ makes an empty set gets its items here */
static pv set_init_m(int n, pv *a, pv kw) {
    set_clear(1, a, kw);
    return n > 1 ? set_update(n, a, kw) : PV_NONE;
}
static const py_builtin set_methods[] = {
    METHOD(add, set_add_m, 1, 1), METHOD(discard, set_discard, 1, 1), METHOD(remove, set_remove, 1, 1),
    METHOD(pop, set_pop, 0, 0), METHOD(clear, set_clear, 0, 0), METHOD(copy, set_copy, 0, 0),
    METHOD(union, set_union, 0, ANY), METHOD(intersection, set_intersection, 0, ANY),
    METHOD(difference, set_difference, 0, ANY), METHOD(symmetric_difference, set_symdiff, 1, 1),
    METHOD(update, set_update, 0, ANY), METHOD(intersection_update, set_iupdate, 0, ANY),
    METHOD(difference_update, set_dupdate, 0, ANY), METHOD(symmetric_difference_update, set_xupdate, 1, 1),
    METHOD(issubset, set_issubset, 1, 1), METHOD(issuperset, set_issuperset, 1, 1),
    METHOD(isdisjoint, set_isdisjoint, 1, 1), METHOD(__init__, set_init_m, 0, 1), METHODS_END };
static const py_builtin frozenset_methods[] = {
    METHOD(copy, set_copy, 0, 0), METHOD(union, set_union, 0, ANY), METHOD(intersection, set_intersection, 0, ANY),
    METHOD(difference, set_difference, 0, ANY), METHOD(symmetric_difference, set_symdiff, 1, 1),
    METHOD(issubset, set_issubset, 1, 1), METHOD(issuperset, set_issuperset, 1, 1),
    METHOD(isdisjoint, set_isdisjoint, 1, 1), METHODS_END };
const py_type py_set_type = { &py_type_type, "set", .base = &py_object_type, .methods = set_methods, .flags = TF_BASE,
    .make = set_make, .repr = set_repr, .binop = set_binop, .compare = set_compare, .iter = set_iter, .len = set_len,
    .contains = set_contains, .mark = set_mark };
const py_type py_frozenset_type = { &py_type_type, "frozenset", .base = &py_object_type, .methods = frozenset_methods, .flags = TF_BASE,
    .make = set_make, .repr = set_repr, .hash = frozenset_hash, .binop = set_binop, .compare = set_compare, .iter = set_iter,
    .len = set_len, .contains = set_contains, .mark = set_mark };

/* ---------------- range ---------------- */
pv py_range_new(int64_t a, int64_t b, int64_t c) {
    py_range *r = NEW(py_range, py_range_type);
    r->start = a; r->stop = b; r->step = c;
    return (pv)r;
}
/* Range arithmetic is done unsigned, where it wraps: lengths up to 2**64 - 1 and the distances
 * between items fit there, even where a signed intermediate would overflow. */
typedef uint64_t ruint;
static ruint step_size(const py_range *r) { return r->step > 0 ? (ruint)r->step : 0 - (ruint)r->step; }
static ruint range_size(const py_range *r) {
    if (r->step > 0 ? r->stop <= r->start : r->start <= r->stop) return 0;
    ruint span = r->step > 0 ? (ruint)r->stop - (ruint)r->start : (ruint)r->start - (ruint)r->stop;
    return (span - 1) / step_size(r) + 1;
}
static int64_t range_item(const py_range *r, ruint i) { return (int64_t)((ruint)r->start + i * (ruint)r->step); }
static pint range_len(pv o) {
    ruint n = range_size((py_range *)o);
    if (n > (ruint)INTPTR_MAX) py_raisef(&py_OverflowError_type, "Python int too large to convert to C ssize_t");
    return (pint)n;
}
/* a bound: an int as 64 bits, or what __index__ gives */
static int64_t range_arg(pv v) { return py_is_int(v) ? py_int_val(v) : py_to_index(v); }
static pv range_make(const py_type *t, int n, pv *a, pv kw) {
    if (n < 1 || n > 3) py_raisef(&py_TypeError_type, n ? "range expected at most 3 arguments, got %d" : "range expected at least 1 argument, got %d", n);
    int64_t s = 0, e, st = 1;
    if (n == 1) e = range_arg(a[0]);
    else { s = range_arg(a[0]); e = range_arg(a[1]); if (n == 3) st = range_arg(a[2]); }
    if (st == 0) py_raisef(&py_ValueError_type, "range() arg 3 must not be zero");
    return py_range_new(s, e, st);
}
static pv range_repr(pv o) {
    py_range *r = (py_range *)o;
    pv start = py_repr(py_new_int(r->start)), stop = py_repr(py_new_int(r->stop));
    if (r->step == 1) return py_strf("range(%s, %s)", py_str_data(start), py_str_data(stop));
    return py_strf("range(%s, %s, %s)", py_str_data(start), py_str_data(stop), py_str_data(py_repr(py_new_int(r->step))));
}
static pv range_getitem(pv o, pv k) {
    py_range *r = (py_range *)o;
    if (IS(k, py_slice_type)) {
        pint a, b, st, cnt;
        py_slice_indices(k, range_len(o), &a, &b, &st, &cnt);
        (void)cnt;
        return py_range_new(range_item(r, (ruint)a), range_item(r, (ruint)b), (int64_t)((ruint)st * (ruint)r->step));
    }
    ruint size = range_size(r);
    pint i = py_to_index(k);
    ruint u = i < 0 ? size - (0 - (ruint)i) : (ruint)i;
    if (i < 0 ? 0 - (ruint)i > size : u >= size) py_raisef(&py_IndexError_type, "range object index out of range");
    return py_new_int(range_item(r, u));
}
typedef py_rangeit rangeit;
static pv rangeit_next(pv o) {
    rangeit *it = (rangeit *)o;
    if (!it->left) return PV_NULL;
    it->left--;
    int64_t v = it->cur;
    it->cur = (int64_t)((ruint)v + (ruint)it->step);
    return py_new_int(v);
}
const py_type py_rangeiter_type = { &py_type_type, "range_iterator", .base = &py_object_type, .iter = self_iter, .next = rangeit_next };
static pv range_iter(pv o) {
    py_range *r = (py_range *)o;
    rangeit *it = NEW(rangeit, py_rangeiter_type);
    it->cur = r->start; it->step = r->step; it->left = range_size(r);
    return (pv)it;
}
static int range_contains(pv o, pv x) {
    py_range *r = (py_range *)o;
    if (!py_is_int(x)) {
        pv it = range_iter(o), v;
        while ((v = py_next(it))) if (py_eq(v, x)) return 1;
        return 0;
    }
    int64_t v = py_int_val(x);
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return 0;
    ruint dist = r->step > 0 ? (ruint)v - (ruint)r->start : (ruint)r->start - (ruint)v;
    return dist % step_size(r) == 0;
}
static pv range_compare(int op, pv a, pv b, int side) {
    if ((op != CMP_EQ && op != CMP_NE) || !IS(a, py_range_type) || !IS(b, py_range_type)) return PV_NULL;
    py_range *x = (py_range *)a, *y = (py_range *)b;
    pint nx = range_len(a), ny = range_len(b);
    bool eq = nx == ny && (nx == 0 || (x->start == y->start && (nx == 1 || x->step == y->step)));
    return PV_BOOL(op == CMP_EQ ? eq : !eq);
}
static pv range_getattr(pv o, pv name) {
    py_range *r = (py_range *)o;
    if (name == QS(start)) return py_new_int(r->start);
    if (name == QS(stop)) return py_new_int(r->stop);
    if (name == QS(step)) return py_new_int(r->step);
    return PV_NULL;
}
static pv range_index(int n, pv *a, pv kw) {
    if (!range_contains(a[0], a[1])) py_raisef(&py_ValueError_type, "%s is not in range", py_str_data(py_repr(a[1])));
    py_range *r = (py_range *)a[0];
    int64_t v = py_int_val(a[1]);
    ruint dist = r->step > 0 ? (ruint)v - (ruint)r->start : (ruint)r->start - (ruint)v;
    return py_new_int((int64_t)(dist / step_size(r)));
}
static pv range_count(int n, pv *a, pv kw) { return MKSMALL(range_contains(a[0], a[1])); }
static const py_builtin range_methods[] = {
    METHOD(index, range_index, 1, 1), METHOD(count, range_count, 1, 1), METHODS_END };
static uintptr_t range_hash(pv o) {
    py_range *r = (py_range *)o;
    pint n = range_len(o);
    pv t = py_tuple_new(3);
    TUPLE(t)->items[0] = MKSMALL(n);
    TUPLE(t)->items[1] = n ? py_new_int(r->start) : PV_NONE;
    TUPLE(t)->items[2] = n > 1 ? py_new_int(r->step) : PV_NONE;
    return py_hash(t);
}
const py_type py_range_type = { &py_type_type, "range", .base = &py_object_type, .methods = range_methods, .hash = range_hash,
    .make = range_make, .repr = range_repr, .compare = range_compare, .getitem = range_getitem, .iter = range_iter,
    .getattr = range_getattr, .len = range_len, .contains = range_contains };

/* ---------------- slice ---------------- */
pv py_slice_new(pv a, pv b, pv c) {
    py_slice *s = NEW(py_slice, py_slice_type);
    s->start = a; s->stop = b; s->step = c;
    return (pv)s;
}
/* A slice's start, stop or step: an int too large for an index stands for the nearest end,
 * as in CPython ('abc'[-2**70:2**70] is 'abc'). */
static pint slice_bound(pv v) {
    if (IS(v, py_long_type)) {
        if (py_truth(py_compare(CMP_GT, v, py_new_int(INTPTR_MAX)))) return INTPTR_MAX;
        if (py_truth(py_compare(CMP_LT, v, py_new_int(INTPTR_MIN)))) return INTPTR_MIN;
    }
    return py_to_index(v);
}
void py_slice_indices(pv slv, pint len, pint *start, pint *stop, pint *step, pint *n) {
    py_slice *s = (py_slice *)slv;
    pint st = s->step == PV_NONE ? 1 : slice_bound(s->step);
    if (st == 0) py_raisef(&py_ValueError_type, "slice step cannot be zero");
    if (st == INTPTR_MIN) st = -INTPTR_MAX;      /* so that it can be negated */
    pint a, b;
    if (s->start == PV_NONE) a = st > 0 ? 0 : len - 1;
    else {
        a = slice_bound(s->start);
        if (a < 0) { a += len; if (a < 0) a = st > 0 ? 0 : -1; }
        else if (a >= len) a = st > 0 ? len : len - 1;
    }
    if (s->stop == PV_NONE) b = st > 0 ? len : -1;
    else {
        b = slice_bound(s->stop);
        if (b < 0) { b += len; if (b < 0) b = st > 0 ? 0 : -1; }
        else if (b >= len) b = st > 0 ? len : len - 1;
    }
    pint cnt;
    if (st > 0) cnt = b > a ? (b - a - 1) / st + 1 : 0;
    else cnt = a > b ? (a - b - 1) / -st + 1 : 0;
    *start = a; *stop = b; *step = st; *n = cnt;
}
static void slice_mark(pv o, gc_heap *h) { py_slice *s = (py_slice *)o; gc_mark(h, s->start); gc_mark(h, s->stop); gc_mark(h, s->step); }
static pv slice_repr(pv o) {
    py_slice *s = (py_slice *)o;
    return py_strf("slice(%s, %s, %s)", py_str_data(py_repr(s->start)), py_str_data(py_repr(s->stop)), py_str_data(py_repr(s->step)));
}
static pv slice_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 1, 3, "slice");
    if (n == 1) return py_slice_new(PV_NONE, a[0], PV_NONE);
    return py_slice_new(a[0], a[1], n > 2 ? a[2] : PV_NONE);
}
static pv slice_getattr(pv o, pv name) {
    py_slice *s = (py_slice *)o;
    if (name == QS(start)) return s->start;
    if (name == QS(stop)) return s->stop;
    if (name == QS(step)) return s->step;
    return PV_NULL;
}
static pv slice_compare(int op, pv a, pv b, int side) {
    if ((op != CMP_EQ && op != CMP_NE) || !IS(a, py_slice_type) || !IS(b, py_slice_type)) return PV_NULL;
    py_slice *x = (py_slice *)a, *y = (py_slice *)b;
    bool eq = py_eq(x->start, y->start) && py_eq(x->stop, y->stop) && py_eq(x->step, y->step);
    return PV_BOOL(op == CMP_EQ ? eq : !eq);
}
static pv slice_indices_m(int n, pv *a, pv kw) {
    pint s, e, st, cnt;
    py_slice_indices(a[0], py_to_index(a[1]), &s, &e, &st, &cnt);
    pv t = py_tuple_new(3);
    TUPLE(t)->items[0] = MKSMALL(s);
    TUPLE(t)->items[1] = MKSMALL(e);
    TUPLE(t)->items[2] = MKSMALL(st);
    return t;
}
static const py_builtin slice_methods[] = {
    METHOD(indices, slice_indices_m, 1, 1), METHODS_END };
const py_type py_slice_type = { &py_type_type, "slice", .base = &py_object_type, .methods = slice_methods, .make = slice_make, .repr = slice_repr,
    .compare = slice_compare, .getattr = slice_getattr, .mark = slice_mark };

/* ---------------- bytes, bytearray ---------------- */
pv py_bytes_new(const py_type *t, const void *p, size_t n) {
    py_bytes *b = NEW(py_bytes, *t);
    b->data = gc_alloc(n + 1, GC_RAW);
    if (n && p) memcpy(b->data, p, n);
    b->len = (uint32_t)n;
    b->cap = (uint32_t)n + 1;
    return (pv)b;
}
#define B(v) ((py_bytes *)(v))
static bool is_user_subtype(pv v, const py_type *t) {
    return !IS_SMALL(v) && TYPE(v)->flags & TF_USER && py_issubtype(TYPE(v), t);
}
static bool is_bytearray(pv v) { return IS(v, py_bytearray_type) || is_user_subtype(v, &py_bytearray_type); }
static bool is_bytes(pv v) {
    return IS(v, py_bytes_type) || is_bytearray(v) || is_user_subtype(v, &py_bytes_type);
}
/* the builtin type of the values an operation on v makes, as CPython's: a subclass's is its base */
static const py_type *bytes_kind(pv v) { return is_bytearray(v) ? &py_bytearray_type : &py_bytes_type; }
static void bytes_mark(pv o, gc_heap *h) { gc_mark_ptr(h, B(o)->data); }
static pv bytes_repr(pv o) {
    py_bytes *b = B(o);
    py_buf s;
    buf_init(&s, b->len + 8);
    /* a bytearray shows its class around the bytes (a bytes subclass's instance does not) */
    bool ba = is_bytearray(o);
    if (ba) { buf_adds(&s, py_type_name(TYPE(o))); buf_addc(&s, '('); }
    bool sq = memchr(b->data, '\'', b->len) != NULL, dq = memchr(b->data, '"', b->len) != NULL;
    char q = sq && !dq ? '"' : '\'';
    buf_addc(&s, 'b');
    buf_addc(&s, q);
    for (size_t i = 0; i < b->len; i++) {
        uint8_t c = b->data[i];
        if (c == q || c == '\\') { buf_addc(&s, '\\'); buf_addc(&s, (char)c); }
        else if (c == '\n') buf_adds(&s, "\\n");
        else if (c == '\r') buf_adds(&s, "\\r");
        else if (c == '\t') buf_adds(&s, "\\t");
        else if (c < 0x20 || c >= 0x7f) { char t[8]; snprintf(t, sizeof t, "\\x%02x", c); buf_adds(&s, t); }
        else buf_addc(&s, (char)c);
    }
    buf_addc(&s, q);
    if (ba) buf_addc(&s, ')');
    return buf_str(&s);
}
static uintptr_t bytes_hash(pv o) { return py_hash_bytes((const char *)B(o)->data, B(o)->len); }
static pv bytes_compare(int op, pv a, pv b, int side) {
    if (!is_bytes(a) || !is_bytes(b)) return PV_NULL;
    size_t m = B(a)->len < B(b)->len ? B(a)->len : B(b)->len;
    int c = memcmp(B(a)->data, B(b)->data, m);
    if (!c) c = B(a)->len < B(b)->len ? -1 : B(a)->len > B(b)->len;
    switch (op) {
    case CMP_LT: return PV_BOOL(c < 0);
    case CMP_LE: return PV_BOOL(c <= 0);
    case CMP_EQ: return PV_BOOL(c == 0);
    case CMP_NE: return PV_BOOL(c != 0);
    case CMP_GT: return PV_BOOL(c > 0);
    case CMP_GE: return PV_BOOL(c >= 0);
    }
    return PV_NULL;
}
static pv bytes_binop(int op, pv a, pv b, int side) {
    int o = op & 15;
    if (o == OP_ADD && is_bytes(a) && is_bytes(b)) {
        if ((op & OP_INPLACE) && is_bytearray(a)) {
            py_bytes *x = B(a);
            uint8_t *nd = gc_alloc(x->len + B(b)->len + 1, GC_RAW);
            memcpy(nd, x->data, x->len);
            memcpy(nd + x->len, B(b)->data, B(b)->len);
            x->data = nd;
            x->len += B(b)->len;
            return a;
        }
        pv r = py_bytes_new(bytes_kind(a), NULL, B(a)->len + B(b)->len);
        memcpy(B(r)->data, B(a)->data, B(a)->len);
        memcpy(B(r)->data + B(a)->len, B(b)->data, B(b)->len);
        return r;
    }
    if (o == OP_MUL) {
        pv s = side ? b : a, k = side ? a : b;
        if (!is_bytes(s) || (!py_is_int(k) && TYPE(k)->flags & TF_USER)) return PV_NULL;
        if (!py_is_int(k)) py_raisef(&py_TypeError_type, "can't multiply sequence by non-int of type '%s'", py_type_name(TYPE(k)));
        int64_t n = py_int_val(k);
        if (n < 0) n = 0;
        pv r = py_bytes_new(bytes_kind(s), NULL, B(s)->len * (size_t)n);
        for (int64_t i = 0; i < n; i++) memcpy(B(r)->data + B(s)->len * (size_t)i, B(s)->data, B(s)->len);
        return r;
    }
    if (o == OP_ADD && side == 0) py_raisef(&py_TypeError_type, "can't concat %s to %s", py_type_name(TYPE(b)), py_type_name(TYPE(a)));
    return PV_NULL;
}
static pv bytes_getitem(pv o, pv k) {
    py_bytes *b = B(o);
    if (IS(k, py_slice_type)) {
        pint s, e, st, n;
        py_slice_indices(k, b->len, &s, &e, &st, &n);
        pv r = py_bytes_new(bytes_kind(o), NULL, (size_t)n);
        for (pint i = 0; i < n; i++) B(r)->data[i] = b->data[s + i * st];
        return r;
    }
    pint i = py_to_index(k);
    if (i < 0) i += b->len;
    if (i < 0 || i >= (pint)b->len) py_raisef(&py_IndexError_type, is_bytearray(o) ? "bytearray index out of range" : "index out of range");
    return MKSMALL(b->data[i]);
}
static void bytearray_setitem(pv o, pv k, pv v) {
    py_bytes *b = B(o);
    if (!v || IS(k, py_slice_type)) {
        pv l = py_list_from_iter(o);
        py_setitem(l, k, v ? py_list_from_iter(v) : PV_NULL);
        b->len = 0;
        b->data = gc_alloc(LIST(l)->len + 1, GC_RAW);
        for (size_t i = 0; i < LIST(l)->len; i++) {
            pint x = py_to_index(LIST(l)->items[i]);
            if (x < 0 || x > 255) py_raisef(&py_ValueError_type, "byte must be in range(0, 256)");
            b->data[b->len++] = (uint8_t)x;
        }
        return;
    }
    pint x = py_to_index(v);
    if (x < 0 || x > 255) py_raisef(&py_ValueError_type, "byte must be in range(0, 256)");
    b->data[norm_index(py_to_index(k), b->len, "bytearray")] = (uint8_t)x;
}
static pint bytes_len(pv o) { return B(o)->len; }
typedef struct { const py_type *type; pv b; size_t i; } bytesit;
static void bytesit_mark(pv o, gc_heap *h) { gc_mark(h, ((bytesit *)o)->b); }
static pv bytesit_next(pv o) {
    bytesit *it = (bytesit *)o;
    if (it->i >= B(it->b)->len) return PV_NULL;
    return MKSMALL(B(it->b)->data[it->i++]);
}
const py_type py_bytesiter_type = { &py_type_type, "bytes_iterator", .base = &py_object_type, .iter = self_iter, .next = bytesit_next, .mark = bytesit_mark };
static pv bytes_iter(pv o) { bytesit *it = NEW(bytesit, py_bytesiter_type); it->b = o; return (pv)it; }
static int bytes_contains(pv o, pv x) {
    py_bytes *b = B(o);
    if (py_is_int(x)) { int64_t v = py_int_val(x); for (size_t i = 0; i < b->len; i++) if (b->data[i] == v) return 1; return 0; }
    if (!is_bytes(x)) py_raisef(&py_TypeError_type, "a bytes-like object is required, not '%s'", py_type_name(TYPE(x)));
    py_bytes *s = B(x);
    if (!s->len) return 1;
    for (size_t i = 0; i + s->len <= b->len; i++) if (!memcmp(b->data + i, s->data, s->len)) return 1;
    return 0;
}
static pv bytes_make(const py_type *t, int n, pv *a, pv kw) {
    if (n == 0) return py_bytes_new(t, NULL, 0);
    pv x = a[0];
    if (IS(x, py_str_type)) {
        pv enc = n > 1 ? a[1] : py_kw_get(kw, Q_encoding);
        if (!enc) py_raisef(&py_TypeError_type, "string argument without an encoding");
        pv r = py_encode(x, enc, n > 2 ? a[2] : py_kw_get(kw, Q_errors));
        return t == &py_bytes_type ? r : py_bytes_new(t, B(r)->data, B(r)->len);
    }
    if (py_is_int(x)) {
        pint k = py_to_index(x);
        if (k < 0) py_raisef(&py_ValueError_type, "negative count");
        return py_bytes_new(t, NULL, (size_t)k);
    }
    if (is_bytes(x)) return py_bytes_new(t, B(x)->data, B(x)->len);
    pv l = py_list_from_iter(x);
    pv r = py_bytes_new(t, NULL, LIST(l)->len);
    for (size_t i = 0; i < LIST(l)->len; i++) {
        pint v = py_to_index(LIST(l)->items[i]);
        if (v < 0 || v > 255) py_raisef(&py_ValueError_type, "bytes must be in range(0, 256)");
        B(r)->data[i] = (uint8_t)v;
    }
    return r;
}
static pv bytes_decode(int n, pv *a, pv kw) {
    return py_decode(B(a[0])->data, B(a[0])->len, n > 1 ? a[1] : py_kw_get(kw, Q_encoding), n > 2 ? a[2] : py_kw_get(kw, Q_errors));
}
static pv bytes_hex(int n, pv *a, pv kw) {
    py_buf s;
    buf_init(&s, B(a[0])->len * 2 + 1);
    for (size_t i = 0; i < B(a[0])->len; i++) { char t[4]; snprintf(t, sizeof t, "%02x", B(a[0])->data[i]); buf_adds(&s, t); }
    return buf_str(&s);
}
static pv bytearray_append(int n, pv *a, pv kw) {
    py_bytes *b = B(a[0]);
    pint v = py_to_index(a[1]);
    if (v < 0 || v > 255) py_raisef(&py_ValueError_type, "byte must be in range(0, 256)");
    if (b->len + 1 >= b->cap) {
        uint32_t nc = b->cap * 2 + 8;
        uint8_t *nd = gc_alloc(nc, GC_RAW);
        memcpy(nd, b->data, b->len);
        b->data = nd;
        b->cap = nc;
    }
    b->data[b->len++] = (uint8_t)v;
    return PV_NONE;
}
static pv bytearray_extend(int n, pv *a, pv kw) {
    /* extended by itself: by what it holds now, not by the bytes it gains on the way */
    pv src = a[1] == a[0] ? py_bytes_new(&py_bytes_type, B(a[0])->data, B(a[0])->len) : a[1];
    pv it = py_iter(src), v;
    while ((v = py_next(it))) { pv args[2] = { a[0], v }; bytearray_append(2, args, PV_NULL); }
    return PV_NONE;
}
/* the sub-bytes count() and find() look for: an int is one byte, anything else must be bytes */
static py_bytes *sub_bytes(pv v) {
    if (!is_bytes(v)) py_raisef(&py_TypeError_type, "argument should be integer or bytes-like object, not '%s'", py_type_name(TYPE(v)));
    return B(v);
}
static pv bytes_count(int n, pv *a, pv kw) {
    pint c = 0;
    py_bytes *b = B(a[0]);
    if (py_is_int(a[1])) { for (size_t i = 0; i < b->len; i++) if (b->data[i] == py_int_val(a[1])) c++; return MKSMALL(c); }
    py_bytes *s = sub_bytes(a[1]);
    if (!s->len) return MKSMALL(b->len + 1);
    for (size_t i = 0; i + s->len <= b->len;) { if (!memcmp(b->data + i, s->data, s->len)) { c++; i += s->len; } else i++; }
    return MKSMALL(c);
}
static pv bytes_find(int n, pv *a, pv kw) {
    py_bytes *b = B(a[0]);
    if (py_is_int(a[1])) { for (size_t i = 0; i < b->len; i++) if (b->data[i] == py_int_val(a[1])) return MKSMALL(i); return MKSMALL(-1); }
    py_bytes *s = sub_bytes(a[1]);
    for (size_t i = 0; i + s->len <= b->len; i++) if (!memcmp(b->data + i, s->data, s->len)) return MKSMALL(i);
    return MKSMALL(-1);
}
static pv bytes_fromhex(int n, pv *a, pv kw) {
    const char *s = py_str_data(a[1]);
    size_t len = py_str_len(a[1]);
    py_buf b;
    buf_init(&b, len / 2 + 1);
    for (size_t i = 0; i < len;) {
        if (s[i] == ' ') { i++; continue; }
        int hi = -1, lo = -1;
        char c = s[i];
        hi = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
        c = i + 1 < len ? s[i + 1] : 0;
        lo = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
        if (hi < 0 || lo < 0) py_raisef(&py_ValueError_type, "non-hexadecimal number found in fromhex() arg at position %d", (int)(hi < 0 ? i : i + 1));
        buf_addc(&b, (char)(hi * 16 + lo));
        i += 2;
    }
    return py_bytes_new(IS(a[0], py_type_type) ? (const py_type *)a[0] : &py_bytes_type, b.p, b.n);
}
static pv bytes_join(int n, pv *a, pv kw) {
    pv l = py_list_from_iter(a[1]);
    py_buf b;
    buf_init(&b, 16);
    for (size_t i = 0; i < LIST(l)->len; i++) {
        if (i) buf_add(&b, (const char *)B(a[0])->data, B(a[0])->len);
        pv x = LIST(l)->items[i];
        if (!is_bytes(x)) py_raisef(&py_TypeError_type, "sequence item %d: expected a bytes-like object, %s found", (int)i, py_type_name(TYPE(x)));
        buf_add(&b, (const char *)B(x)->data, B(x)->len);
    }
    return py_bytes_new(bytes_kind(a[0]), b.p, b.n);
}
static const py_builtin bytes_methods[] = {
    METHOD_KW(decode, bytes_decode, 0, 2), METHOD_KW(hex, bytes_hex, 0, 2), METHOD(count, bytes_count, 1, 3),
    METHOD(find, bytes_find, 1, 3), METHOD_F(fromhex, M_CLASS, bytes_fromhex, 1, 1), METHOD(join, bytes_join, 1, 1),
    METHODS_END };
static pv bytearray_pop(int n, pv *a, pv kw) {
    py_bytes *b = B(a[0]);
    if (!b->len) py_raisef(&py_IndexError_type, "pop from empty bytearray");
    pint i = n > 1 ? py_to_index(a[1]) : (pint)b->len - 1;
    if (i < 0) i += b->len;
    if (i < 0 || i >= (pint)b->len) py_raisef(&py_IndexError_type, "pop index out of range");
    uint8_t v = b->data[i];
    memmove(b->data + i, b->data + i + 1, b->len - (size_t)i - 1);
    b->len--;
    return MKSMALL(v);
}
static pv bytearray_insert(int n, pv *a, pv kw) {
    pv l = py_list_from_iter(a[0]);
    pv args[3] = { l, a[1], a[2] };
    py_call(py_getattr(l, QS(insert)), 2, args + 1, PV_NULL);
    bytearray_setitem(a[0], py_slice_new(PV_NONE, PV_NONE, PV_NONE), l);
    return PV_NONE;
}
static pv bytearray_remove(int n, pv *a, pv kw) {
    py_bytes *b = B(a[0]);
    pint v = py_to_index(a[1]);
    for (size_t i = 0; i < b->len; i++) if (b->data[i] == v) { memmove(b->data + i, b->data + i + 1, b->len - i - 1); b->len--; return PV_NONE; }
    py_raisef(&py_ValueError_type, "value not found in bytearray");
}
static pv bytearray_reverse(int n, pv *a, pv kw) {
    py_bytes *b = B(a[0]);
    for (size_t i = 0; i < b->len / 2; i++) { uint8_t t = b->data[i]; b->data[i] = b->data[b->len - 1 - i]; b->data[b->len - 1 - i] = t; }
    return PV_NONE;
}
static pv bytearray_clear(int n, pv *a, pv kw) { B(a[0])->len = 0; return PV_NONE; }
static pv bytearray_copy(int n, pv *a, pv kw) { return py_bytes_new(&py_bytearray_type, B(a[0])->data, B(a[0])->len); }
static const py_builtin bytearray_methods[] = {
    METHOD(pop, bytearray_pop, 0, 1), METHOD(insert, bytearray_insert, 2, 2), METHOD(remove, bytearray_remove, 1, 1),
    METHOD(reverse, bytearray_reverse, 0, 0), METHOD(clear, bytearray_clear, 0, 0),
    METHOD(copy, bytearray_copy, 0, 0), METHOD_KW(decode, bytes_decode, 0, 2), METHOD_KW(hex, bytes_hex, 0, 2),
    METHOD(append, bytearray_append, 1, 1), METHOD(extend, bytearray_extend, 1, 1), METHOD(count, bytes_count, 1, 3),
    METHOD(find, bytes_find, 1, 3), METHOD(join, bytes_join, 1, 1), METHOD_F(fromhex, M_CLASS, bytes_fromhex, 1, 1),
    METHODS_END };
extern const py_builtin py_bytes_str_methods[];
const py_type py_bytes_type = { &py_type_type, "bytes", .base = &py_object_type, .methods = bytes_methods, .methods2 = py_bytes_str_methods, .flags = TF_BASE | TF_KW,
    .make = bytes_make, .repr = bytes_repr, .hash = bytes_hash, .binop = bytes_binop, .compare = bytes_compare,
    .getitem = bytes_getitem, .iter = bytes_iter, .len = bytes_len, .contains = bytes_contains, .mark = bytes_mark };
const py_type py_bytearray_type = { &py_type_type, "bytearray", .base = &py_object_type, .methods = bytearray_methods, .methods2 = py_bytes_str_methods, .flags = TF_BASE | TF_KW,
    .make = bytes_make, .repr = bytes_repr, .binop = bytes_binop, .compare = bytes_compare, .getitem = bytes_getitem,
    .setitem = bytearray_setitem, .iter = bytes_iter, .len = bytes_len, .contains = bytes_contains, .mark = bytes_mark };

/* ---------------- builtin iterators ---------------- */
typedef struct { const py_type *type; pv it; pv i; } enum_it;
static void enum_mark(pv o, gc_heap *h) { gc_mark(h, ((enum_it *)o)->it); gc_mark(h, ((enum_it *)o)->i); }
static pv enum_next(pv o) {
    enum_it *e = (enum_it *)o;
    pv v = py_next(e->it);
    if (!v) return PV_NULL;
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = e->i;
    TUPLE(t)->items[1] = v;
    e->i = py_binop(OP_ADD, e->i, MKSMALL(1));
    return t;
}
static pv enum_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n + (kw ? 1 : 0), 1, 2, "enumerate");
    enum_it *e = NEW(enum_it, py_enumerate_type);
    e->it = py_iter(a[0]);
    pv st = n > 1 ? a[1] : py_kw_get(kw, Q_start);
    e->i = st ? st : MKSMALL(0);
    return (pv)e;
}
const py_type py_enumerate_type = { &py_type_type, "enumerate", .base = &py_object_type, .flags = TF_KW, .make = enum_make,
    .iter = self_iter, .next = enum_next, .mark = enum_mark };

typedef struct { const py_type *type; pv its; bool strict; } zip_it;
static void zip_mark(pv o, gc_heap *h) { gc_mark(h, ((zip_it *)o)->its); }
static pv zip_next(pv o) {
    zip_it *z = (zip_it *)o;
    if (!z->its) return PV_NULL;
    size_t n = TUPLE(z->its)->len;
    if (!n) return PV_NULL;
    pv t = py_tuple_new(n);
    for (size_t i = 0; i < n; i++) {
        pv v = py_next(TUPLE(z->its)->items[i]);
        if (!v) {
            if (z->strict && i > 0) py_raisef(&py_ValueError_type, "zip() argument %d is shorter than argument 1", (int)i + 1);
            z->its = PV_NULL;
            return PV_NULL;
        }
        TUPLE(t)->items[i] = v;
    }
    return t;
}
static pv zip_make(const py_type *t, int n, pv *a, pv kw) {
    zip_it *z = NEW(zip_it, py_zip_type);
    pv its = py_tuple_new((size_t)n);
    for (int i = 0; i < n; i++) TUPLE(its)->items[i] = py_iter(a[i]);
    z->its = its;
    pv st = kw ? py_dict_get(kw, py_intern("strict", 6)) : PV_NULL;
    z->strict = st && py_truth(st);
    return (pv)z;
}
const py_type py_zip_type = { &py_type_type, "zip", .base = &py_object_type, .flags = TF_KW, .make = zip_make, .iter = self_iter, .next = zip_next, .mark = zip_mark };

typedef struct { const py_type *type; pv fn; pv its; } map_it;
static void map_mark(pv o, gc_heap *h) { gc_mark(h, ((map_it *)o)->fn); gc_mark(h, ((map_it *)o)->its); }
static pv map_next(pv o) {
    map_it *m = (map_it *)o;
    size_t n = TUPLE(m->its)->len;
    pv args[8];
    pv *ap = n <= 8 ? args : gc_alloc(n * sizeof(pv), GC_PVS);
    for (size_t i = 0; i < n; i++) {
        pv v = py_next(TUPLE(m->its)->items[i]);
        if (!v) return PV_NULL;
        ap[i] = v;
    }
    return py_call(m->fn, (int)n, ap, PV_NULL);
}
static pv map_make(const py_type *t, int n, pv *a, pv kw) {
    if (n < 2) py_raisef(&py_TypeError_type, "map() must have at least two arguments.");
    map_it *m = NEW(map_it, py_map_type);
    m->fn = a[0];
    m->its = py_tuple_new((size_t)(n - 1));
    for (int i = 1; i < n; i++) TUPLE(m->its)->items[i - 1] = py_iter(a[i]);
    return (pv)m;
}
const py_type py_map_type = { &py_type_type, "map", .base = &py_object_type, .make = map_make, .iter = self_iter, .next = map_next, .mark = map_mark };

typedef struct { const py_type *type; pv fn; pv it; } filter_it;
static void filter_mark(pv o, gc_heap *h) { gc_mark(h, ((filter_it *)o)->fn); gc_mark(h, ((filter_it *)o)->it); }
static pv filter_next(pv o) {
    filter_it *f = (filter_it *)o;
    pv v;
    while ((v = py_next(f->it))) {
        if (f->fn == PV_NONE ? py_truth(v) : py_truth(py_call1(f->fn, v))) return v;
    }
    return PV_NULL;
}
static pv filter_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 2, 2, "filter");
    filter_it *f = NEW(filter_it, py_filter_type);
    f->fn = a[0];
    f->it = py_iter(a[1]);
    return (pv)f;
}
const py_type py_filter_type = { &py_type_type, "filter", .base = &py_object_type, .make = filter_make, .iter = self_iter, .next = filter_next, .mark = filter_mark };

typedef struct { const py_type *type; pv seq; pint i; } rev_it;
static void rev_mark(pv o, gc_heap *h) { gc_mark(h, ((rev_it *)o)->seq); }
static pv rev_next(pv o) {
    rev_it *r = (rev_it *)o;
    if (r->i < 0) return PV_NULL;
    pint n = py_len(r->seq);
    if (r->i >= n) { r->i = -1; return PV_NULL; }
    return py_getitem(r->seq, MKSMALL(r->i--));
}
static pv rev_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 1, 1, "reversed");
    pv s = a[0];
    pv m = TYPE(s)->flags & TF_USER ? py_lookup_special(s, Q___reversed__) : PV_NULL;
    if (m) return py_call0(m);
    if (IS(s, py_dict_type) || py_is_dictview(s)) s = py_list_from_iter(s);
    if (!TYPE(s)->getitem || !TYPE(s)->len || IS(s, py_set_type)) py_raisef(&py_TypeError_type, "'%s' object is not reversible", py_type_name(TYPE(s)));
    rev_it *r = NEW(rev_it, py_reversed_type);
    r->seq = s;
    r->i = py_len(s) - 1;
    return (pv)r;
}
const py_type py_reversed_type = { &py_type_type, "reversed", .base = &py_object_type, .make = rev_make, .iter = self_iter, .next = rev_next, .mark = rev_mark };
const py_type py_iter_type = { &py_type_type, "iterator", .base = &py_object_type, .iter = self_iter };
uintptr_t py_id_hash(pv o) { return id_hash(o); }
