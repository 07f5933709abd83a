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
/* The stack of a program's own thread (a background or pipeline one). */
size_t shell_python_stack(void);

#endif
