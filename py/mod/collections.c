/* collections (ucollections): namedtuple (a tuple subclass made at run time, its fields
 * properties over the items), deque (a ring buffer, with an optional maxlen, rotate), OrderedDict
 * (a dict subclass: dicts keep their order already; it adds move_to_end and popitem(last)) and
 * defaultdict (a dict subclass whose __missing__ calls its factory). */
#include <string.h>
#include "py/mod/mod.h"

#define BI(name) static pv name(int n, pv *a, pv kw)
static pv class_attr(pv cls, const char *name) {
    pv v = py_type_lookup((const py_type *)cls, py_intern(name, strlen(name)));
    if (!v) py_raisef(&py_TypeError_type, "not a namedtuple");
    return v;
}
static pv new_class(pv name, const py_type *base, pv ns) { return py_mod_class(py_intern("collections", 11), name, base, ns); }
/* The methods of a class made here: entries of a table in flash, put in its namespace as
 * they are, so that py_call counts their arguments as it does any table's; a special method
 * (__repr__) is called as a def would be. */
#define SPECIAL(q, f, lo, hi) METHOD_F(q, M_SPECIAL, f, lo, hi)
#define SPECIAL_KW(q, f, lo, hi) METHOD_F(q, M_SPECIAL | M_KW, f, lo, hi)
static void add_methods(pv ns, const py_builtin *f) {
    for (; f->fn; f++) py_dict_set(ns, (pv)&py_qstrs[f->name], (pv)f);
}
/* A class's __new__: a static method over a table entry. */
static void set_new(pv ns, const py_builtin *entry) {
    py_wrap *make = NEW(py_wrap, py_staticmethod_type);
    make->func = (pv)entry;
    py_dict_set(ns, QS(__new__), (pv)make);
}

/* ---- namedtuple ---- */
/* __new__(cls, *values, **by_name): the fields in order, then their defaults */
BI(nt_new) {
    pv cls = a[0], fields = class_attr(cls, "_fields"), defaults = class_attr(cls, "_field_defaults");
    size_t count = TUPLE(fields)->len;
    if ((size_t)(n - 1) > count) py_raisef(&py_TypeError_type, "%s() takes %d positional arguments but %d were given", py_type_name((const py_type *)cls), (int)count + 1, n);
    pv t = py_tuple_new(count);
    for (size_t i = 0; i < count; i++) {
        pv name = TUPLE(fields)->items[i], v = (int)i < n - 1 ? a[i + 1] : PV_NULL, given = kw ? py_dict_get(kw, name) : PV_NULL;
        if (v && given) py_raisef(&py_TypeError_type, "%s() got multiple values for argument '%s'", py_type_name((const py_type *)cls), py_str_data(name));
        if (!v) v = given ? given : py_dict_get(defaults, name);
        if (!v) py_raisef(&py_TypeError_type, "%s() missing required argument: '%s'", py_type_name((const py_type *)cls), py_str_data(name));
        TUPLE(t)->items[i] = v;
    }
    if (kw) {
        py_dict *d = (py_dict *)kw;
        for (uint32_t i = 0; i < d->nent; i++)
            if (d->ent[i].key && !py_contains(fields, d->ent[i].key))
                py_raisef(&py_TypeError_type, "%s() got an unexpected keyword argument '%s'", py_type_name((const py_type *)cls), py_str_data(d->ent[i].key));
    }
    ((pobj *)t)->type = (const py_type *)cls;
    return t;
}
/* a field's getter: self is its index */
BI(nt_field) { return TUPLE(a[1])->items[SMALL(a[0])]; }
BI(nt_repr) {
    pv fields = class_attr((pv)TYPE(a[0]), "_fields");
    py_buf b;
    buf_init(&b, 32);
    buf_adds(&b, py_type_name(TYPE(a[0])));
    buf_addc(&b, '(');
    for (size_t i = 0; i < TUPLE(a[0])->len; i++) {
        if (i) buf_adds(&b, ", ");
        buf_addv(&b, TUPLE(fields)->items[i]);
        buf_addc(&b, '=');
        buf_addv(&b, py_repr(TUPLE(a[0])->items[i]));
    }
    buf_addc(&b, ')');
    return buf_str(&b);
}
BI(nt_asdict) {
    pv fields = class_attr((pv)TYPE(a[0]), "_fields"), d = py_dict_new();
    for (size_t i = 0; i < TUPLE(a[0])->len; i++) py_dict_set(d, TUPLE(fields)->items[i], TUPLE(a[0])->items[i]);
    return d;
}
/* _replace(**changes): a copy with those fields changed, made as the class makes one by name */
BI(nt_replace) {
    pv fields = nt_asdict(1, a, PV_NULL), cls = (pv)TYPE(a[0]);
    if (kw) {
        py_dict *d = (py_dict *)kw;
        for (uint32_t i = 0; i < d->nent; i++) {
            if (!d->ent[i].key) continue;
            if (!py_dict_get(fields, d->ent[i].key)) py_raisef(&py_ValueError_type, "Got unexpected field names: ['%s']", py_str_data(d->ent[i].key));
            py_dict_set(fields, d->ent[i].key, d->ent[i].value);
        }
    }
    return nt_new(1, &cls, fields);
}
/* _make(iterable), a class method: self is the class */
BI(nt_make) {
    py_argcheck(n - 1, 1, 1, "_make");        /* made at run time: no table entry to count for it */
    pv items = py_tuple_from_iter(a[1]);
    size_t count = TUPLE(items)->len;
    pv *args = gc_alloc((count + 1) * sizeof(pv), GC_PVS);
    args[0] = a[0];
    py_copy_values(args + 1, TUPLE(items)->items, count);
    return nt_new((int)count + 1, args, PV_NULL);
}
/* namedtuple(typename, field_names, *, defaults=None): field names as a list or as one
 * string split at commas and spaces */
