/* select (uselect): readiness of sockets through the embedder's network (sock_poll), waiting as the
 * socket module does (py_socket_wait: in slices, a kill or Ctrl-C ends the wait).
 * select(r, w, x[, timeout]) takes socket objects, ints and objects with fileno(); poll()
 * returns (object, events) pairs holding the registered object itself, as MicroPython's
 * does (CPython's hold its fileno()). */
#include "py/mod/mod.h"
#include "hal/net.h"
#include "lib/err.h"

struct ready {
    struct hal_sock_ready set[HAL_SOCK_POLL_MAX];
    pv objects[HAL_SOCK_POLL_MAX];
    size_t n;
};

static void add(struct ready *r, pv o, int events) {
    if (r->n == HAL_SOCK_POLL_MAX) py_raisef(&py_ValueError_type, "too many objects (%d at most)", HAL_SOCK_POLL_MAX);
    r->set[r->n] = (struct hal_sock_ready){ py_socket_handle(o), (short)events, 0 };
    r->objects[r->n++] = o;
}

static int poll_op(void *arg, int slice) {
    struct ready *r = arg;
    int got = py_net()->sock_poll(r->set, r->n, slice);
    return got == 0 ? ERR_TIMEOUT : got;
}

/* Waits for one of r's entries; 0 when none was ready in time. */
static void wait_ready(struct ready *r, int timeout_ms) {
    int got = py_socket_wait(poll_op, r, timeout_ms);
    if (got < 0 && got != ERR_TIMEOUT && got != ERR_AGAIN) py_mod_hal_error(got);
}

/* ---- select(rlist, wlist, xlist[, timeout]) ---- */
static void add_all(struct ready *r, pv seq, int events) {
    pv it = py_iter(seq), o;
    while ((o = py_next(it))) add(r, o, events);
}

static pv those_with(struct ready *r, int events) {
    pv l = py_list_new(0);
    for (size_t i = 0; i < r->n; i++)
        if (r->set[i].events == events && r->set[i].revents & (events | HAL_POLL_ERR | HAL_POLL_HUP))
            py_list_append(l, r->objects[i]);
    return l;
}

/* A time-out in ms from seconds (select) or ms (poll); None: forever. */
static int timeout_ms_of(pv v, double scale) {
    if (!v || v == PV_NONE) return -1;
    double t = py_to_double(v) * scale;
    if (t < 0 && scale != 1) py_raisef(&py_ValueError_type, "timeout must be non-negative");
    if (t < 0) return -1;                   /* poll: a negative time-out is forever */
    return t > 2e9 ? 2000000000 : (int)(t + 0.999);
}

/* The x list is asked for nothing: it gets the entries with an error. */
static pv m_select(int n, pv *a, pv kw) {
    struct ready r;
    r.n = 0;
    add_all(&r, a[0], HAL_POLL_IN);
    add_all(&r, a[1], HAL_POLL_OUT);
    add_all(&r, a[2], 0);
    wait_ready(&r, timeout_ms_of(n > 3 ? a[3] : PV_NULL, 1e3));
    pv t = py_tuple_new(3);
    TUPLE(t)->items[0] = those_with(&r, HAL_POLL_IN);
    TUPLE(t)->items[1] = those_with(&r, HAL_POLL_OUT);
    TUPLE(t)->items[2] = those_with(&r, 0);
    return t;
}

/* ---- poll(): register unregister modify poll(ms) ---- */
typedef struct { const py_type *type; pv registered; /* dict: object -> events */ } poll_obj;
extern const py_type py_poll_type;
_Noreturn void py_os_error(int err, pv path);

static pv m_poll(int n, pv *a, pv kw) {
    poll_obj *p = NEW(poll_obj, py_poll_type);
    p->registered = py_dict_new();
    return (pv)p;
}

static pv p_register(int n, pv *a, pv kw) {
    poll_obj *p = (poll_obj *)a[0];
    py_socket_handle(a[1]);                 /* a TypeError now, not at the poll */
    py_dict_set(p->registered, a[1], n > 2 ? a[2] : MKSMALL(HAL_POLL_IN | HAL_POLL_OUT));
    return PV_NONE;
}

static pv p_unregister(int n, pv *a, pv kw) {
    if (!py_dict_del(((poll_obj *)a[0])->registered, a[1])) py_raise(py_exc_new(&py_KeyError_type, a[1]));
    return PV_NONE;
}

static pv p_modify(int n, pv *a, pv kw) {
    poll_obj *p = (poll_obj *)a[0];
    if (!py_dict_get(p->registered, a[1])) py_os_error(2, PV_NULL);   /* as CPython */
    py_dict_set(p->registered, a[1], a[2]);
    return PV_NONE;
}

/* poll([timeout_ms]): [(object, events)] of those ready, [] after the time-out */
static pv p_poll(int n, pv *a, pv kw) {
    poll_obj *p = (poll_obj *)a[0];
    py_dict *d = (py_dict *)p->registered;
    struct ready r;
    r.n = 0;
    for (uint32_t i = 0; i < d->nent; i++)
        if (d->ent[i].key) add(&r, d->ent[i].key, (int)py_to_index(d->ent[i].value));
    wait_ready(&r, timeout_ms_of(n > 1 ? a[1] : PV_NULL, 1));
    pv l = py_list_new(0);
    for (size_t i = 0; i < r.n; i++) {
        if (!r.set[i].revents) continue;
        pv t = py_tuple_new(2);
        TUPLE(t)->items[0] = r.objects[i];
        TUPLE(t)->items[1] = MKSMALL(r.set[i].revents);
        py_list_append(l, t);
    }
    return l;
}

static void poll_mark(pv o, gc_heap *h) { gc_mark(h, ((poll_obj *)o)->registered); }
static const py_builtin poll_methods[] = { METHOD(register, p_register, 1, 2), METHOD(unregister, p_unregister, 1, 1),
    METHOD(modify, p_modify, 2, 2), METHOD(poll, p_poll, 0, 1), METHODS_END };
const py_type py_poll_type = { &py_type_type, "poll", .base = &py_object_type, .methods = poll_methods,
    .mark = poll_mark };

static const py_builtin select_funcs[] = {
    FUNC(select, m_select, 3, 4), FUNC(poll, m_poll, 0, 0),
    MCONST(POLLIN, HAL_POLL_IN), MCONST(POLLOUT, HAL_POLL_OUT), MCONST(POLLERR, HAL_POLL_ERR),
    MCONST(POLLHUP, HAL_POLL_HUP), METHODS_END };

pv py_mod_select(pv m) {
    py_mod_add(m, select_funcs);
    return m;
}
