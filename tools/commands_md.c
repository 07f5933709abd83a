/* Prints the command reference, docs/commands.md (`make docs`): the commands the build collects
 * from the COMMAND declarations in cmd/ and the shell's builtins, in the one sorted list that
 * help and completion show: a summary table, then each one's help and usage. */
#include <stdio.h>

#include "shell/builtin.h"

static void print_table_row(void *ctx, const char *name, const char *usage, const char *help)
{
    printf("| `%s` | %s |\n", name, help);
}

static void print_section(void *ctx, const char *name, const char *usage, const char *help)
{
    printf("\n## %s\n\n%s\n\n```\n%s\n```\n", name, help, usage);
}

int main(void)
{
    printf("# Commands\n\nGenerated from the command declarations in cmd/ "
           "(`make docs`); every command also answers `--help`.\n\n");
    printf("| command | what it does |\n|---|---|\n");
    shell_each_name(print_table_row, NULL);
    shell_each_name(print_section, NULL);
    return 0;
}
