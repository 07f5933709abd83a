/* The shell's builtins: words the shell runs itself, before it asks the command table, because
 * they act on the shell running the line (if, goto, skip, return, run: shell/flow.c). A
 * builtin's declaration also says how its words are cut into a job where that differs from a
 * command's, so the runner knows no builtin by name.
 *
 * help, `NAME --help`, tab completion and the command reference list the builtins with the
 * commands, as one sorted list of names (shell_each_name). */
#ifndef SHELL_BUILTIN_H
#define SHELL_BUILTIN_H

#include "kernel/proc.h"

typedef int (*builtin_fn)(proc_t *p, int argc, char **argv);

struct shell_builtin {
    const char *name;
    const char *usage;          /* as a command's: the first line is the synopsis */
    const char *help;           /* one line: what it does */
    builtin_fn run;             /* runs as the line's job process; returns the exit status.
                                 * `NAME --help` prints the usage instead, as for a command */
    int operand_word;           /* word N (0: none) is an operand even when it reads as '>' or
                                 * '>>', as long as a word follows it (if's OP) */
};

extern const int shell_builtin_count;

const struct shell_builtin *shell_builtin_find(const char *name);

/* Every name a command word finds built in, the command table's and the builtins', in sorted
 * order, with its usage and help: what help lists, Tab offers and the reference documents. */
typedef void (*shell_name_fn)(void *ctx, const char *name, const char *usage, const char *help);
void shell_each_name(shell_name_fn visit, void *ctx);
/* Prints NAME's usage as `help NAME` and `NAME --help` do; ERR_NOENT when nothing built in has
 * that name. */
int shell_print_usage(const char *name, stream_t *out);

#endif
