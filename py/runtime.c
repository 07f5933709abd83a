/* The generic object protocol: operators, attributes, calls, iteration; and the types of
 * functions, methods, classes, instances, super, property, modules and cells. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "py/obj.h"

static bool slow_attr(pv name, pv v);
static const py_type *solid_builtin(pv o);
static const int rbinop_q[13], cmp_q[6], cmp_swap[6];
/* whether sub defines the special method q itself, differently from base */
static bool overrides(const py_type *sub, const py_type *base, int q) {
    pv a = py_type_lookup(sub, (pv)&py_qstrs[q]);
    return a && a != py_type_lookup(base, (pv)&py_qstrs[q]);
}

/* ---------------- errors ---------------- */
_Noreturn void py_raisef(const py_type *t, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    py_raise(py_exc_new(t, py_str_cstr(buf)));
}

/* A builtin type's cname is its name, or a native module's class's module and name
 * ("asyncio.exceptions.CancelledError", PY_EXC_TYPE): the name is what follows the last dot. */
const char *py_type_name(const py_type *t) {
    if (t->name) return py_str_data(t->name);
    const char *dot = strrchr(t->cname, '.');
    return dot ? dot + 1 : t->cname;
}
pv py_type_name_obj(const py_type *t) {
    return t->name ? t->name : py_str_cstr(py_type_name(t));
}
/* A builtin type's __module__: "builtins", or what its cname says before the last dot. */
static pv builtin_type_module(const py_type *t) {
    const char *dot = strrchr(t->cname, '.');
    return dot ? py_str_new(t->cname, (size_t)(dot - t->cname)) : py_str_cstr("builtins");
}

_Noreturn void py_type_error_unsupported(const char *op, pv a, pv b) {
    py_raisef(&py_TypeError_type, "unsupported operand type(s) for %s: '%s' and '%s'", op, py_type_name(TYPE(a)), py_type_name(TYPE(b)));
}

bool py_issubtype(const py_type *a, const py_type *b) {
    if (a == b || b == &py_object_type) return true;
    if (a->mro) {
        py_tuple *m = TUPLE(a->mro);
        for (size_t i = 0; i < m->len; i++) if ((const py_type *)m->items[i] == b) return true;
        return false;
    }
    for (const py_type *t = a->base; t; t = t->base) if (t == b) return true;
    return false;
}
bool py_isinstance(pv o, const py_type *t) { return py_issubtype(TYPE(o), t); }

/* ---------------- type lookup ---------------- */
static pv own_lookup(const py_type *t, pv name) {
    if (t->dict) {
        pv v = py_dict_get(t->dict, name);
        if (v) return v;
    }
    /* a class constant (M_CONST) is its value, found through the class or an instance */
    int q = py_qstr_index(name);
    if (q < 0) return PV_NULL;     /* the tables hold predefined names only */
    if (t->methods) {
        for (const py_builtin *m = t->methods; m->fn; m++)
            if (m->name == q) return m->flags & M_CONST ? m->value : (pv)m;
    }
    if (t->methods2) {
        for (const py_builtin *m = t->methods2; m->fn; m++)
            if (m->name == q) return m->flags & M_CONST ? m->value : (pv)m;
    }
    return PV_NULL;
}

pv py_type_lookup(const py_type *t, pv name) {
    if (t->mro) {
        py_tuple *m = TUPLE(t->mro);
        for (size_t i = 0; i < m->len; i++) {
            pv v = own_lookup((const py_type *)m->items[i], name);
            if (v) return v;
        }
        return PV_NULL;
    }
    for (; t; t = t->base) {
        pv v = own_lookup(t, name);
        if (v) return v;
    }
    return own_lookup(&py_object_type, name);
}

/* Binds what a class attribute lookup found to the instance it was found through. */
static pv bind(pv attr, pv self, const py_type *owner) {
    if (IS_SMALL(attr)) return attr;
    const py_type *at = OBJ(attr)->type;
    if (at == &py_func_type) return self ? py_bound_new(self, attr) : attr;
    if (at == &py_builtin_type) {
        py_builtin *b = (py_builtin *)attr;
        if (b->flags & M_CLASS) return py_builtin_bind(b, (pv)owner);
        if (b->flags & M_STATIC || !self || py_builtin_self(b)) return attr;
        return py_builtin_bind(b, self);
    }
    if (at == &py_staticmethod_type) return ((py_wrap *)attr)->func;
    if (at == &py_classmethod_type) return py_bound_new((pv)owner, ((py_wrap *)attr)->func);
    if (at == &py_property_type) {
        if (!self) return attr;
        pv g = ((py_property *)attr)->fget;
        if (!g) py_raisef(&py_AttributeError_type, "property object has no getter");
        return py_call1(g, self);
    }
    if (self && at->flags & TF_USER) {
        pv get = py_type_lookup(at, QS(__get__));
        if (get) return py_call(get, 3, (pv[]){ attr, self, (pv)owner }, PV_NULL);
    }
    return attr;
}

pv py_lookup_special(pv o, int q) {
    pv name = (pv)&py_qstrs[q];
    const py_type *t = TYPE(o);
    pv a = py_type_lookup(t, name);
    if (!a) return PV_NULL;
    return bind(a, o, t);
}

static pv inst_dict(pv o) {
    const py_type *t = TYPE(o);
    if (IS_SMALL(o)) return PV_NULL;
    if (t->flags & TF_USER || t == &py_object_type) {
        if (py_issubtype(t, &py_BaseException_type)) return ((py_exc *)o)->dict;
        if (t->flags & TF_INSTDICT) return ((py_inst *)o)->dict;
        return PV_NULL;
    }
    if (t->flags & TF_EXC) return ((py_exc *)o)->dict;
    return PV_NULL;
}

static pv generic_getattr(pv o, pv name) {
    const py_type *t = TYPE(o);
    pv attr = py_type_lookup(t, name);
    if (attr && !IS_SMALL(attr) && OBJ(attr)->type == &py_property_type) return bind(attr, o, t);
    pv d = inst_dict(o);
    if (d) {
        pv v = py_dict_get(d, name);
        if (v) return v;
    }
    if (attr) return bind(attr, o, t);
    if (name == QS(__class__)) return (pv)t;
    if (name == QS(__dict__) && d) return d;
    return PV_NULL;
}

static pv lookup_attr(pv o, pv name) {
    const py_type *t = TYPE(o);
    pv r = t->getattr ? t->getattr(o, name) : PV_NULL;
    /* a builtin type's own attributes come first, then its methods */
    if (!r && (!t->getattr || !(t->flags & TF_USER) || (t->flags & TF_EXC))) r = generic_getattr(o, name);
    /* then those of the builtin value a subclass's instance is (an int subclass's .real) */
    if (!r && (t->flags & (TF_USER | TF_EXC)) == TF_USER) {
        const py_type *bb = solid_builtin(o);
        if (bb && bb->getattr) r = bb->getattr(o, name);
    }
    return r;
}

pv py_getattr_opt(pv o, pv name) {
    const py_type *t = TYPE(o);
    pv ga = (t->flags & TF_USER) ? py_type_lookup(t, QS(__getattr__)) : PV_NULL;
    pv r;
    if (ga && (t->flags & TF_SLOWATTR)) {
        /* a property raising AttributeError falls back to __getattr__ */
        py_try tr;
        py_try_begin(&tr);
        if (setjmp(tr.j.buf) == 0) {
            r = lookup_attr(o, name);
            py_try_end(&tr);
        } else {
            pv e = py_try_catch(&tr);
            if (!py_isinstance(e, &py_AttributeError_type)) py_raise(e);
            r = PV_NULL;
        }
    } else r = lookup_attr(o, name);
    if (r) return r;
    if (ga) return py_call(bind(ga, o, t), 1, &name, PV_NULL);
    return PV_NULL;
}

pv py_getattr(pv o, pv name) {
    const py_type *t = TYPE(o);
    if (t->flags & TF_USER && !t->getattr) {
        /* instances: their own dict first, unless a property shadows it */
        pv d = inst_dict(o);
        if (d) {
            pv v = py_dict_get(d, name);
            if (v) {
                if (!(t->flags & TF_SLOWATTR)) return v;
                pv a = py_type_lookup(t, name);
                if (!a || IS_SMALL(a) || OBJ(a)->type != &py_property_type) return v;
            }
        }
    }
    pv r = py_getattr_opt(o, name);
    if (r) return r;
    if (t == &py_module_type) {
        pv mn = py_dict_get(((py_module *)o)->dict, QS(__name__));
        py_raisef(&py_AttributeError_type, "module '%s' has no attribute '%s'", mn ? py_str_data(mn) : "?", py_str_data(name));
    }
    if (t == &py_type_type) py_raisef(&py_AttributeError_type, "type object '%s' has no attribute '%s'", py_type_name((const py_type *)o), py_str_data(name));
    py_raisef(&py_AttributeError_type, "'%s' object has no attribute '%s'", py_type_name(t), py_str_data(name));
}

pv py_load_method(pv o, pv name, pv *self) {
    const py_type *t = TYPE(o);
    if (!t->getattr) {
        pv d = inst_dict(o);
        if (d) {
            pv v = py_dict_get(d, name);
            if (v) return v;
        }
        pv a = py_type_lookup(t, name);
        if (a && !IS_SMALL(a)) {
            const py_type *at = OBJ(a)->type;
            if (at == &py_func_type) { *self = o; return a; }
            if (at == &py_builtin_type && !(((py_builtin *)a)->flags & (M_STATIC | M_CLASS)) && !py_builtin_self((py_builtin *)a)) { *self = o; return a; }
        }
    }
    return py_getattr(o, name);
}

