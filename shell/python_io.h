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

/* The interpreter's io over host's process: its streams, its files (kernel/files.h), its
 * status as the poll, the wall clock. host must outlive the interpreter. */
py_io shell_python_io(struct host *host);
/* The modules the system gives its interpreters (shell/python_modules.c): sdata, utls. */
extern const py_native_module shell_python_modules[];
/* The recursion limit that a thread of stack bytes holds. */
int shell_python_depth(size_t stack);

#endif
