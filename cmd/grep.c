/* grep PATTERN [PATH...]: lines matching PATTERN in files, in every file of a directory (-r:
 * and below), or in the input when no PATH is given. PATTERN is a POSIX basic regular
 * expression (-E extended, -F a plain string as upyOS's grep takes it; lib/regex.h). */
#include <string.h>

#include "cmd/filetree.h"
#include "cmd/lines.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/regex.h"
#include "lib/str.h"

struct grep {
    const struct cmd_ctx *ctx;          /* for errors */
    proc_t *p;
    const char *text;
    struct regex *re;          /* NULL with -F */
    long long flags;
    int show_names;            /* several files: prefix each line with its file */
    long matches;
    int failed;
};

#define HAS(g, c) (((g)->flags & FLAG(c)) != 0)

static int line_matches(struct grep *g, const char *line)
{
    int found = g->re ? regex_search(g->re, line)
              : HAS(g, 'i') ? str_casestr(line, g->text) != NULL : strstr(line, g->text) != NULL;
    return found != HAS(g, 'v');
}

static void print_line(struct grep *g, const char *abs, long number, char *line, size_t len)
{
    if (g->show_names)
        proc_printf(g->p, "%s:", abs);
    if (HAS(g, 'n'))
        proc_printf(g->p, "%ld:", number);
    line[len] = '\n';
    stream_write(g->p->out, line, len + 1);
}

/* What -c and -l print for one file (or the input) once it is read. */
static void print_summary(struct grep *g, const char *abs, long found)
{
    const char *name = abs ? abs : "(standard input)";
    if (HAS(g, 'l') && found)
        proc_printf(g->p, "%s\n", name);
    else if (HAS(g, 'c') && !HAS(g, 'l') && g->show_names)
        proc_printf(g->p, "%s:%ld\n", name, found);
    else if (HAS(g, 'c') && !HAS(g, 'l'))
        proc_printf(g->p, "%ld\n", found);
}

static int grep_lines(struct grep *g, const char *abs, stream_t *in)
{
    struct lines l;
    int r = lines_open(&l, abs, in);
    if (r < 0)
        return r;
    char *line;
    size_t len;
    long number = 0, found = 0;
    while ((r = lines_next(&l, &line, &len)) > 0) {
        if ((++number & 255) == 0 && proc_should_stop()) {
            r = ERR_INTR;
            break;
        }
        if (!line_matches(g, line))
            continue;
        found++;
        if (HAS(g, 'l'))
            break;                 /* one match names the file */
        if (!HAS(g, 'c'))
            print_line(g, abs, number, line, len);
    }
    lines_close(&l);
    g->matches += found;
    if (r >= 0 && (HAS(g, 'c') || HAS(g, 'l')))
        print_summary(g, abs, found);
    return r;
}

static int visit(struct walk *w, const char *path, int is_dir)
{
    struct grep *g = w->ctx;
    if (is_dir)
        return HAS(g, 'r') ? 0 : 1;
    int r = grep_lines(g, path, NULL);
    if (r == ERR_INTR)
        return r;
    if (r < 0)
        g->failed = cmd_fail(g->ctx, path, r);
    return 0;
}

static int grep_path(struct grep *g, const char *arg)
{
    char abs[VFS_PATH_MAX];
    if (cmd_resolve(g->ctx, arg, abs))
        return 1;
    struct vfs_stat st;
    int r = file_stat(abs, &st);
    if (r == 0 && st.type == VFS_DIR) {
        struct walk w = { visit, NULL, g };
        g->show_names = 1;
        r = tree_walk(&w, abs);
    } else if (r == 0) {
        r = grep_lines(g, abs, NULL);
    }
    if (r == ERR_INTR)
        return ERR_INTR;
    return r < 0 ? cmd_fail(g->ctx, arg, r) : 0;
}

static int compile_pattern(struct grep *g)
{
    const char *why;
    if (HAS(g, 'F'))
        return 0;
    int flags = (HAS(g, 'E') ? REGEX_EXTENDED : 0) | (HAS(g, 'i') ? REGEX_ICASE : 0);
    if (regex_compile(g->text, flags, &g->re, &why) == 0)
        return 0;
    cmd_error(g->ctx, "%s: %s", g->text, why ? why : "bad pattern");
    return -1;
}

static int grep_all(struct grep *g, int argc, char **argv)
{
    int r = 0;
    if (argc == 2)
        r = grep_lines(g, NULL, g->p->in);
    for (int i = 2; i < argc && r != ERR_INTR; i++)
        if (grep_path(g, argv[i]) == 1)
            g->failed = 1;
    return r;
}

COMMAND(grep, "grep PATTERN [PATH...] [-r] [-v] [-n] [-i] [-c] [-l] [-E] [-F]",
        "print lines matching PATTERN (a basic regular expression; -E extended, -F a plain "
        "string): in files, a directory's files (-r: and below) or the input; -v the other "
        "lines, -n line numbers, -i ignore case, -c a count per file, -l only the files' names",
        "rvniclEF", 1, MANY, .missing = "missing PATTERN to look for")
{
    struct grep g = { ctx, p, argv[1], NULL, ctx->flags, argc > 3, 0, 0 };
    if (compile_pattern(&g) < 0)
        return 2;
    int r = grep_all(&g, argc, argv);
    regex_free(g.re);
    if (r == ERR_INTR)
        return 130;
    proc_set_result(p, value_int(g.matches));
    return g.failed ? 2 : g.matches ? 0 : 1;
}
