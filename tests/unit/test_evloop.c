/* The event loop: timers in order and on time, cancelling, tasks, ready sources, and a loop that
 * obeys kill and hold of its process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/evloop.h"
#include "kernel/pipe.h"
#include "kernel/proc.h"
#include "lib/err.h"

static int setup(void **state)
{
    static int once;
    if (!once) {
        proc_init();
        once = 1;
    }
    return 0;
}

struct log {
    char order[64];
    int n;
    uint64_t start_ms;
    uint64_t at_ms[64];
};

static void note(struct log *l, char what, evloop_t *loop)
{
    if (l->n < 63) {
        l->at_ms[l->n] = evloop_now_ms(loop) - l->start_ms;
        l->order[l->n++] = what;
    }
}

static struct log *the_log;

static void tick_a(evloop_t *loop, void *arg)
{
    note(the_log, 'a', loop);
}

static void tick_b(evloop_t *loop, void *arg)
{
    note(the_log, 'b', loop);
}

static void stop(evloop_t *loop, void *arg)
{
    evloop_stop(loop);
}

static void timers_fire_in_time_order(void **state)
{
    struct log l = { .start_ms = hal_time_us() / 1000 };
    the_log = &l;
    evloop_t *loop = evloop_new();
    assert_non_null(loop);
    evloop_timer(loop, 30, 0, tick_b, NULL);        /* once, at 30 ms */
    evloop_timer(loop, 10, 20, tick_a, NULL);       /* 10, 30, 50, 70 */
    evloop_timer(loop, 80, 0, stop, NULL);
    assert_int_equal(evloop_run(loop), 0);
    evloop_free(loop);
    l.order[l.n] = '\0';
    /* at 30 ms both are due: b was added first, so it runs first */
    assert_true(l.n >= 3 && l.order[0] == 'a' && l.order[1] == 'b');
    assert_true(strspn(l.order + 2, "a") == (size_t)l.n - 2);
    assert_true(l.at_ms[0] >= 10);
    /* a loop that wakes more than a period late skips the periods it missed (run_timer), so a
     * loaded machine may see fewer ticks of a; one that kept time sees all four */
    assert_true(l.n <= 5);
    if (l.n == 5)
        assert_true(l.at_ms[4] >= 70);
}

static void cancelled_timer_never_fires_and_idle_loop_ends(void **state)
{
    struct log l = { .start_ms = hal_time_us() / 1000 };
    the_log = &l;
    evloop_t *loop = evloop_new();
    int id = evloop_timer(loop, 10, 10, tick_a, NULL);
    evloop_timer(loop, 5, 0, tick_b, NULL);
    assert_true(id > 0);
    assert_int_equal(evloop_cancel(loop, id), 0);
    assert_int_equal(evloop_cancel(loop, id), ERR_NOENT);
    assert_int_equal(evloop_run(loop), 0);          /* nothing left: returns by itself */
    evloop_free(loop);
    l.order[l.n] = '\0';
    assert_string_equal(l.order, "b");
}

struct counter {
    int i;
    struct log *log;
};

static int count_task(evloop_task_t *t, void *arg)
{
    struct counter *c = arg;
    TASK_BEGIN(t);
    for (c->i = 0; c->i < 3; c->i++) {
        c->log->order[c->log->n++] = (char)('0' + c->i);
        TASK_SLEEP(t, 15);
    }
    TASK_END(t);
}

static int yield_task(evloop_task_t *t, void *arg)
{
    struct counter *c = arg;
    TASK_BEGIN(t);
    for (c->i = 0; c->i < 2; c->i++) {
        c->log->order[c->log->n++] = 'y';
        TASK_YIELD(t);
    }
    TASK_END(t);
}

static void tasks_take_turns_and_end(void **state)
{
    struct log l = { .start_ms = 0 };
    struct counter slow = { 0, &l }, quick = { 0, &l };
    evloop_t *loop = evloop_new();
    evloop_task(loop, count_task, &slow);
    evloop_task(loop, yield_task, &quick);
    assert_int_equal(evloop_run(loop), 0);          /* both tasks end, the loop is idle */
    evloop_free(loop);
    l.order[l.n] = '\0';
    assert_string_equal(l.order, "0yy12");
}

static int got_data;

static void on_data(evloop_t *loop, void *arg)
{
    char buf[16];
    int n = stream_read(arg, buf, sizeof buf);
    if (n > 0)
        got_data += n;
    else
        evloop_stop(loop);                          /* end of input */
}

static void write_later(evloop_t *loop, void *arg)
{
    stream_t **w = arg;
    stream_puts(*w, "hello");
    stream_unref(*w);                               /* the reader sees the end after it */
    *w = NULL;
}

static void readable_stream_calls_back_then_sees_the_end(void **state)
{
    stream_t *r, *w;
    assert_int_equal(pipe_new(&r, &w), 0);
    assert_int_equal(stream_readable(r), 0);
    evloop_t *loop = evloop_new();
    got_data = 0;
    evloop_readable(loop, r, on_data, r);
    evloop_timer(loop, 20, 0, write_later, &w);
    assert_int_equal(evloop_run(loop), 0);
    evloop_free(loop);
    stream_unref(r);
    assert_int_equal(got_data, 5);
}

struct victim {
    int pid;
};

static void kill_self(evloop_t *loop, void *arg)
{
    struct victim *v = arg;
    proc_kill(v->pid);
}

static void killed_process_leaves_the_loop_and_frees_it(void **state)
{
    proc_t *p = proc_new("loop", NULL);
    proc_set_current(p);
    evloop_t *loop = evloop_new();
    struct victim v = { p->pid };
    evloop_timer(loop, 0, 5, tick_a, NULL);
    evloop_timer(loop, 30, 0, kill_self, &v);
    struct log l = { .start_ms = hal_time_us() / 1000 };
    the_log = &l;
    assert_true(p->mem_bytes > 0);                  /* the loop is the process's memory */
    assert_int_equal(evloop_run(loop), ERR_INTR);
    proc_set_current(NULL);
    proc_end(p);                                    /* frees the forgotten loop */
}

static void resume_later(void *arg)
{
    hal_sleep_us(60000);
    proc_resume(*(int *)arg);
}

static void held_process_loop_pauses(void **state)
{
    proc_t *p = proc_new("loop", NULL);
    proc_set_current(p);
    struct log l = { .start_ms = hal_time_us() / 1000 };
    the_log = &l;
    evloop_t *loop = evloop_new();
    evloop_timer(loop, 10, 0, tick_a, NULL);
    evloop_timer(loop, 20, 0, stop, NULL);
    static int pid;
    pid = p->pid;
    proc_hold(pid);
    assert_int_equal(hal_thread_start(resume_later, &pid, 0, NULL), 0);
    uint64_t start = hal_time_us();
    assert_int_equal(evloop_run(loop), 0);
    assert_true(hal_time_us() - start >= 50000);    /* waited for the resume */
    evloop_free(loop);
    proc_set_current(NULL);
    proc_end(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(timers_fire_in_time_order, setup),
        cmocka_unit_test_setup(cancelled_timer_never_fires_and_idle_loop_ends, setup),
        cmocka_unit_test_setup(tasks_take_turns_and_end, setup),
        cmocka_unit_test_setup(readable_stream_calls_back_then_sees_the_end, setup),
        cmocka_unit_test_setup(killed_process_leaves_the_loop_and_frees_it, setup),
        cmocka_unit_test_setup(held_process_loop_pauses, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
