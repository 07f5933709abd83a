/* asyncio (uasyncio): tasks that take turns in the program's own thread. A task is a
 * coroutine and a small record; the loop keeps them in intrusive queues (ready, sleeping by
 * deadline, the waiters of an Event, a Lock or a Task), so a switch allocates nothing and a
 * task costs no thread. What a task awaits parks it itself (its iterator's first step puts the
 * running task in a queue and yields); the loop resumes it when it is woken, and the second
 * step gives the await its value (vm->iter_return). When no task can run, the thread sleeps
 * in the embedder's sleep (a hold and stop point: hold pauses the program, kill and Ctrl-C end
 * it) until the next deadline, cut short only by the program's callbacks (a pin IRQ, a
 * Timer), which run at the poll and may wake tasks. Written in C, not Python: compiling a
 * Python asyncio needs more heap than an MCU program has. */
#include <string.h>
#include "py/mod/mod.h"
#include "py/mod/asyncio.h"
#include "hal/net.h"
#include "hal/time.h"

typedef struct task task;
typedef struct { task *head, *tail; } queue;
enum { T_NEW, T_RUNNING, T_WAITING, T_DONE };

struct task {
    const py_type *type;
    pv coro;
    pv result;              /* its return value, or the exception that ended it (failed) */
    pv pending;             /* thrown in at its next step: a cancel */
    pv parked_on;           /* the awaitable it waits in, or PV_NULL */
    pv in_owner;            /* the object that holds the queue it is in */
    queue *in;              /* that queue: the loop's ready or sleeping, or waiters */
    task *next, *next_all;  /* in that queue; in the loop's list of unfinished tasks */
    queue waiters;          /* tasks awaiting this one */
    pv notify;              /* a gather or wait_for that waits for this one ... */
    task *notify_task;      /* ... in this task */
    uint64_t due_us;        /* in the sleeping queue: when it wakes */
    int io_sock;            /* in the io queue: the HAL socket it waits for ... */
    short io_events;        /* ... to be ready for these (HAL_POLL_IN, HAL_POLL_OUT) */
    uint8_t state;
    bool failed, woken;     /* woken: what it waited for came (the await completes) */
};

typedef struct {
    const py_type *type;
    queue ready, sleeping, io;   /* io: waiting for a socket's readiness */
    task *all, *current;
    bool stopping;
} loop_obj;

/* The module's state in this interpreter (vm->asyncio): the current loop, in a cell (the
 * interpreter's own type, laid out as py_cell), since its classes are read-only types. */
typedef struct {
    const py_type *type;
    loop_obj *loop;
} state_obj;

/* The awaitables (py_asyncio_aw): sleep's ref is its result, gather's its tuple of child tasks,
 * wait_for's its inner task. */
typedef struct { py_asyncio_aw aw; uint64_t delay_us; } sleep_obj;
typedef struct { py_asyncio_aw aw; uint8_t phase; uint64_t timeout_us; } waitfor_obj;
typedef struct { const py_type *type; queue waiters; bool set; } event_obj;
typedef struct { const py_type *type; queue waiters; bool locked; } lock_obj;

static const py_type task_type, loop_type, event_type, lock_type;
static pv done_next(pv o);
static const py_asyncio_aw done_obj = { &py_asyncio_aw_type, done_next, PV_NULL };

#define SELF(T) ((T *)a[0])

/* ---- queues ---- */

static void q_push(queue *q, pv owner, task *t) {
    t->next = NULL;
    t->in = q;
    t->in_owner = owner;
    if (q->tail) q->tail->next = t; else q->head = t;
    q->tail = t;
}

static void q_remove(task *t) {
    queue *q = t->in;
    if (!q) return;
    task *prev = NULL;
    for (task *x = q->head; x; prev = x, x = x->next) {
        if (x != t) continue;
        if (prev) prev->next = t->next; else q->head = t->next;
        if (q->tail == t) q->tail = prev;
        break;
    }
    t->in = NULL;
    t->in_owner = PV_NULL;
    t->next = NULL;
}

