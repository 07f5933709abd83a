/* Kernel pieces without a shell: typed environment, process resources, pipes, tty Ctrl-C and
 * lifetime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/env.h"
#include "kernel/pipe.h"
#include "kernel/proc.h"
#include "kernel/tty.h"
#include "lib/err.h"

static int setup(void **state)
{
    static int once;
    if (!once) {
        proc_init();
        env_init();
        once = 1;
    }
    return 0;
}

static void env_keeps_types_and_order(void **state)
{
    struct value v = value_int(5), got;
    char text[32];
    assert_int_equal(env_set("n", &v), 0);
    assert_int_equal(env_set_text("s", "hi"), 0);
    assert_int_equal(env_get("n", &got), 0);
    assert_int_equal(got.type, VAL_INT);
    assert_int_equal(got.u.i, 5);
    assert_int_equal(env_get_text("s", text, sizeof text), 1);
    assert_string_equal(text, "hi");
    assert_int_equal(env_unset("n"), 0);
    assert_int_equal(env_get("n", &got), ERR_NOENT);
    assert_false(env_valid_name("1x"));
    assert_true(env_valid_name("_x1"));
}

static void ended_process_releases_files_and_memory(void **state)
{
    vfs_mount("/", &ramfs_ops, ramfs_new(1 << 16));
    proc_t *p = proc_new("test", NULL);
    assert_non_null(p);
    proc_set_current(p);
    vfs_file_t *f;
    assert_int_equal(file_open("/f", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    void *mem = proc_alloc(1000);
    assert_non_null(mem);
    assert_int_equal(p->mem_bytes, 1000);
    int pid = p->pid;
    proc_set_current(NULL);
    proc_end(p);                       /* file and memory go with it: ASan sees any leak */
    assert_false(proc_exists(pid));
    vfs_unmount_all();
}

static void kill_interrupts_sleep_at_once(void **state)
{
    proc_t *p = proc_new("sleeper", NULL);
    proc_set_current(p);
    proc_kill(p->pid);
    uint64_t t0 = hal_time_us();
    assert_int_equal(proc_sleep_ms(5000), ERR_INTR);
    assert_true(hal_time_us() - t0 < 1000000);
    proc_set_current(NULL);
    proc_end(p);
}

/* Ctrl-C (proc_interrupt) stops like a kill, but only the interrupted process may take it
 * back and run on (Python's KeyboardInterrupt); a kill after it is a kill. */
static void an_interrupt_is_taken_back_only_by_its_own_process(void **state)
{
    proc_t *p = proc_new("fg", NULL), *child = proc_new("child", p);
    proc_set_current(child);
    proc_interrupt(p->pid);
    assert_true(proc_should_stop());
    assert_false(proc_take_interrupt());      /* the parent's: the child stops */
    proc_set_current(p);
    assert_true(proc_take_interrupt());
    assert_int_equal(p->status, PROC_RUNNING);
    assert_false(proc_should_stop());
    assert_false(proc_take_interrupt());      /* taken once */
    proc_interrupt(p->pid);
    proc_kill(p->pid);
    assert_false(proc_take_interrupt());
    assert_true(proc_should_stop());
    proc_set_current(NULL);
    proc_end(child);
    proc_end(p);
}

struct writer_arg {
    stream_t *out;
};

static void write_lots(void *arg)
{
    struct writer_arg *w = arg;
    char block[100];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 50; i++)
        stream_write(w->out, block, sizeof block);
    stream_unref(w->out);        /* the last touch of *w: the reader returns once this is done */
}

static void pipe_carries_more_than_its_size_in_order(void **state)
{
    stream_t *r, *w;
    assert_int_equal(pipe_new(&r, &w), 0);
    struct writer_arg arg = { w };
    assert_int_equal(hal_thread_start(write_lots, &arg, 0, NULL), 0);
    size_t total = 0;
    char buf[64];
    int n;
    while ((n = stream_read(r, buf, sizeof buf)) > 0)
        total += (size_t)n;
    assert_int_equal(n, 0);            /* the writer's end went: end of input */
    assert_int_equal(total, 5000);
    stream_unref(r);
}

static void pipe_write_fails_when_reader_is_gone(void **state)
{
    stream_t *r, *w;
    assert_int_equal(pipe_new(&r, &w), 0);
    stream_unref(r);
    assert_int_equal(stream_write(w, "x", 1), ERR_CLOSED);
    stream_unref(w);
}

static char sent[64];
static size_t sent_len;

static void capture_output(void *ctx, const char *buf, size_t len)
{
    memcpy(sent + sent_len, buf, len);
    sent_len += len;
}

static void tty_turns_ctrl_c_into_a_stop_and_newlines_into_crlf(void **state)
{
    struct tty *t = tty_new(1, capture_output, NULL);
    proc_t *p = proc_new("fg", NULL);
    tty_set_foreground(t, p->pid);
    tty_input(t, "a\003b", 3);
    assert_int_equal(p->status, PROC_STOPPING);
    char buf[8];
    assert_int_equal(tty_read(t, buf, sizeof buf), 2);
    assert_memory_equal(buf, "ab", 2);
    tty_write(t, "x\ny\r\n", 5);
    assert_int_equal(sent_len, 6);
    assert_memory_equal(sent, "x\r\ny\r\n", 6);
    tty_end_input(t);
    assert_int_equal(tty_read(t, buf, sizeof buf), 0);
    proc_end(p);
    tty_close(t);
}

static void tty_drops_input_once_hung_up_and_outlives_its_driver_for_open_streams(void **state)
{
    struct tty *t = tty_new(0, capture_output, NULL);
    char full[TTY_INPUT_SIZE];
    memset(full, 'x', sizeof full);
    tty_input(t, full, sizeof full);
    tty_hangup(t);                     /* nobody reads: more input must not wait for room */
    tty_input(t, "more", 4);
    stream_t *s = tty_stream(t);
    tty_close(t);                      /* the driver has gone; the stream still works */
    sent_len = 0;
    assert_int_equal(stream_write(s, "late\n", 5), 5);
    assert_int_equal(sent_len, 0);
    assert_int_equal(stream_read(s, full, sizeof full), 0);
    stream_unref(s);                   /* the last reference frees the terminal */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(env_keeps_types_and_order, setup),
        cmocka_unit_test_setup(ended_process_releases_files_and_memory, setup),
        cmocka_unit_test_setup(kill_interrupts_sleep_at_once, setup),
        cmocka_unit_test_setup(an_interrupt_is_taken_back_only_by_its_own_process, setup),
        cmocka_unit_test_setup(pipe_carries_more_than_its_size_in_order, setup),
        cmocka_unit_test_setup(pipe_write_fails_when_reader_is_gone, setup),
        cmocka_unit_test_setup(tty_turns_ctrl_c_into_a_stop_and_newlines_into_crlf, setup),
        cmocka_unit_test_setup(tty_drops_input_once_hung_up_and_outlives_its_driver_for_open_streams,
                               setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
