#include "shell/expr.h"

#include "shell/exec.h"

int expr_is_line(const char *line)
{
    return (line[0] == '<' || line[0] == '>') && (line[1] == ' ' || line[1] == '\0');
}

int expr_run_line(proc_t *self, const char *line)
{
    /* The expression language is its own piece of work (docs/shell.md); until it is in, the
     * line is refused with a clear message instead of being run as a command. */
    return shell_syntax_error(self, "expression lines are not supported in this build");
}