/* The sleeping queue is kept by deadline; equal deadlines keep their order. */
static void q_insert_due(loop_obj *l, task *t) {
    queue *q = &l->sleeping;
    task *prev = NULL, *x = q->head;
    while (x && x->due_us <= t->due_us) { prev = x; x = x->next; }
    t->in = q;
    t->in_owner = (pv)l;
    t->next = x;
    if (prev) prev->next = t; else q->head = t;
    if (!x) q->tail = t;
}

/* ---- the state and the loop ---- */

static state_obj *state(void) {
    py_vm *vm = py_cur;
    if (!vm->asyncio) py_import(py_intern("asyncio", 7), PV_NULL, 0);
    return (state_obj *)vm->asyncio;
}

static loop_obj *new_loop(void) { return NEW(loop_obj, loop_type); }

static loop_obj *loop(void) {
    state_obj *s = state();
    if (!s->loop) s->loop = new_loop();
    return s->loop;
}

static task *running(void) {
    state_obj *s = state();
    task *t = s->loop ? s->loop->current : NULL;
    if (!t) py_raisef(&py_RuntimeError_type, "no running event loop");
    return t;
}

static void make_ready(loop_obj *l, task *t) {
    q_remove(t);
    t->parked_on = PV_NULL;
    q_push(&l->ready, (pv)l, t);
}

static void wake(loop_obj *l, task *t) {
    t->woken = true;
    make_ready(l, t);
}

/* The running task waits in `on`, in queue q (NULL: only a notify wakes it). */
static pv park(task *t, pv on, queue *q, pv owner) {
    t->parked_on = on;
    if (q) q_push(q, owner, t);
    return PV_NONE;
}

/* What an await gives when its iterator is done. */
static pv complete(pv value) {
    py_cur->iter_return = value;
    return PV_NULL;
}

static pv new_exc(pv cls) { return py_call0(cls); }

static task *task_spawn(loop_obj *l, pv coro) {
    task *t = NEW(task, task_type);
    t->coro = coro;
    t->next_all = l->all;
    l->all = t;
    q_push(&l->ready, (pv)l, t);
    return t;
}

static task *task_new(loop_obj *l, pv coro) {
    if (!IS(coro, py_coro_type) && !IS(coro, py_gen_type) && !IS(coro, py_asyncio_aw_type) &&
        !IS(coro, event_type) && !IS(coro, lock_type))
        py_raisef(&py_TypeError_type, "a coroutine was expected, got %s", py_str_data(py_repr(coro)));
    return task_spawn(l, coro);
}

static task *as_task(loop_obj *l, pv aw) {
    return IS(aw, task_type) ? (task *)aw : task_new(l, aw);
}

static void finish(loop_obj *l, task *t, pv result, bool failed) {
    t->state = T_DONE;
    t->result = result;
    t->failed = failed;
    t->pending = PV_NULL;
    q_remove(t);
    t->parked_on = PV_NULL;
    for (task **p = &l->all; *p; p = &(*p)->next_all)
        if (*p == t) { *p = t->next_all; break; }
    t->next_all = NULL;
    while (t->waiters.head) wake(l, t->waiters.head);
    if (t->notify_task && t->notify_task->parked_on == t->notify) wake(l, t->notify_task);
    t->notify = PV_NULL;
    t->notify_task = NULL;
}

static pv gather_next(pv o), gather_next_exceptions(pv o), waitfor_next(pv o);

/* on, what a task waits in, when it is an awaitable whose step is next */
static py_asyncio_aw *awaiting(pv on, pv (*next)(pv)) {
    return on && IS(on, py_asyncio_aw_type) && ((py_asyncio_aw *)on)->next == next ? (py_asyncio_aw *)on : NULL;
}

static bool cancel(loop_obj *l, task *t) {
    if (t->state == T_DONE) return false;
    if (!t->pending) t->pending = new_exc((pv)&py_asyncio_CancelledError_type);
    pv on = t->parked_on;
    /* what it waits in is cancelled with it, as CPython's futures are */
    py_asyncio_aw *w = awaiting(on, gather_next);
    if (!w) w = awaiting(on, gather_next_exceptions);
    if (w) {
        for (size_t i = 0; i < TUPLE(w->ref)->len; i++) cancel(l, (task *)TUPLE(w->ref)->items[i]);
    } else if ((w = awaiting(on, waitfor_next))) {
        cancel(l, (task *)w->ref);
    }
    /* a task that has not run yet keeps its turn; the running one is requeued when it yields */
    if (t->state == T_WAITING && t->in != &l->ready) {
        t->woken = false;
        make_ready(l, t);
    }
    return true;
}

