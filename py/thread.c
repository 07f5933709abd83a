/* Threads of one program (_thread): they share the interpreter and take turns with it. The
 * thread that holds the turn runs Python; it lets the others run at the poll (every
 * PY_POLL_PERIOD ticks, when one waits) and whenever it blocks (a sleep, input, a held
 * process), through py_blocking. A turn change saves the interpreter's per-thread state (its
 * frames, value stack, exception targets, C stack bounds) in the thread's record and loads the
 * next one's, so the VM itself needs no lock: one lock, taken at points the VM already has,
 * costs nothing until a second thread starts. The collector, run by the thread that holds the
 * turn, marks the waiting threads' frames and value stacks and scans their C stacks from where
 * they stopped. */
#include <string.h>
#include "py/py.h"
#include "py/mod/mod.h"
#include "hal/thread.h"

/* A thread's record, a raw block of the heap in the list of threads: py_threads_mark marks
 * the records and what they hold. */
typedef struct py_thread py_thread;
struct py_thread {
    py_thread *next;
    py_vm *vm;
    pv fn, args, kwargs;
    /* the interpreter's state while another thread runs */
    py_frame *frame;
    py_jmp *jmp;
    pv *stack, *stack_top, *stack_end;
    int depth;
    void *cstack_top;
    pv handling, exc;
    double stop_deadline;       /* told to stop: when its grace ends */
    void *csp;                  /* the low end of its C stack while it waits; NULL: not yet run */
    uintptr_t os_id;            /* hal_thread_id() of the thread that runs it */
};

/* A raw block of the heap (vm->threads): py_threads_mark marks its threads. */
typedef struct {
    hal_mutex_t *lock;
    hal_cond_t *turn;           /* broadcast when the turn is free and when a lock is released */
    bool held;
    int waiting;
    unsigned turns;             /* counts the turns taken: a yield waits for another's */
    py_thread *all, *running;
    int count;
} py_threads;



static void save(py_vm *vm, py_thread *t) {
    t->frame = vm->frame; t->jmp = vm->jmp; t->stack = vm->stack; t->stack_top = vm->stack_top;
    t->stack_end = vm->stack_end; t->depth = vm->depth; t->cstack_top = vm->cstack_top;
    t->handling = vm->handling; t->exc = vm->exc; t->stop_deadline = vm->stop_deadline;
}

static void load(py_vm *vm, py_thread *t) {
    vm->frame = t->frame; vm->jmp = t->jmp; vm->stack = t->stack; vm->stack_top = t->stack_top;
    vm->stack_end = t->stack_end; vm->depth = t->depth; vm->cstack_top = t->cstack_top;
    vm->handling = t->handling; vm->exc = t->exc; vm->stop_deadline = t->stop_deadline;
}

/* With ts->lock held: waits for the turn, for thread me. after: the turn count when this
 * thread gave it up to waiting threads (one of them goes first), or -1. running names the
 * holder from the moment it has the turn until it gives it: a thread that has let go of the
 * turn must never find itself there (py_threads_own_turn). */
static void take(py_threads *ts, long after, py_thread *me) {
    ts->waiting++;
    while (ts->held || (after >= 0 && ts->turns == (unsigned)after && ts->waiting > 1))
        hal_cond_wait(ts->turn, ts->lock, after >= 0 ? 20 : -1);
    ts->waiting--;
    ts->held = true;
    ts->turns++;
    ts->running = me;
}

static void give(py_threads *ts) {
    ts->running = NULL;
    ts->held = false;
    hal_cond_broadcast(ts->turn);
}

static py_threads *threads(py_vm *vm) { return (py_threads *)vm->threads; }

/* Runs fn(arg), which blocks, without the turn; the C stack above here and the registers
 * spilled into regs stay for the collector to scan. */
void __attribute__((noinline)) py_blocking(void (*fn)(void *arg), void *arg) {
    py_vm *vm = py_cur;
    py_threads *ts = threads(vm);
    if (!ts) { if (fn) fn(arg); return; }
    __builtin_unwind_init();
    jmp_buf regs;
    setjmp(regs);
    py_thread *me = ts->running;
    save(vm, me);
    me->csp = &regs;
    hal_mutex_lock(ts->lock);
    long after = ts->waiting ? (long)ts->turns : -1;
    give(ts);
    hal_mutex_unlock(ts->lock);
    if (fn) fn(arg);
    hal_mutex_lock(ts->lock);
    take(ts, fn ? -1 : after, me);
    hal_mutex_unlock(ts->lock);
    load(vm, me);
}