void py_setattr(pv o, pv name, pv v) {
    const py_type *t = TYPE(o);
    if ((t->flags & (TF_INSTDICT | TF_SLOWATTR)) == TF_INSTDICT && v) {
        py_dict_set(((py_inst *)o)->dict, name, v);
        return;
    }
    if (t->flags & TF_USER) {
        pv a = py_type_lookup(t, name);
        if (a && !IS_SMALL(a) && OBJ(a)->type == &py_property_type) {
            py_property *p = (py_property *)a;
            pv fn = v ? p->fset : p->fdel;
            if (!fn) py_raisef(&py_AttributeError_type, v ? "property '%s' of '%s' object has no setter" : "property '%s' of '%s' object has no deleter", py_str_data(name), py_type_name(t));
            if (v) py_call(fn, 2, (pv[]){ o, v }, PV_NULL);
            else py_call(fn, 1, &o, PV_NULL);
            return;
        }
        pv sa = py_type_lookup(t, v ? QS(__setattr__) : QS(__delattr__));
        if (sa && !IS_SMALL(sa) && OBJ(sa)->type == &py_func_type) {
            if (v) py_call(sa, 3, (pv[]){ o, name, v }, PV_NULL);
            else py_call(sa, 2, (pv[]){ o, name }, PV_NULL);
            return;
        }
    }
    if (t->setattr && t->setattr(o, name, v)) return;
    pv d = inst_dict(o);
    if (d) {
        if (v) py_dict_set(d, name, v);
        else if (!py_dict_del(d, name)) py_raisef(&py_AttributeError_type, "'%s' object has no attribute '%s'", py_type_name(t), py_str_data(name));
        return;
    }
    if (!(t->flags & TF_USER) && t != &py_type_type && py_type_lookup(t, name))
        py_raisef(&py_AttributeError_type, "'%s' object attribute '%s' is read-only", py_type_name(t), py_str_data(name));
    if (t->flags & TF_EXC) {
        py_exc *e = (py_exc *)o;
        if (!e->dict) e->dict = py_dict_new();
        if (v) py_dict_set(e->dict, name, v);
        else py_dict_del(e->dict, name);
        return;
    }
    py_raisef(&py_AttributeError_type, "'%s' object has no attribute '%s'", py_type_name(t), py_str_data(name));
}

/* ---------------- calls ---------------- */
/* A count of arguments outside what the builtin's table entry allows (obj.h); the message
 * counts them as the caller wrote them, without self. */
static void arity_error(const py_builtin *b, int n, pv *a) {
    int self = !(b->flags & M_STATIC), given = n - self < 0 ? 0 : n - self;
    int lo = (b->flags >> 8 & 15) - self, hi = 15 - (b->flags >> 12) - self;
    const char *name = py_str_data((pv)&py_qstrs[b->name]);
    if (!self) py_argcheck(n, lo, hi, name);     /* a function: worded as builtins word it */
    if (lo == hi && lo <= 1) {
        /* named by the builtin type that defines it, as CPython does: str.zfill() */
        const py_type *t = self && n && !(b->flags & M_CLASS) && !IS(a[0], py_type_type) ? TYPE(a[0]) : NULL;
        while (t && t->flags & TF_USER) t = t->base;
        py_raisef(&py_TypeError_type, lo ? "%s%s%s() takes exactly one argument (%d given)" : "%s%s%s() takes no arguments (%d given)",
                  t ? t->cname : "", t ? "." : "", name, given);
    }
    if (lo == hi) py_raisef(&py_TypeError_type, "%s expected %d arguments, got %d", name, lo, given);
    bool few = given < lo;
    py_raisef(&py_TypeError_type, "%s() takes at %s %d argument%s (%d given)", name, few ? "least" : "most",
              few ? lo : hi, (few ? lo : hi) == 1 ? "" : "s", given);
}
/* The type a method's error message names it by, as CPython does (str.zfill()), or NULL for a
 * function. A bound class method (dict.fromkeys) has its class as self. */
static const py_type *method_owner(const py_builtin *b, int n, pv *a) {
    if (b->flags & M_STATIC || !n) return NULL;
    const py_type *t = IS(a[0], py_type_type) ? (const py_type *)a[0] : TYPE(a[0]);
    while (t && t->flags & TF_USER) t = t->base;
    return t;
}
static void no_keywords_error(const py_builtin *b, int n, pv *a) {
    const py_type *t = method_owner(b, n, a);
    py_raisef(&py_TypeError_type, "%s%s%s() takes no keyword arguments", t ? py_type_name(t) : "", t ? "." : "",
              py_str_data((pv)&py_qstrs[b->name]));
}
/* Every call of a builtin goes through here: its C function may then read the arguments its
 * entry promises without counting them, and sees keyword arguments only if it takes them. */
static pv py_builtin_call(const py_builtin *b, int n, pv *a, pv kw) {
    unsigned top = b->flags >> 12;
    if ((unsigned)n < (b->flags >> 8 & 15u) || (top && (unsigned)n + top > 15)) arity_error(b, n, a);
    if (kw && !(b->flags & M_KW) && ((py_dict *)kw)->used) no_keywords_error(b, n, a);
    return b->fn(n, a, kw);
}
/* str.upper(x): a builtin type's method called through the type takes its self as the first
 * argument, which must be an instance of that type (the C code behind it assumes so). */
static pv call_unbound(const py_builtin *b, int n, pv *a, pv kw) {
    const py_type *owner = (const py_type *)py_builtin_self(b);
    const char *name = py_str_data((pv)&py_qstrs[b->name]);
    if (n < 1) py_raisef(&py_TypeError_type, "unbound method %s.%s() needs an argument", owner->cname, name);
    if (!py_isinstance(a[0], owner))
        py_raisef(&py_TypeError_type, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name, owner->cname, py_type_name(TYPE(a[0])));
    return py_builtin_call(b, n, a, kw);
}

pv py_call(pv f, int n, pv *a, pv kw) {
    if (!IS_SMALL(f)) {
        const py_type *t = OBJ(f)->type;
        if (t == &py_func_type) return py_call_func((py_func *)f, n, a, kw);
        if (t == &py_builtin_type || t == &py_bound_type) {
            pv self, fn;
            if (t == &py_builtin_type) {
                py_builtin *b = (py_builtin *)f;
                self = py_builtin_self(b);
                if (!self) return py_builtin_call(b, n, a, kw);
                if (b->flags & M_UNBOUND) return call_unbound(b, n, a, kw);
                fn = PV_NULL;
            } else {
                self = ((py_bound *)f)->self;
                fn = ((py_bound *)f)->func;
            }
            pv local[8];
            pv *args = n + 1 <= 8 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
            args[0] = self;
            py_copy_values(args + 1, a, (size_t)n);
            if (!fn) return py_builtin_call((py_builtin *)f, n + 1, args, kw);
            if (IS(fn, py_func_type)) return py_call_func((py_func *)fn, n + 1, args, kw);
            return py_call(fn, n + 1, args, kw);
        }
        if (t->call) return t->call(f, n, a, kw);
    }
    py_raisef(&py_TypeError_type, "'%s' object is not callable", py_type_name(TYPE(f)));
}
pv py_call0(pv f) { return py_call(f, 0, NULL, PV_NULL); }
pv py_call1(pv f, pv a) { return py_call(f, 1, &a, PV_NULL); }

void py_argcheck(int n, int min, int max, const char *name) {
    if (n < min || n > max) {
        if (min == 1 && max == 1) py_raisef(&py_TypeError_type, "%s() takes exactly one argument (%d given)", name, n);
        if (max == 0) py_raisef(&py_TypeError_type, "%s() takes no arguments (%d given)", name, n);
        if (min == max) py_raisef(&py_TypeError_type, "%s expected %d arguments, got %d", name, min, n);
        if (n < min) py_raisef(&py_TypeError_type, "%s expected at least %d argument%s, got %d", name, min, min == 1 ? "" : "s", n);
        py_raisef(&py_TypeError_type, "%s expected at most %d argument%s, got %d", name, max, max == 1 ? "" : "s", n);
    }
}
pv py_kw_get(pv kw, int q) { return kw ? py_dict_get(kw, (pv)&py_qstrs[q]) : PV_NULL; }
void py_kw_check_empty(pv kw, const char *fname) {
    if (kw && ((py_dict *)kw)->used) {
        py_dict *d = (py_dict *)kw;
        for (uint32_t i = 0; i < d->nent; i++) if (d->ent[i].key)
            py_raisef(&py_TypeError_type, "%s() got an unexpected keyword argument '%s'", fname, py_str_data(d->ent[i].key));
    }
}

/* ---------------- operators ---------------- */
static const char *const opnames[] = { "+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^", "@" };
static const char *const iopnames[] = { "+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@=" };

pv py_binop(int op, pv a, pv b) {
    const py_type *ta = TYPE(a), *tb = TYPE(b);
    pv r = PV_NULL;
    /* a subclass's own reflected method comes before its base's method, as in CPython */
    if (tb != ta && (tb->flags & TF_USER) && py_issubtype(tb, ta) && tb->binop &&
        overrides(tb, ta, rbinop_q[op & 15])) {
        r = tb->binop(op, a, b, 1);
        if (r && r != (pv)&py_notimpl_obj) return r;
        r = PV_NULL;
    }
    if (ta->binop) r = ta->binop(op, a, b, 0);
    if (r && r != (pv)&py_notimpl_obj) return r;
    if (tb != ta && tb->binop) r = tb->binop(op, a, b, 1);
    if (r && r != (pv)&py_notimpl_obj) return r;
    int o = op & 15;
    if (o == OP_POW) py_type_error_unsupported((op & OP_INPLACE) ? "**=" : "** or pow()", a, b);
    py_type_error_unsupported((op & OP_INPLACE) ? iopnames[o] : opnames[o], a, b);
}

static const char *const cmpnames[] = { "<", "<=", "==", "!=", ">", ">=" };