/* One turn of t: runs it to its next await. */
static void lock_pass(lock_obj *k);

static void step(loop_obj *l, task *t) {
    py_vm *vm = py_cur;
    pv exc = t->pending;
    t->pending = PV_NULL;
    if (exc) {
        /* what it waited for no longer completes the await; a Lock handed to it goes on */
        if (t->woken && t->parked_on && IS(t->parked_on, lock_type)) lock_pass((lock_obj *)t->parked_on);
        t->woken = false;
    }
    t->parked_on = PV_NULL;
    q_remove(t);
    l->current = t;
    t->state = T_RUNNING;
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf) == 0) {
        pv y;
        if (IS(t->coro, py_coro_type) || IS(t->coro, py_gen_type)) {
            y = py_gen_send(t->coro, PV_NONE, exc ? exc : PV_NULL);
        } else {               /* an awaitable of this module run as a task: gather(sleep(1)) */
            if (exc) py_raise(exc);
            vm->iter_return = PV_NULL;
            y = TYPE(t->coro)->next(t->coro);
            if (!y) {
                pv r = vm->iter_return ? vm->iter_return : PV_NONE;
                vm->iter_return = PV_NULL;
                py_try_end(&tr);
                l->current = NULL;
                finish(l, t, r, false);
                return;
            }
        }
        py_try_end(&tr);
        l->current = NULL;
        t->state = T_WAITING;
        if (!t->parked_on || t->pending) make_ready(l, t);   /* sleep(0), a bare yield, a cancel */
        return;
    }
    pv e = py_try_catch(&tr);
    l->current = NULL;
    if (py_isinstance(e, &py_StopIteration_type)) {
        py_exc *x = (py_exc *)e;
        finish(l, t, x->args && TUPLE(x->args)->len ? TUPLE(x->args)->items[0] : PV_NONE, false);
        return;
    }
    finish(l, t, e, true);
    /* a stop, a Ctrl-C or a full heap ends the loop, as in CPython */
    if (py_isinstance(e, &py_SystemExit_type) || py_isinstance(e, &py_KeyboardInterrupt_type))
        py_raise(e);
}

#define IO_SLICE 0.05   /* longest wait on sockets between two polls: how soon a kill is seen */
#define IO_TURN 0.01    /* the same when more tasks wait than one poll takes */

/* Waits up to s seconds for one of the sockets the tasks of the io queue wait for, and wakes
 * those whose socket is ready (all of them on an error, so that each meets it itself). More
 * tasks than one poll takes are polled in turns: those polled go to the end of the queue. */
static void wait_io(loop_obj *l, double s) {
    struct hal_sock_ready set[HAL_SOCK_POLL_MAX];
    size_t n = 0;
    task *t = l->io.head;
    for (; t && n < HAL_SOCK_POLL_MAX; t = t->next)
        set[n++] = (struct hal_sock_ready){ t->io_sock, t->io_events, 0 };
    bool in_turns = t != NULL;
    if (s > (in_turns ? IO_TURN : IO_SLICE)) s = in_turns ? IO_TURN : IO_SLICE;
    int got = py_net()->sock_poll(set, n, (int)(s * 1e3 + 0.999));
    t = l->io.head;
    for (size_t i = 0; t && i < n; i++) {
        task *next = t->next;
        if (got < 0 || set[i].revents) wake(l, t);
        else if (in_turns) { q_remove(t); q_push(&l->io, (pv)l, t); }
        t = next;
    }
}

/* Nothing can run: sleeps until the first deadline, on the sockets tasks wait for when there
 * are such tasks. The program's callbacks run at the poll and may wake a task (an IRQ handler
 * sets an Event); a kill raises SystemExit here. */
