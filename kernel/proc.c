#include "kernel/proc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "lib/err.h"
#include "lib/str.h"

static hal_mutex_t *table_lock;
static hal_cond_t *status_changed;   /* broadcast on kill, hold, resume and end */
static proc_t *table;                /* sorted by pid */
static int next_pid = 1;
static proc_t *console;              /* its foreground commands may take the reserved slots */

void proc_init(void)
{
    table_lock = hal_mutex_new();
    status_changed = hal_cond_new();
}

void proc_lock(void)
{
    hal_mutex_lock(table_lock);
}

void proc_unlock(void)
{
    hal_mutex_unlock(table_lock);
}

proc_t *proc_current(void)
{
    return hal_thread_get_local();
}

void proc_set_current(proc_t *p)
{
    hal_thread_set_local(p);
}

static void table_insert(proc_t *p)
{
    proc_t **link = &table;
    while (*link)
        link = &(*link)->next_in_table;
    *link = p;
}

static int allocate_pid(void)
{
    for (;;) {
        int pid = next_pid++;
        if (next_pid > 99999)
            next_pid = 2;
        if (!proc_find(pid))
            return pid;
    }
}

void proc_reserve_for(proc_t *p)
{
    proc_lock();
    console = p;
    proc_unlock();
}

/* How many processes the table may hold when this one is added. Caller holds the lock. */
static int table_limit(const proc_t *parent, int background)
{
    if (!background && parent && console && proc_runs_under(parent, console))
        return PROC_MAX;
    return PROC_MAX - PROC_RESERVED;
}

static proc_t *create(const char *cmdline, proc_t *parent, int background)
{
    proc_t *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cmdline = str_dup(cmdline ? cmdline : "");
    if (!p->cmdline) {
        free(p);
        return NULL;
    }
    p->status = PROC_RUNNING;
    p->start_rtc = hal_rtc_get();
    p->start_us = hal_time_us();
    p->thread_id = hal_thread_id();
    owner_init(&p->resources);
    p->parent = parent;
    str_copy(p->cwd, parent ? parent->cwd : "/", sizeof p->cwd);
    if (parent) {
        p->in = stream_ref(parent->in);
        p->out = stream_ref(parent->out);
        p->err = stream_ref(parent->err);
        p->tty = parent->tty;
    }
    proc_lock();
    if (proc_count() >= table_limit(parent, background)) {
        proc_unlock();
        proc_end(p);
        return NULL;
    }
    if (background) {
        p->started_by = parent ? parent->pid : 0;
        p->parent = NULL;
        p->background = 1;
    }
    p->pid = allocate_pid();
    table_insert(p);
    proc_unlock();
    return p;
}

proc_t *proc_new(const char *cmdline, proc_t *parent)
{
    return create(cmdline, parent, 0);
}

proc_t *proc_new_background(const char *cmdline, proc_t *parent)
{
    return create(cmdline, parent, 1);
}

void proc_end(proc_t *p)
{
    if (!p)
        return;
    owner_release_all(&p->resources);
    proc_lock();
    if (console == p)
        console = NULL;
    for (proc_t **link = &table; *link; link = &(*link)->next_in_table)
        if (*link == p) {
            *link = p->next_in_table;
            break;
        }
    hal_cond_broadcast(status_changed);
    proc_unlock();
    stream_unref(p->in);
    stream_unref(p->out);
    stream_unref(p->err);
    value_free(&p->result);
    free(p->cmdline);
    free(p);
}

void proc_set_streams(proc_t *p, stream_t *in, stream_t *out, stream_t *err)
{
    if (in) {
        stream_unref(p->in);
        p->in = in;
    }
    if (out) {
        stream_unref(p->out);
        p->out = out;
    }
    if (err) {
        stream_unref(p->err);
        p->err = err;
    }
}

proc_t *proc_find(int pid)
{
    for (proc_t *p = table; p; p = p->next_in_table)
        if (p->pid == pid)
            return p;
    return NULL;
}

int proc_count(void)
{
    int n = 0;
    for (proc_t *p = table; p; p = p->next_in_table)
        n++;
    return n;
}

void proc_each(void (*fn)(proc_t *p, void *ctx), void *ctx)
{
    proc_lock();
    for (proc_t *p = table; p; p = p->next_in_table)
        fn(p, ctx);
    proc_unlock();
}

static int set_status(int pid, char status)
{
    proc_lock();
    proc_t *p = proc_find(pid);
    if (p && !(p->status == PROC_STOPPING && status != PROC_STOPPING))
        p->status = status;
    if (p && status == PROC_STOPPING)
        p->interrupted = 0;     /* a kill after a Ctrl-C is a kill */
    hal_cond_broadcast(status_changed);
    proc_unlock();
    return p ? 0 : ERR_NOENT;
}

int proc_interrupt(int pid)
{
    proc_lock();
    proc_t *p = proc_find(pid);
    if (p && p->status != PROC_STOPPING) {
        p->status = PROC_STOPPING;
        p->interrupted = 1;
    }
    hal_cond_broadcast(status_changed);
    proc_unlock();
    return p ? 0 : ERR_NOENT;
}

int proc_take_interrupt(void)
{
    proc_t *p = proc_current();
    if (!p)
        return 0;
    proc_lock();
    int taken = p->status == PROC_STOPPING && p->interrupted;
    if (taken) {
        p->status = PROC_RUNNING;
        p->interrupted = 0;
    }
    proc_unlock();
    return taken;
}

int proc_kill(int pid)
{
    return set_status(pid, PROC_STOPPING);
}

int proc_hold(int pid)
{
    return set_status(pid, PROC_HELD);
}

