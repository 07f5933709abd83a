/* Process control: kill, hold, resume, killall. */
#include <stdlib.h>
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"

/* A command may not stop or hold the processes it runs under (its shell, its script): that
 * would stop itself half-way; `exit` leaves a shell. */
static int runs_under(proc_t *p, int pid)
{
    proc_lock();
    proc_t *target = proc_find(pid);
    int mine = target && proc_runs_under(p, target);
    proc_unlock();
    return mine;
}

static int each_pid(const struct cmd_ctx *ctx, int argc, char **argv, int (*action)(int pid))
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*end || pid <= 0 || pid > 99999)
            status = cmd_error(ctx, "%s: not a process id", argv[i]);
        else if (action != proc_resume && runs_under(ctx->p, (int)pid))
            status = cmd_error(ctx, "%s: is the shell running this command", argv[i]);
        else if (action((int)pid) < 0)
            status = cmd_error(ctx, "%s: no such process", argv[i]);
    }
    return status;
}

COMMAND(kill, "kill PID...", "stop processes (at their next blocking call, or when they check)",
        RAW_ARGS, 1, MANY, .missing = "missing process id")
{
    return each_pid(ctx, argc, argv, proc_kill);
}

COMMAND(hold, "hold PID...", "pause processes at their next hold point",
        RAW_ARGS, 1, MANY, .missing = "missing process id")
{
    return each_pid(ctx, argc, argv, proc_hold);
}

COMMAND(resume, "resume PID...", "let held processes go on",
        RAW_ARGS, 1, MANY, .missing = "missing process id")
{
    return each_pid(ctx, argc, argv, proc_resume);
}

struct victims {
    proc_t *self;
    const char *text;
    int pids[PROC_MAX];
    int count;
};

/* Shell sessions (the console's, telnet's) have neither a parent nor a thread of their own
 * from `&`; killall leaves them and whatever runs this command alone. */
static void choose(proc_t *q, void *ctx)
{
    struct victims *v = ctx;
    int session = !q->parent && !q->background;
    if (session || proc_runs_under(v->self, q) || q->status == PROC_STOPPING)
        return;
    if (v->text && !strstr(q->cmdline, v->text))
        return;
    v->pids[v->count++] = q->pid;
}

COMMAND(killall, "killall [TEXT]", "stop every process whose command line contains TEXT (all)",
        RAW_ARGS, 0, 1)
{
    struct victims v = { .self = p, .text = argc > 1 ? argv[1] : NULL };
    proc_each(choose, &v);
    for (int i = 0; i < v.count; i++)
        proc_kill(v.pids[i]);
    if (v.count == 0 && v.text)
        return cmd_error(ctx, "%s: no process matches", v.text);
    return 0;
}