static void idle(loop_obj *l) {
    py_vm *vm = py_cur;
    for (;;) {
        uint64_t now = hal_time_us();
        double left = 1.0;                       /* no deadline: wait in steps of a second */
        if (l->sleeping.head) {
            if (l->sleeping.head->due_us <= now) return;
            left = (double)(l->sleeping.head->due_us - now) / 1e6;
            if (left > 1.0) left = 1.0;
        } else if (!vm->io.sleep && !l->io.head) {
            py_raisef(&py_RuntimeError_type, "every task waits and nothing can wake one");
        }
        double s = py_events_slice(vm, left);
        if (l->io.head) wait_io(l, s);
        else if (s > 0) py_io_sleep(vm, s);
        py_poll_now();
        if (l->ready.head) return;
    }
}

/* Runs until main is done (or, without main, until stop()). Each round runs the tasks that
 * were ready when it began, after those whose deadline has come, as CPython's loop does. */
static void run_until(loop_obj *l, task *main) {
    l->stopping = false;
    while (main ? main->state != T_DONE : !l->stopping) {
        uint64_t now = hal_time_us();
        while (l->sleeping.head && l->sleeping.head->due_us <= now) wake(l, l->sleeping.head);
        task *last = l->ready.tail;
        if (!last) {
            if (!main && !l->all) break;
            idle(l);
            continue;
        }
        for (task *t; (t = l->ready.head); ) {
            step(l, t);
            if (t == last) break;
        }
    }
}

/* CPython's asyncio.run: what is left is cancelled, and gets its turns to finish. */
static void cancel_all(loop_obj *l) {
    for (task *t = l->all; t; t = t->next_all) cancel(l, t);
    for (int rounds = 0; l->all && rounds < 100; rounds++) {
        task *last = l->ready.tail;
        if (!last) break;
        for (task *t; (t = l->ready.head); ) {
            step(l, t);
            if (t == last) break;
        }
    }
}

static pv task_outcome(task *t) {
    if (t->failed) py_raise(t->result);
    return t->result;
}

static pv run_on(loop_obj *l, pv aw, bool is_run) {
    task *t = as_task(l, aw);
    state()->loop = l;
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf) == 0) {
        run_until(l, t);
        py_try_end(&tr);
    } else {
        pv e = py_try_catch(&tr);
        py_cur->stack_roots[2] = e;
        if (is_run) {
            cancel_all(l);
            if (state()->loop == l) state()->loop = NULL;
        }
        py_cur->stack_roots[2] = PV_NULL;
        py_raise(e);
    }
    if (is_run) cancel_all(l);
    return task_outcome(t);
}

/* ---- module functions ---- */

static pv as_run(int n, pv *a, pv kw) {
    state_obj *s = state();
    if (s->loop && s->loop->current)
        py_raisef(&py_RuntimeError_type, "asyncio.run() cannot be called from a running event loop");
    loop_obj *l = new_loop();
    s->loop = l;
    pv r = run_on(l, a[0], true);
    if (s->loop == l) s->loop = NULL;
    return r;
}

static pv as_create_task(int n, pv *a, pv kw) {
    return (pv)task_new(loop(), a[0]);
}

static pv sleep_next(pv o);

static pv sleep_new(uint64_t us, pv result) {
    sleep_obj *s = (sleep_obj *)py_asyncio_awaitable(sizeof(sleep_obj), sleep_next, result);
    s->delay_us = us;
    return (pv)s;
}

/* one copy: sleep, sleep_ms, wait_for and wait_for_ms call it (soft-float code is long) */
static uint64_t __attribute__((noinline)) us_of(pv seconds, double scale) {
    double d = py_to_double(seconds) * scale;
    return d > 0 ? (uint64_t)d : 0;
}

static pv as_sleep(int n, pv *a, pv kw) {
    return sleep_new(us_of(a[0], 1e6), n > 1 ? a[1] : py_mod_arg(n, a, kw, 1, Q_result, PV_NONE));
}

static pv as_sleep_ms(int n, pv *a, pv kw) {
    return sleep_new(us_of(a[0], 1e3), PV_NONE);
}

