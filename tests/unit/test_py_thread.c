/* _thread's turn (py/thread.c): the threads of a program share its interpreter and take
 * turns with it. A thread in a blocking call has given the turn away and must not find that
 * it still holds it; and a kill, which wakes every sleeping thread of the program at once,
 * ends them all cleanly, again and again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "hal/thread.h"
#include "py/py.h"

struct program {
    hal_mutex_t *lock;
    hal_cond_t *changed;        /* broadcast on the kill and when the program has ended */
    bool killed, ended;
    int sleeps_with_the_turn;   /* io.sleep calls made by a thread that still held the turn */
    int sleeps;
    int status;
    char err[512];
    size_t nerr;
};

static void keep_errors(void *ctx, int fd, const char *s, size_t n) {
    struct program *p = ctx;
    if (fd != 2) return;
    if (p->nerr + n >= sizeof p->err) n = sizeof p->err - 1 - p->nerr;
    memcpy(p->err + p->nerr, s, n);
    p->nerr += n;
    p->err[p->nerr] = 0;
}

static int start_thread(void *ctx, void (*run)(void *), void *arg, uintptr_t *id) {
    (void)ctx;
    return hal_thread_start(run, arg, 256 * 1024, id) < 0 ? -1 : 0;
}

/* As the shell's: 2 (stop) once killed. */
static int poll_killed(void *ctx) {
    struct program *p = ctx;
    hal_mutex_lock(p->lock);
    bool killed = p->killed;
    hal_mutex_unlock(p->lock);
    return killed ? 2 : 0;
}

/* As the shell's: waits until the time is up or the kill comes, then polls at once when
 * killed (py_poll_now from a blocking call, which runs without the turn). */
static void sleep_until_killed(void *ctx, double seconds) {
    struct program *p = ctx;
    bool own = py_threads_own_turn(py_cur);
    hal_mutex_lock(p->lock);
    p->sleeps++;
    p->sleeps_with_the_turn += own;
    if (!p->killed && seconds > 0) hal_cond_wait(p->changed, p->lock, (int)(seconds * 1000) + 1);
    bool killed = p->killed;
    hal_mutex_unlock(p->lock);
    if (killed) py_poll_now();
}

static void let_threads_end(void *ctx) { (void)ctx; }

static const char SLEEPERS[] =
    "import _thread, time\n"
    "def sleeper(k):\n"
    "    n = 0\n"
    "    while True:\n"
    "        junk = [str(i) * k for i in range(16)]\n"
    "        n += 1\n"
    "        time.sleep(0.001 * k)\n"
    "for k in (1, 2, 3):\n"
    "    _thread.start_new_thread(sleeper, (k,))\n"
    "while True:\n"
    "    junk = {i: [i] for i in range(16)}\n"
    "    time.sleep(0.002)\n";

static void run_program(void *arg) {
    struct program *p = arg;
    py_io io = { .write = keep_errors, .poll = poll_killed, .sleep = sleep_until_killed,
                 .thread_start = start_thread, .ctx = p };
    py_vm *vm = py_create(256 * 1024, &io);
    int status = -1;
    if (vm) {
        status = py_run_source(vm, SLEEPERS, strlen(SLEEPERS), "sleepers.py", 0, NULL);
        py_threads_end(vm, let_threads_end, p);
        py_destroy(vm);
    }
    hal_mutex_lock(p->lock);
    p->status = status;
    p->ended = true;
    hal_cond_broadcast(p->changed);
    hal_mutex_unlock(p->lock);
}

/* Starts the program, kills it after ms milliseconds and waits (10 s at most) for its end. */
static void run_and_kill(struct program *p, int ms) {
    p->lock = hal_mutex_new();
    p->changed = hal_cond_new();
    assert_int_equal(hal_thread_start(run_program, p, 256 * 1024, NULL), 0);
    hal_sleep_us((uint32_t)ms * 1000);
    hal_mutex_lock(p->lock);
    p->killed = true;
    hal_cond_broadcast(p->changed);
    for (int waits = 0; !p->ended && waits < 100; waits++) hal_cond_wait(p->changed, p->lock, 100);
    bool ended = p->ended;
    hal_mutex_unlock(p->lock);
    assert_true(ended);
    hal_mutex_free(p->lock);
    hal_cond_free(p->changed);
}

static void test_a_blocking_call_runs_without_the_turn(void **state) {
    (void)state;
    static struct program p;
    run_and_kill(&p, 50);
    assert_true(p.sleeps > 4);
    assert_int_equal(p.sleeps_with_the_turn, 0);
}

/* Every thread sleeps most of the time: the kill wakes them together, each without the turn. */
static void test_threads_killed_while_they_sleep_end_cleanly_every_time(void **state) {
    (void)state;
    for (int round = 0; round < 40; round++) {
        static struct program p;
        memset(&p, 0, sizeof p);
        run_and_kill(&p, 2 + round % 7);
        assert_int_equal(p.status, 137);
        assert_string_equal(p.err, "");
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_blocking_call_runs_without_the_turn),
        cmocka_unit_test(test_threads_killed_while_they_sleep_end_cleanly_every_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
