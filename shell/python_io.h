/* What shell/python.c (programs) and shell/python_line.c (`<` and `>` lines) share: the
 * py_io over a process, and the recursion limit for a stack. Only in a build with Python. */
#ifndef SHELL_PYTHON_IO_H
#define SHELL_PYTHON_IO_H

#include <stddef.h>

#include "kernel/proc.h"
#include "py/mod/mod.h"
#include "py/py.h"

/* What the io calls act for: the process running the program or the line, and whether its
 * files outlive that process (a session's lines keep one namespace across processes). */
struct host {
    proc_t *proc;
    int session_files;
};

/* Where the io's network comes from (py_io.net): network() when a program starts, the board's
 * (net/netif.h's netif), set at boot by init; none until then, or without a network. */
void shell_python_set_network(const struct netif_ops *(*network)(void));
/* The interpreter's io over host's process: its streams, its files (kernel/files.h), its
 * status as the poll, the wall clock. host must outlive the interpreter. */
py_io shell_python_io(struct host *host);
/* Stops the threads (_thread) of the program whose host is ctx: py_threads_end's stop. */
void shell_python_stop_threads(void *ctx);
/* Waits until the processes of the program's threads have ended (after py_threads_end): a
 * thread's process outlives its interpreter thread by a moment, and must not outlive the
 * program's process, its parent. */
void shell_python_wait_threads(void *ctx);
/* The modules the system gives its interpreters (shell/python_modules.c): sdata, utls. */
extern const py_native_module shell_python_modules[];
/* Bounds vm's recursion limit and C stack to what a thread of stack bytes holds. */
void shell_python_fit_stack(py_vm *vm, size_t stack);
/* Runs fn(arg) as process p with the C stack Python programs get (shell_python_stack): on
 * p's own thread when it has that much (a background job, a pipeline stage), else on a
 * thread of its own while this one waits, since the stack the caller's thread has left is
 * not known. Returns what fn returned, or -1 when no thread could be started. */
int shell_python_call(proc_t *p, int (*fn)(void *), void *arg);

#endif
