/* Running commands: the part of the shell that makes processes. */
#ifndef SHELL_EXEC_H
#define SHELL_EXEC_H

#include "kernel/proc.h"
#include "shell/lexer.h"

/* Runs one command (already split into words) as a job of shell process self: pipes,
 * redirection and '&' included. cmdline is what ps shows. Returns its exit status. The job
 * takes the texts of the words it keeps (NULL is left in w; lex_free_words still frees w). */
int shell_run_words(proc_t *self, struct lex_words *w, const char *cmdline);
/* Runs argv in process p, which already exists: a built-in, a script or a program. */
int shell_run_argv(proc_t *p, int argc, char **argv);
/* Reports a syntax error where the shell is (script file and line, or the prompt); returns 2. */
int shell_syntax_error(proc_t *self, const char *message);

#endif
