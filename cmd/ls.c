/* ls: upyOS's listing. Each row: attributes (d or space, rw or r- when protected, x for
 * scripts), size, date and name; then "Total <path>/: N bytes". */
#include <stdio.h>
#include <string.h>

#include "cmd/clock.h"
#include "cmd/filetree.h"
#include "kernel/command.h"
#include "kernel/config.h"
#include "lib/civil.h"
#include "lib/err.h"
#include "lib/str.h"

struct ls {
    proc_t *p;
    long long flags;
    int64_t tz;
};

#define HAS(l, c) (((l)->flags & FLAG(c)) != 0)

static void attributes(const char *abs, int is_dir, char out[5])
{
    out[0] = is_dir ? 'd' : ' ';
    out[1] = 'r';
    out[2] = config_is_protected(abs) ? '-' : 'w';
    out[3] = str_ends(abs, ".sh") || str_ends(abs, ".py") ? 'x' : '-';
    out[4] = '\0';
}

/* One row; returns the entry's size. st comes from the listing: no stat per entry, which on
 * flash would scan the log for each one. */
static uint32_t show_entry(struct ls *l, const char *abs, const char *name,
                           const struct vfs_stat *st)
{
    if (HAS(l, 'n')) {
        proc_printf(l->p, "%s%s\n", name, st->type == VFS_DIR ? "/" : "");
        return st->size;
    }
    char attr[5], human[16], size[16], when[32];
    attributes(abs, st->type == VFS_DIR, attr);
    if (HAS(l, 'h')) {
        str_human_size(st->size, human, sizeof human);
        snprintf(size, sizeof size, "%7s", human);    /* the same column as in bytes */
    } else {
        snprintf(size, sizeof size, "%7lu", (unsigned long)st->size);
    }
    struct civil c;
    civil_from_unix(st->mtime + l->tz, &c);
    if (HAS(l, 'd'))
        snprintf(when, sizeof when, "%04d %02d %02d %02d:%02d:%02d", c.year, c.month, c.day,
                 c.hour, c.min, c.sec);
    else
        snprintf(when, sizeof when, "%s %02d %02d:%02d:%02d", civil_month_names[c.month - 1],
                 c.day, c.hour, c.min, c.sec);
    proc_printf(l->p, "%s %s %s %s\n", attr, size, when, name);
    return st->size;
}

static void show_total(struct ls *l, const char *abs, unsigned long long total)
{
    if (HAS(l, 'k'))
        return;
    char size[24];
    const char *slash = strcmp(abs, "/") == 0 ? "" : "/";
    if (HAS(l, 'h')) {
        str_human_size(total, size, sizeof size);
        proc_printf(l->p, "\nTotal %s%s: %s\n", abs, slash, size);
    } else {
        proc_printf(l->p, "\nTotal %s%s: %llu bytes\n", abs, slash, total);
    }
}

static int list_dir(struct ls *l, const char *abs, unsigned long long *total)
{
    struct dirlist d;
    int r = dirlist_read(abs, &d, DIRLIST_STATS);
    if (r < 0)
        return r;
    unsigned long long sum = 0;
    for (int i = 0; i < d.count && r == 0; i++) {
        char path[VFS_PATH_MAX];
        struct vfs_stat st;
        if (d.names[i][0] == '.' && !HAS(l, 'a'))
            continue;
        dirlist_stat(&d, i, &st);
        if (proc_should_stop())
            r = ERR_INTR;
        else if ((r = path_join(path, sizeof path, abs, d.names[i])) == 0)
            sum += show_entry(l, path, d.names[i], &st);
        if (r == 0 && HAS(l, 's') && dirlist_is_dir(&d, i)) {
            unsigned long long sub = 0;
            proc_printf(l->p, "\n%s:\n", path);
            r = list_dir(l, path, &sub);
            sum += sub;
            proc_puts(l->p, "\n");
        }
    }
    dirlist_free(&d);
    show_total(l, abs, sum);
    *total = sum;
    return r;
}

COMMAND(ls, "ls [PATH] [-lhasnkd]",
        "list a directory: -l rows (default), -h human sizes, -a dotfiles too, -s subdirectories, "
        "-n names only, -k no total, -d full date",
        "lhasnkd", 0, 1)
{
    struct ls l = { p, ctx->flags, clock_tz_seconds() };
    char abs[VFS_PATH_MAX];
    const char *arg = argc == 2 ? argv[1] : ".";
    if (cmd_resolve(ctx, arg, abs))
        return 1;
    struct vfs_stat st;
    int r = file_stat(abs, &st);
    if (r < 0)
        return cmd_fail(ctx, arg, r);
    unsigned long long total = 0;
    if (st.type != VFS_DIR)
        total = show_entry(&l, abs, arg, &st);
    else if ((r = list_dir(&l, abs, &total)) < 0)
        return r == ERR_INTR ? 130 : cmd_fail(ctx, arg, r);
    proc_set_result(p, value_int((long long)total));
    return 0;
}