static pv as_gather(int n, pv *a, pv kw) {
    loop_obj *l = loop();
    pv re = py_kw_get(kw, Q_return_exceptions), children = py_tuple_new((size_t)n);
    pv g = py_asyncio_awaitable(sizeof(py_asyncio_aw), re && py_truth(re) ? gather_next_exceptions : gather_next, children);
    for (int i = 0; i < n; i++) TUPLE(children)->items[i] = (pv)as_task(l, a[i]);
    return g;
}

static pv wait_for(pv aw, pv timeout, double scale) {
    task *inner = as_task(loop(), aw);
    if (timeout == PV_NONE) return (pv)inner;
    waitfor_obj *w = (waitfor_obj *)py_asyncio_awaitable(sizeof(waitfor_obj), waitfor_next, (pv)inner);
    w->timeout_us = us_of(timeout, scale);
    return (pv)w;
}

static pv as_wait_for(int n, pv *a, pv kw) {
    return wait_for(a[0], py_mod_arg(n, a, kw, 1, Q_timeout, PV_NONE), 1e6);
}

static pv as_wait_for_ms(int n, pv *a, pv kw) {
    return wait_for(a[0], a[1], 1e3);
}

static pv as_current_task(int n, pv *a, pv kw) { return (pv)running(); }

static pv as_get_event_loop(int n, pv *a, pv kw) { return (pv)loop(); }

static pv as_new_event_loop(int n, pv *a, pv kw) {
    state_obj *s = state();
    if (s->loop && s->loop->current)
        py_raisef(&py_RuntimeError_type, "cannot replace a running event loop");
    s->loop = new_loop();
    return (pv)s->loop;
}

/* MicroPython's asyncio.ticks(): time.ticks_ms's clock */
static pv as_ticks(int n, pv *a, pv kw) {
    py_vm *vm = py_cur;
    double now = vm->io.clock ? vm->io.clock(vm->io.ctx) : 0;
    return py_new_int((int64_t)(now * 1e3) & 0x3fffffff);
}

/* ---- Task ---- */

static pv self_await(int n, pv *a, pv kw) { return a[0]; }
static const py_builtin await_methods[] = { METHOD(__await__, self_await, 0, 0), METHODS_END };

/* One type for the awaitables of asyncio and its streams: each object carries its step. */
static pv aw_next(pv o) { return ((py_asyncio_aw *)o)->next(o); }
static void aw_mark(pv o, gc_heap *h) { gc_mark(h, ((py_asyncio_aw *)o)->ref); }
const py_type py_asyncio_aw_type = { &py_type_type, "awaitable", .base = &py_object_type,
    .methods = await_methods, .next = aw_next, .mark = aw_mark };

pv py_asyncio_awaitable(size_t size, pv (*next)(pv o), pv ref) {
    py_asyncio_aw *w = (py_asyncio_aw *)py_new_obj(size, &py_asyncio_aw_type);
    w->next = next;
    w->ref = ref;
    return (pv)w;
}

/* await task: waits in its waiters until it is done */
static pv task_next(pv o) {
    task *t = (task *)o, *me = running();
    if (t->state == T_DONE) {
        me->woken = false;
        return complete(task_outcome(t));
    }
    if (t == me) py_raisef(&py_RuntimeError_type, "a task cannot await itself");
    return park(me, o, &t->waiters, o);
}

static pv task_cancel(int n, pv *a, pv kw) { return PV_BOOL(cancel(loop(), SELF(task))); }
static pv task_done(int n, pv *a, pv kw) { return PV_BOOL(SELF(task)->state == T_DONE); }

static bool was_cancelled(task *t) {
    return t->state == T_DONE && t->failed &&
           py_isinstance(t->result, &py_asyncio_CancelledError_type);
}

static pv task_cancelled(int n, pv *a, pv kw) { return PV_BOOL(was_cancelled(SELF(task))); }

static void check_done(task *t) {
    if (t->state != T_DONE) py_raisef(&py_RuntimeError_type, "Result is not set.");
}

static pv task_result(int n, pv *a, pv kw) {
    check_done(SELF(task));
    return task_outcome(SELF(task));
}