/* An embedder's blocking call that polls (to raise on a kill) runs without the turn: the
 * poll waits until the turn is back, and the caller polls again then. A kill wakes every
 * thread of the program at once, each in such a call: only the holder of the turn may go on
 * into the interpreter, or two threads would run it (and one would load its state under the
 * other). */
bool py_threads_own_turn(py_vm *vm) {
    py_threads *ts = threads(vm);
    return !ts || (ts->running && ts->running->os_id == hal_thread_id());
}

void py_threads_yield(void) {
    py_threads *ts = threads(py_cur);
    if (ts && ts->waiting) py_blocking(NULL, NULL);
}

/* The waiting threads' roots (py_mark_roots): the running one's are the interpreter's. */
extern void gc_scan_range(gc_heap *h, const void *lo, const void *hi);
void py_threads_mark(py_vm *vm) {
    py_threads *ts = threads(vm);
    if (!ts) return;
    gc_heap *h = vm->heap;
    gc_mark(h, vm->threads);
    for (py_thread *t = ts->all; t; t = t->next) {
        gc_mark_ptr(h, t); gc_mark(h, t->fn); gc_mark(h, t->args); gc_mark(h, t->kwargs);
        gc_mark_ptr(h, t->stack);
        if (t == ts->running || !t->csp) continue;
        gc_mark(h, t->handling); gc_mark(h, t->exc);
        for (pv *p = t->stack_top; p < t->stack_end; p++) gc_mark(h, *p);
        for (py_frame *f = t->frame; f; f = f->back) {
            gc_mark(h, (pv)f->code); gc_mark(h, (pv)f->func); gc_mark(h, f->globals); gc_mark(h, f->locals);
            if (f->slots < t->stack_top || f->slots >= t->stack_end) gc_mark_ptr(h, f->slots);
        }
        if (t->cstack_top) gc_scan_range(h, t->csp, t->cstack_top);
    }
}

static py_threads *start_threads(py_vm *vm) {
    py_threads *ts = threads(vm);
    if (ts) return ts;
    ts = gc_alloc(sizeof(py_threads), GC_RAW);
    ts->lock = hal_mutex_new();
    ts->turn = hal_cond_new();
    if (!ts->lock || !ts->turn) {
        if (ts->lock) hal_mutex_free(ts->lock);
        if (ts->turn) hal_cond_free(ts->turn);
        py_raisef(&py_RuntimeError_type, "can't start new thread");
    }
    py_thread *main = gc_alloc(sizeof(py_thread), GC_RAW);   /* the program's own thread */
    main->vm = vm;
    main->os_id = hal_thread_id();
    ts->all = ts->running = main;
    ts->count = 1;
    ts->held = true;
    vm->threads = (pv)ts;
    return ts;
}

static void unlink_thread(py_threads *ts, py_thread *t) {
    for (py_thread **p = &ts->all; *p; p = &(*p)->next)
        if (*p == t) { *p = t->next; break; }
    ts->count--;
}

/* A new thread's body, in the thread the embedder started for it. */
static void thread_run(void *arg) {
    py_thread *t = arg;
    py_vm *vm = t->vm;
    py_threads *ts = threads(vm);
    void *outer = py_enter(vm);
    t->os_id = hal_thread_id();
    hal_mutex_lock(ts->lock);
    take(ts, -1, t);
    hal_mutex_unlock(ts->lock);
    int here;
    t->cstack_top = &here;
    load(vm, t);
    py_try tr;
    py_try_begin(&tr);
    if (setjmp(tr.j.buf) == 0) {
        size_t n;
        pv *items;
        py_seq_items(t->args, &n, &items);
        py_call(t->fn, (int)n, items, t->kwargs);
        py_try_end(&tr);
    } else {
        pv e = py_try_catch(&tr);
        if (!py_isinstance(e, &py_SystemExit_type)) {
            const char *head = "Unhandled exception in thread started by ";
            pv r = py_repr(t->fn);
            if (vm->io.write) {
                vm->io.write(vm->io.ctx, 2, head, strlen(head));
                vm->io.write(vm->io.ctx, 2, py_str_data(r), py_str_len(r));
                vm->io.write(vm->io.ctx, 2, "\n", 1);
            }
            py_print_exc(e);
        }
    }
    hal_mutex_lock(ts->lock);
    unlink_thread(ts, t);
    give(ts);
    hal_mutex_unlock(ts->lock);
    py_leave(outer);
}