static _Noreturn void name_error(const char *why, pv name) { py_raisef(&py_ValueError_type, why, py_str_data(py_repr(name))); }
/* str.isidentifier() and builtins.callable(): the core's own, called rather than copied */
static bool core_says(pv fn, pv v) { return py_call(fn, 1, &v, PV_NULL) == PV_TRUE; }
static void check_name(pv name) {
    if (!IS(name, py_str_type)) py_raisef(&py_TypeError_type, "Type names and field names must be strings");
    if (!core_says(py_type_lookup(&py_str_type, QS(isidentifier)), name)) name_error("Type names and field names must be valid identifiers: %s", name);
}
static const py_builtin nt_methods[] = { SPECIAL(__repr__, nt_repr, 0, 0), SPECIAL(_asdict, nt_asdict, 0, 0),
    SPECIAL_KW(_replace, nt_replace, 0, 0), METHODS_END };
static const py_builtin nt_new_entry = { &py_builtin_type, Q___new__, M_KW, { nt_new } };
BI(nt_namedtuple) {
    pv fields = py_list_new(0);
    if (IS(a[1], py_str_type)) {
        const char *p = py_str_data(a[1]);
        while (*p) {
            while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n') p++;
            const char *start = p;
            while (*p && *p != ',' && *p != ' ' && *p != '\t' && *p != '\n') p++;
            if (p > start) py_list_append(fields, py_intern(start, (size_t)(p - start)));
        }
    } else fields = py_list_from_iter(a[1]);
    pv seen = py_set_new(&py_set_type), ns = py_dict_new(), defaults = py_dict_new();
    size_t count = LIST(fields)->len;
    check_name(a[0]);
    for (size_t i = 0; i < count; i++) {
        pv name = LIST(fields)->items[i];
        check_name(name);
        if (*py_str_data(name) == '_') name_error("Field names cannot start with an underscore: %s", name);
        if (py_contains(seen, name)) name_error("Encountered duplicate field name: %s", name);
        py_set_add(seen, name);
        name = LIST(fields)->items[i] = py_intern_str(name);
        py_property *prop = NEW(py_property, py_property_type);
        prop->fget = py_builtin_new(Q_property, nt_field, MKSMALL(i));
        py_dict_set(ns, name, (pv)prop);
    }
    pv dflt = py_kw_get(kw, Q_defaults);
    if (dflt && dflt != PV_NONE) {
        pv values = py_tuple_from_iter(dflt);
        size_t nd = TUPLE(values)->len;
        if (nd > count) py_raisef(&py_TypeError_type, "Got more default values than field names");
        for (size_t i = 0; i < nd; i++) py_dict_set(defaults, LIST(fields)->items[count - nd + i], TUPLE(values)->items[i]);
    }
    py_dict_set(ns, py_intern("_fields", 7), py_tuple_from_iter(fields));
    py_dict_set(ns, py_intern("_field_defaults", 15), defaults);
    set_new(ns, &nt_new_entry);
    add_methods(ns, nt_methods);
    pv cls = new_class(a[0], &py_tuple_type, ns);
    py_dict_set(((py_type *)cls)->dict, py_intern("_make", 5), py_builtin_new(Q__make, nt_make, cls));
    return cls;
}

