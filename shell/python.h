/* Python programs: a `.py` file run as a command is a process running upyOS-C's interpreter
 * (py/), with the process's streams, files, memory and status (shell/python.c). A port
 * without Python (UPYOS_PYTHON off, ports/PORT/features.cmake) says so instead. */
#ifndef SHELL_PYTHON_H
#define SHELL_PYTHON_H

#include <stddef.h>

#include "kernel/proc.h"

#define SHELL_PY_ARGS_MAX 64

/* 1 when path names a Python program (it ends in ".py") and this build runs them. */
int shell_is_python(const char *path);
/* Runs the program at path (absolute) as process p: its body, then __main__(args) when it
 * defines one, with the global `proc`. argv[0] is the word that named it. Returns its exit
 * status (1 after an uncaught exception, whose traceback goes to p's error stream). */
int shell_run_python(proc_t *p, const char *path, int argc, char **argv);
/* The memory cap of one program: system.conf "pyheap", else the port's default. */
size_t shell_python_heap(void);
/* `< args` (print(args)) and `> statements`, upyOS's Python lines: they run in one
 * namespace per session (the outermost shell), with getenv/setenv for the shell's typed
 * variables, gpio_read/gpio_write, sdata and the time functions. An error is reported as the
 * shell's ("sh: [script line N: ]ZeroDivisionError: division by zero"), status 1; a build
 * without Python says so. shell_is_line says whether a line is one. */
int shell_is_line(const char *line);
int shell_python_line(proc_t *self, const char *line);
/* Ends a session's interpreter (the shell is being detached): closes what its lines opened
 * and gives its memory back. Nothing when it has none. */
struct shell;
void shell_python_end(struct shell *sh);
/* The stack of a program's own thread (a background or pipeline one). */
size_t shell_python_stack(void);

#endif
