/* Expression lines: "< expr" prints the value of an expression, "> stmt[; stmt]" runs
 * assignments and calls. The language is a small part of Python (docs/shell.md): literals,
 * arithmetic, comparisons, and/or/not, f-strings, indexing and slicing of strings, built-in
 * functions, sdata.* and assignment to (typed) environment variables. */
#ifndef SHELL_EXPR_H
#define SHELL_EXPR_H

#include <stddef.h>

#include "kernel/proc.h"
#include "lib/value.h"

int expr_is_line(const char *line);
/* Runs an expression line in shell process self; returns the exit status. */
int expr_run_line(proc_t *self, const char *line);

/* Evaluates one expression. p (may be NULL) is where print() writes. Returns 0 with the
 * value in *out (free it with value_free), or -1 with a message in err. */
int expr_eval(proc_t *p, const char *src, struct value *out, char *err, size_t err_size);
/* Runs statements separated by ';'. Returns 0, or -1 with a message in err (statements
 * before the failing one have run). */
int expr_exec(proc_t *p, const char *src, char *err, size_t err_size);

#endif
