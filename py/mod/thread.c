/* _thread: threads of a program, each a process of it (the embedder starts them: visible in
 * ps, stopped with the program), sharing its interpreter by taking turns (py/thread.c). */
#include "py/mod/mod.h"
#include "hal/thread.h"

#define DEFAULT_STACK_WORDS 1024     /* a thread's value stack: Python frames' slots */

uintptr_t py_thread_start(pv fn, pv args, pv kwargs, size_t stack_words);
bool py_thread_lock_wait(bool *locked, double timeout);
void py_thread_lock_released(void);

static pv start_new_thread(int n, pv *a, pv kw) {
    if (!IS(a[1], py_tuple_type)) py_raisef(&py_TypeError_type, "2nd arg must be a tuple");
    pv kwargs = n > 2 ? a[2] : PV_NULL;
    if (kwargs && !IS(kwargs, py_dict_type)) py_raisef(&py_TypeError_type, "optional 3rd arg must be a dictionary");
    size_t words = py_cur->thread_stack ? py_cur->thread_stack / sizeof(pv) : DEFAULT_STACK_WORDS;
    return py_new_int((int64_t)py_thread_start(a[0], a[1], kwargs, words));
}

static pv get_ident(int n, pv *a, pv kw) { return py_new_int((int64_t)hal_thread_id()); }

static pv thread_exit(int n, pv *a, pv kw) { py_raise(py_exc_new(&py_SystemExit_type, PV_NULL)); }

static pv stack_size(int n, pv *a, pv kw) {
    py_vm *vm = py_cur;
    size_t old = vm->thread_stack;
    if (n) {
        int64_t v = py_int_val(a[0]);
        if (v != 0 && v < 4096) py_raisef(&py_ValueError_type, "size not valid: %d bytes", (int)v);
        vm->thread_stack = (size_t)v;
    }
    return py_new_int((int64_t)old);
}

/* ---- locks ---- */
typedef struct { const py_type *type; bool locked; } lock_obj;
static const py_type lock_type;

static pv lock_make(const py_type *t, int n, pv *a, pv kw) { return (pv)NEW(lock_obj, lock_type); }
static pv allocate_lock(int n, pv *a, pv kw) { return lock_make(&lock_type, 0, NULL, PV_NULL); }

static pv lock_acquire(int n, pv *a, pv kw) {
    lock_obj *l = (lock_obj *)a[0];
    pv blocking = py_mod_arg(n - 1, a + 1, kw, 0, Q_blocking, PV_TRUE);
    pv timeout = py_mod_arg(n - 1, a + 1, kw, 1, Q_timeout, PV_NULL);
    double t = timeout && timeout != PV_NONE ? py_to_double(timeout) : -1;
    if (!py_truth(blocking) && t >= 0) py_raisef(&py_ValueError_type, "can't specify a timeout for a non-blocking call");
    if (!l->locked) { l->locked = true; return PV_TRUE; }
    if (!py_truth(blocking)) return PV_FALSE;
    return PV_BOOL(py_thread_lock_wait(&l->locked, t));
}

static pv lock_release(int n, pv *a, pv kw) {
    lock_obj *l = (lock_obj *)a[0];
    if (!l->locked) py_raisef(&py_RuntimeError_type, "release unlocked lock");
    l->locked = false;
    py_thread_lock_released();
    return PV_NONE;
}

static pv lock_locked(int n, pv *a, pv kw) { return PV_BOOL(((lock_obj *)a[0])->locked); }
static pv lock_exit(int n, pv *a, pv kw) { return lock_release(1, a, PV_NULL), PV_FALSE; }

static const py_builtin lock_methods[] = {
    METHOD_KW(acquire, lock_acquire, 0, 2), METHOD(release, lock_release, 0, 0), METHOD(locked, lock_locked, 0, 0),
    METHOD_KW(__enter__, lock_acquire, 0, 2), METHOD(__exit__, lock_exit, 0, ANY), METHODS_END };
static const py_type lock_type = { &py_type_type, "lock", .base = &py_object_type,
    .methods = lock_methods, .make = lock_make };

static const py_builtin functions[] = {
    FUNC(start_new_thread, start_new_thread, 2, 3), FUNC(get_ident, get_ident, 0, 0),
    FUNC(allocate_lock, allocate_lock, 0, 0), FUNC(exit, thread_exit, 0, 0), FUNC(stack_size, stack_size, 0, 1),
    METHODS_END };

pv py_mod_thread(pv module) {
    py_mod_add(module, functions);
    py_mod_set(module, "LockType", (pv)&lock_type);
    py_mod_set(module, "error", (pv)&py_RuntimeError_type);
    return module;
}
