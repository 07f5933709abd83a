/* Built-in commands. Each is declared where it is implemented:
 *
 *     COMMAND(ls, "ls [path] [-lhasnkd]", "list a directory")
 *     {
 *         ...   // p, argc, argv are in scope; return the exit status
 *     }
 *
 * tools/gen_command_table.cmake collects the declarations (COMMAND at the start of a line)
 * into the sorted command_table, from which help, tab completion and docs/commands.md come. */
#ifndef KERNEL_COMMAND_H
#define KERNEL_COMMAND_H

#include <stddef.h>

#include "kernel/proc.h"

typedef int (*command_fn)(proc_t *p, int argc, char **argv);

struct command {
    const char *name;
    const char *usage;          /* one or more lines; the first is the synopsis */
    const char *help;           /* one line: what it does */
    command_fn run;
};

#define COMMAND(NAME, USAGE, HELP)                                                      \
    static int cmd_##NAME(proc_t *p, int argc, char **argv);                            \
    const struct command command_def_##NAME = { #NAME, USAGE, HELP, cmd_##NAME };           \
    static int cmd_##NAME(proc_t *p, int argc, char **argv)

extern const struct command *const command_table[];
extern const int command_count;

const struct command *command_find(const char *name);
/* Runs a built-in in the current thread as process p; --help prints its usage. */
int command_run(const struct command *c, proc_t *p, int argc, char **argv);
void command_print_usage(const struct command *c, stream_t *out);

/* Option parsing shared by the commands: flags are single letters after '-', may be grouped
 * ("-la") and may stand anywhere among the words, as upyOS allows ("ls /etc -l").
 * Returns the flags found as a bit set ('a'..'z' -> bits 0..25; 'A'..'Z' -> 26..51) and moves
 * the other words to the front of argv (argv[1..*nargs]), the flag words after them (the
 * array keeps every pointer it had). An unknown flag is reported as
 * "NAME: unknown option -x" and gives -1. "--" ends flags; "-" alone and negative numbers are
 * words. */
long long command_flags(proc_t *p, int argc, char **argv, const char *allowed, int *nargs);
#define FLAG(c) ((c) >= 'a' ? 1LL << ((c) - 'a') : 1LL << ((c) - 'A' + 26))

#endif
