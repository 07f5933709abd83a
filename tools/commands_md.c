/* Prints the command reference, docs/commands.md, from the command table the build generates
 * from the COMMAND declarations in cmd/ (`make docs`): a summary table, then each command's
 * help and usage. */
#include <stdio.h>

#include "kernel/command.h"

int main(void)
{
    printf("# Commands\n\nGenerated from the command declarations in cmd/ "
           "(`make docs`); every command also answers `--help`.\n\n");
    printf("| command | what it does |\n|---|---|\n");
    for (int i = 0; i < command_count; i++)
        printf("| `%s` | %s |\n", command_table[i]->name, command_table[i]->help);
    for (int i = 0; i < command_count; i++)
        printf("\n## %s\n\n%s\n\n```\n%s\n```\n", command_table[i]->name,
               command_table[i]->help, command_table[i]->usage);
    return 0;
}
