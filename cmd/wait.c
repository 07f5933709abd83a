#include <stdlib.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "shell/session.h"

struct jobs {
    int pids[PROC_MAX];
    int count;
    int shell;                  /* whose jobs are collected */
};

static void collect_jobs(proc_t *q, void *ctx)
{
    struct jobs *j = ctx;
    if (q->background && q->started_by == j->shell)
        j->pids[j->count++] = q->pid;
}

COMMAND(wait, "wait [PID...]", "wait until the processes end (no PID: this shell's background jobs)",
        RAW_ARGS, 0, MANY)
{
    /* the jobs of the shell this command runs for (a prompt or a script) */
    struct jobs j = { .count = 0, .shell = proc_pid(shell_process(p)) };
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*end || pid <= 0 || pid > 99999)
            status = cmd_error(ctx, "%s: not a process id", argv[i]);
        else if (!proc_exists((int)pid))
            status = cmd_error(ctx, "%s: no such process", argv[i]);
        else
            j.pids[j.count++] = (int)pid;
        if (j.count == PROC_MAX)
            break;
    }
    if (argc == 1 && j.shell)
        proc_each(collect_jobs, &j);
    for (int i = 0; i < j.count; i++)
        if (proc_wait(j.pids[i]) == ERR_INTR)
            return 130;
    return status;
}