/* ---- deque: a ring of cap slots from head, len of them used ---- */
extern const py_type py_deque_type;
typedef struct { const py_type *type; pv *items; size_t head, len, cap; pint maxlen; } deque_obj;
#define DQ(v) ((deque_obj *)(v))
static pv *slot(deque_obj *d, size_t i) { return &d->items[(d->head + i) % d->cap]; }
static void grow(deque_obj *d) {
    size_t cap = d->cap ? d->cap * 2 : 8;
    pv *items = gc_alloc(cap * sizeof(pv), GC_PVS);
    for (size_t i = 0; i < d->len; i++) items[i] = *slot(d, i);
    d->items = items;
    d->cap = cap;
    d->head = 0;
}
static pv pop_end(deque_obj *d, bool left) {
    if (!d->len) py_raisef(&py_IndexError_type, "pop from an empty deque");
    pv *s = slot(d, left ? 0 : d->len - 1), v = *s;
    *s = PV_NULL;
    if (left) d->head = (d->head + 1) % d->cap;
    d->len--;
    return v;
}
static void push(deque_obj *d, pv v, bool left) {
    if (d->maxlen == 0) return;
    if (d->maxlen > 0 && (pint)d->len == d->maxlen) pop_end(d, !left);   /* full: the other end goes */
    if (d->len == d->cap) grow(d);
    if (left) d->head = (d->head + d->cap - 1) % d->cap;
    d->len++;
    *slot(d, left ? 0 : d->len - 1) = v;
}
BI(dq_append) { push(DQ(a[0]), a[1], false); return PV_NONE; }
BI(dq_appendleft) { push(DQ(a[0]), a[1], true); return PV_NONE; }
BI(dq_pop) { return pop_end(DQ(a[0]), false); }
BI(dq_popleft) { return pop_end(DQ(a[0]), true); }
static void extend(pv d, pv iterable, bool left) {
    pv items = py_list_from_iter(iterable), v;      /* a copy: d.extend(d) is allowed */
    pv it = py_iter(items);
    while ((v = py_next(it))) push(DQ(d), v, left);
}
BI(dq_extend) { extend(a[0], a[1], false); return PV_NONE; }
BI(dq_extendleft) { extend(a[0], a[1], true); return PV_NONE; }
/* rotate(n=1): n steps to the right (to the left when negative), each an item moved from
 * one end to the other: the shorter way round */
BI(dq_rotate) {
    deque_obj *d = DQ(a[0]);
    pint steps = n > 1 ? py_to_index(a[1]) : 1;
    if (d->len < 2) return PV_NONE;
    pint len = (pint)d->len, right = steps % len;
    if (right < 0) right += len;
    bool to_right = right <= len / 2;
    for (pint i = to_right ? right : len - right; i > 0; i--) push(d, pop_end(d, !to_right), to_right);
    return PV_NONE;
}
BI(dq_clear) { deque_obj *d = DQ(a[0]); d->items = NULL; d->len = d->cap = d->head = 0; return PV_NONE; }
static pv dq_list(pv o) {
    deque_obj *d = DQ(o);
    pv l = py_list_new(0);
    for (size_t i = 0; i < d->len; i++) py_list_append(l, *slot(d, i));
    return l;
}
static pv dq_iter(pv o) { return py_iter(dq_list(o)); }
static pint dq_len(pv o) { return (pint)DQ(o)->len; }
static pv dq_getitem(pv o, pv k) {
    deque_obj *d = DQ(o);
    pint i = py_to_index(k);
    if (i < 0) i += (pint)d->len;
    if (i < 0 || i >= (pint)d->len) py_raisef(&py_IndexError_type, "deque index out of range");
    return *slot(d, (size_t)i);
}
static void dq_setitem(pv o, pv k, pv v) {
    deque_obj *d = DQ(o);
    pint i = py_to_index(k);
    if (i < 0) i += (pint)d->len;
    if (!v || i < 0 || i >= (pint)d->len) py_raisef(&py_IndexError_type, "deque index out of range");
    *slot(d, (size_t)i) = v;
}
static int dq_contains(pv o, pv x) {
    deque_obj *d = DQ(o);
    for (size_t i = 0; i < d->len; i++) if (py_eq(*slot(d, i), x)) return 1;
    return 0;
}
static pv dq_repr(pv o) {
    pv body = py_repr(dq_list(o));
    if (DQ(o)->maxlen < 0) return py_strf("deque(%s)", py_str_data(body));
    return py_strf("deque(%s, maxlen=%d)", py_str_data(body), (int)DQ(o)->maxlen);
}
static pv dq_getattr(pv o, pv name) {
    if (name == QS(maxlen)) return DQ(o)->maxlen < 0 ? PV_NONE : py_new_int(DQ(o)->maxlen);
    return PV_NULL;
}
static void dq_mark(pv o, gc_heap *h) { gc_mark_ptr(h, DQ(o)->items); }
static pv dq_make(const py_type *t, int n, pv *a, pv kw) {
    if (n > 2) py_raisef(&py_TypeError_type, "deque() takes at most 2 arguments (%d given)", n);
    deque_obj *d = NEW(deque_obj, py_deque_type);
    pv maxlen = n > 1 ? a[1] : py_kw_get(kw, Q_maxlen);
    d->maxlen = maxlen && maxlen != PV_NONE ? py_to_index(maxlen) : -1;
    if (maxlen && maxlen != PV_NONE && d->maxlen < 0) py_raisef(&py_ValueError_type, "maxlen must be non-negative");
    pv iterable = n > 0 ? a[0] : py_kw_get(kw, Q_iterable);
    if (iterable) extend((pv)d, iterable, false);
    return (pv)d;
}
static const py_builtin deque_methods[] = { METHOD(append, dq_append, 1, 1), METHOD(appendleft, dq_appendleft, 1, 1),
    METHOD(pop, dq_pop, 0, 0), METHOD(popleft, dq_popleft, 0, 0), METHOD(extend, dq_extend, 1, 1), METHOD(extendleft, dq_extendleft, 1, 1),
    METHOD(clear, dq_clear, 0, 0), METHOD(rotate, dq_rotate, 0, 1), METHODS_END };
