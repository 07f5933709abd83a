#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"

#define HELP_FILE "/etc/help.txt"

COMMAND(help, "help [COMMAND]", "show the manual, the command list, or one command's usage",
        RAW_ARGS, 0, 1)
{
    if (argc == 2) {
        const struct command *c = command_find(argv[1]);
        if (!c)
            return cmd_error(ctx, "%s: no such command", argv[1]);
        command_print_usage(c, p->out);
        return 0;
    }
    /* upyOS's layout, which its users' scripts and habits know: the manual as it is, a line
     * end, then the sorted names on one line. */
    proc_printf(p, "%s version: %s\n", sysdata.name, sysdata.version);
    char *text;
    size_t len;
    if (file_read_all(HELP_FILE, &text, &len) == 0) {
        stream_write(p->out, text, len);
        free(text);
    }
    proc_puts(p, "\nCommands:\n");
    for (int i = 0; i < command_count; i++)
        proc_printf(p, "%s%s", command_table[i]->name, i + 1 == command_count ? "\n" : ", ");
    return 0;
}
