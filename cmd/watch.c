/* watch: run a command line again and again, like upyOS's, until stopped (Ctrl-C, kill).
 * The pause between runs is a hold and stop point, so hold/resume/kill act on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"
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

COMMAND(watch, "watch [-t SECONDS] [-q] [-n COUNT] COMMAND...",
        "run COMMAND every SECONDS (default 2), clearing the screen and showing "
        "'Every: Ts: COMMAND' unless -q; -n stops after COUNT runs")
{
    double secs = 2;
    long count = MAX_RUNS_UNLIMITED;
    int quiet = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        char *end = NULL;
        if (strcmp(argv[i], "-q") == 0)
            quiet = 1;
        else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
            secs = strtod(argv[++i], &end);
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            count = strtol(argv[++i], &end, 10);
        else
            return proc_error(p, "watch", "%s: unknown option", argv[i]);
        if (end && (*end || secs < 0.1 || secs > 86400 || count < 0))
            return proc_error(p, "watch", "%s: not a valid number", argv[i]);
    }
    if (i == argc)
        return proc_error(p, "watch", "missing COMMAND");
    char *line = command_line(argc, argv, i);
    if (!line)
        return proc_error(p, "watch", "%s", err_str(ERR_NOMEM));
    int own_shell = !shell_of(p);   /* a background watch has no shell above it */
    if (own_shell && !(p->shell = shell_new(1, argv))) {
        free(line);
        return proc_error(p, "watch", "%s", err_str(ERR_NOMEM));
    }
    int status = 0;
    for (long run = 0; count == 0 || run < count; run++) {
        if (!quiet)
            proc_printf(p, "\033[2J\033[HEvery: %gs: %s\n", secs, line);
        status = shell_run_line(p, line);
        if ((count == 0 || run + 1 < count) && proc_sleep_us((uint64_t)(secs * 1e6)) < 0) {
            status = 130;
            break;
        }
    }
    if (own_shell) {
        shell_free(p->shell);
        p->shell = NULL;
    }
    free(line);
    return status;
}