pv py_compare(int op, pv a, pv b) {
    switch (op) {
    case CMP_IS: return PV_BOOL(a == b);
    case CMP_ISNOT: return PV_BOOL(a != b);
    case CMP_IN: return PV_BOOL(py_contains(b, a));
    case CMP_NOTIN: return PV_BOOL(!py_contains(b, a));
    case CMP_EXC: {
        if (IS(b, py_tuple_type)) {
            for (size_t i = 0; i < TUPLE(b)->len; i++) if (py_truth(py_compare(CMP_EXC, a, TUPLE(b)->items[i]))) return PV_TRUE;
            return PV_FALSE;
        }
        if (!IS(b, py_type_type) || !py_issubtype((const py_type *)b, &py_BaseException_type))
            py_raisef(&py_TypeError_type, "catching classes that do not inherit from BaseException is not allowed");
        return PV_BOOL(py_isinstance(a, (const py_type *)b));
    }
    default: break;
    }
    const py_type *ta = TYPE(a), *tb = TYPE(b);
    pv r = PV_NULL;
    /* containers compare their items recursively: bounded like calls */
    py_vm *vm = py_cur;
    if (++vm->depth > vm->max_depth || py_cstack_exhausted(vm)) { vm->depth--; py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded in comparison"); }
    if (tb != ta && (tb->flags & TF_USER) && py_issubtype(tb, ta)) {   /* comparisons: any subclass, CPython does not ask for an override */
        r = tb->compare(op, a, b, 1);
        if (r == (pv)&py_notimpl_obj) r = PV_NULL;
    }
    if (!r && ta->compare) r = ta->compare(op, a, b, 0);
    if ((!r || r == (pv)&py_notimpl_obj) && tb->compare && (tb != ta || (ta->flags & TF_USER))) r = tb->compare(op, a, b, 1);
    vm->depth--;
    if (r && r != (pv)&py_notimpl_obj) return r;
    if (op == CMP_EQ) return PV_BOOL(a == b);
    if (op == CMP_NE) return PV_BOOL(a != b);
    py_raisef(&py_TypeError_type, "'%s' not supported between instances of '%s' and '%s'", cmpnames[op], py_type_name(ta), py_type_name(tb));
}

bool py_eq(pv a, pv b) {
    if (a == b) return true;     /* identity first, as containment and dict lookup do */
    if (IS_SMALL(a) && IS_SMALL(b)) return false;
    if (IS(a, py_str_type) && IS(b, py_str_type)) return py_str_eq(a, b);
    return py_truth(py_compare(CMP_EQ, a, b));
}

bool py_truth(pv v) {
    if (v == PV_TRUE) return true;
    if (v == PV_FALSE || v == PV_NONE) return false;
    if (IS_SMALL(v)) return SMALL(v) != 0;
    const py_type *t = OBJ(v)->type;
    if (t->truth) return t->truth(v);
    if (t->len) return t->len(v) != 0;
    return true;
}

uintptr_t py_hash(pv v) {
    if (IS_SMALL(v)) {
        pint i = SMALL(v);
        return (uintptr_t)(i == -1 ? -2 : i);
    }
    const py_type *t = OBJ(v)->type;
    if (t == &py_str_type) return t->hash(v);   /* the common key; it cannot recurse */
    if (t->hash) {
        py_vm *vm = py_cur;
        if (++vm->depth > vm->max_depth || py_cstack_exhausted(vm)) { vm->depth--; py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded"); }
        uintptr_t h = t->hash(v);
        vm->depth--;
        return h;
    }
    py_raisef(&py_TypeError_type, "unhashable type: '%s'", py_type_name(t));
}

pv py_repr(pv v) {
    const py_type *t = TYPE(v);
    if (t->repr) return t->repr(v);
    return py_strf("<%s object at %p>", py_type_name(t), (void *)v);
}

pv py_str_of(pv v) {
    if (IS(v, py_str_type)) return v;
    const py_type *t = TYPE(v);
    if (t->str) return t->str(v);
    return py_repr(v);
}

pv py_getitem(pv o, pv k) {
    const py_type *t = TYPE(o);
    if (t->getitem) return t->getitem(o, k);
    if (t == &py_type_type) {
        /* list[int] and the like: a generic alias is the class itself here */
        pv cg = py_type_lookup((const py_type *)o, py_intern("__class_getitem__", 17));
        if (cg) return py_call(bind(cg, PV_NULL, (const py_type *)o), 2, (pv[]){ o, k }, PV_NULL);
        return o;
    }
    py_raisef(&py_TypeError_type, "'%s' object is not subscriptable", py_type_name(t));
}

void py_setitem(pv o, pv k, pv v) {
    const py_type *t = TYPE(o);
    if (t->setitem) { t->setitem(o, k, v); return; }
    if (v) py_raisef(&py_TypeError_type, "'%s' object does not support item assignment", py_type_name(t));
    py_raisef(&py_TypeError_type, "'%s' object doesn't support item deletion", py_type_name(t));
}

pint py_len(pv o) {
    const py_type *t = TYPE(o);
    if (t->len) return t->len(o);
    py_raisef(&py_TypeError_type, "object of type '%s' has no len()", py_type_name(t));
}

/* iteration over anything with __getitem__ */
typedef struct { const py_type *type; pv seq; pint i; } seq_iter;
static pv seqiter_next(pv it) {
    seq_iter *s = (seq_iter *)it;
    if (!s->seq) return PV_NULL;
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf) == 0) {
        pv v = py_getitem(s->seq, MKSMALL(s->i));
        py_try_end(&tr);
        s->i++;
        return v;
    }
    pv e = py_try_catch(&tr);
    if (py_isinstance(e, &py_IndexError_type) || py_isinstance(e, &py_StopIteration_type)) { s->seq = PV_NULL; return PV_NULL; }
    py_raise(e);
}
static pv self_iter(pv o) { return o; }
static void seqiter_mark(pv o, gc_heap *h) { gc_mark(h, ((seq_iter *)o)->seq); }
const py_type py_seqiter_type = { &py_type_type, "iterator", .base = &py_object_type,
    .iter = self_iter, .next = seqiter_next, .mark = seqiter_mark };

pv py_iter(pv o) {
    const py_type *t = TYPE(o);
    if (t->iter) return t->iter(o);
    if (t->getitem) {
        seq_iter *s = NEW(seq_iter, py_seqiter_type);
        s->seq = o;
        return (pv)s;
    }
    py_raisef(&py_TypeError_type, "'%s' object is not iterable", py_type_name(t));
}

pv py_next(pv it) {
    /* a step of an iteration ticks like a loop back-edge, so that the poll and the step limit
     * also reach loops that run in C: sum(range(10**12)), sorted(), list(), str.join() */
    py_tick();
    const py_type *t = TYPE(it);
    if (t->next) return t->next(it);
    py_raisef(&py_TypeError_type, "'%s' object is not an iterator", py_type_name(t));
}

int py_contains(pv o, pv x) {
    const py_type *t = TYPE(o);
    if (t->contains) return t->contains(o, x);
    if (!t->iter && !t->getitem) py_raisef(&py_TypeError_type, "argument of type '%s' is not iterable", py_type_name(t));
    pv it = py_iter(o), v;
    while ((v = py_next(it))) if (py_eq(v, x)) return 1;
    return 0;
}

pv py_unary(int op, pv a) {
    const py_type *t = TYPE(a);
    if (t->unary) {
        pv r = t->unary(op, a);
        if (r) return r;
    }
    static const char *const n[] = { "unary -", "unary +", "unary ~" };
    py_raisef(&py_TypeError_type, "bad operand type for %s: '%s'", n[op], py_type_name(t));
}

pint py_to_index(pv v) {
    if (IS_SMALL(v)) return SMALL(v);
    if (v == PV_TRUE) return 1;
    if (v == PV_FALSE) return 0;
    if (py_is_int(v)) {       /* a big one, or an int subclass's instance, as CPython takes it */
        int64_t x = py_int_val(v);
        if (x < INTPTR_MIN || x > INTPTR_MAX) py_raisef(&py_IndexError_type, "cannot fit 'int' into an index-sized integer");
        return (pint)x;
    }
    if (TYPE(v)->flags & TF_USER) {
        pv m = py_lookup_special(v, Q___index__);
        if (m) return py_to_index(py_call0(m));
    }
    py_raisef(&py_TypeError_type, "'%s' object cannot be interpreted as an integer", py_type_name(TYPE(v)));
}

/* ---------------- functions and methods ---------------- */
pv py_func_new(py_code *code, pv globals) {
    py_func *f = NEW(py_func, py_func_type);
    f->code = code;
    f->globals = globals;
    f->name = code->name;
    return (pv)f;
}
static void func_mark(pv o, gc_heap *h) {
    py_func *f = (py_func *)o;
    gc_mark(h, (pv)f->code); gc_mark(h, f->globals); gc_mark(h, f->defaults); gc_mark(h, f->kwdefaults);
    gc_mark(h, f->closure); gc_mark(h, f->name); gc_mark(h, f->dict); gc_mark(h, f->qualname);
}
static pv func_repr(pv o) { return py_strf("<function %s at %p>", py_str_data(((py_func *)o)->name), (void *)o); }
static pv func_getattr(pv o, pv name) {
    py_func *f = (py_func *)o;
    if (name == QS(__name__) || name == QS(__qualname__)) return f->name;
    if (name == QS(__defaults__)) return f->defaults ? f->defaults : PV_NONE;
    if (name == py_intern("__kwdefaults__", 14)) return f->kwdefaults ? f->kwdefaults : PV_NONE;
    if (name == QS(__code__)) return (pv)f->code;
    if (name == QS(__module__)) { pv m = py_dict_get(f->globals, QS(__name__)); return m ? m : PV_NONE; }
    if (name == QS(__doc__)) {
        if (f->dict) { pv d = py_dict_get(f->dict, name); if (d) return d; }
        py_code *c = f->code;
        return TUPLE(c->consts)->len && (c->flags & CO_HASDOC) ? TUPLE(c->consts)->items[0] : PV_NONE;
    }
    if (name == QS(__dict__)) { if (!f->dict) f->dict = py_dict_new(); return f->dict; }
    if (f->dict) { pv v = py_dict_get(f->dict, name); if (v) return v; }
    return generic_getattr(o, name);
}
static bool func_setattr(pv o, pv name, pv v) {
    py_func *f = (py_func *)o;
    if (name == QS(__name__)) { f->name = v; return true; }
    if (!f->dict) f->dict = py_dict_new();
    if (v) py_dict_set(f->dict, name, v); else py_dict_del(f->dict, name);
    return true;
}
static uintptr_t id_hash(pv o) { return (uintptr_t)o >> 3; }
static pv func_get(int n, pv *a, pv kw) {
    if (n >= 2 && a[1] != PV_NONE) return py_bound_new(a[1], a[0]);
    return a[0];
}
static const py_builtin func_methods[] = {
    METHOD(__get__, func_get, 1, 2), METHODS_END };
const py_type py_func_type = { &py_type_type, "function", .base = &py_object_type, .methods = func_methods,
    .repr = func_repr, .hash = id_hash, .getattr = func_getattr, .setattr = func_setattr, .mark = func_mark };

