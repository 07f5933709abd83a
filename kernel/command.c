#include "kernel/command.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "kernel/config.h"
#include "lib/err.h"

const struct command *command_find(const char *name)
{
    int lo = 0, hi = command_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(name, command_table[mid]->name);
        if (c == 0)
            return command_table[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t command_stack(const struct command *c)
{
    if (c && c->stack)
        return c->stack;
    return config_size("stack", 1024, 10000000, COMMAND_DEFAULT_STACK);
}

void command_print_usage(const struct command *c, stream_t *out)
{
    stream_printf(out, "Usage: %s\n%s\n", c->usage, c->help);
}

static int is_flag_word(const char *w)
{
    return w[0] == '-' && w[1] && !isdigit((unsigned char)w[1]) && w[1] != '.';
}

/* Moves argv[from] to argv[to] (to <= from), shifting the words between one place right:
 * argv keeps every pointer, because the shell frees them after the command. */
static void move_word(char **argv, int from, int to)
{
    char *w = argv[from];
    for (int k = from; k > to; k--)
        argv[k] = argv[k - 1];
    argv[to] = w;
}

/* Takes the options out of ctx's words (they move behind the operands) into ctx->flags.
 * 0, or -1 after reporting an unknown one. */
static int parse_flags(struct cmd_ctx *ctx)
{
    char **argv = ctx->argv;
    int n = 1, only_words = 0;
    for (int i = 1; i < ctx->argc; i++) {
        char *w = argv[i];
        if (only_words || !is_flag_word(w)) {
            move_word(argv, i, n++);
            continue;
        }
        if (strcmp(w, "--") == 0) {
            only_words = 1;
            continue;
        }
        for (const char *f = w + 1; *f; f++) {
            if (!isalpha((unsigned char)*f) || !strchr(ctx->cmd->flags, *f)) {
                cmd_error(ctx, "unknown option -%c (try %s --help)", *f, ctx->cmd->name);
                return -1;
            }
            ctx->flags |= FLAG(*f);
        }
    }
    ctx->argc = n;
    return 0;
}

/* The first line of the usage, for "usage: SYNOPSIS". */
static int synopsis_length(const struct command *c)
{
    return (int)strcspn(c->usage, "\n");
}

static int check_count(const struct cmd_ctx *ctx)
{
    const struct command *c = ctx->cmd;
    int operands = ctx->argc - 1;
    if (operands > c->max_args)
        return cmd_error(ctx, "too many arguments");
    if (operands >= c->min_args)
        return 0;
    if (c->missing)
        return cmd_error(ctx, "%s", c->missing);
    return cmd_error(ctx, "usage: %.*s", synopsis_length(c), c->usage);
}

int command_run(const struct command *c, proc_t *p, int argc, char **argv)
{
    struct cmd_ctx ctx = { p, argc, argv, 0, c };
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        command_print_usage(c, p->out);
        return 0;
    }
    if (c->flags && parse_flags(&ctx) < 0)
        return 2;
    if (check_count(&ctx))
        return 1;
    return c->run(&ctx, p, ctx.argc, argv);
}

int cmd_error(const struct cmd_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    stream_printf(ctx->p->err, "%s: ", ctx->cmd->name);
    va_start(ap, fmt);
    stream_vprintf(ctx->p->err, fmt, ap);
    va_end(ap);
    stream_puts(ctx->p->err, "\n");
    return 1;
}

int cmd_fail(const struct cmd_ctx *ctx, const char *path, int err)
{
    return cmd_error(ctx, "%s: %s", path, err_str(err));
}

int cmd_resolve(const struct cmd_ctx *ctx, const char *path, char *abs)
{
    int r = vfs_resolve(ctx->p->cwd, path, abs, VFS_PATH_MAX);
    return r < 0 ? cmd_fail(ctx, path, r) : 0;
}