static pv task_exception(int n, pv *a, pv kw) {
    task *t = SELF(task);
    check_done(t);
    if (was_cancelled(t)) py_raise(t->result);
    return t->failed ? t->result : PV_NONE;
}

static void task_mark(pv o, gc_heap *h) {
    task *t = (task *)o;
    gc_mark(h, t->coro); gc_mark(h, t->result); gc_mark(h, t->pending);
    gc_mark(h, t->parked_on); gc_mark(h, t->in_owner); gc_mark(h, t->notify);
    gc_mark(h, (pv)t->next); gc_mark(h, (pv)t->next_all); gc_mark(h, (pv)t->waiters.head);
    gc_mark(h, (pv)t->notify_task);
}

static pv task_repr(pv o) {
    task *t = (task *)o;
    return py_strf("<Task %s>", t->state == T_DONE ? "done" : "pending");
}

static const py_builtin task_methods[] = {
    METHOD(__await__, self_await, 0, 0), METHOD(cancel, task_cancel, 0, 1), METHOD(done, task_done, 0, 0),
    METHOD(cancelled, task_cancelled, 0, 0), METHOD(result, task_result, 0, 0),
    METHOD(exception, task_exception, 0, 0), METHODS_END };
static const py_type task_type = { &py_type_type, "Task", .base = &py_object_type,
    .methods = task_methods, .next = task_next, .repr = task_repr, .mark = task_mark };

/* ---- awaitables ---- */

static pv sleep_next(pv o) {
    sleep_obj *s = (sleep_obj *)o;
    task *me = running();
    if (me->woken) {
        me->woken = false;
        return complete(s->aw.ref);
    }
    me->woken = true;                      /* its next turn completes the sleep */
    if (!s->delay_us) return PV_NONE;      /* sleep(0): the others get a turn first */
    loop_obj *l = state()->loop;
    me->parked_on = o;
    me->due_us = hal_time_us() + s->delay_us;
    q_insert_due(l, me);
    return PV_NONE;
}

static pv done_next(pv o) { return complete(PV_NONE); }

/* gather: woken by each child that ends; the first failure is raised unless
 * return_exceptions, else the results in order once all are done */
static pv gather_step(pv o, bool return_exceptions) {
    pv children = ((py_asyncio_aw *)o)->ref;
    task *me = running();
    me->woken = false;
    size_t n = TUPLE(children)->len;
    bool all_done = true;
    for (size_t i = 0; i < n; i++) {
        task *c = (task *)TUPLE(children)->items[i];
        if (c->state != T_DONE) all_done = false;
        else if (c->failed && !return_exceptions) py_raise(c->result);
    }
    if (all_done) {
        pv r = py_list_new(0);
        for (size_t i = 0; i < n; i++) py_list_append(r, ((task *)TUPLE(children)->items[i])->result);
        return complete(r);
    }
    for (size_t i = 0; i < n; i++) {
        task *c = (task *)TUPLE(children)->items[i];
        if (c->state == T_DONE) continue;
        c->notify = o;
        c->notify_task = me;
    }
    return park(me, o, NULL, PV_NULL);
}

static pv gather_next(pv o) { return gather_step(o, false); }
static pv gather_next_exceptions(pv o) { return gather_step(o, true); }

/* wait_for: sleeps until the timeout while the inner task notifies it when it ends; at the
 * timeout it cancels the inner task and waits for it to end, then raises TimeoutError
 * (unless the task ended with a result after all), as CPython 3.11 does */
enum { WF_START, WF_WAITING, WF_CANCELLING };

static pv waitfor_next(pv o) {
    waitfor_obj *w = (waitfor_obj *)o;
    task *me = running(), *inner = (task *)w->aw.ref;
    loop_obj *l = state()->loop;
    if (inner->state == T_DONE) {
        me->woken = false;
        if (w->phase == WF_CANCELLING && was_cancelled(inner))
            py_raise(new_exc((pv)&py_TimeoutError_type));
        return complete(task_outcome(inner));
    }
    if (w->phase == WF_START) {
        w->phase = WF_WAITING;
        inner->notify = o;
        inner->notify_task = me;
        me->parked_on = o;
        me->due_us = hal_time_us() + w->timeout_us;
        q_insert_due(l, me);
        return PV_NONE;
    }
    me->woken = false;                     /* the timeout came */
    w->phase = WF_CANCELLING;
    cancel(l, inner);
    return park(me, o, &inner->waiters, (pv)inner);
}