_Static_assert(sizeof(py_builtin) == 3 * sizeof(void *), "a method-table entry is three words");
pv py_builtin_new(int q, py_cfn fn, pv self) {
    py_builtin_with_self *b = py_new_obj(sizeof *b, &py_builtin_type);
    b->b.name = (uint16_t)q;
    b->b.flags = M_SELF;
    b->b.fn = fn;
    b->self = self;
    return (pv)b;
}
/* a table entry bound to its self (or its class): it keeps the entry's argument counts */
pv py_builtin_bind(const py_builtin *entry, pv self) {
    py_builtin *b = (py_builtin *)py_builtin_new(entry->name, entry->fn, self);
    b->flags = (entry->flags & (ARITY_MASK | M_KW)) | M_SELF;
    return (pv)b;
}
static pv builtin_repr(pv o) {
    py_builtin *b = (py_builtin *)o;
    pv self = py_builtin_self(b);
    if (b->flags & M_UNBOUND) return py_strf("<method '%s' of '%s' objects>", py_str_data((pv)&py_qstrs[b->name]), ((const py_type *)self)->cname);
    if (self) return py_strf("<built-in method %s of %s object at %p>", py_str_data((pv)&py_qstrs[b->name]), py_type_name(TYPE(self)), (void *)self);
    return py_strf("<built-in function %s>", py_str_data((pv)&py_qstrs[b->name]));
}
static void builtin_mark(pv o, gc_heap *h) { gc_mark(h, py_builtin_self((py_builtin *)o)); }
static pv builtin_getattr(pv o, pv name) {
    py_builtin *b = (py_builtin *)o;
    if (name == QS(__name__) || name == QS(__qualname__)) return (pv)&py_qstrs[b->name];
    pv self = py_builtin_self(b);
    if (name == QS(__self__)) return self && !(b->flags & M_UNBOUND) ? self : PV_NONE;
    return generic_getattr(o, name);
}
static uintptr_t builtin_hash(pv o) { return ((py_builtin *)o)->name * 31u + ((uintptr_t)py_builtin_self((py_builtin *)o) >> 3); }
static pv builtin_compare(int op, pv a, pv b, int side) {
    if (op != CMP_EQ && op != CMP_NE) return PV_NULL;
    if (!IS(a, py_builtin_type) || !IS(b, py_builtin_type)) return PV_NULL;
    py_builtin *x = (py_builtin *)a, *y = (py_builtin *)b;
    bool eq = x->fn == y->fn && py_builtin_self(x) == py_builtin_self(y);
    return PV_BOOL(op == CMP_EQ ? eq : !eq);
}
const py_type py_builtin_type = { &py_type_type, "builtin_function_or_method", .base = &py_object_type,
    .repr = builtin_repr, .hash = builtin_hash, .compare = builtin_compare, .getattr = builtin_getattr, .mark = builtin_mark };

pv py_bound_new(pv self, pv func) {
    py_bound *b = NEW(py_bound, py_bound_type);
    b->self = self;
    b->func = func;
    return (pv)b;
}
static void bound_mark(pv o, gc_heap *h) { gc_mark(h, ((py_bound *)o)->self); gc_mark(h, ((py_bound *)o)->func); }
static pv bound_repr(pv o) {
    py_bound *b = (py_bound *)o;
    pv fname = py_getattr(b->func, QS(__name__));
    pv cls = IS(b->self, py_type_type) ? py_type_name_obj((const py_type *)b->self) : py_type_name_obj(TYPE(b->self));
    return py_strf("<bound method %s.%s of %s>", py_str_data(cls), py_str_data(fname), py_str_data(py_repr(b->self)));
}
static pv bound_getattr(pv o, pv name) {
    py_bound *b = (py_bound *)o;
    if (name == QS(__self__)) return b->self;
    if (name == QS(__func__)) return b->func;
    return py_getattr_opt(b->func, name);
}
static pv bound_compare(int op, pv a, pv b, int side) {
    if (op != CMP_EQ && op != CMP_NE) return PV_NULL;
    if (!IS(a, py_bound_type) || !IS(b, py_bound_type)) return PV_NULL;
    bool eq = ((py_bound *)a)->self == ((py_bound *)b)->self && ((py_bound *)a)->func == ((py_bound *)b)->func;
    return PV_BOOL(op == CMP_EQ ? eq : !eq);
}
static uintptr_t bound_hash(pv o) { return ((uintptr_t)((py_bound *)o)->self >> 3) ^ ((uintptr_t)((py_bound *)o)->func >> 3); }
const py_type py_bound_type = { &py_type_type, "method", .base = &py_object_type, .repr = bound_repr,
    .getattr = bound_getattr, .compare = bound_compare, .hash = bound_hash, .mark = bound_mark };

static void cell_mark(pv o, gc_heap *h) { gc_mark(h, ((py_cell *)o)->value); }
const py_type py_cell_type = { &py_type_type, "cell", .base = &py_object_type, .mark = cell_mark };

static void code_mark(pv o, gc_heap *h) {
    py_code *c = (py_code *)o;
    gc_mark(h, c->name); gc_mark(h, c->filename); gc_mark(h, c->consts); gc_mark(h, c->names); gc_mark(h, c->varnames);
    gc_mark_ptr(h, c->code); gc_mark_ptr(h, c->lines); gc_mark_ptr(h, c->cell2arg); gc_mark_ptr(h, c->cache);
}
static pv code_repr(pv o) { return py_strf("<code object %s at %p>", py_str_data(((py_code *)o)->name), (void *)o); }
const py_type py_code_type = { &py_type_type, "code", .base = &py_object_type, .repr = code_repr, .mark = code_mark };

static void gen_mark(pv o, gc_heap *h) {
    py_gen *g = (py_gen *)o;
    gc_mark(h, (pv)g->f.code); gc_mark(h, (pv)g->f.func); gc_mark(h, g->f.globals); gc_mark(h, g->f.locals);
    gc_mark_ptr(h, g->slots); gc_mark(h, g->sent); gc_mark(h, g->handling);
}
extern pv py_gen_next(pv gen);
extern pv py_gen_close(pv gen);
static pv gen_repr(pv o) { return py_strf("<generator object %s at %p>", py_str_data(((py_gen *)o)->f.code->name), (void *)o); }
static pv gen_send_m(int n, pv *a, pv kw) { return py_gen_send(a[0], a[1], PV_NULL); }
static pv gen_throw_m(int n, pv *a, pv kw) {
    pv e = a[1];
    if (IS(e, py_type_type)) e = py_call(e, n > 2 && a[2] != PV_NONE ? 1 : 0, a + 2, PV_NULL);
    return py_gen_send(a[0], PV_NONE, e);
}
static pv gen_close_m(int n, pv *a, pv kw) { return py_gen_close(a[0]); }
static const py_builtin gen_methods[] = {
    METHOD(send, gen_send_m, 1, 1), METHOD(throw, gen_throw_m, 1, 3), METHOD(close, gen_close_m, 0, 0), METHODS_END };
const py_type py_gen_type = { &py_type_type, "generator", .base = &py_object_type, .methods = gen_methods,
    .repr = gen_repr, .hash = id_hash, .iter = self_iter, .next = py_gen_next, .mark = gen_mark };

static pv coro_repr(pv o) { return py_strf("<coroutine object %s at %p>", py_str_data(((py_gen *)o)->f.code->name), (void *)o); }
/* coroutine.__await__(): an iterator that drives the coroutine */
typedef struct { const py_type *type; pv coro; } coro_wrapper;
static void cw_mark(pv o, gc_heap *h) { gc_mark(h, ((coro_wrapper *)o)->coro); }
static pv cw_next(pv o) { return py_gen_next(((coro_wrapper *)o)->coro); }
static pv cw_send(int n, pv *a, pv kw) { return py_gen_send(((coro_wrapper *)a[0])->coro, n > 1 ? a[1] : PV_NONE, PV_NULL); }
static const py_builtin cw_methods[] = {
    METHOD(send, cw_send, 1, 1), METHODS_END };
static const py_type coro_wrapper_type = { &py_type_type, "coroutine_wrapper", .base = &py_object_type, .methods = cw_methods,
    .iter = self_iter, .next = cw_next, .mark = cw_mark };
static pv coro_await(int n, pv *a, pv kw) {
    coro_wrapper *w = NEW(coro_wrapper, coro_wrapper_type);
    w->coro = a[0];
    return (pv)w;
}
static pv coro_getattr(pv o, pv name) {
    py_gen *g = (py_gen *)o;
    if (name == QS(__name__) || name == QS(__qualname__)) return g->f.code->name;
    if (name == py_intern("cr_running", 10)) return PV_BOOL(g->state == 2);
    if (name == py_intern("cr_frame", 8)) return g->state == 3 ? PV_NONE : PV_TRUE;
    return PV_NULL;
}
static const py_builtin coro_methods[] = {
    METHOD(send, gen_send_m, 1, 1), METHOD(throw, gen_throw_m, 1, 3), METHOD(close, gen_close_m, 0, 0),
    METHOD(__await__, coro_await, 0, 0), METHODS_END };
const py_type py_coro_type = { &py_type_type, "coroutine", .base = &py_object_type, .methods = coro_methods,
    .repr = coro_repr, .hash = id_hash, .getattr = coro_getattr, .mark = gen_mark };

/* ---------------- property, staticmethod, classmethod ---------------- */
static void prop_mark(pv o, gc_heap *h) { py_property *p = (py_property *)o; gc_mark(h, p->fget); gc_mark(h, p->fset); gc_mark(h, p->fdel); }
static pv prop_make(const py_type *t, int n, pv *a, pv kw) {
    py_property *p = NEW(py_property, py_property_type);
    p->fget = n > 0 && a[0] != PV_NONE ? a[0] : py_kw_get(kw, Q_fget);
    p->fset = n > 1 && a[1] != PV_NONE ? a[1] : py_kw_get(kw, Q_fset);
    p->fdel = n > 2 && a[2] != PV_NONE ? a[2] : PV_NULL;
    return (pv)p;
}
static pv prop_copy(pv o, int which, pv f) {
    py_property *p = NEW(py_property, py_property_type);
    *p = *(py_property *)o;
    if (which == 0) p->fget = f; else if (which == 1) p->fset = f; else p->fdel = f;
    return (pv)p;
}
static pv prop_getter(int n, pv *a, pv kw) { return prop_copy(a[0], 0, a[1]); }
static pv prop_setter(int n, pv *a, pv kw) { return prop_copy(a[0], 1, a[1]); }
static pv prop_deleter(int n, pv *a, pv kw) { return prop_copy(a[0], 2, a[1]); }
static pv prop_getattr(pv o, pv name) {
    if (name == QS(fget)) return ((py_property *)o)->fget ? ((py_property *)o)->fget : PV_NONE;
    if (name == QS(fset)) return ((py_property *)o)->fset ? ((py_property *)o)->fset : PV_NONE;
    if (name == QS(__doc__)) return PV_NONE;
    return generic_getattr(o, name);
}
static const py_builtin prop_methods[] = {
    METHOD(getter, prop_getter, 1, 1), METHOD(setter, prop_setter, 1, 1), METHOD(deleter, prop_deleter, 1, 1),
    METHODS_END };
const py_type py_property_type = { &py_type_type, "property", .base = &py_object_type, .methods = prop_methods,
    .flags = TF_KW, .make = prop_make, .getattr = prop_getattr, .mark = prop_mark };

static void wrap_mark(pv o, gc_heap *h) { gc_mark(h, ((py_wrap *)o)->func); }
static pv wrap_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 1, 1, t->cname);
    py_wrap *w = NEW(py_wrap, *t);
    w->func = a[0];
    return (pv)w;
}
static pv wrap_getattr(pv o, pv name) {
    if (name == QS(__func__)) return ((py_wrap *)o)->func;
    pv r = py_getattr_opt(((py_wrap *)o)->func, name);
    return r;
}
static pv static_call(pv f, int n, pv *a, pv kw) { return py_call(((py_wrap *)f)->func, n, a, kw); }
const py_type py_staticmethod_type = { &py_type_type, "staticmethod", .base = &py_object_type, .make = wrap_make,
    .getattr = wrap_getattr, .call = static_call, .mark = wrap_mark };
