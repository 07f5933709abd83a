/* Built-in commands. Each is declared where it is implemented, with what the registry checks
 * before the handler runs:
 *
 *     COMMAND(ls, "ls [PATH] [-lhasnkd]", "list a directory", "lhasnkd", 0, 1)
 *     {
 *         ...   // ctx, p, argc, argv are in scope; return the exit status
 *     }
 *
 * The arguments after the help line: the option letters the registry parses (RAW_ARGS: none,
 * the words reach the handler as typed, for commands that take -5, expressions or options of
 * their own), then the fewest and the most operands (MANY: no limit). Optional fields follow
 * as designated initialisers: .missing (what to say when an operand is missing) and .stack.
 *
 * tools/gen_command_table.cmake collects the declarations (COMMAND at the start of a line)
 * into the sorted command_table, from which help, --help, tab completion and docs/commands.md
 * come. */
#ifndef KERNEL_COMMAND_H
#define KERNEL_COMMAND_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/proc.h"

struct command;

/* What a handler gets: the words after the registry took the options out, and the options. */
struct cmd_ctx {
    proc_t *p;
    int argc;                   /* the name and the operands: argv[1..argc-1] */
    char **argv;                /* the option words follow argv[argc-1] (the shell frees them) */
    long long flags;            /* FLAG('x') set for each option given */
    const struct command *cmd;
};

/* p, argc and argv are ctx's, passed again so that a handler reads them as plain names. */
typedef int (*command_fn)(const struct cmd_ctx *ctx, proc_t *p, int argc, char **argv);

struct command {
    const char *name;
    const char *usage;          /* one or more lines; the first is the synopsis */
    const char *help;           /* one line: what it does */
    const char *flags;          /* the option letters parsed; RAW_ARGS: no option parsing */
    int8_t min_args, max_args;  /* how many operands it takes; MANY: no limit */
    uint16_t stack;             /* stack bytes when run as a background job; 0: the default */
    const char *missing;        /* said when fewer than min_args; NULL: "usage: SYNOPSIS" */
    command_fn run;
};

#define RAW_ARGS NULL
#define MANY INT8_MAX

#define COMMAND(NAME, USAGE, HELP, FLAGS, MIN_ARGS, ... /* MAX_ARGS, .missing, .stack */)  \
    static int cmd_##NAME(const struct cmd_ctx *ctx, proc_t *p, int argc, char **argv);     \
    const struct command command_def_##NAME = { #NAME, USAGE, HELP, FLAGS, MIN_ARGS,        \
                                                __VA_ARGS__, .run = cmd_##NAME };          \
    static int cmd_##NAME(const struct cmd_ctx *ctx, proc_t *p, int argc, char **argv)

/* Stack of a background thread when nothing asks for more: system.conf "stack", else this. */
#define COMMAND_DEFAULT_STACK 4096

extern const struct command *const command_table[];
extern const int command_count;

const struct command *command_find(const char *name);
/* Runs a built-in in the current thread as process p: answers --help, parses the options and
 * checks the count of operands (reporting as "NAME: ..."), then calls the handler. */
int command_run(const struct command *c, proc_t *p, int argc, char **argv);
void command_print_usage(const struct command *c, stream_t *out);
/* Stack bytes for c in a thread of its own; c NULL: the default (system.conf "stack"). */
size_t command_stack(const struct command *c);

/* Options are single letters after '-', may be grouped ("-la") and may stand anywhere among
 * the words, as upyOS allows ("ls /etc -l"); "--" ends them; "-" alone and negative numbers
 * are operands. An unknown one is reported as "NAME: unknown option -x (try NAME --help)"
 * and the command ends with status 2. Letters map to bits: 'a'..'z' 0..25, 'A'..'Z' 26..51. */
#define FLAG(c) ((c) >= 'a' ? 1LL << ((c) - 'a') : 1LL << ((c) - 'A' + 26))

/* Prints "NAME: " and the message on the command's error stream; returns 1 (the exit status).
 * NAME is the registered name, whatever word invoked it. */
int cmd_error(const struct cmd_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "NAME: path: what err means" (err a negative ERR_*); returns 1. */
int cmd_fail(const struct cmd_ctx *ctx, const char *path, int err);
/* Resolves path against the working directory into abs (VFS_PATH_MAX bytes): 0, or 1 after
 * reporting why it cannot be. */
int cmd_resolve(const struct cmd_ctx *ctx, const char *path, char *abs);

#endif
