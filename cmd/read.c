#include "kernel/command.h"
#include "kernel/env.h"
#include "lib/err.h"
#include "shell/shell.h"
#include "term/lineedit.h"

COMMAND(read, "read VAR [PROMPT]", "ask for a line and keep it in the variable VAR")
{
    char line[SHELL_LINE_MAX];
    if (argc < 2 || argc > 3)
        return proc_error(p, "read", "usage: read VAR [PROMPT]");
    if (!env_valid_name(argv[1]))
        return proc_error(p, "read", "%s: not a valid variable name", argv[1]);
    int r = lineedit_ask(p, argc == 3 ? argv[2] : "", line, sizeof line);
    if (r == ERR_INTR)
        return 130;
    if (r < 0)
        return 1;                   /* end of input: the variable keeps its value */
    r = env_set_text(argv[1], line);
    return r < 0 ? proc_error(p, "read", "%s", err_str(r)) : 0;
}
