/* shell/session.c: starting, running and ending shell sessions, and how a command finds the
 * shell it runs under without the kernel knowing what a shell is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "kernel/env.h"
#include "kernel/proc.h"
#include "kernel/stream.h"
#include "shell/session.h"
#include "shell/shell.h"

static int setup(void **state)
{
    static int once;
    if (!once) {
        proc_init();
        env_init();
        vfs_mount("/", &ramfs_ops, ramfs_new(1 << 16));
        once = 1;
    }
    return 0;
}

static void a_session_runs_lines_on_its_streams(void **state)
{
    stream_t *out = stream_capture(1024);
    proc_t *caller = proc_current();
    proc_t *sh = shell_start("sh", NULL, NULL, stream_null(), out, stream_ref(out));
    assert_non_null(sh);
    int pid = sh->pid;
    assert_ptr_equal(shell_process(sh), sh);
    assert_non_null(shell_own(sh));
    assert_int_equal(shell_run(sh, "echo hello; export n 7; echo $n"), 0);
    assert_ptr_equal(proc_current(), caller);
    assert_int_equal(shell_run(sh, "no_such_command"), 127);
    assert_string_equal(stream_capture_text(out, NULL),
                        "hello\n7\nno_such_command: not found\n");
    shell_end(sh);
    assert_false(proc_exists(pid));
}

static void a_session_that_cannot_start_releases_its_streams(void **state)
{
    stream_t *out = stream_capture(16);
    /* no parent, no terminal, no input: a shell that could not read */
    assert_null(shell_start("sh", NULL, NULL, NULL, stream_ref(out), stream_ref(out)));
    assert_int_equal(out->refs, 1);
    stream_unref(out);
}

static void attached_shells_stack_in_front_of_the_processes_shell(void **state)
{
    char *argv[] = { "script", "arg" };
    proc_t *p = proc_new("p", NULL);
    proc_t *child = proc_new("child", p);
    assert_null(shell_of(child));
    assert_null(shell_process(child));

    struct shell *outer = shell_attach(p, 1, argv);
    assert_non_null(outer);
    assert_ptr_equal(shell_of(child), outer);
    assert_ptr_equal(shell_process(child), p);
    assert_null(shell_own(child));          /* a parent's shell is not the child's own */

    struct shell *inner = shell_attach(p, 2, argv);
    assert_non_null(inner);
    assert_ptr_equal(shell_of(child), inner);
    assert_ptr_equal(inner->outer, outer);
    assert_ptr_equal(shell_session(child), outer);
    assert_int_equal(inner->argc, 2);
    assert_string_equal(inner->argv[1], "arg");

    shell_detach(p);
    assert_ptr_equal(shell_own(p), outer);
    shell_detach(p);
    assert_null(shell_own(p));
    proc_end(child);
    proc_end(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(a_session_runs_lines_on_its_streams, setup),
        cmocka_unit_test_setup(a_session_that_cannot_start_releases_its_streams, setup),
        cmocka_unit_test_setup(attached_shells_stack_in_front_of_the_processes_shell, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
