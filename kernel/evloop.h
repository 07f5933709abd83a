/* An event loop inside one process: timers, sources becoming ready (a stream with input, later
 * a socket) and cooperative tasks. It is what upyOS programs do with asyncio, in C: one thread,
 * many things waiting at once.
 *
 *     evloop_t *loop = evloop_new();
 *     evloop_timer(loop, 0, 500, blink, &led);       // now, then every 500 ms
 *     evloop_readable(loop, proc_in(p), on_key, p);  // whenever input is waiting
 *     evloop_task(loop, counter, &state);            // a task, see TASK_BEGIN below
 *     int r = evloop_run(loop);                      // until stopped, idle, or killed
 *     evloop_free(loop);
 *
 * The loop waits in proc_sleep_us, so a held process's loop waits and a killed one returns
 * ERR_INTR: programs built on it obey hold and kill without checking anything. Its memory
 * belongs to the process (proc_alloc), so a killed program that forgets evloop_free leaks
 * nothing. Callbacks run one at a time in the process's thread; none may block for long. */
#ifndef KERNEL_EVLOOP_H
#define KERNEL_EVLOOP_H

#include <stdint.h>

#include "kernel/stream.h"
#include "sdk/upyos_task.h"   /* TASK_BEGIN ... TASK_END, explained below */

typedef struct evloop evloop_t;
typedef struct evloop_item evloop_task_t;

typedef void (*evloop_fn)(evloop_t *loop, void *arg);
/* Whether a source is ready (1) or not (0), asked before each wait. A socket layer adds its
 * sources through this: evloop_watch(loop, socket_readable, sock, on_data, ctx). */
typedef int (*evloop_ready_fn)(void *source);

evloop_t *evloop_new(void);                     /* NULL when out of memory */
void evloop_free(evloop_t *loop);

/* Calls fn after delay_ms, then every period_ms (0: once). Periods missed while the process
 * was held are skipped, not bunched. Returns an id (> 0) for evloop_cancel, or ERR_NOMEM. */
int evloop_timer(evloop_t *loop, uint32_t delay_ms, uint32_t period_ms, evloop_fn fn, void *arg);
/* Calls fn each time ready(source) says 1 (fn should consume what made it ready). */
int evloop_watch(evloop_t *loop, evloop_ready_fn ready, void *source, evloop_fn fn, void *arg);
/* Calls fn whenever s has input waiting or has reached its end. */
int evloop_readable(evloop_t *loop, stream_t *s, evloop_fn fn, void *arg);
int evloop_cancel(evloop_t *loop, int id);      /* 0, or ERR_NOENT */

/* Runs until evloop_stop, until nothing is left to wait for (0), or until the process is told
 * to stop (ERR_INTR). */
int evloop_run(evloop_t *loop);
void evloop_stop(evloop_t *loop);
uint64_t evloop_now_ms(const evloop_t *loop);   /* the loop's clock, for callbacks */

/* ---- cooperative tasks ----
 * A task is a function the loop calls again each time what it waits for has come. It is written
 * as straight-line code between TASK_BEGIN and TASK_END; each TASK_ wait returns to the loop and
 * the next call continues after it (local variables do not survive a wait: keep state in arg).
 *
 *     static int counter(evloop_task_t *t, void *arg)
 *     {
 *         struct state *s = arg;
 *         TASK_BEGIN(t);
 *         for (s->i = 0; s->i < 3; s->i++) {
 *             proc_printf(proc_current(), "tick %d\n", s->i);
 *             TASK_SLEEP(t, 1000);
 *         }
 *         TASK_END(t);
 *     }
 */
typedef int (*evloop_task_fn)(evloop_task_t *t, void *arg);

/* Starts a task (first called on the loop's next turn). Returns an id, or ERR_NOMEM. */
int evloop_task(evloop_t *loop, evloop_task_fn fn, void *arg);

/* What the TASK_ macros use: where to continue, and what to wait for before that. */
int evloop_task_point(const evloop_task_t *t);
void evloop_task_sleep(evloop_task_t *t, uint32_t ms, int point);
void evloop_task_wait(evloop_task_t *t, evloop_ready_fn ready, void *source, int point);
int evloop_stream_readable(void *stream);       /* an evloop_ready_fn for streams */


#endif
