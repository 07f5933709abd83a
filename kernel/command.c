#include "kernel/command.h"

#include <ctype.h>
#include <string.h>

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

void command_print_usage(const struct command *c, stream_t *out)
{
    stream_printf(out, "Usage: %s\n%s\n", c->usage, c->help);
}

int command_run(const struct command *c, proc_t *p, int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        command_print_usage(c, p->out);
        return 0;
    }
    return c->run(p, argc, argv);
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

long long command_flags(proc_t *p, int argc, char **argv, const char *allowed, int *nargs)
{
    long long flags = 0;
    int n = 1, only_words = 0;
    for (int i = 1; i < argc; i++) {
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
            if (!isalpha((unsigned char)*f) || !strchr(allowed, *f)) {
                proc_error(p, argv[0], "unknown option -%c (try %s --help)", *f, argv[0]);
                return -1;
            }
            flags |= FLAG(*f);
        }
    }
    *nargs = n - 1;
    return flags;
}
