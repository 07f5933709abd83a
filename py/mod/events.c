/* Callbacks a program asks for (machine.Pin.irq, machine.Timer) run in the program's own
 * thread at a safe point, never in the HAL's interrupt or thread: the interpreter's poll
 * (every PY_POLL_PERIOD ticks) and each slice of time.sleep run those that are due. A pin
 * interrupt only counts edges, which is all the HAL's callback may do. The sources are a
 * list in the interpreter (vm->events), so the collector keeps them and their handlers. */
#include <stdatomic.h>
#include <string.h>
#include "py/mod/mod.h"
#include "hal/board.h"
#include "hal/time.h"

#define EDGES_QUEUED 8

struct py_event {
    const py_type *type;
    pv owner, handler;         /* handler(owner) is the call; PV_NULL: none */
    int pin;                   /* the pin whose interrupt counts edges, or -1 */
    atomic_uint edges;         /* bumped by the HAL's callback */
    unsigned seen;             /* edges handled */
    uint64_t due_us, period_us;/* a timer: next run (0: disarmed), and its period (0: once) */
    void (*release)(pv owner); /* gives back what owner holds when the interpreter ends */
};

static void event_mark(pv o, gc_heap *h) {
    py_event *e = (py_event *)o;
    gc_mark(h, e->owner);
    gc_mark(h, e->handler);
}
static const py_type event_type = { &py_type_type, "irq", .base = &py_object_type, .mark = event_mark };

py_event *py_event_new(pv owner) {
    py_vm *vm = py_cur;
    if (!vm->events) vm->events = py_list_new(0);
    py_event *e = NEW(py_event, event_type);
    e->owner = owner;
    e->pin = -1;
    py_list_append(vm->events, (pv)e);
    return e;
}

static void count_edge(void *arg) { atomic_fetch_add(&((py_event *)arg)->edges, 1u); }

int py_event_irq(py_event *e, int pin, int edges, pv handler) {
    if (e->pin >= 0) hal_gpio_irq(e->pin, 0, NULL, e);
    e->pin = -1;
    e->handler = handler;
    if (!edges || !handler || handler == PV_NONE) return 0;
    e->seen = atomic_load(&e->edges);
    int r = hal_gpio_irq(pin, edges, count_edge, e);
    if (r == 0) e->pin = pin;
    return r;
}

void py_event_timer(py_event *e, uint64_t period_us, bool periodic, pv handler) {
    e->handler = handler;
    if (!period_us) period_us = 1;
    e->period_us = periodic ? period_us : 0;
    e->due_us = hal_time_us() + period_us;
}

void py_event_on_end(py_event *e, void (*release)(pv owner)) { e->release = release; }

void py_event_stop(py_event *e) {
    if (e->pin >= 0) hal_gpio_irq(e->pin, 0, NULL, e);
    e->pin = -1;
    e->due_us = 0;
}

/* Forgets the source: a stopped one stays listed until the interpreter ends, which a program
 * that opens many sockets over its life must not pay for. */
void py_event_remove(py_event *e) {
    py_event_stop(e);
    pv list = py_cur->events;
    for (size_t i = 0; list && i < LIST(list)->len; i++) {
        if (LIST(list)->items[i] != (pv)e) continue;
        memmove(&LIST(list)->items[i], &LIST(list)->items[i + 1], (LIST(list)->len - i - 1) * sizeof(pv));
        LIST(list)->len--;
        return;
    }
}

/* Is e's callback due now? Takes the edge or the timer's turn when it is. */
static bool due(py_event *e, uint64_t now) {
    if (e->pin >= 0) {
        /* one call per edge, as MicroPython schedules one per interrupt, but a burst that
         * piled up while the program was busy is cut to a few calls */
        unsigned n = atomic_load(&e->edges);
        if (n - e->seen > EDGES_QUEUED) e->seen = n - EDGES_QUEUED;
        if (n != e->seen) { e->seen++; return true; }
    }
    if (e->due_us && now >= e->due_us) {
        if (!e->period_us) e->due_us = 0;
        else if ((e->due_us += e->period_us) <= now) e->due_us = now + e->period_us;   /* late: no burst */
        return true;
    }
    return false;
}

/* One callback; an exception in it is printed and the program goes on, as MicroPython does
 * for a scheduled handler, but a stop or Ctrl-C raised in it still ends the program. */
static void call(py_vm *vm, py_event *e) {
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf) == 0) {
        py_call1(e->handler, e->owner);
        py_try_end(&t);
        return;
    }
    pv x = py_try_catch(&t);
    if (py_isinstance(x, &py_SystemExit_type) || py_isinstance(x, &py_KeyboardInterrupt_type)) {
        vm->events_running = false;
        py_raise(x);
    }
    py_print_exc(x);
}

void py_events_run(py_vm *vm) {
    if (!vm->events || vm->events_running) return;
    vm->events_running = true;
    uint64_t now = hal_time_us();
    for (size_t i = 0; i < LIST(vm->events)->len; i++) {   /* a callback may add sources */
        py_event *e = (py_event *)LIST(vm->events)->items[i];
        while (e->handler && e->handler != PV_NONE && due(e, now)) call(vm, e);
    }
    vm->events_running = false;
}

/* How long a sleep may last before the next callback is due: the next timer, and 10 ms
 * while a pin interrupt is armed (its edges are only counted until a safe point). */
double py_events_slice(py_vm *vm, double seconds) {
    if (!vm->events || vm->events_running) return seconds;
    uint64_t now = hal_time_us();
    for (size_t i = 0; i < LIST(vm->events)->len; i++) {
        py_event *e = (py_event *)LIST(vm->events)->items[i];
        if (!e->handler || e->handler == PV_NONE) continue;
        if (e->pin >= 0 && seconds > 0.01) seconds = 0.01;
        if (e->due_us) {
            double left = e->due_us > now ? (double)(e->due_us - now) / 1e6 : 0;
            if (left < seconds) seconds = left;
        }
    }
    return seconds;
}

/* The interpreter ends: no HAL callback may write into its arena after this. */
void py_events_end(py_vm *vm) {
    if (!vm->events) return;
    for (size_t i = 0; i < LIST(vm->events)->len; i++) {
        py_event *e = (py_event *)LIST(vm->events)->items[i];
        if (e->pin >= 0) hal_gpio_irq(e->pin, 0, NULL, e);
        e->pin = -1;
        if (e->release) e->release(e->owner);
        e->release = NULL;
    }
}
