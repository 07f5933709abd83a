/* hal/thread.h on the scheduler: threads, recursive mutexes, condition variables, sleep. */
#include "hal/thread.h"

#include <stdlib.h>

#include "sched.h"

struct hal_mutex {
    thread_t *owner;
    int count;
    int waiting;           /* threads blocked in take(): unlock looks for one only then */
    hal_mutex_t *next;     /* every mutex, so a dead thread's locks can be released */
};

struct hal_cond {
    int unused;            /* threads wait on the address */
};

static hal_mutex_t *mutexes;

int hal_thread_start(void (*fn)(void *), void *arg, size_t stack_size, uintptr_t *id_out)
{
    thread_t *t = sched_create(fn, arg, stack_size);
    if (!t)
        return -1;
    if (id_out)
        *id_out = t->id;
    return 0;
}

uintptr_t hal_thread_id(void)
{
    thread_t *t = sched_current;
    return t ? t->id : 0;
}

void hal_thread_yield(void)
{
    sched_yield();
}

void hal_sleep_us(uint32_t us)
{
    if (us == 0) {
        sched_yield();
        return;
    }
    /* Ticks are 1 ms: the first may be partly gone, so wait one more rather than less. */
    int64_t ticks = (int64_t)((us + 999u) / 1000u) + 1;
    uint32_t s = irq_lock();
    sched_block(NULL, ticks);
    irq_unlock(s);
}

void hal_thread_set_local(void *value)
{
    if (sched_current)
        sched_current->local = value;
}

void *hal_thread_get_local(void)
{
    return sched_current ? sched_current->local : NULL;
}

void hal_thread_set_runtime(void *value)
{
    if (sched_current)
        sched_current->runtime = value;
}

void *hal_thread_get_runtime(void)
{
    return sched_current ? sched_current->runtime : NULL;
}

hal_mutex_t *hal_mutex_new(void)
{
    hal_mutex_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    uint32_t s = irq_lock();
    m->next = mutexes;
    mutexes = m;
    irq_unlock(s);
    return m;
}

void hal_mutex_free(hal_mutex_t *m)
{
    if (!m)
        return;
    uint32_t s = irq_lock();
    for (hal_mutex_t **pp = &mutexes; *pp; pp = &(*pp)->next) {
        if (*pp == m) {
            *pp = m->next;
            break;
        }
    }
    irq_unlock(s);
    free(m);
}

/* With interrupts masked: take m count times, waiting while another thread holds it. */
static void take(hal_mutex_t *m, int count)
{
    thread_t *self = sched_current;
    while (m->owner && m->owner != self) {
        m->waiting++;
        sched_block(m, -1);
        m->waiting--;
    }
    if (m->owner == self) {
        m->count += count;
    } else {
        m->owner = self;
        m->count = count;
    }
}

void hal_mutex_lock(hal_mutex_t *m)
{
    uint32_t s = irq_lock();
    take(m, 1);
    irq_unlock(s);
}

void hal_mutex_unlock(hal_mutex_t *m)
{
    uint32_t s = irq_lock();
    if (m->owner == sched_current && --m->count == 0) {
        m->owner = NULL;
        if (m->waiting)          /* the flash driver alone takes one per read */
            sched_wake(m, 0);
    }
    irq_unlock(s);
}

hal_cond_t *hal_cond_new(void)
{
    return calloc(1, sizeof(hal_cond_t));
}

void hal_cond_free(hal_cond_t *c)
{
    free(c);
}

int hal_cond_wait(hal_cond_t *c, hal_mutex_t *m, int timeout_ms)
{
    uint32_t s = irq_lock();
    int held = m->owner == sched_current ? m->count : 0;
    if (held) {
        m->owner = NULL;
        m->count = 0;
        sched_wake(m, 0);
    }
    /* Still masked: no signal can slip between releasing m and starting to wait. */
    int timed_out = sched_block(c, timeout_ms < 0 ? -1 : (int64_t)timeout_ms + 1);
    if (held)
        take(m, held);
    irq_unlock(s);
    return timed_out;
}

void hal_cond_broadcast(hal_cond_t *c)
{
    sched_wake(c, 1);
}

/* A thread that ends or crashes holding locks would block every other thread that needs
 * them; release them so the rest of the system keeps going. */
void thread_on_death(thread_t *t)
{
    for (hal_mutex_t *m = mutexes; m; m = m->next) {
        if (m->owner == t) {
            m->owner = NULL;
            m->count = 0;
            sched_wake(m, 0);
        }
    }
}