const py_type py_deque_type = { &py_type_type, "deque", .base = &py_object_type, .methods = deque_methods,
    .flags = TF_KW, .make = dq_make, .repr = dq_repr, .iter = dq_iter, .len = dq_len, .getitem = dq_getitem, .setitem = dq_setitem,
    .contains = dq_contains, .getattr = dq_getattr, .mark = dq_mark };

/* ---- OrderedDict ---- */
/* the live entries of d, in order */
static pv od_keys(pv d) {
    py_dict *di = (py_dict *)d;
    pv l = py_list_new(0);
    for (uint32_t i = 0; i < di->nent; i++) if (di->ent[i].key) py_list_append(l, di->ent[i].key);
    return l;
}
/* move_to_end(key, last=True) */
BI(od_move_to_end) {
    pv d = a[0], key = a[1];
    bool last = py_truth(py_mod_arg(n - 1, a + 1, kw, 1, Q_last, PV_TRUE));
    pv v = py_dict_get(d, key);
    if (!v) py_raise(py_exc_new(&py_KeyError_type, key));
    if (last) { py_dict_del(d, key); py_dict_set(d, key, v); return PV_NONE; }
    pv keys = od_keys(d), values = py_list_new(0);
    for (size_t i = 0; i < LIST(keys)->len; i++) py_list_append(values, py_dict_get(d, LIST(keys)->items[i]));
    for (size_t i = 0; i < LIST(keys)->len; i++) py_dict_del(d, LIST(keys)->items[i]);
    py_dict_set(d, key, v);
    for (size_t i = 0; i < LIST(keys)->len; i++)
        if (!py_eq(LIST(keys)->items[i], key)) py_dict_set(d, LIST(keys)->items[i], LIST(values)->items[i]);
    return PV_NONE;
}
/* popitem(last=True): the last pair, or the first */
BI(od_popitem) {
    pv d = a[0];
    bool last = py_truth(py_mod_arg(n - 1, a + 1, kw, 0, Q_last, PV_TRUE));
    pv keys = od_keys(d);
    if (!LIST(keys)->len) py_raisef(&py_KeyError_type, "dictionary is empty");
    pv key = LIST(keys)->items[last ? LIST(keys)->len - 1 : 0];
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = key;
    TUPLE(t)->items[1] = py_dict_get(d, key);
    py_dict_del(d, key);
    return t;
}
BI(od_repr) {
    const char *name = py_type_name(TYPE(a[0]));
    if (!((py_dict *)a[0])->used) return py_strf("%s()", name);
    pv keys = od_keys(a[0]), items = py_list_new(0);
    for (size_t i = 0; i < LIST(keys)->len; i++) {
        pv t = py_tuple_new(2);
        TUPLE(t)->items[0] = LIST(keys)->items[i];
        TUPLE(t)->items[1] = py_dict_get(a[0], LIST(keys)->items[i]);
        py_list_append(items, t);
    }
    return py_strf("%s(%s)", name, py_str_data(py_repr(items)));
}

/* ---- defaultdict: a dict with one more word, the factory, after the dict's own fields (the
 * class's mark traces it; subclasses inherit that mark) ---- */
