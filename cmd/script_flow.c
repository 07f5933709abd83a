/* Flow control inside scripts: goto, skip, return. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "shell/exec.h"
#include "shell/script.h"
#include "shell/shell.h"

static struct script *current_script(proc_t *p, const char *name)
{
    struct shell *sh = shell_of(p);
    if (!sh || !sh->script)
        proc_error(p, name, "only inside a script");
    return sh ? sh->script : NULL;
}

COMMAND(goto, "goto LABEL", "continue the script after the line :LABEL", RAW_ARGS, 0, MANY)
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

COMMAND(skip, "skip N", "skip the next N lines of the script", RAW_ARGS, 0, MANY)
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

COMMAND(return, "return", "end the script", RAW_ARGS, 0, MANY)
{
    struct script *s = current_script(p, "return");
    if (!s)
        return 1;
    s->done = 1;
    return 0;
}
