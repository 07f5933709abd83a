#include "kernel/command.h"
#include "kernel/env.h"
#include "lib/err.h"
#include "shell/shell.h"
#include "term/lineedit.h"

COMMAND(read, "read VAR [PROMPT]", "ask for a line and keep it in the variable VAR", RAW_ARGS, 1, 2)
{
    char line[SHELL_LINE_MAX];
    if (!env_valid_name(argv[1]))
        return cmd_error(ctx, "%s: not a valid variable name", argv[1]);
    int r = lineedit_ask(p, argc == 3 ? argv[2] : "", line, sizeof line);
    if (r == ERR_INTR)
        return 130;
    if (r < 0)
        return 1;                   /* end of input: the variable keeps its value */
    r = env_set_text(argv[1], line);
    return r < 0 ? cmd_error(ctx, "%s", err_str(r)) : 0;
}