const py_type py_classmethod_type = { &py_type_type, "classmethod", .base = &py_object_type, .make = wrap_make,
    .getattr = wrap_getattr, .mark = wrap_mark };

/* ---------------- modules ---------------- */
pv py_module_new(pv name) {
    py_module *m = NEW(py_module, py_module_type);
    m->dict = py_dict_new();
    m->name = name;
    py_dict_set(m->dict, QS(__name__), name);
    py_dict_set(m->dict, QS(__doc__), PV_NONE);
    return (pv)m;
}
static void module_mark(pv o, gc_heap *h) { gc_mark(h, ((py_module *)o)->dict); gc_mark(h, ((py_module *)o)->name); }
static pv table_value(const py_builtin *f) { return f->flags & M_CONST ? f->value : (pv)f; }
void py_module_add_table(pv o, const py_builtin *table) {
    py_module *m = (py_module *)o;
    for (int i = 0; i < PY_MODULE_TABLES; i++)
        if (!m->tables[i]) { m->tables[i] = table; return; }
    for (; table->fn; table++) py_dict_set(m->dict, (pv)&py_qstrs[table->name], table_value(table));
}
/* name's entry in the module's tables: names are interned, so a predefined one is its qstr */
static pv table_get(const py_module *m, pv name) {
    int q = py_qstr_index(name);
    if (q < 0) return PV_NULL;
    for (int i = 0; i < PY_MODULE_TABLES && m->tables[i]; i++)
        for (const py_builtin *f = m->tables[i]; f->fn; f++)
            if (f->name == q) return table_value(f);
    return PV_NULL;
}
pv py_module_dict(pv o) {
    py_module *m = (py_module *)o;
    for (int i = 0; i < PY_MODULE_TABLES && m->tables[i]; i++) {
        for (const py_builtin *f = m->tables[i]; f->fn; f++)
            if (!py_dict_get(m->dict, (pv)&py_qstrs[f->name])) py_dict_set(m->dict, (pv)&py_qstrs[f->name], table_value(f));
    }
    for (int i = 0; i < PY_MODULE_TABLES; i++) m->tables[i] = NULL;
    return m->dict;
}
static pv module_getattr(pv o, pv name) {
    pv v = py_dict_get(((py_module *)o)->dict, name);
    if (v) return v;
    if ((v = table_get((py_module *)o, name))) return v;
    if (name == QS(__dict__)) return py_module_dict(o);
    return PV_NULL;
}
static bool module_setattr(pv o, pv name, pv v) {
    if (v) py_dict_set(((py_module *)o)->dict, name, v);
    else if (!py_dict_del(py_module_dict(o), name)) py_raisef(&py_AttributeError_type, "%s", py_str_data(name));
    return true;
}
static pv module_repr(pv o) { return py_strf("<module '%s'>", py_str_data(((py_module *)o)->name)); }
const py_type py_module_type = { &py_type_type, "module", .base = &py_object_type, .repr = module_repr,
    .hash = id_hash, .getattr = module_getattr, .setattr = module_setattr, .mark = module_mark };

/* ---------------- classes and instances ---------------- */
static pv type_repr(pv o) {
    const py_type *t = (const py_type *)o;
    if (t->flags & TF_USER) {
        pv mod = t->dict ? py_dict_get(t->dict, QS(__module__)) : PV_NULL;
        if (mod && IS(mod, py_str_type) && strcmp(py_str_data(mod), "builtins"))
            return py_strf("<class '%s.%s'>", py_str_data(mod), py_type_name(t));
    }
    return py_strf("<class '%s'>", t->name ? py_str_data(t->name) : t->cname);
}
static void type_mark(pv o, gc_heap *h) {
    py_type *t = (py_type *)o;
    gc_mark(h, t->name); gc_mark(h, t->bases); gc_mark(h, t->mro); gc_mark(h, t->dict);
    gc_mark_ptr(h, t->base);
}

static pv solid_new(const py_type *t) {
    /* the layout comes from the nearest builtin base */
    if (py_issubtype(t, &py_BaseException_type)) {
        py_exc *e = NEW(py_exc, *t);
        e->args = py_tuple_new(0);
        return (pv)e;
    }
    py_inst *i = NEW(py_inst, *t);
    i->dict = py_dict_new();
    return (pv)i;
}
pv py_inst_new(const py_type *t) { return solid_new(t); }

static const py_type *builtin_base(const py_type *t) {
    for (const py_type *b = t; b; b = b->base) if (!(b->flags & TF_USER)) return b;
    return &py_object_type;
}

/* A value of its own for a subclass instance of an immutable builtin to carry the class on:
 * the builtin's constructor may hand back its argument, a constant of the code or an interned
 * or static object, which must keep its type. The mutable builtins and frozenset always make
 * a new object. */
static pv own_copy(const py_type *bb, pv v) {
    if (bb == &py_str_type) return py_str_new(py_str_data(v), py_str_len(v));
    if (bb == &py_bytes_type) return py_bytes_new(&py_bytes_type, ((py_bytes *)v)->data, ((py_bytes *)v)->len);
    if (bb == &py_float_type) return py_float_new(py_to_double(v));
    if (bb == &py_int_type) return py_int_boxed(v);
    if (bb == &py_tuple_type) {
        pv c = py_tuple_new(TUPLE(v)->len);
        py_copy_values(TUPLE(c)->items, TUPLE(v)->items, TUPLE(v)->len);
        return c;
    }
    return v;
}

/* Whether instances of a class whose nearest builtin base is bb carry a value of bb's layout,
 * made by bb's constructor (a str, a list ...), rather than an instance dict alone. */
static bool has_builtin_value(const py_type *bb) {
    return bb != &py_object_type && !(bb->flags & TF_EXC) && bb->make;
}

/* An instance of t, a subclass of the builtin bb: the builtin makes the value from the
 * arguments, the class is put on it. Both calling the class and X.__new__(cls, ...) (the
 * builtins' __new__ is object's) come here, so the value always has the builtin's layout. */
static pv builtin_value_new(const py_type *t, const py_type *bb, int n, pv *a, pv kw) {
    pv obj = bb->make(bb, n, a, kw);
    /* an int is small or boxed (py_long_type): either way a boxed copy carries the class */
    if (bb == &py_int_type ? py_is_int(obj) : !IS_SMALL(obj) && OBJ(obj)->type == bb) {
        /* a value of the builtin type: a copy of it gets the class */
        obj = own_copy(bb, obj);
        ((pobj *)obj)->type = t;
    }
    return obj;
}

static pv type_call(pv f, int n, pv *a, pv kw) {
    const py_type *t = (const py_type *)f;
    if (!(t->flags & TF_USER)) {
        if (kw && !(t->flags & TF_KW) && ((py_dict *)kw)->used)
            py_raisef(&py_TypeError_type, "%s() takes no keyword arguments", py_type_name(t));
        if (t->make) return t->make(t, n, a, kw);
        py_raisef(&py_TypeError_type, "cannot create '%s' instances", py_type_name(t));
    }
    pv obj;
    pv newf = py_type_lookup(t, QS(__new__));
    const py_type *bb = builtin_base(t);
    if (newf && !IS_SMALL(newf) && (OBJ(newf)->type == &py_staticmethod_type || OBJ(newf)->type == &py_func_type)) {
        pv fn = OBJ(newf)->type == &py_staticmethod_type ? ((py_wrap *)newf)->func : newf;
        pv local[9];
        pv *args = n + 1 <= 9 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
        args[0] = f;
        py_copy_values(args + 1, a, (size_t)n);
        obj = py_call(fn, n + 1, args, kw);
        if (!py_isinstance(obj, t)) return obj;
    } else if (has_builtin_value(bb)) {
        obj = builtin_value_new(t, bb, n, a, kw);
        pv init = py_type_lookup(t, QS(__init__));
        if (init && !IS_SMALL(init) && OBJ(init)->type == &py_func_type) {
            pv local[9];
            pv *args = n + 1 <= 9 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
            args[0] = obj;
            py_copy_values(args + 1, a, (size_t)n);
            py_call(init, n + 1, args, kw);
        }
        return obj;
    } else {
        obj = solid_new(t);
        if (t->flags & TF_EXC) {
            /* BaseException.__new__ keeps the arguments even when __init__ does not */
            pv args = py_tuple_new((size_t)n);
            py_copy_values(TUPLE(args)->items, a, (size_t)n);
            ((py_exc *)obj)->args = args;
        }
    }
    pv init = py_type_lookup(t, QS(__init__));
    if (init && !IS_SMALL(init) && OBJ(init)->type == &py_func_type) {
        pv local[9];
        pv *args = n + 1 <= 9 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
        args[0] = obj;
        py_copy_values(args + 1, a, (size_t)n);
        pv r = py_call_func((py_func *)init, n + 1, args, kw);
        if (r != PV_NONE) py_raisef(&py_TypeError_type, "__init__() should return None, not '%s'", py_type_name(TYPE(r)));
    } else if (init && !IS_SMALL(init) && OBJ(init)->type == &py_builtin_type) {
        pv local[9];
        pv *args = n + 1 <= 9 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
        args[0] = obj;
        py_copy_values(args + 1, a, (size_t)n);
        py_builtin_call((py_builtin *)init, n + 1, args, kw);
    } else if (init) {
        pv local[9];
        pv *args = n + 1 <= 9 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
        args[0] = obj;
        py_copy_values(args + 1, a, (size_t)n);
        py_call(init, n + 1, args, kw);
    } else if ((n || kw) && !newf) {
        py_raisef(&py_TypeError_type, "%s() takes no arguments", py_type_name(t));
    }
    return obj;
}

static pv builtin_mro(const py_type *t) {
    pv l = py_list_new(0);
    const py_type *b;
    for (b = t; b; b = b->base) py_list_append(l, (pv)b);
    if (LIST(l)->items[LIST(l)->len - 1] != (pv)&py_object_type) py_list_append(l, (pv)&py_object_type);
    return py_tuple_from_iter(l);
}

/* The builtin type whose method table holds method m, looked up from t as attributes are. */
static bool table_holds(const py_builtin *table, pv m) {
    for (; table && table->fn; table++)
        if ((pv)table == m) return true;
    return false;
}
static const py_type *method_table_owner(const py_type *t, pv m) {
    const py_type *owner = NULL;     /* the furthest base: bool shares int's table */
    for (const py_type *b = t; b; b = b->base)
        if (table_holds(b->methods, m) || table_holds(b->methods2, m)) owner = b;
    if (!owner && table_holds(py_object_type.methods, m)) owner = &py_object_type;
    return owner;
}

