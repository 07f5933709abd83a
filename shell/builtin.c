#include "shell/builtin.h"

#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "shell/flow.h"

/* Sorted by name. */
static const struct shell_builtin builtins[] = {
    { "goto", "goto LABEL", "continue the script after the line :LABEL", flow_goto, 0 },
    { "if", "if A OP B ACTION...",
      "run ACTION when A OP B holds; OP is == != < > <= >= in; ACTION is goto L, skip N, "
      "return, run CMD... or a command",
      flow_if, 2 },
    { "return", "return", "end the script", flow_return, 0 },
    { "run", "run CMD [ARG...]", "run a command (after if: `if $a == 1 run echo one`)", flow_run,
      0 },
    { "skip", "skip N", "skip the next N lines of the script", flow_skip, 0 },
};

const int shell_builtin_count = sizeof builtins / sizeof builtins[0];

const struct shell_builtin *shell_builtin_find(const char *name)
{
    for (int i = 0; i < shell_builtin_count; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

/* The command table and the builtins are each sorted: merging them keeps the order. */
void shell_each_name(shell_name_fn visit, void *ctx)
{
    int c = 0, b = 0;
    while (c < command_count || b < shell_builtin_count) {
        if (b < shell_builtin_count &&
            (c == command_count || strcmp(builtins[b].name, command_table[c]->name) < 0)) {
            visit(ctx, builtins[b].name, builtins[b].usage, builtins[b].help);
            b++;
        } else {
            visit(ctx, command_table[c]->name, command_table[c]->usage, command_table[c]->help);
            c++;
        }
    }
}

int shell_print_usage(const char *name, stream_t *out)
{
    const struct shell_builtin *b = shell_builtin_find(name);
    const struct command *c = b ? NULL : command_find(name);
    if (b)
        stream_printf(out, "Usage: %s\n%s\n", b->usage, b->help);
    else if (c)
        command_print_usage(c, out);
    else
        return ERR_NOENT;
    return 0;
}
