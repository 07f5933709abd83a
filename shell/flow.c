#include "shell/flow.h"

#include <stdio.h>
#include <stdlib.h>

#include "shell/cond.h"
#include "shell/exec.h"
#include "shell/script.h"
#include "shell/shell.h"

int flow_if(proc_t *p, int argc, char **argv)
{
    char err[128];
    int holds;
    if (argc < 5)
        return shell_syntax_error(p, "invalid 'if' syntax");
    if (cond_compare(argv[1], argv[2], argv[3], &holds, err, sizeof err) < 0)
        return shell_syntax_error(p, err);
    return holds ? shell_run_argv(p, argc - 4, argv + 4) : 0;
}

int flow_run(proc_t *p, int argc, char **argv)
{
    if (argc < 2)
        return proc_error(p, "run", "missing command");
    return shell_run_argv(p, argc - 1, argv + 1);
}

static struct script *current_script(proc_t *p, const char *name)
{
    struct shell *sh = shell_of(p);
    if (!sh || !sh->script)
        proc_error(p, name, "only inside a script");
    return sh ? sh->script : NULL;
}

int flow_goto(proc_t *p, int argc, char **argv)
{
    struct script *s = current_script(p, "goto");
    if (!s)
        return 1;
    if (argc != 2)
        return proc_error(p, "goto", "expected one label");
    if (script_goto(s, argv[1]) < 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "label '%s' not found", argv[1][0] == ':' ? argv[1] + 1 : argv[1]);
        shell_syntax_error(p, msg);
        s->done = 1;                  /* as upyOS: a missing label ends the script */
        return 1;
    }
    return 0;
}

int flow_skip(proc_t *p, int argc, char **argv)
{
    struct script *s = current_script(p, "skip");
    if (!s)
        return 1;
    char *end;
    long n = argc == 2 ? strtol(argv[1], &end, 10) : -1;
    if (argc != 2 || *end || n < 0)
        return proc_error(p, "skip", "expected a number of lines");
    script_skip(s, (int)n);
    return 0;
}

int flow_return(proc_t *p, int argc, char **argv)
{
    struct script *s = current_script(p, "return");
    if (!s)
        return 1;
    s->done = 1;
    return 0;
}
