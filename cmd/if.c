/* Conditions in scripts: `if A OP B ACTION...` and `run CMD...` (an action that is a command). */
#include "kernel/command.h"
#include "shell/cond.h"
#include "shell/exec.h"

COMMAND(if, "if A OP B ACTION...",
        "run ACTION when A OP B holds; OP is == != < > <= >= in; ACTION is goto L, skip N, "
        "return, run CMD... or a command", RAW_ARGS, 0, MANY)
{
    char err[128];
    int holds;
    if (argc < 5)
        return shell_syntax_error(p, "invalid 'if' syntax");
    if (cond_compare(argv[1], argv[2], argv[3], &holds, err, sizeof err) < 0)
        return shell_syntax_error(p, err);
    return holds ? shell_run_argv(p, argc - 4, argv + 4) : 0;
}

COMMAND(run, "run CMD [ARG...]", "run a command (after if: `if $a == 1 run echo one`)",
        RAW_ARGS, 0, MANY)
{
    if (argc < 2)
        return proc_error(p, "run", "missing command");
    return shell_run_argv(p, argc - 1, argv + 1);
}
