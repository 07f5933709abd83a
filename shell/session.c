#include "shell/session.h"

#include <stdlib.h>

#include "kernel/tty.h"
#include "lib/str.h"
#include "shell/python.h"
#include "shell/shell.h"

/* A process's shells are a stack in its proc->upper slot, innermost first (a script's in
 * front of the one that ran it); only the thread running the process changes it. */

struct shell *shell_attach(proc_t *p, int argc, char **argv)
{
    struct shell *sh = calloc(1, sizeof *sh);
    if (!sh)
        return NULL;
    sh->argc = argc < SHELL_ARGS_MAX ? argc : SHELL_ARGS_MAX;
    for (int i = 0; i < sh->argc; i++)
        sh->argv[i] = str_dup(argv[i]);
    sh->outer = p->upper;
    p->upper = sh;
    return sh;
}

void shell_detach(proc_t *p)
{
    struct shell *sh = p->upper;
    shell_python_end(sh);
    p->upper = sh->outer;
    for (int i = 0; i < sh->argc; i++)
        free(sh->argv[i]);
    free(sh);
}

proc_t *shell_process(proc_t *p)
{
    while (p && !p->upper)
        p = p->parent;
    return p;
}

proc_t *shell_start(const char *name, proc_t *parent, struct tty *tty, stream_t *in,
                    stream_t *out, stream_t *err)
{
    char *argv[] = { "sh" };
    stream_t *streams[3] = { in, out, err };
    proc_t *p = proc_new(name, parent);
    for (int i = 0; i < 3; i++) {
        if (!p)
            stream_unref(streams[i]);
        else if (!streams[i] && tty)
            streams[i] = tty_stream(tty);
    }
    if (!p)
        return NULL;
    if (tty)
        p->tty = tty;
    proc_set_streams(p, streams[0], streams[1], streams[2]);
    if (!p->in || !p->out || !p->err || !shell_attach(p, 1, argv)) {
        proc_end(p);
        return NULL;
    }
    return p;
}

int shell_run(proc_t *session, const char *line)
{
    proc_t *caller = proc_current();
    proc_set_current(session);
    int status = shell_run_line(session, line);
    proc_set_current(caller);
    return status;
}

void shell_end(proc_t *session)
{
    while (session->upper)
        shell_detach(session);
    proc_end(session);
}
