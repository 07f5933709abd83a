#include <pthread.h>
#include <sched.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "hal/thread.h"

#define DEFAULT_STACK (256 * 1024)

struct hal_mutex {
    pthread_mutex_t m;
};

struct hal_cond {
    pthread_cond_t c;
};

struct start {
    void (*fn)(void *);
    void *arg;
};

static _Thread_local void *thread_local_value;
static _Thread_local void *thread_runtime_value;

static void *trampoline(void *arg)
{
    struct start s = *(struct start *)arg;
    free(arg);
    s.fn(s.arg);
    return NULL;
}

int hal_thread_start(void (*fn)(void *), void *arg, size_t stack_size, uintptr_t *id_out)
{
    pthread_attr_t attr;
    pthread_t t;
    struct start *s = malloc(sizeof *s);
    if (!s)
        return -1;
    s->fn = fn;
    s->arg = arg;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* host code (libc, sanitizers) needs more stack than the MCU budget the kernel asks for */
    pthread_attr_setstacksize(&attr, stack_size > DEFAULT_STACK ? stack_size : DEFAULT_STACK);
    int r = pthread_create(&t, &attr, trampoline, s);
    pthread_attr_destroy(&attr);
    if (r != 0) {
        free(s);
        return -1;
    }
    if (id_out)
        *id_out = (uintptr_t)t;
    return 0;
}

uintptr_t hal_thread_id(void)
{
    return (uintptr_t)pthread_self();
}

void hal_thread_yield(void)
{
    sched_yield();
}

void hal_sleep_us(uint32_t us)
{
    struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

void hal_thread_set_local(void *value)
{
    thread_local_value = value;
}

void *hal_thread_get_local(void)
{
    return thread_local_value;
}

void hal_thread_set_runtime(void *value)
{
    thread_runtime_value = value;
}

void *hal_thread_get_runtime(void)
{
    return thread_runtime_value;
}

hal_mutex_t *hal_mutex_new(void)
{
    hal_mutex_t *m = malloc(sizeof *m);
    pthread_mutexattr_t attr;
    if (!m)
        abort();                 /* no lock means no safe kernel: fail loudly at once */
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m->m, &attr);
    pthread_mutexattr_destroy(&attr);
    return m;
}

void hal_mutex_free(hal_mutex_t *m)
{
    if (m) {
        pthread_mutex_destroy(&m->m);
        free(m);
    }
}

void hal_mutex_lock(hal_mutex_t *m)
{
    pthread_mutex_lock(&m->m);
}

void hal_mutex_unlock(hal_mutex_t *m)
{
    pthread_mutex_unlock(&m->m);
}

hal_cond_t *hal_cond_new(void)
{
    hal_cond_t *c = malloc(sizeof *c);
    pthread_condattr_t attr;
    if (!c)
        abort();
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&c->c, &attr);
    pthread_condattr_destroy(&attr);
    return c;
}

void hal_cond_free(hal_cond_t *c)
{
    if (c) {
        pthread_cond_destroy(&c->c);
        free(c);
    }
}

int hal_cond_wait(hal_cond_t *c, hal_mutex_t *m, int timeout_ms)
{
    if (timeout_ms < 0) {
        pthread_cond_wait(&c->c, &m->m);
        return 0;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += timeout_ms / 1000;
    t.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
    if (t.tv_nsec >= 1000000000) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000;
    }
    return pthread_cond_timedwait(&c->c, &m->m, &t) == ETIMEDOUT;
}

void hal_cond_broadcast(hal_cond_t *c)
{
    pthread_cond_broadcast(&c->c);
}
