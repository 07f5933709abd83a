/* The modules a Python program or line gets from the system, which py/ cannot reach
 * (py/mod/mod.h, py_io.modules): sdata and utls.
 *
 * sdata holds the system's facts (name version sid board platform, debug read and set live,
 * recovery) and any attribute a program sets, which hides a fact of the same name. A str, int, float, bool or None is kept in the
 * kernel's shared table (env_shared_*), so every program and the shell's `>` lines see it;
 * any other object (a display driver, a list) lives in one interpreter's heap and stays in
 * that interpreter's sdata: another program cannot reach into it. */
#include "shell/python_io.h"

#ifdef UPYOS_PYTHON
#include <string.h>

#include "kernel/env.h"
#include "kernel/files.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/str.h"
#include "py/mod/mod.h"

/* A shell variable's typed value as a Python value */
static pv python_value(const struct value *v)
{
    switch (v->type) {
    case VAL_STR: return py_str_cstr(v->u.s);
    case VAL_INT: return py_new_int(v->u.i);
    case VAL_FLOAT: return py_float_new(v->u.f);
    case VAL_BOOL: return PV_BOOL(v->u.b);
    default: return PV_NONE;
    }
}

/* A scalar as a typed value (1 when o is one); anything else is left alone. */
static int scalar_value(pv o, struct value *out)
{
    if (o == PV_TRUE || o == PV_FALSE)
        *out = value_bool(o == PV_TRUE);
    else if (o == PV_NONE)
        *out = (struct value){ VAL_NONE };
    else if (py_is_int(o))
        *out = value_int(py_int_val(o));
    else if (IS(o, py_float_type))
        *out = value_float(py_to_double(o));
    else if (IS(o, py_str_type))
        *out = value_str(py_str_data(o));
    else
        return 0;
    return 1;
}

/* ---- sdata ---- */
typedef struct {
    const py_type *type;
    pv own;                     /* dict: the objects this interpreter keeps to itself */
} sdata_obj;

static const char *fact(const char *name)
{
    const char *facts[][2] = { { "name", sysdata.name }, { "version", sysdata.version },
                               { "sid", sysdata.sid }, { "board", sysdata.board },
                               { "platform", sysdata.platform } };
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        if (strcmp(facts[i][0], name) == 0)
            return facts[i][1];
    return NULL;
}

/* What a program set first (here, then for everyone), then the system's facts */
static pv sdata_getattr(pv o, pv name)
{
    const char *s = py_str_data(name);
    if (strcmp(s, "debug") == 0)
        return PV_BOOL(sysdata.debug);
    pv v = py_dict_get(((sdata_obj *)o)->own, name);
    if (v)
        return v;
    struct value shared;
    if (env_shared_get(s, &shared) == 0) {
        v = python_value(&shared);
        value_free(&shared);
        return v;
    }
    const char *text = fact(s);
    if (text)
        return py_str_cstr(text);
    if (strcmp(s, "recovery") == 0)
        return PV_BOOL(sysdata.recovery);
    return PV_NULL;
}

static bool sdata_setattr(pv o, pv name, pv v)
{
    const char *s = py_str_data(name);
    sdata_obj *sd = (sdata_obj *)o;
    if (strcmp(s, "debug") == 0 && v) {
        sysdata.debug = py_truth(v);
        return true;
    }
    struct value shared;
    py_dict_del(sd->own, name);
    if (!v) {
        env_shared_unset(s);
        return true;
    }
    if (!scalar_value(v, &shared)) {
        env_shared_unset(s);
        py_dict_set(sd->own, name, v);
        return true;
    }
    int r = env_shared_set(s, &shared);
    value_free(&shared);
    if (r < 0)
        py_raisef(&py_MemoryError_type, "sdata.%s: %s", s, err_str(r));
    return true;
}

static void sdata_mark(pv o, gc_heap *h)
{
    gc_mark(h, ((sdata_obj *)o)->own);
}

static const py_type sdata_type = { &py_type_type, "sdata", .base = &py_object_type,
                                    .getattr = sdata_getattr, .setattr = sdata_setattr,
                                    .mark = sdata_mark };

/* import sdata: the object itself stands for the module (one per interpreter) */
static pv make_sdata(pv module)
{
    sdata_obj *o = NEW(sdata_obj, sdata_type);
    o->own = py_dict_new();
    return (pv)o;
}

/* ---- utls: the helpers upyOS programs call ---- */
static const char *text_arg(pv v)
{
    if (!IS(v, py_str_type))
        py_raisef(&py_TypeError_type, "expected a str, not %s", py_type_name(TYPE(v)));
    return py_str_data(v);
}

/* getenv(name[, default]): the shell variable's value with its type, default (None) when
 * it is not set */
static pv u_getenv(int n, pv *a, pv kw)
{
    struct value v;
    if (env_get(text_arg(a[0]), &v) < 0)
        return n == 2 ? a[1] : PV_NONE;
    pv o = python_value(&v);
    value_free(&v);
    return o;
}

/* setenv(name, value): an int, float, bool or str variable (anything else as its str) */
static pv u_setenv(int n, pv *a, pv kw)
{
    const char *name = text_arg(a[0]);
    if (!env_valid_name(name))
        py_raisef(&py_ValueError_type, "setenv(): invalid variable name '%s'", name);
    struct value v;
    if (!scalar_value(a[1], &v) || v.type == VAL_NONE)
        v = value_str(py_str_data(py_str_of(a[1])));
    int r = v.type == VAL_NONE ? ERR_NOMEM : env_set(name, &v);
    value_free(&v);
    if (r < 0)
        py_raisef(&py_ValueError_type, "setenv(): %s", err_str(r));
    return PV_NONE;
}

static pv u_unset(int n, pv *a, pv kw)
{
    env_unset(text_arg(a[0]));
    return PV_NONE;
}

static pv u_file_exists(int n, pv *a, pv kw)
{
    return PV_BOOL(file_exists(text_arg(a[0])) == 1);
}

static pv u_isdir(int n, pv *a, pv kw)
{
    return PV_BOOL(file_is_dir(text_arg(a[0])) == 1);
}

static pv u_isfile(int n, pv *a, pv kw)
{
    struct vfs_stat st;
    return PV_BOOL(file_stat(text_arg(a[0]), &st) == 0 && st.type == VFS_FILE);
}

/* human(bytes): the size as `ls -h` and `df -h` print it */
static pv u_human(int n, pv *a, pv kw)
{
    int64_t bytes = py_int_val(a[0]);
    char buf[32];
    str_human_size(bytes < 0 ? 0 : (unsigned long long)bytes, buf, sizeof buf);
    return py_str_cstr(buf);
}

static pv u_recovery(int n, pv *a, pv kw)
{
    return PV_BOOL(sysdata.recovery);
}

static const py_builtin utls_funcs[] = {
    FUNC(getenv, u_getenv, 1, 2), FUNC(setenv, u_setenv, 2, 2), FUNC(unset, u_unset, 1, 1),
    FUNC(file_exists, u_file_exists, 1, 1), FUNC(isdir, u_isdir, 1, 1), FUNC(isfile, u_isfile, 1, 1),
    FUNC(human, u_human, 1, 1), FUNC(recovery, u_recovery, 0, 0), METHODS_END };

static pv make_utls(pv module)
{
    py_mod_add(module, utls_funcs);
    return module;
}

const py_native_module shell_python_modules[] = {
    { "machine", py_mod_machine },
    { "sdata", make_sdata },
    { "utls", make_utls },
    { NULL, NULL },
};

#endif