/* A builtin found on a type: class methods bind to the type, instance methods of a builtin
 * type check the self they are later called with (call_unbound). */
static pv type_builtin_attr(const py_type *t, pv a) {
    py_builtin *b = (py_builtin *)a;
    if (b->flags & M_CLASS) return py_builtin_bind(b, (pv)t);
    if (b->flags & M_STATIC || py_builtin_self(b)) return a;
    const py_type *owner = method_table_owner(t, a);
    if (!owner) return a;     /* a function stored in a class body: not a method */
    py_builtin *u = (py_builtin *)py_builtin_bind(b, (pv)owner);
    u->flags |= M_UNBOUND;
    return (pv)u;
}

static pv type_getattr(pv o, pv name) {
    const py_type *t = (const py_type *)o;
    pv a = py_type_lookup(t, name);
    if (a) {
        if (!IS_SMALL(a)) {
            const py_type *at = OBJ(a)->type;
            if (at == &py_classmethod_type) return py_bound_new(o, ((py_wrap *)a)->func);
            if (at == &py_staticmethod_type) return ((py_wrap *)a)->func;
            if (at == &py_builtin_type) return type_builtin_attr(t, a);
        }
        return a;
    }
    if (name == QS(__name__) || name == QS(__qualname__)) return py_type_name_obj(t);
    if (name == QS(__mro__)) return t->mro ? t->mro : builtin_mro(t);
    if (name == QS(__bases__)) {
        if (t->bases) return t->bases;
        pv r = py_tuple_new(t == &py_object_type ? 0 : 1);
        if (t != &py_object_type) TUPLE(r)->items[0] = (pv)(t->base ? t->base : &py_object_type);
        return r;
    }
    if (name == QS(__base__)) return t->base ? (pv)t->base : PV_NONE;
    if (name == QS(__dict__)) return t->dict ? t->dict : py_dict_new();
    if (name == QS(__module__)) return builtin_type_module(t);
    if (name == QS(__doc__)) return PV_NONE;
    /* the metaclass: type's own methods (mro) */
    pv m = py_type_lookup(&py_type_type, name);
    if (m) return bind(m, o, &py_type_type);
    return PV_NULL;
}
static bool type_setattr(pv o, pv name, pv v) {
    py_type *t = (py_type *)o;
    if (!(t->flags & TF_USER)) py_raisef(&py_TypeError_type, "cannot set '%s' attribute of immutable type '%s'", py_str_data(name), py_type_name(t));
    if (v) { py_dict_set(t->dict, name, v); if (slow_attr(name, v)) t->flags |= TF_SLOWATTR; }
    else if (!py_dict_del(t->dict, name)) py_raisef(&py_AttributeError_type, "type object '%s' has no attribute '%s'", py_type_name(t), py_str_data(name));
    /* a class attribute changed: cached method lookups would need a version; we keep none */
    return true;
}

/* C3 linearisation of the bases' MROs */
static pv mro_of(const py_type *t) {
    if (t->mro) return t->mro;
    return builtin_mro(t);
}
static pv c3(pv self, pv bases) {
    size_t nb = TUPLE(bases)->len;
    pv seqs = py_list_new(0);
    for (size_t i = 0; i < nb; i++) py_list_append(seqs, py_list_from_iter(mro_of((const py_type *)TUPLE(bases)->items[i])));
    py_list_append(seqs, py_list_from_iter(bases));
    pv out = py_list_new(0);
    py_list_append(out, self);
    for (;;) {
        bool any = false;
        pv cand = PV_NULL;
        for (size_t i = 0; i < LIST(seqs)->len; i++) {
            py_list *s = LIST(LIST(seqs)->items[i]);
            if (!s->len) continue;
            any = true;
            pv c = s->items[0];
            bool intail = false;
            for (size_t k = 0; k < LIST(seqs)->len && !intail; k++) {
                py_list *s2 = LIST(LIST(seqs)->items[k]);
                for (size_t m = 1; m < s2->len; m++) if (s2->items[m] == c) { intail = true; break; }
            }
            if (!intail) { cand = c; break; }
        }
        if (!any) break;
        if (!cand) py_raisef(&py_TypeError_type, "Cannot create a consistent method resolution order (MRO)");
        py_list_append(out, cand);
        for (size_t i = 0; i < LIST(seqs)->len; i++) {
            py_list *s = LIST(LIST(seqs)->items[i]);
            if (s->len && s->items[0] == cand) { memmove(s->items, s->items + 1, (s->len - 1) * sizeof(pv)); s->len--; }
        }
    }
    return py_tuple_from_iter(out);
}

/* dunder dispatch for class instances */
static pv inst_repr(pv o);
static pv inst_str(pv o);
static uintptr_t inst_hash(pv o);
static pv inst_binop(int op, pv a, pv b, int side);
static pv inst_compare(int op, pv a, pv b, int side);
static pv inst_unary(int op, pv a);
static pv inst_getitem(pv o, pv k);
static void inst_setitem(pv o, pv k, pv v);
static pv inst_iter(pv o);
static pv inst_next(pv o);
static pv inst_call(pv f, int n, pv *a, pv kw);
static pint inst_len(pv o);
static int inst_truth(pv o);
static int inst_contains(pv o, pv x);
static void inst_mark(pv o, gc_heap *h);

static bool slow_attr(pv name, pv v) {
    if (name == QS(__setattr__) || name == QS(__delattr__) || name == QS(__getattribute__)) return true;
    if (IS_SMALL(v)) return false;
    const py_type *vt = OBJ(v)->type;
    if (vt == &py_property_type) return true;
    return (vt->flags & TF_USER) && (py_type_lookup(vt, QS(__get__)) || py_type_lookup(vt, QS(__set__)));
}

pv py_class_new(pv name, pv bases, pv dict) {
    size_t nb = TUPLE(bases)->len;
    const py_type *base = nb ? (const py_type *)TUPLE(bases)->items[0] : &py_object_type;
    for (size_t i = 0; i < nb; i++) {
        pv b = TUPLE(bases)->items[i];
        if (!IS(b, py_type_type)) py_raisef(&py_TypeError_type, "bases must be types");
        const py_type *bt = (const py_type *)b;
        if (!(bt->flags & (TF_BASE | TF_USER)) && bt != &py_object_type)
            py_raisef(&py_TypeError_type, "type '%s' is not an acceptable base type", py_type_name(bt));
    }
    py_type *t = gc_alloc(sizeof(py_type), GC_OBJ);
    t->type = &py_type_type;
    t->name = name;
    t->base = base;
    t->bases = nb ? bases : py_tuple_new(0);
    t->dict = dict;
    t->flags = TF_USER | TF_BASE | (base->flags & TF_EXC);
    const py_type *bb = builtin_base(base);
    t->make = NULL;
    t->repr = inst_repr;
    t->str = inst_str;
    t->hash = inst_hash;
    t->binop = inst_binop;
    t->compare = inst_compare;
    t->unary = inst_unary;
    t->getitem = inst_getitem;
    t->setitem = inst_setitem;
    t->iter = inst_iter;
    t->next = inst_next;
    t->call = inst_call;
    t->len = inst_len;
    t->truth = inst_truth;
    t->contains = inst_contains;
    /* a made class's own (defaultdict's) too; none for a value with nothing to mark (a float) */
    t->mark = base->mark ? base->mark : has_builtin_value(bb) ? NULL : inst_mark;
    if (bb == &py_object_type) t->flags |= TF_INSTDICT;
    if (bb->flags & TF_EXC) { t->getattr = bb->getattr; t->setattr = bb->setattr; }
    if (bb == &py_object_type) t->mark = inst_mark;
    t->mro = c3((pv)t, nb ? bases : py_tuple_new(0));
    if (!nb) {
        /* class C: has object as its last MRO entry already via c3 of no bases: add it */
        pv l = py_list_from_iter(t->mro);
        py_list_append(l, (pv)&py_object_type);
        t->mro = py_tuple_from_iter(l);
    }
    if (!py_dict_get(dict, QS(__module__))) py_dict_set(dict, QS(__module__), QS(__main__));
    if (py_dict_get(dict, QS(__eq__)) && !py_dict_get(dict, QS(__hash__))) py_dict_set(dict, QS(__hash__), PV_NONE);
    {
        py_tuple *m = TUPLE(t->mro);
        for (size_t i = 0; i < m->len; i++) {
            const py_type *c = (const py_type *)m->items[i];
            if (c->flags & TF_SLOWATTR) t->flags |= TF_SLOWATTR;
            if (c->dict) {
                py_dict *cd = (py_dict *)c->dict;
                for (uint32_t k = 0; k < cd->nent; k++) if (cd->ent[k].key && slow_attr(cd->ent[k].key, cd->ent[k].value)) t->flags |= TF_SLOWATTR;
            }
        }
    }
    /* functions in the body named __init_subclass__ / __class_getitem__ are class methods */
    pv ics = py_dict_get(dict, QS(__init_subclass__));
    if (ics && IS(ics, py_func_type)) { py_wrap *w = NEW(py_wrap, py_classmethod_type); w->func = ics; py_dict_set(dict, QS(__init_subclass__), (pv)w); }
    pv cgi_name = py_intern("__class_getitem__", 17);
    pv cgi = py_dict_get(dict, cgi_name);
    if (cgi && IS(cgi, py_func_type)) { py_wrap *w = NEW(py_wrap, py_classmethod_type); w->func = cgi; py_dict_set(dict, cgi_name, (pv)w); }
    /* __init_subclass__ of the parent */
    if (nb) {
        pv init_sub = PV_NULL;
        py_tuple *m = TUPLE(t->mro);
        for (size_t i = 1; i < m->len && !init_sub; i++) init_sub = own_lookup((const py_type *)m->items[i], QS(__init_subclass__));
        if (init_sub && IS(init_sub, py_classmethod_type)) py_call(((py_wrap *)init_sub)->func, 1, (pv[]){ (pv)t }, PV_NULL);
    }
    return (pv)t;
}

static pv type_make(const py_type *tt, int n, pv *a, pv kw) {
    if (n == 1) return (pv)TYPE(a[0]);
    if (n == 3) return py_class_new(a[0], a[1], a[2]);
    py_raisef(&py_TypeError_type, "type() takes 1 or 3 arguments");
}
static pv type_mro_m(int n, pv *a, pv kw) { return py_list_from_iter(type_getattr(a[0], QS(__mro__))); }
static pv type_subclasscheck(int n, pv *a, pv kw) { return PV_BOOL(py_issubtype((const py_type *)a[1], (const py_type *)a[0])); }
static const py_builtin type_methods[] = {
    METHOD(mro, type_mro_m, 0, 0), METHODS_END };
