/* Expression lines: "< expr" prints the value of an expression, "> stmt[; stmt]" runs
 * assignments and calls. */
#ifndef SHELL_EXPR_H
#define SHELL_EXPR_H

#include "kernel/proc.h"

int expr_is_line(const char *line);
/* Runs an expression line in shell process self; returns the exit status. */
int expr_run_line(proc_t *self, const char *line);

#endif
