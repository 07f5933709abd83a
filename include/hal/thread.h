/* Threads and locks. Threads are detached: the kernel tracks their life itself. */
#ifndef HAL_THREAD_H
#define HAL_THREAD_H

#include <stddef.h>
#include <stdint.h>

typedef struct hal_mutex hal_mutex_t;
typedef struct hal_cond hal_cond_t;

/* Start fn(arg) in a new thread with the given stack size in bytes (0: port default).
 * Returns 0, or -1 when there is no memory for it. */
int hal_thread_start(void (*fn)(void *), void *arg, size_t stack_size, uintptr_t *id_out);
uintptr_t hal_thread_id(void);
void hal_thread_yield(void);
void hal_sleep_us(uint32_t us);        /* plain sleep; the kernel adds hold/stop points */

/* One pointer per thread: the kernel keeps the current process there. */
void hal_thread_set_local(void *value);
void *hal_thread_get_local(void);
/* A second pointer per thread, apart from the kernel's: the Python interpreter keeps the
 * state of the program running on the thread there (py/), so two programs run at once. */
void hal_thread_set_runtime(void *value);
void *hal_thread_get_runtime(void);

hal_mutex_t *hal_mutex_new(void);      /* recursive */
void hal_mutex_free(hal_mutex_t *m);
void hal_mutex_lock(hal_mutex_t *m);
void hal_mutex_unlock(hal_mutex_t *m);

hal_cond_t *hal_cond_new(void);
void hal_cond_free(hal_cond_t *c);
/* Wait at most timeout_ms (negative: forever); the mutex is held again on return.
 * Returns 0 when signalled, 1 on time-out. Spurious wake-ups are allowed. */
int hal_cond_wait(hal_cond_t *c, hal_mutex_t *m, int timeout_ms);
void hal_cond_broadcast(hal_cond_t *c);

#endif