/* ---- Event ---- */

static pv event_make(const py_type *t, int n, pv *a, pv kw) { return (pv)NEW(event_obj, event_type); }

static pv event_next(pv o) {
    event_obj *e = (event_obj *)o;
    task *me = running();
    if (me->woken || e->set) {
        me->woken = false;
        return complete(PV_TRUE);
    }
    return park(me, o, &e->waiters, o);
}

static pv event_set(int n, pv *a, pv kw) {
    event_obj *e = SELF(event_obj);
    e->set = true;
    if (e->waiters.head) {
        loop_obj *l = loop();
        while (e->waiters.head) wake(l, e->waiters.head);
    }
    return PV_NONE;
}

static pv event_clear(int n, pv *a, pv kw) { SELF(event_obj)->set = false; return PV_NONE; }
static pv event_is_set(int n, pv *a, pv kw) { return PV_BOOL(SELF(event_obj)->set); }
static void waiters_mark(pv o, gc_heap *h) { gc_mark(h, (pv)((event_obj *)o)->waiters.head); }

static const py_builtin event_methods[] = {
    METHOD(__await__, self_await, 0, 0), METHOD(set, event_set, 0, 0), METHOD(clear, event_clear, 0, 0),
    METHOD(is_set, event_is_set, 0, 0), METHOD(wait, self_await, 0, 0), METHODS_END };
static const py_type event_type = { &py_type_type, "Event", .base = &py_object_type,
    .methods = event_methods, .make = event_make, .next = event_next, .mark = waiters_mark };

/* ---- Lock: release hands it to the first waiter, so waiters get it in turn ---- */

static pv lock_make(const py_type *t, int n, pv *a, pv kw) { return (pv)NEW(lock_obj, lock_type); }

static pv lock_next(pv o) {
    lock_obj *k = (lock_obj *)o;
    task *me = running();
    if (me->woken || !k->locked) {
        me->woken = false;
        k->locked = true;
        return complete(PV_TRUE);
    }
    return park(me, o, &k->waiters, o);
}

/* Hands the lock to its first waiter, which stays parked on it until it runs (so that a
 * cancel before then passes it on, in step), or unlocks it. */
static void lock_pass(lock_obj *k) {
    task *t = k->waiters.head;
    if (!t) { k->locked = false; return; }
    loop_obj *l = loop();
    t->woken = true;
    q_remove(t);
    q_push(&l->ready, (pv)l, t);
}

static pv lock_release(int n, pv *a, pv kw) {
    lock_obj *k = SELF(lock_obj);
    if (!k->locked) py_raisef(&py_RuntimeError_type, "Lock is not acquired.");
    lock_pass(k);
    return PV_NONE;
}

static pv lock_locked(int n, pv *a, pv kw) { return PV_BOOL(SELF(lock_obj)->locked); }

static pv lock_aexit(int n, pv *a, pv kw) {
    lock_release(1, a, PV_NULL);
    return (pv)&done_obj;
}

static const py_builtin lock_methods[] = {
    METHOD(__aenter__, self_await, 0, 0), METHOD(__aexit__, lock_aexit, 3, 3), METHOD(__await__, self_await, 0, 0),
    METHOD(acquire, self_await, 0, 0), METHOD(release, lock_release, 0, 0), METHOD(locked, lock_locked, 0, 0),
    METHODS_END };
static const py_type lock_type = { &py_type_type, "Lock", .base = &py_object_type,
    .methods = lock_methods, .make = lock_make, .next = lock_next, .mark = waiters_mark };

/* ---- the loop object (get_event_loop) ---- */

static pv loop_run_until_complete(int n, pv *a, pv kw) {
    return run_on(SELF(loop_obj), a[1], false);
}

static pv loop_run_forever(int n, pv *a, pv kw) {
    loop_obj *l = SELF(loop_obj);
    state()->loop = l;
    run_until(l, NULL);
    return PV_NONE;
}