typedef struct { py_dict d; pv factory; } defaultdict_obj;
#define DD(v) ((defaultdict_obj *)(v))
static void dd_mark(pv o, gc_heap *h) { py_dict_type.mark(o, h); gc_mark(h, DD(o)->factory); }
/* __new__(cls, ...): an empty one; __init__ takes the arguments */
BI(dd_new) {
    if (n < 1 || !IS(a[0], py_type_type) || !py_issubtype((const py_type *)a[0], &py_dict_type))
        py_raisef(&py_TypeError_type, "defaultdict.__new__(X): X is not a subtype of dict");
    py_dict *empty = (py_dict *)py_dict_new();
    defaultdict_obj *d = py_new_obj(sizeof(defaultdict_obj), (const py_type *)a[0]);
    const py_type *cls = d->d.type;
    d->d = *empty;
    d->d.type = cls;
    d->factory = PV_NONE;
    return (pv)d;
}
/* __init__(self, default_factory=None, *args, **kwargs): the rest as dict() takes them */
BI(dd_init) {
    pv factory = n > 1 ? a[1] : PV_NONE;
    if (factory != PV_NONE && !core_says(py_builtin_get(QS(callable)), factory)) py_raisef(&py_TypeError_type, "first argument must be callable or None");
    DD(a[0])->factory = factory;
    if (n > 2 || kw) {
        py_dict *items = (py_dict *)py_dict_type.make(&py_dict_type, n > 2 ? n - 2 : 0, a + 2, kw);
        for (uint32_t i = 0; i < items->nent; i++)
            if (items->ent[i].key) py_dict_set(a[0], items->ent[i].key, items->ent[i].value);
    }
    return PV_NONE;
}
BI(dd_missing) {
    pv factory = DD(a[0])->factory;
    if (factory == PV_NONE) py_raise(py_exc_new(&py_KeyError_type, a[1]));
    pv v = py_call(factory, 0, NULL, PV_NULL);
    py_setitem(a[0], a[1], v);
    return v;
}
BI(dd_repr) {
    pv body = py_dict_type.repr(a[0]);
    return py_strf("%s(%s, %s)", py_type_name(TYPE(a[0])), py_str_data(py_repr(DD(a[0])->factory)), py_str_data(body));
}
BI(dd_copy) { pv args[2] = { DD(a[0])->factory, a[0] }; return py_call((pv)TYPE(a[0]), 2, args, PV_NULL); }
BI(dd_factory_get) { return DD(a[0])->factory; }
BI(dd_factory_set) { DD(a[0])->factory = a[1]; return PV_NONE; }
static const py_builtin dd_factory_entries[] = { { &py_builtin_type, Q_property, 0, { dd_factory_get } },
    { &py_builtin_type, Q_property, 0, { dd_factory_set } } };
static const py_builtin dd_methods[] = { SPECIAL_KW(__init__, dd_init, 0, ANY), SPECIAL(__missing__, dd_missing, 1, 1),
    SPECIAL(__repr__, dd_repr, 0, 0), SPECIAL(copy, dd_copy, 0, 0), METHODS_END };
static const py_builtin dd_new_entry = { &py_builtin_type, Q___new__, M_KW, { dd_new } };   /* its keywords are __init__'s */
static pv new_defaultdict(void) {
    pv ns = py_dict_new();
    set_new(ns, &dd_new_entry);
    add_methods(ns, dd_methods);
    py_dict_set(ns, py_intern("__copy__", 8), py_dict_get(ns, QS(copy)));
    py_property *factory = NEW(py_property, py_property_type);
    factory->fget = (pv)&dd_factory_entries[0];
    factory->fset = (pv)&dd_factory_entries[1];
    py_dict_set(ns, py_intern("default_factory", 15), (pv)factory);
    pv cls = new_class(py_intern("defaultdict", 11), &py_dict_type, ns);
    ((py_type *)cls)->mark = dd_mark;
    return cls;
}

static const py_builtin od_methods[] = { SPECIAL_KW(move_to_end, od_move_to_end, 1, 2), SPECIAL_KW(popitem, od_popitem, 0, 1),
    SPECIAL(__repr__, od_repr, 0, 0), METHODS_END };
static const py_builtin functions[] = { FUNC_KW(namedtuple, nt_namedtuple, 2, 2), METHODS_END };

pv py_mod_collections(pv m) {
    py_mod_add(m, functions);
    py_mod_set(m, "deque", (pv)&py_deque_type);
    pv ns = py_dict_new();
    add_methods(ns, od_methods);
    py_mod_set(m, "OrderedDict", new_class(py_intern("OrderedDict", 11), &py_dict_type, ns));
    py_mod_set(m, "defaultdict", new_defaultdict());
    return m;
}
