#include "kernel/evloop.h"

#include <string.h>

#include "hal/time.h"
#include "kernel/proc.h"
#include "lib/err.h"

/* How often sources without a wake-up of their own (streams, sockets) are asked again. */
#define POLL_SLICE_US 10000

enum kind { TIMER, WATCH, TASK };

/* Timers, watches and tasks are one thing: something that waits until a time (due_us), until a
 * source is ready (ready), or until either, and then runs. */
struct evloop_item {
    struct evloop_item *next;
    int id;
    enum kind kind;
    int cancelled;
    uint64_t due_us;            /* 0: not waiting for a time */
    uint64_t period_us;
    evloop_ready_fn ready;      /* NULL: not waiting for a source */
    void *source;
    evloop_fn fn;
    evloop_task_fn task_fn;
    void *arg;
    int point;                  /* a task's place to continue */
};

struct evloop {
    struct evloop_item *items;
    int next_id;
    int stopped;
    uint64_t now_us;
};

evloop_t *evloop_new(void)
{
    evloop_t *l = proc_alloc(sizeof *l);
    if (l)
        memset(l, 0, sizeof *l);
    return l;
}

void evloop_free(evloop_t *l)
{
    if (!l)
        return;
    while (l->items) {
        struct evloop_item *i = l->items;
        l->items = i->next;
        proc_free(i);
    }
    proc_free(l);
}

static int add(evloop_t *l, struct evloop_item *tmpl)
{
    struct evloop_item *i = proc_alloc(sizeof *i);
    if (!i)
        return ERR_NOMEM;
    *i = *tmpl;
    i->id = ++l->next_id;
    struct evloop_item **end = &l->items;
    while (*end)
        end = &(*end)->next;
    *end = i;
    return i->id;
}

static uint64_t now_us(void)
{
    return hal_time_us() + 1;   /* never 0: due_us 0 means "no time" */
}

int evloop_timer(evloop_t *l, uint32_t delay_ms, uint32_t period_ms, evloop_fn fn, void *arg)
{
    struct evloop_item t = { .kind = TIMER, .fn = fn, .arg = arg };
    t.due_us = now_us() + (uint64_t)delay_ms * 1000;
    t.period_us = (uint64_t)period_ms * 1000;
    return add(l, &t);
}

int evloop_watch(evloop_t *l, evloop_ready_fn ready, void *source, evloop_fn fn, void *arg)
{
    struct evloop_item w = { .kind = WATCH, .ready = ready, .source = source, .fn = fn, .arg = arg };
    return add(l, &w);
}

int evloop_stream_readable(void *stream)
{
    return stream_readable(stream);
}

int evloop_readable(evloop_t *l, stream_t *s, evloop_fn fn, void *arg)
{
    return evloop_watch(l, evloop_stream_readable, s, fn, arg);
}

int evloop_task(evloop_t *l, evloop_task_fn fn, void *arg)
{
    struct evloop_item t = { .kind = TASK, .task_fn = fn, .arg = arg, .due_us = now_us() };
    return add(l, &t);
}

int evloop_cancel(evloop_t *l, int id)
{
    for (struct evloop_item *i = l->items; i; i = i->next)
        if (i->id == id && !i->cancelled) {
            i->cancelled = 1;
            return 0;
        }
    return ERR_NOENT;
}

void evloop_stop(evloop_t *l)
{
    l->stopped = 1;
}

uint64_t evloop_now_ms(const evloop_t *l)
{
    return l->now_us / 1000;
}

int evloop_task_point(const evloop_task_t *t)
{
    return t->point;
}

void evloop_task_sleep(evloop_task_t *t, uint32_t ms, int point)
{
    t->point = point;
    t->ready = NULL;
    t->due_us = now_us() + (uint64_t)ms * 1000;
}

void evloop_task_wait(evloop_task_t *t, evloop_ready_fn ready, void *source, int point)
{
    t->point = point;
    t->ready = ready;
    t->source = source;
    t->due_us = 0;
}

static int is_due(struct evloop_item *i, uint64_t now)
{
    if (i->due_us && now >= i->due_us)
        return 1;
    return i->ready && i->ready(i->source);
}

static void run_timer(struct evloop_item *i, evloop_t *l)
{
    i->fn(l, i->arg);
    if (!i->period_us) {
        i->cancelled = 1;
        return;
    }
    i->due_us += i->period_us;
    if (i->due_us <= l->now_us)            /* held or late: skip what was missed */
        i->due_us = l->now_us + i->period_us;
}

static void run_task(struct evloop_item *i, evloop_t *l)
{
    int point = i->point;
    uint64_t due = i->due_us;
    if (i->task_fn(i, i->arg) == EVLOOP_DONE) {
        i->cancelled = 1;
    } else if (i->point == point && i->due_us == due && i->ready == NULL) {
        i->due_us = now_us();               /* waited for nothing: a yield */
    }
}

static void run_item(struct evloop_item *i, evloop_t *l)
{
    if (i->kind == TIMER)
        run_timer(i, l);
    else if (i->kind == WATCH)
        i->fn(l, i->arg);
    else
        run_task(i, l);
}

static void drop_cancelled(evloop_t *l)
{
    for (struct evloop_item **link = &l->items; *link;) {
        struct evloop_item *i = *link;
        if (i->cancelled) {
            *link = i->next;
            proc_free(i);
        } else {
            link = &i->next;
        }
    }
}

/* How long nothing can happen: until the next time, or one poll slice when a source waits. */
static uint64_t idle_us(evloop_t *l, uint64_t now)
{
    uint64_t wait = UINT64_MAX;
    for (struct evloop_item *i = l->items; i; i = i->next) {
        if (i->ready && wait > POLL_SLICE_US)
            wait = POLL_SLICE_US;
        if (i->due_us)
            wait = i->due_us <= now ? 0 : (i->due_us - now < wait ? i->due_us - now : wait);
    }
    return wait;
}

int evloop_run(evloop_t *l)
{
    l->stopped = 0;
    while (!l->stopped) {
        l->now_us = now_us();
        for (struct evloop_item *i = l->items; i && !l->stopped; i = i->next)
            if (!i->cancelled && is_due(i, l->now_us))
                run_item(i, l);
        drop_cancelled(l);
        if (l->stopped || !l->items)
            break;
        uint64_t wait = idle_us(l, now_us());
        int r = wait ? proc_sleep_us(wait) : (proc_should_stop() ? ERR_INTR : 0);
        if (r < 0)
            return r;
    }
    return 0;
}