uintptr_t py_thread_start(pv fn, pv args, pv kwargs, size_t stack_words) {
    py_vm *vm = py_cur;
    if (!vm->io.thread_start) py_raisef(&py_RuntimeError_type, "can't start new thread");
    py_threads *ts = start_threads(vm);
    py_thread *t = gc_alloc(sizeof(py_thread), GC_RAW);
    t->vm = vm;
    t->fn = fn;
    t->args = args;
    t->kwargs = kwargs;
    t->stack = gc_alloc(stack_words * sizeof(pv), GC_RAW);
    if (!t->stack) py_raise(vm->memerr);
    t->stack_end = t->stack_top = t->stack + stack_words;      /* it grows down */
    t->next = ts->all;
    ts->all = t;
    ts->count++;
    uintptr_t id = 0;
    if (vm->io.thread_start(vm->io.ctx, thread_run, t, &id) < 0) {
        unlink_thread(ts, t);
        py_raisef(&py_RuntimeError_type, "can't start new thread");
    }
    return id;
}

/* ---- locks: waiting for one lets the other threads run ---- */

struct lock_wait { py_threads *ts; int ms; };

static void wait_a_while(void *arg) {
    struct lock_wait *w = arg;
    hal_mutex_lock(w->ts->lock);
    hal_cond_wait(w->ts->turn, w->ts->lock, w->ms);
    hal_mutex_unlock(w->ts->lock);
}

bool py_thread_lock_wait(bool *locked, double timeout) {
    py_vm *vm = py_cur;
    double start = vm->io.clock ? vm->io.clock(vm->io.ctx) : 0;
    while (*locked) {
        py_threads *ts = threads(vm);
        if (!ts) return false;              /* one thread: nobody will release it */
        double left = timeout < 0 ? 1 : timeout - ((vm->io.clock ? vm->io.clock(vm->io.ctx) : 0) - start);
        if (left <= 0) return false;
        struct lock_wait w = { ts, left < 0.02 ? (int)(left * 1000) + 1 : 20 };
        py_blocking(wait_a_while, &w);
        py_poll_now();                      /* a kill or Ctrl-C reaches a waiting thread */
    }
    *locked = true;
    return true;
}

void py_thread_lock_released(void) {
    py_threads *ts = threads(py_cur);
    if (!ts) return;
    hal_mutex_lock(ts->lock);
    hal_cond_broadcast(ts->turn);
    hal_mutex_unlock(ts->lock);
}

/* The program's own thread has ended: stop(ctx) tells the others to stop; they get the turn
 * until the last has ended. */
static void wait_for_ends(void *arg) {
    py_threads *ts = arg;
    hal_mutex_lock(ts->lock);
    hal_cond_wait(ts->turn, ts->lock, 50);
    hal_mutex_unlock(ts->lock);
}

void py_threads_end(py_vm *vm, void (*stop)(void *ctx), void *ctx) {
    void *outer = py_enter(vm);
    py_threads *ts = threads(vm);
    if (ts) {
        while (ts->count > 1) {
            stop(ctx);
            py_blocking(wait_for_ends, ts);
        }
        hal_mutex_free(ts->lock);
        hal_cond_free(ts->turn);
        vm->threads = PV_NULL;
    }
    py_leave(outer);
}

int py_threads_count(py_vm *vm) { return vm->threads ? threads(vm)->count : 1; }

/* ---- the embedder's blocking calls, without the turn when there are threads ---- */

struct io_call { py_vm *vm; double seconds; char *buf; size_t n; int r; };

static void call_sleep(void *arg) { struct io_call *c = arg; c->vm->io.sleep(c->vm->io.ctx, c->seconds); }
static void call_poll(void *arg) { struct io_call *c = arg; c->r = c->vm->io.poll(c->vm->io.ctx); }
static void call_readline(void *arg) { struct io_call *c = arg; c->r = c->vm->io.readline(c->vm->io.ctx, c->buf, c->n); }

void py_io_sleep(py_vm *vm, double seconds) {
    if (!vm->io.sleep) return;
    if (!vm->threads) { vm->io.sleep(vm->io.ctx, seconds); return; }
    struct io_call c = { vm, seconds, NULL, 0, 0 };
    py_blocking(call_sleep, &c);
}

int py_io_poll(py_vm *vm) {
    if (!vm->io.poll) return 0;
    if (!vm->threads) return vm->io.poll(vm->io.ctx);
    struct io_call c = { vm, 0, NULL, 0, 0 };
    py_blocking(call_poll, &c);
    return c.r;
}

int py_io_readline(py_vm *vm, char *buf, size_t n) {
    if (!vm->io.readline) return -1;
    if (!vm->threads) return vm->io.readline(vm->io.ctx, buf, n);
    struct io_call c = { vm, 0, buf, n, 0 };
    py_blocking(call_readline, &c);
    if (c.r < 0) py_poll_now();         /* a kill or Ctrl-C while reading */
    return c.r;
}
