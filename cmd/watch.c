/* watch: run a command line again and again, like upyOS's, until stopped (Ctrl-C, kill).
 * The pause between runs is a hold and stop point, so hold/resume/kill act on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/session.h"
#include "shell/shell.h"

#define MAX_RUNS_UNLIMITED 0

/* The words after the options, joined back into one line. */
static char *command_line(int argc, char **argv, int first)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = first; i < argc; i++) {
        if (i > first)
            strbuf_addc(&b, ' ');
        strbuf_adds(&b, argv[i]);
    }
    return b.failed ? (strbuf_free(&b), NULL) : strbuf_take(&b);
}

struct watch_options {
    double secs;
    long count;
    int quiet;
};

/* One option at argv[i]; returns the words it took, 0 when it is not a watch option, or an
 * error. The caller says whether -n may be one (only before the command). */
static int take_option(const struct cmd_ctx *ctx, struct watch_options *o, int argc,
                       char **argv, int i, int count_allowed)
{
    char *end = NULL;
    if (strcmp(argv[i], "-q") == 0) {
        o->quiet = 1;
        return 1;
    }
    if (i + 1 >= argc)
        return 0;
    if (strcmp(argv[i], "-t") == 0)
        o->secs = strtod(argv[i + 1], &end);
    else if (count_allowed && strcmp(argv[i], "-n") == 0)
        o->count = strtol(argv[i + 1], &end, 10);
    else
        return 0;
    if (*end || o->secs < 0.1 || o->secs > 86400 || o->count < 0) {
        cmd_error(ctx, "%s: not a valid number", argv[i + 1]);
        return ERR_INVAL;
    }
    return 2;
}

/* Options before the command (ours: -t -q -n, ending at the first other word or `--`), and
 * upyOS's -t SECONDS and -q after it (`watch ps -t 5`). Sets *first and *last to the
 * command's words; returns 0 or an error (already reported). */
static int parse_options(const struct cmd_ctx *ctx, struct watch_options *o, int argc,
                         char **argv, int *first, int *last)
{
    int i = 1, n;
    for (; i < argc && argv[i][0] == '-'; i += n) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            *first = i, *last = argc;
            return 0;                   /* the rest is the command, options and all */
        }
        if ((n = take_option(ctx, o, argc, argv, i, 1)) < 0)
            return n;
        if (n == 0) {
            cmd_error(ctx, "%s: unknown option", argv[i]);
            return ERR_INVAL;
        }
    }
    *first = i;
    int end = argc;
    for (;;) {
        if (end - 1 > i && strcmp(argv[end - 1], "-q") == 0)
            n = take_option(ctx, o, end, argv, end - 1, 0);
        else if (end - 2 > i && strcmp(argv[end - 2], "-t") == 0)
            n = take_option(ctx, o, end, argv, end - 2, 0);
        else
            break;
        if (n < 0)
            return n;
        end -= n;
    }
    *last = end;
    return 0;
}

COMMAND(watch, "watch [-t SECONDS] [-q] [-n COUNT] [--] COMMAND... [-t SECONDS] [-q]",
        "run COMMAND every SECONDS (default 2), clearing the screen and showing "
        "'Every: Ts: COMMAND' unless -q; -n stops after COUNT runs. -t and -q may follow the "
        "command too, as in upyOS (watch ps -t 5); after --, every word is the command's",
        RAW_ARGS, 0, MANY)
{
    struct watch_options o = { 2, MAX_RUNS_UNLIMITED, 0 };
    int first, last;
    if (parse_options(ctx, &o, argc, argv, &first, &last) < 0)
        return 1;
    if (first >= last)
        return cmd_error(ctx, "missing COMMAND");
    char *line = command_line(last, argv, first);
    if (!line)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    int own_shell = !shell_of(p);   /* a background watch has no shell above it */
    if (own_shell && !shell_attach(p, 1, argv)) {
        free(line);
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    }
    int status = 0;
    for (long run = 0; o.count == 0 || run < o.count; run++) {
        if (!o.quiet)
            proc_printf(p, "\033[2J\033[HEvery: %gs: %s\n", o.secs, line);
        status = shell_run_line(p, line);
        if ((o.count == 0 || run + 1 < o.count) && proc_sleep_us((uint64_t)(o.secs * 1e6)) < 0) {
            status = 130;
            break;
        }
    }
    if (own_shell)
        shell_detach(p);
    free(line);
    return status;
}
