/* The list of py/'s native modules (one file each in py/mod/), and what they share: finding
 * one by name, filling a module from a method table, arguments, HAL errors. */
#include <string.h>
#include "py/mod/mod.h"
#include "lib/err.h"

pv py_mod_os(pv module);
pv py_mod_re(pv module);
pv py_mod_random(pv module);
pv py_mod_errno(pv module);
pv py_mod_io(pv module);
pv py_mod_collections(pv module);
pv py_mod_asyncio(pv module);
pv py_mod_thread(pv module);
pv py_mod_framebuf(pv module);

/* Modules that need only the embedder's py_io. The board's (machine) is the embedder's to
 * give: it lists py_mod_machine in its py_io.modules, so that a host that must not reach
 * the hardware (the fuzzer) leaves it out. */
static const py_native_module modules[] = {
    { "os", py_mod_os },
    { "re", py_mod_re },
    { "random", py_mod_random },
    { "errno", py_mod_errno },
    { "io", py_mod_io },
    { "collections", py_mod_collections },
    { "asyncio", py_mod_asyncio },
    { "_thread", py_mod_thread },
    { "framebuf", py_mod_framebuf },
    { NULL, NULL },
};

static const py_native_module *find(const py_native_module *table, const char *name) {
    for (; table && table->name; table++)
        if (!strcmp(table->name, name)) return table;
    return NULL;
}

pv py_native_module_make(pv name, const char *bare) {
    const char *full = py_str_data(name);
    const py_native_module *embedder = py_cur->io.modules, *m = find(modules, full);
    if (!m) m = find(embedder, full);
    if (!m && strcmp(bare, full)) m = find(modules, bare);
    if (!m && strcmp(bare, full)) m = find(embedder, bare);
    return m ? m->make(py_module_new(name)) : PV_NULL;
}

void py_mod_set(pv module, const char *name, pv value) {
    py_dict_set(((py_module *)module)->dict, py_intern(name, strlen(name)), value);
}

void py_mod_add(pv module, const py_builtin *f) { py_module_add_table(module, f); }

size_t py_mod_chars(const char *s, size_t len) {
    size_t c = 0;
    for (size_t i = 0; i < len; i++) c += ((uint8_t)s[i] & 0xc0) != 0x80;
    return c;
}

pv py_mod_class(pv module, pv name, const py_type *base, pv ns) {
    pv bases = py_tuple_new(1);
    TUPLE(bases)->items[0] = (pv)base;
    py_dict_set(ns, QS(__module__), module);
    return py_class_new(name, bases, ns);
}

void py_mod_set_error(pv module, const char *module_name, pv *slot) {
    if (!*slot) *slot = py_mod_class(py_intern(module_name, strlen(module_name)), py_intern("error", 5), &py_Exception_type, py_dict_new());
    py_mod_set(module, "error", *slot);
}

pv py_mod_arg(int n, pv *a, pv kw, int i, int q, pv dflt) {
    if (i < n) return a[i];
    pv v = py_kw_get(kw, q);
    return v ? v : dflt;
}

const uint8_t *py_mod_buffer(pv v, size_t *len) {
    if (IS(v, py_str_type)) { *len = py_str_len(v); return (const uint8_t *)py_str_data(v); }
    if (!IS(v, py_bytes_type) && !IS(v, py_bytearray_type))
        py_raisef(&py_TypeError_type, "object with buffer protocol required, not '%s'", py_type_name(TYPE(v)));
    *len = ((py_bytes *)v)->len;
    return ((py_bytes *)v)->data;
}

_Noreturn void py_mod_hal_error(int err) {
    /* the errno numbers MicroPython's OSError carries for these; EIO for any other */
    static const struct { int8_t err; uint8_t number; } numbers[] = {
        { ERR_NODEV, 19 }, { ERR_TIMEOUT, 110 }, { ERR_BUSY, 16 }, { ERR_NOTSUP, 95 }, { ERR_INVAL, 22 },
    };
    int e = 5;
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (numbers[i].err == err) e = numbers[i].number;
    py_mod_oserror(&py_OSError_type, e, py_errno_name(e));
}

/* errno and strerror are read from the arguments (py/exc.c), as CPython's OSError has them */
_Noreturn void py_mod_oserror(const py_type *t, int number, const char *text) {
    pv x = py_exc_new(t, PV_NULL), args = py_tuple_new(2);
    TUPLE(args)->items[0] = MKSMALL(number);
    TUPLE(args)->items[1] = py_str_cstr(text);
    ((py_exc *)x)->args = args;
    py_raise(x);
}