static pv loop_create_task(int n, pv *a, pv kw) {
    return (pv)task_new(SELF(loop_obj), a[1]);
}

static pv loop_stop(int n, pv *a, pv kw) { SELF(loop_obj)->stopping = true; return PV_NONE; }
static pv loop_close(int n, pv *a, pv kw) { return PV_NONE; }

static void loop_mark(pv o, gc_heap *h) {
    loop_obj *l = (loop_obj *)o;
    gc_mark(h, (pv)l->ready.head); gc_mark(h, (pv)l->sleeping.head); gc_mark(h, (pv)l->io.head);
    gc_mark(h, (pv)l->all); gc_mark(h, (pv)l->current);
}

static const py_builtin loop_methods[] = {
    METHOD_KW(run_until_complete, loop_run_until_complete, 1, 1), METHOD(run_forever, loop_run_forever, 0, 0),
    METHOD_KW(create_task, loop_create_task, 1, 1), METHOD(stop, loop_stop, 0, 0), METHOD(close, loop_close, 0, 0),
    METHODS_END };
static const py_type loop_type = { &py_type_type, "Loop", .base = &py_object_type,
    .methods = loop_methods, .mark = loop_mark };


/* ---- the module ---- */

/* CancelledError is a BaseException, as in CPython 3.8 and later; TimeoutError is the
 * builtin one (an OSError), as in CPython 3.11, so `except TimeoutError` catches it. */
const py_type py_asyncio_CancelledError_type =
    PY_EXC_TYPE("asyncio.exceptions.CancelledError", py_BaseException_type);
const py_type py_asyncio_IncompleteReadError_type =
    PY_EXC_TYPE("asyncio.exceptions.IncompleteReadError", py_EOFError_type);

/* Functions and classes stay in this table (flash): importing asyncio makes no dict of them. */
static const py_builtin functions[] = {
    FUNC_KW(run, as_run, 1, 1), FUNC_KW(create_task, as_create_task, 1, 1), FUNC_KW(ensure_future, as_create_task, 1, 1),
    FUNC_KW(sleep, as_sleep, 1, 2), FUNC(sleep_ms, as_sleep_ms, 1, 1), FUNC_KW(gather, as_gather, 0, ANY),
    FUNC_KW(wait_for, as_wait_for, 1, 2), FUNC(wait_for_ms, as_wait_for_ms, 2, 2),
    FUNC_KW(current_task, as_current_task, 0, 1), FUNC(get_event_loop, as_get_event_loop, 0, 2),
    FUNC(new_event_loop, as_new_event_loop, 0, 0), FUNC(ticks, as_ticks, 0, 0),
    MOBJ(CancelledError, py_asyncio_CancelledError_type), MOBJ(TimeoutError, py_TimeoutError_type),
    MOBJ(IncompleteReadError, py_asyncio_IncompleteReadError_type),
    MOBJ(Task, task_type), MOBJ(Event, event_type), MOBJ(Lock, lock_type), METHODS_END };

pv py_mod_asyncio(pv module) {
    py_vm *vm = py_cur;
    /* one state per interpreter: asyncio and uasyncio share the loop */
    if (!vm->asyncio) vm->asyncio = (pv)NEW(state_obj, py_cell_type);
    py_mod_add(module, functions);
    py_asyncio_streams(module);
    return module;
}

/* ---- what the streams (asyncio_stream.c) need of the loop ---- */

pv py_asyncio_spawn(pv awaitable) { return (pv)task_spawn(loop(), awaitable); }

pv py_asyncio_wait_io(pv on, int sock, int events) {
    task *me = running();
    me->woken = false;
    me->io_sock = sock;
    me->io_events = (short)events;
    return park(me, on, &state()->loop->io, (pv)state()->loop);
}

pv py_asyncio_complete(pv value) {
    running()->woken = false;
    return complete(value);
}

void py_asyncio_wake(pv t) {
    task *x = (task *)t;
    loop_obj *l = state()->loop;
    if (l && x->state == T_WAITING && x->in != &l->ready) wake(l, x);
}