int proc_resume(int pid)
{
    return set_status(pid, PROC_RUNNING);
}

int proc_exists(int pid)
{
    proc_lock();
    int found = proc_find(pid) != NULL;
    proc_unlock();
    return found;
}

/* A foreground command obeys its own status and that of every process whose thread it runs
 * in, so Ctrl-C on a script stops the command the script is running too. */
static char effective_status(const proc_t *p)
{
    char status = PROC_RUNNING;
    for (; p; p = p->parent) {
        if (p->status == PROC_STOPPING)
            return PROC_STOPPING;
        if (p->status == PROC_HELD)
            status = PROC_HELD;
    }
    return status;
}

int proc_should_stop(void)
{
    proc_t *self = proc_current();
    if (!self)
        return 0;
    proc_lock();
    char status;
    while ((status = effective_status(self)) == PROC_HELD)
        hal_cond_wait(status_changed, table_lock, -1);
    proc_unlock();
    return status == PROC_STOPPING;
}

int proc_sleep_us(uint64_t us)
{
    uint64_t deadline = hal_time_us() + us;
    proc_t *self = proc_current();
    for (;;) {
        if (proc_should_stop())
            return ERR_INTR;
        uint64_t now = hal_time_us();
        if (now >= deadline)
            return 0;
        uint64_t left_ms = (deadline - now + 999) / 1000;
        if (!self) {
            hal_sleep_us((uint32_t)(deadline - now));
            continue;
        }
        proc_lock();
        if (effective_status(self) == PROC_RUNNING)
            hal_cond_wait(status_changed, table_lock, left_ms > 1000 ? 1000 : (int)left_ms);
        proc_unlock();
    }
}

int proc_sleep_ms(uint32_t ms)
{
    return proc_sleep_us((uint64_t)ms * 1000);
}

int proc_wait(int pid)
{
    for (;;) {
        if (proc_should_stop())
            return ERR_INTR;
        proc_lock();
        if (!proc_find(pid)) {
            proc_unlock();
            return 0;
        }
        hal_cond_wait(status_changed, table_lock, 1000);
        proc_unlock();
    }
}

void proc_wait_end(int pid)
{
    proc_lock();
    while (proc_find(pid))
        hal_cond_wait(status_changed, table_lock, 1000);
    proc_unlock();
}

/* Waits one slice at most, then returns 0 so the caller checks its condition again: a signal
 * sent while the mutex was let go for the status check must not be missed. */
int proc_cond_wait(struct hal_cond *c, struct hal_mutex *m, int timeout_ms)
{
    const int slice_ms = 25;    /* how soon a kill is noticed by a waiter */
    uint64_t start = hal_time_us();
    hal_mutex_unlock(m);
    int stop = proc_should_stop();
    hal_mutex_lock(m);
    if (stop)
        return ERR_INTR;
    int wait_ms = timeout_ms >= 0 && timeout_ms < slice_ms ? timeout_ms : slice_ms;
    int timed_out = hal_cond_wait(c, m, wait_ms);
    if (timed_out && timeout_ms >= 0 && hal_time_us() - start >= (uint64_t)timeout_ms * 1000)
        return 1;
    return 0;
}

int proc_runs_under(const proc_t *p, const proc_t *ancestor)
{
    for (; p; p = p->parent)
        if (p == ancestor)
            return 1;
    return 0;
}

size_t proc_memory(const proc_t *p)
{
    return sizeof *p + strlen(p->cmdline) + 1 + p->mem_bytes + p->stack_size;
}

int proc_pid(const proc_t *p)
{
    return p ? p->pid : 0;
}

stream_t *proc_in(const proc_t *p)
{
    return p ? p->in : NULL;
}

stream_t *proc_out(const proc_t *p)
{
    return p ? p->out : NULL;
}

stream_t *proc_err(const proc_t *p)
{
    return p ? p->err : NULL;
}

struct owner *proc_owner(proc_t *p)
{
    return p ? &p->resources : NULL;
}

/* ---- memory owned by a process ---- */

struct allocation {
    struct resource res;
    proc_t *owner;
    size_t size;
    long long align[];          /* keeps the user's block aligned */
};

static void release_allocation(struct resource *r)
{
    struct allocation *a = (struct allocation *)r;
    if (a->owner)
        a->owner->mem_bytes -= a->size;
    free(a);
}

void *proc_alloc(size_t size)
{
    struct allocation *a = malloc(sizeof *a + size);
    if (!a)
        return NULL;
    a->res.release = release_allocation;
    a->owner = proc_current();
    a->size = size;
    owner_add(proc_owner(a->owner), &a->res);
    if (a->owner)
        a->owner->mem_bytes += size;
    return a->align;
}

void proc_free(void *ptr)
{
    if (!ptr)
        return;
    struct allocation *a = (struct allocation *)((char *)ptr - offsetof(struct allocation, align));
    resource_detach(&a->res);
    release_allocation(&a->res);
}

void proc_set_result(proc_t *p, struct value v)
{
    value_free(&p->result);
    p->result = v;
}

int proc_printf(proc_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = stream_vprintf(p->out, fmt, ap);
    va_end(ap);
    return r;
}

int proc_puts(proc_t *p, const char *text)
{
    return stream_puts(p->out, text);
}

int proc_error(proc_t *p, const char *name, const char *fmt, ...)
{
    va_list ap;
    stream_printf(p->err, "%s: ", name);
    va_start(ap, fmt);
    stream_vprintf(p->err, fmt, ap);
    va_end(ap);
    stream_puts(p->err, "\n");
    return 1;
}
