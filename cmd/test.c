/* test: a question about the system, answered True or False (and $? 0 or 1). Redirected to
 * a variable, the answer is stored as a bool: `test -f /upgrade > up`. */
#include <stdlib.h>
#include <string.h>

#include "hal/board.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "shell/builtin.h"
#include "shell/shell.h"

struct find_name {
    const char *name;
    int found;
};

/* A process whose command is NAME (its first word, or that word's last path component). */
static void match_process(proc_t *q, void *ctx)
{
    struct find_name *f = ctx;
    const char *cmd = q->cmdline, *base = cmd;
    size_t len = strcspn(cmd, " ");
    for (const char *c = cmd; c < cmd + len; c++)
        if (*c == '/')
            base = c + 1;
    size_t n = strlen(f->name);
    if ((len == n && strncmp(cmd, f->name, n) == 0) ||
        ((size_t)(cmd + len - base) == n && strncmp(base, f->name, n) == 0))
        f->found |= q != proc_current() && q != proc_current()->parent;
}

/* A command the shell would find by that name: built in, or a program or script in /bin. */
static int is_command(const char *name)
{
    char path[VFS_PATH_MAX];
    return command_find(name) || shell_builtin_find(name) ||
           (!strchr(name, '/') && shell_find_program(name, path, sizeof path) == 0);
}

static int answer(const struct cmd_ctx *ctx, const char *flag, const char *arg, int *yes)
{
    struct vfs_stat st;
    if (strcmp(flag, "-c") == 0) {
        *yes = is_command(arg);
        return 0;
    }
    if (strcmp(flag, "-f") == 0 || strcmp(flag, "-d") == 0) {
        *yes = file_stat(arg, &st) == 0 && st.type == (flag[1] == 'f' ? VFS_FILE : VFS_DIR);
        return 0;
    }
    if (strcmp(flag, "-p") == 0) {
        struct find_name f = { arg, 0 };
        proc_each(match_process, &f);
        *yes = f.found;
        return 0;
    }
    if (strcmp(flag, "-g") == 0) {
        char *end;
        long pin = strtol(arg, &end, 10);
        if (*end || end == arg || pin < 0 || pin >= hal_gpio_count())
            return cmd_error(ctx, "%s: no such GPIO", arg);
        int v = hal_gpio_read((int)pin);
        if (v < 0)
            return cmd_error(ctx, "GPIO %ld: %s", pin, err_str(v));
        *yes = v == 1;
        return 0;
    }
    return cmd_error(ctx, "unknown option %s (try test --help)", flag);
}

COMMAND(test, "test -f PATH | -d PATH | -p NAME | -g PIN | -c NAME",
        "print True or False: a file, a directory, a running process, a GPIO high, a command "
        "(built in or in /bin); $? is 0 for True",
        RAW_ARGS, 0, MANY)        /* its own check: a wrong question is status 2, False is 1 */
{
    int yes = 0;
    if (argc != 3)
        return cmd_error(ctx, "usage: %s", ctx->cmd->usage) + 1;
    if (answer(ctx, argv[1], argv[2], &yes))
        return 2;
    proc_puts(p, yes ? "True\n" : "False\n");
    proc_set_result(p, value_bool(yes));
    return yes ? 0 : 1;
}