static uintptr_t type_hash(pv o) { return (uintptr_t)o >> 4; }
static pv type_call_slot(pv f, int n, pv *a, pv kw) { return type_call(f, n, a, kw); }
static pv type_binop(int op, pv a, pv b, int side) {
    /* int | None in annotations: keep the left class */
    if ((op & 15) == OP_OR) return side ? b : a;
    return PV_NULL;
}
const py_type py_type_type = { &py_type_type, "type", .base = &py_object_type, .methods = type_methods,
    .flags = TF_KW, .make = type_make, .repr = type_repr, .hash = type_hash, .binop = type_binop, .call = type_call_slot,
    .getattr = type_getattr, .setattr = type_setattr, .mark = type_mark };
static pv unused_sc(void) { return (pv)type_subclasscheck; }

/* object */
static pv object_make(const py_type *t, int n, pv *a, pv kw) {
    if (n || (kw && ((py_dict *)kw)->used)) py_raisef(&py_TypeError_type, "object() takes no arguments");
    pobj *o = gc_alloc(sizeof(py_inst), GC_OBJ);
    o->type = &py_object_type;
    return (pv)o;
}
static pv object_init(int n, pv *a, pv kw) {
    if (n > 1 || (kw && ((py_dict *)kw)->used)) {
        const py_type *t = TYPE(a[0]);
        pv nw = py_type_lookup(t, QS(__new__));
        if (!nw || IS(nw, py_builtin_type)) py_raisef(&py_TypeError_type, "%s() takes no arguments", py_type_name(t));
    }
    return PV_NONE;
}
static pv object_new(int n, pv *a, pv kw) {
    if (n < 1 || !IS(a[0], py_type_type)) py_raisef(&py_TypeError_type, "object.__new__(X): X is not a type object");
    const py_type *t = (const py_type *)a[0];
    const py_type *bb = builtin_base(t);
    if (has_builtin_value(bb)) return builtin_value_new(t, bb, n - 1, a + 1, kw);
    return solid_new(t);
}
static pv object_repr_m(int n, pv *a, pv kw) {
    const py_type *t = TYPE(a[0]);
    pv mod = t->dict ? py_dict_get(t->dict, QS(__module__)) : PV_NULL;
    if (mod && IS(mod, py_str_type)) return py_strf("<%s.%s object at %p>", py_str_data(mod), py_type_name(t), (void *)a[0]);
    return py_strf("<%s object at %p>", py_type_name(t), (void *)a[0]);
}
static pv object_str_m(int n, pv *a, pv kw) { return py_repr(a[0]); }
/* The builtins' __eq__ and __hash__ are object's: on a value of a builtin's layout (a str, or
 * a str subclass's instance reaching str.__eq__ through super()) they compare and hash as the
 * builtin does, elsewhere by identity. The builtin's slot never calls back into the class. */
static pv object_eq_m(int n, pv *a, pv kw) {
    const py_type *bb = builtin_base(TYPE(a[0]));
    if (bb != &py_object_type && bb->compare) {
        pv r = bb->compare(CMP_EQ, a[0], a[1], 0);
        return r ? r : (pv)&py_notimpl_obj;
    }
    return a[0] == a[1] ? PV_TRUE : (pv)&py_notimpl_obj;
}
static pv object_ne_m(int n, pv *a, pv kw) {
    pv r = py_compare(CMP_EQ, a[0], a[1]);
    return PV_BOOL(!py_truth(r));
}
static pv object_hash_m(int n, pv *a, pv kw) {
    const py_type *bb = builtin_base(TYPE(a[0]));
    uintptr_t h = bb != &py_object_type && bb->hash ? bb->hash(a[0]) : id_hash(a[0]);
    return py_new_int((int64_t)(intptr_t)h);
}
static pv object_setattr_m(int n, pv *a, pv kw) {
    pv d = inst_dict(a[0]);
    if (!d) py_raisef(&py_AttributeError_type, "'%s' object has no attribute '%s'", py_type_name(TYPE(a[0])), py_str_data(a[1]));
    py_dict_set(d, a[1], a[2]);
    return PV_NONE;
}
static pv object_delattr_m(int n, pv *a, pv kw) {
    pv d = inst_dict(a[0]);
    if (!d || !py_dict_del(d, a[1])) py_raisef(&py_AttributeError_type, "'%s' object has no attribute '%s'", py_type_name(TYPE(a[0])), py_str_data(a[1]));
    return PV_NONE;
}
static pv object_getattribute_m(int n, pv *a, pv kw) {
    pv r = generic_getattr(a[0], a[1]);
    if (!r) py_raisef(&py_AttributeError_type, "'%s' object has no attribute '%s'", py_type_name(TYPE(a[0])), py_str_data(a[1]));
    return r;
}
static pv object_init_subclass(int n, pv *a, pv kw) { return PV_NONE; }
static pv object_format_m(int n, pv *a, pv kw) {
    if (n > 1 && py_str_len(a[1])) py_raisef(&py_TypeError_type, "unsupported format string passed to %s.__format__", py_type_name(TYPE(a[0])));
    return py_str_of(a[0]);
}
static const py_builtin object_methods[] = {
    METHOD_KW(__init__, object_init, 0, ANY), METHOD_F(__new__, M_STATIC | M_KW, object_new, 0, ANY),
    METHOD(__repr__, object_repr_m, 0, 0), METHOD(__str__, object_str_m, 0, 0), METHOD(__eq__, object_eq_m, 1, 1),
    METHOD(__ne__, object_ne_m, 1, 1), METHOD(__hash__, object_hash_m, 0, 0),
    METHOD(__setattr__, object_setattr_m, 2, 2), METHOD(__delattr__, object_delattr_m, 1, 1),
    METHOD(__getattribute__, object_getattribute_m, 1, 1),
    METHOD_F(__init_subclass__, M_CLASS, object_init_subclass, 0, 0), METHOD(__format__, object_format_m, 1, 1),
    METHODS_END };
static pv object_repr(pv o) { return object_repr_m(1, &o, PV_NULL); }
const py_type py_object_type = { &py_type_type, "object", .base = NULL, .methods = object_methods,
    .flags = TF_BASE | TF_KW, .make = object_make, .repr = object_repr, .hash = id_hash };

/* instance slots: look the special method up on the class */
static pv special(pv o, int q) {
    const py_type *t = TYPE(o);
    pv a = py_type_lookup(t, (pv)&py_qstrs[q]);
    if (!a) return PV_NULL;
    /* builtin bases' own methods are reached through the slots' fallbacks, not here */
    if (!IS_SMALL(a) && OBJ(a)->type == &py_builtin_type && !(((py_builtin *)a)->flags & M_SPECIAL)) return PV_NULL;
    return a;
}
static pv call_special(pv f, pv self, int n, pv *args) {
    pv local[4];
    local[0] = self;
    for (int i = 0; i < n; i++) local[i + 1] = args[i];
    if (IS(f, py_func_type)) return py_call_func((py_func *)f, n + 1, local, PV_NULL);
    return py_call(bind(f, self, TYPE(self)), n, args, PV_NULL);
}

static const py_type *solid_builtin(pv o) {
    const py_type *b = builtin_base(TYPE(o));
    return b == &py_object_type ? NULL : b;
}

