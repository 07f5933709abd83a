#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"
#include "shell/builtin.h"

#define HELP_FILE "/etc/help.txt"

/* The command names on one line, separated by ", ". */
struct name_line {
    proc_t *p;
    int count;
};

static void print_name(void *ctx, const char *name, const char *usage, const char *help)
{
    struct name_line *line = ctx;
    proc_printf(line->p, "%s%s", line->count++ ? ", " : "", name);
}

COMMAND(help, "help [COMMAND]", "show the manual, the command list, or one command's usage",
        RAW_ARGS, 0, 1)
{
    if (argc == 2) {
        if (shell_print_usage(argv[1], p->out) < 0)
            return cmd_error(ctx, "%s: no such command", argv[1]);
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
    struct name_line line = { p, 0 };
    shell_each_name(print_name, &line);
    proc_puts(p, "\n");
    return 0;
}
