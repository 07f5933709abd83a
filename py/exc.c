/* The exception classes: one object layout (args, traceback, cause, context and a dict for
 * what a program sets), the standard hierarchy as read-only types. */
#include <string.h>
#include "py/obj.h"

#define E(v) ((py_exc *)(v))
void py_exc_mark(pv o, gc_heap *h) {
    py_exc *e = E(o);
    gc_mark(h, e->dict); gc_mark(h, e->args); gc_mark(h, e->tb); gc_mark(h, e->cause); gc_mark(h, e->context);
}
pv py_exc_new(const py_type *t, pv msg) {
    py_exc *e = NEW(py_exc, *t);
    if (msg) {
        e->args = py_tuple_new(1);
        TUPLE(e->args)->items[0] = msg;
    } else e->args = py_tuple_new(0);
    return (pv)e;
}
pv py_exc_make(const py_type *t, int n, pv *a, pv kw) {
    py_exc *e = NEW(py_exc, *t);
    e->args = py_tuple_new((size_t)n);
        py_copy_values(TUPLE(e->args)->items, a, (size_t)n);
    return (pv)e;
}
pv py_exc_str(pv o) {
    py_exc *e = E(o);
    if (!e->args || !IS(e->args, py_tuple_type)) return QS(_empty);
    size_t n = TUPLE(e->args)->len;
    if (n == 0) return QS(_empty);
    if ((n == 2 || n == 3) && py_isinstance(o, &py_OSError_type) && py_is_int(TUPLE(e->args)->items[0])) {
        pv s = py_strf("[Errno %d] %s", (int)py_int_val(TUPLE(e->args)->items[0]), py_str_data(py_str_of(TUPLE(e->args)->items[1])));
        if (n == 3) s = py_strf("%s: %s", py_str_data(s), py_str_data(py_repr(TUPLE(e->args)->items[2])));
        return s;
    }
    if (n == 1) {
        if (py_isinstance(o, &py_KeyError_type)) return py_repr(TUPLE(e->args)->items[0]);
        return py_str_of(TUPLE(e->args)->items[0]);
    }
    return py_repr(e->args);
}
pv py_exc_repr(pv o) {
    py_exc *e = E(o);
    const char *name = py_type_name(TYPE(o));
    if (!e->args || TUPLE(e->args)->len == 0) return py_strf("%s()", name);
    pv r = py_repr(e->args);
    if (TUPLE(e->args)->len == 1) {
        const char *s = py_str_data(r);
        return py_strf("%s(%.*s)", name, (int)py_str_len(r) - 3, s + 1);
    }
    return py_strf("%s%s", name, py_str_data(r));
}
pv py_exc_getattr(pv o, pv name) {
    py_exc *e = E(o);
    if (e->dict) { pv v = py_dict_get(e->dict, name); if (v) return v; }
    if (name == QS(args)) return e->args;
    if (name == QS(__traceback__)) return e->tb ? e->tb : PV_NONE;
    if (name == QS(__cause__)) return e->cause ? e->cause : PV_NONE;
    if (name == QS(__context__)) return e->context ? e->context : PV_NONE;
    size_t n = TUPLE(e->args)->len;
    if (name == QS(value) && py_isinstance(o, &py_StopIteration_type)) return n ? TUPLE(e->args)->items[0] : PV_NONE;
    if (name == py_intern("code", 4) && py_isinstance(o, &py_SystemExit_type)) return n ? TUPLE(e->args)->items[0] : PV_NONE;
    if (py_isinstance(o, &py_OSError_type)) {
        if (name == QS(errno)) return n > 1 ? TUPLE(e->args)->items[0] : PV_NONE;
        if (name == QS(strerror)) return n > 1 ? TUPLE(e->args)->items[1] : PV_NONE;
        if (name == QS(filename)) return n > 2 ? TUPLE(e->args)->items[2] : PV_NONE;
    }
    if (py_isinstance(o, &py_SyntaxError_type)) {
        if (name == QS(msg)) return n ? TUPLE(e->args)->items[0] : PV_NONE;
        if (name == QS(lineno) || name == QS(filename)) return PV_NONE;
    }
    if (py_isinstance(o, &py_ImportError_type) && name == QS(name)) return PV_NONE;
    if (name == py_intern("__suppress_context__", 20)) return PV_BOOL(e->cause != PV_NULL);
    /* the class's attributes and methods */
    pv a = py_type_lookup(TYPE(o), name);
    if (a) {
        if (!IS_SMALL(a) && OBJ(a)->type == &py_func_type) return py_bound_new(o, a);
        if (!IS_SMALL(a) && OBJ(a)->type == &py_builtin_type && !(((py_builtin *)a)->flags & (M_STATIC | M_CLASS))) return py_builtin_bind((py_builtin *)a, o);
        if (!IS_SMALL(a) && OBJ(a)->type == &py_property_type) {
            pv g = ((py_property *)a)->fget;
            return py_call1(g, o);
        }
        if (!IS_SMALL(a) && OBJ(a)->type == &py_staticmethod_type) return ((py_wrap *)a)->func;
        if (!IS_SMALL(a) && OBJ(a)->type == &py_classmethod_type) return py_bound_new((pv)TYPE(o), ((py_wrap *)a)->func);
        return a;
    }
    if (name == QS(__class__)) return (pv)TYPE(o);
    if (name == QS(__module__)) return py_getattr((pv)TYPE(o), name);
    if (name == QS(__dict__)) { if (!e->dict) e->dict = py_dict_new(); return e->dict; }
    return PV_NULL;
}
bool py_exc_setattr(pv o, pv name, pv v) {
    py_exc *e = E(o);
    if (name == QS(args)) { e->args = py_tuple_from_iter(v); return true; }
    if (name == QS(__traceback__)) { e->tb = v == PV_NONE ? PV_NULL : v; return true; }
    if (name == QS(__cause__)) { e->cause = v == PV_NONE ? PV_NULL : v; return true; }
    if (name == QS(__context__)) { e->context = v == PV_NONE ? PV_NULL : v; return true; }
    if (!e->dict) e->dict = py_dict_new();
    if (v) py_dict_set(e->dict, name, v);
    else if (!py_dict_del(e->dict, name)) py_raisef(&py_AttributeError_type, "%s", py_str_data(name));
    return true;
}
static pv exc_init(int n, pv *a, pv kw) {
    py_exc *e = E(a[0]);
    e->args = py_tuple_new((size_t)(n - 1));
    memcpy(TUPLE(e->args)->items, a + 1, (size_t)(n - 1) * sizeof(pv));
    return PV_NONE;
}
static pv exc_with_tb(int n, pv *a, pv kw) { E(a[0])->tb = a[1] == PV_NONE ? PV_NULL : a[1]; return a[0]; }
static pv exc_str_m(int n, pv *a, pv kw) { return py_exc_str(a[0]); }
static pv exc_repr_m(int n, pv *a, pv kw) { return py_exc_repr(a[0]); }
static pv exc_add_note(int n, pv *a, pv kw) { return PV_NONE; }
const py_builtin py_exc_methods[] = {
    METHOD(__init__, exc_init, 0, ANY), METHOD(__str__, exc_str_m, 0, 0), METHOD(__repr__, exc_repr_m, 0, 0),
    METHOD(with_traceback_dummy, exc_with_tb, 1, 1), METHOD(add_note_dummy, exc_add_note, 1, 1), METHODS_END };

#define X(n, b) const py_type py_##n##_type = PY_EXC_TYPE(#n, py_##b##_type);
EXC_LIST(X)
#undef X