static pv inst_repr(pv o) {
    pv f = special(o, Q___repr__);
    if (f) {
        pv r = call_special(f, o, 0, NULL);
        if (!IS(r, py_str_type)) py_raisef(&py_TypeError_type, "__repr__ returned non-string (type %s)", py_type_name(TYPE(r)));
        return r;
    }
    const py_type *b = solid_builtin(o);
    if (b && b->repr) return b->repr(o);
    return object_repr(o);
}
static pv inst_str(pv o) {
    pv f = special(o, Q___str__);
    if (f) {
        pv r = call_special(f, o, 0, NULL);
        if (!IS(r, py_str_type)) py_raisef(&py_TypeError_type, "__str__ returned non-string (type %s)", py_type_name(TYPE(r)));
        return r;
    }
    const py_type *b = solid_builtin(o);
    if (b && b->str) return b->str(o);
    return inst_repr(o);
}
static uintptr_t inst_hash(pv o) {
    const py_type *t = TYPE(o);
    pv h = py_type_lookup(t, QS(__hash__));
    if (h == PV_NONE) py_raisef(&py_TypeError_type, "unhashable type: '%s'", py_type_name(t));
    pv f = special(o, Q___hash__);
    if (f) {
        pv r = call_special(f, o, 0, NULL);
        if (!py_is_int(r)) py_raisef(&py_TypeError_type, "__hash__ method should return an integer");
        return py_hash(r);
    }
    const py_type *b = solid_builtin(o);
    if (b && b->hash) return b->hash(o);
    return id_hash(o);
}
static const int binop_q[] = { Q___add__, Q___sub__, Q___mul__, Q___truediv__, Q___floordiv__, Q___mod__, Q___pow__, Q___lshift__, Q___rshift__, Q___and__, Q___or__, Q___xor__, Q___matmul__ };
static const int rbinop_q[] = { Q___radd__, Q___rsub__, Q___rmul__, Q___rtruediv__, Q___rfloordiv__, Q___rmod__, Q___rpow__, Q___rlshift__, Q___rrshift__, Q___rand__, Q___ror__, Q___rxor__, Q___rmatmul__ };
static const int ibinop_q[] = { Q___iadd__, Q___isub__, Q___imul__, Q___itruediv__, Q___ifloordiv__, Q___imod__, Q___ipow__, Q___ilshift__, Q___irshift__, Q___iand__, Q___ior__, Q___ixor__, Q___imatmul__ };
static pv inst_binop(int op, pv a, pv b, int side) {
    int o = op & 15;
    if (side == 0) {
        if (op & OP_INPLACE) {
            pv f = special(a, ibinop_q[o]);
            if (f) { pv r = call_special(f, a, 1, &b); if (r != (pv)&py_notimpl_obj) return r; }
        }
        pv f = special(a, binop_q[o]);
        if (f) { pv r = call_special(f, a, 1, &b); if (r != (pv)&py_notimpl_obj) return r; }
        const py_type *bb = solid_builtin(a);
        if (bb && bb->binop) return bb->binop(op, a, b, side);
        return PV_NULL;
    }
    pv f = special(b, rbinop_q[o]);
    if (f) return call_special(f, b, 1, &a);
    const py_type *bb = solid_builtin(b);
    if (bb && bb->binop) return bb->binop(op, a, b, side);
    return PV_NULL;
}
static const int cmp_q[] = { Q___lt__, Q___le__, Q___eq__, Q___ne__, Q___gt__, Q___ge__ };
static const int cmp_swap[] = { CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE };
static pv inst_compare(int op, pv a, pv b, int side) {
    pv self = side ? b : a, other = side ? a : b;
    int o = side ? cmp_swap[op] : op;
    if (!(TYPE(self)->flags & TF_USER)) return PV_NULL;
    pv f = special(self, cmp_q[o]);
    if (f) {
        pv r = call_special(f, self, 1, &other);
        if (r != (pv)&py_notimpl_obj) return r;
    }
    if (o == CMP_NE) {
        pv e = special(self, Q___eq__);
        if (e) {
            pv r = call_special(e, self, 1, &other);
            if (r != (pv)&py_notimpl_obj) return PV_BOOL(!py_truth(r));
        }
    }
    const py_type *bb = solid_builtin(self);
    if (bb && bb->compare) return bb->compare(op, a, b, side);
    return PV_NULL;
}
static pv inst_unary(int op, pv a) {
    static const int q[] = { Q___neg__, Q___pos__, Q___invert__ };
    pv f = special(a, q[op]);
    if (f) return call_special(f, a, 0, NULL);
    const py_type *bb = solid_builtin(a);
    if (bb && bb->unary) return bb->unary(op, a);
    return PV_NULL;
}
static pv inst_getitem(pv o, pv k) {
    pv f = special(o, Q___getitem__);
    if (f) return call_special(f, o, 1, &k);
    const py_type *bb = solid_builtin(o);
    if (bb && bb->getitem) {
        if (bb == &py_dict_type) {
            pv v = py_dict_get(o, k);
            if (v) return v;
            pv m = special(o, Q___missing__);
            if (m) return call_special(m, o, 1, &k);
        }
        return bb->getitem(o, k);
    }
    py_raisef(&py_TypeError_type, "'%s' object is not subscriptable", py_type_name(TYPE(o)));
}
static void inst_setitem(pv o, pv k, pv v) {
    pv f = special(o, v ? Q___setitem__ : Q___delitem__);
    if (f) {
        if (v) { pv args[2] = { k, v }; call_special(f, o, 2, args); }
        else call_special(f, o, 1, &k);
        return;
    }
    const py_type *bb = solid_builtin(o);
    if (bb && bb->setitem) { bb->setitem(o, k, v); return; }
    if (v) py_raisef(&py_TypeError_type, "'%s' object does not support item assignment", py_type_name(TYPE(o)));
    py_raisef(&py_TypeError_type, "'%s' object doesn't support item deletion", py_type_name(TYPE(o)));
}
static pv inst_iter(pv o) {
    pv f = special(o, Q___iter__);
    if (f) {
        pv r = call_special(f, o, 0, NULL);
        const py_type *rt = TYPE(r);
        if (!rt->next || ((rt->flags & TF_USER) && !py_type_lookup(rt, QS(__next__)) && !builtin_base(rt)->next))
            py_raisef(&py_TypeError_type, "iter() returned non-iterator of type '%s'", py_type_name(rt));
        return r;
    }
    const py_type *bb = solid_builtin(o);
    if (bb && bb->iter) return bb->iter(o);
    if (special(o, Q___getitem__)) {
        seq_iter *s = NEW(seq_iter, py_seqiter_type);
        s->seq = o;
        return (pv)s;
    }
    py_raisef(&py_TypeError_type, "'%s' object is not iterable", py_type_name(TYPE(o)));
}
static pv inst_next(pv o) {
    pv f = special(o, Q___next__);
    if (!f) {
        const py_type *bb = solid_builtin(o);
        if (bb && bb->next) return bb->next(o);
        py_raisef(&py_TypeError_type, "'%s' object is not an iterator", py_type_name(TYPE(o)));
    }
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf) == 0) {
        pv r = call_special(f, o, 0, NULL);
        py_try_end(&tr);
        return r;
    }
    pv e = py_try_catch(&tr);
    if (py_isinstance(e, &py_StopIteration_type)) return PV_NULL;
    py_raise(e);
}
static pv inst_call(pv fo, int n, pv *a, pv kw) {
    pv f = special(fo, Q___call__);
    if (!f) py_raisef(&py_TypeError_type, "'%s' object is not callable", py_type_name(TYPE(fo)));
    pv local[9];
    pv *args = n + 1 <= 9 ? local : gc_alloc((size_t)(n + 1) * sizeof(pv), GC_PVS);
    args[0] = fo;
    py_copy_values(args + 1, a, (size_t)n);
    return py_call(f, n + 1, args, kw);
}
static pint inst_len(pv o) {
    pv f = special(o, Q___len__);
    if (f) {
        pv r = call_special(f, o, 0, NULL);
        if (!IS_SMALL(r) && TYPE(r) != &py_bool_type) py_raisef(&py_TypeError_type, "'%s' object cannot be interpreted as an integer", py_type_name(TYPE(r)));
        pint n = py_to_index(r);
        if (n < 0) py_raisef(&py_ValueError_type, "__len__() should return >= 0");
        return n;
    }
    const py_type *bb = solid_builtin(o);
    if (bb && bb->len) return bb->len(o);
    py_raisef(&py_TypeError_type, "object of type '%s' has no len()", py_type_name(TYPE(o)));
}
static int inst_truth(pv o) {
    pv f = special(o, Q___bool__);
    if (f) {
        pv r = call_special(f, o, 0, NULL);
        if (!IS(r, py_bool_type)) py_raisef(&py_TypeError_type, "__bool__ should return bool, returned %s", py_type_name(TYPE(r)));
        return r == PV_TRUE;
    }
    if (special(o, Q___len__)) return inst_len(o) != 0;
    const py_type *bb = solid_builtin(o);
    if (bb && bb->truth) return bb->truth(o);
    if (bb && bb->len) return bb->len(o) != 0;
    return 1;
}
static int inst_contains(pv o, pv x) {
    pv f = special(o, Q___contains__);
    if (f) return py_truth(call_special(f, o, 1, &x));
    const py_type *bb = solid_builtin(o);
    if (bb && bb->contains) return bb->contains(o, x);
    if (!special(o, Q___iter__) && !special(o, Q___getitem__) && !(bb && bb->iter))
        py_raisef(&py_TypeError_type, "argument of type '%s' is not iterable", py_type_name(TYPE(o)));
    pv it = inst_iter(o), v;
    while ((v = py_next(it))) if (py_eq(v, x)) return 1;
    return 0;
}
static void inst_mark(pv o, gc_heap *h) { gc_mark(h, ((py_inst *)o)->dict); }

/* __build_class__(func, name, *bases, **kw) */
extern pv py_run_class_body(py_func *fn, pv ns);
pv py_build_class(int n, pv *a, pv kw) {
    if (n < 2) py_raisef(&py_TypeError_type, "__build_class__: not enough arguments");
    py_func *fn = (py_func *)a[0];
    pv name = a[1];
    pv bases = py_tuple_new((size_t)(n - 2));
    memcpy(TUPLE(bases)->items, a + 2, (size_t)(n - 2) * sizeof(pv));
    pv meta = py_kw_get(kw, Q_type);
    pv ns = py_dict_new();
    pv modname = py_dict_get(fn->globals, QS(__name__));
    if (modname) py_dict_set(ns, QS(__module__), modname);
    py_dict_set(ns, QS(__qualname__), name);
    pv cell = py_run_class_body(fn, ns);
    pv cls;
    pv metaclass = kw ? py_dict_get(kw, py_intern("metaclass", 9)) : PV_NULL;
    (void)meta;
    if (metaclass && metaclass != (pv)&py_type_type) {
        cls = py_call(metaclass, 3, (pv[]){ name, bases, ns }, PV_NULL);
    } else cls = py_class_new(name, bases, ns);
    if (cell && IS(cell, py_cell_type)) ((py_cell *)cell)->value = cls;
    return cls;
}

/* ---------------- super ---------------- */
typedef struct { const py_type *type; pv cls, obj; } py_super;
static void super_mark(pv o, gc_heap *h) { gc_mark(h, ((py_super *)o)->cls); gc_mark(h, ((py_super *)o)->obj); }
pv py_super_new(pv cls, pv obj) {
    py_super *s = NEW(py_super, py_super_type);
    s->cls = cls;
    s->obj = obj;
    return (pv)s;
}
static pv super_make(const py_type *t, int n, pv *a, pv kw) {
    if (n != 2) py_raisef(&py_RuntimeError_type, "super(): no arguments");
    if (!IS(a[0], py_type_type)) py_raisef(&py_TypeError_type, "super() argument 1 must be a type, not %s", py_type_name(TYPE(a[0])));
    return py_super_new(a[0], a[1]);
}
static pv super_getattr(pv o, pv name) {
    py_super *s = (py_super *)o;
    bool objtype = IS(s->obj, py_type_type) && py_issubtype((const py_type *)s->obj, (const py_type *)s->cls);
    const py_type *start = objtype ? (const py_type *)s->obj : TYPE(s->obj);
    pv mro = mro_of(start);
    py_tuple *m = TUPLE(mro);
    size_t i = 0;
    while (i < m->len && m->items[i] != s->cls) i++;
    for (i++; i < m->len; i++) {
        const py_type *t = (const py_type *)m->items[i];
        pv a = own_lookup(t, name);
        if (!a) continue;
        if (objtype) {
            if (!IS_SMALL(a) && OBJ(a)->type == &py_classmethod_type) return py_bound_new(s->obj, ((py_wrap *)a)->func);
            if (!IS_SMALL(a) && OBJ(a)->type == &py_builtin_type && (((py_builtin *)a)->flags & M_CLASS)) return py_builtin_bind((py_builtin *)a, s->obj);
            if (!IS_SMALL(a) && OBJ(a)->type == &py_staticmethod_type) return ((py_wrap *)a)->func;
            return a;
        }
        return bind(a, s->obj, TYPE(s->obj));
    }
    return PV_NULL;
}
static pv super_repr(pv o) { return py_strf("<super: <class '%s'>, <%s object>>", py_type_name((const py_type *)((py_super *)o)->cls), py_type_name(TYPE(((py_super *)o)->obj))); }
const py_type py_super_type = { &py_type_type, "super", .base = &py_object_type, .make = super_make,
    .repr = super_repr, .getattr = super_getattr, .mark = super_mark };

/* with */
pv py_with_enter(pv mgr, pv *exit) {
    const py_type *t = TYPE(mgr);
    pv en = py_type_lookup(t, QS(__enter__));
    pv ex = py_type_lookup(t, QS(__exit__));
    if (!en || !ex) py_raisef(&py_TypeError_type, "'%s' object does not support the context manager protocol", py_type_name(t));
    *exit = bind(ex, mgr, t);
    return py_call0(bind(en, mgr, t));
}

void *py_runtime_unused(void) { return (void *)unused_sc; }
