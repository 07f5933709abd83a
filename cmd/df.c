#include "fs/vfs.h"
#include "kernel/command.h"
#include "kernel/fscache.h"
#include "lib/err.h"
#include "lib/str.h"

static void show(proc_t *p, const char *point, const struct vfs_statfs *st, const char *type,
                 int human)
{
    unsigned long long total = (unsigned long long)st->blocks_total * st->block_size;
    unsigned long long avail = (unsigned long long)st->blocks_free * st->block_size;
    char t[16], u[16], a[16];
    str_size(total, human, t, sizeof t);
    str_size(total - avail, human, u, sizeof u);
    str_size(avail, human, a, sizeof a);
    unsigned pct = total ? (unsigned)((total - avail) * 100 / total) : 0;
    proc_printf(p, "%-10s %-8s %10s %10s %10s %4u%%\n", point, type, t, u, a, pct);
    if (st->read_only)
        proc_printf(p, "%s: read-only: %s\n", point, st->read_only);
}

/* -v: the settings behind the mounts, where a script or a user may want them. */
static void show_settings(proc_t *p)
{
    const struct fscache_choice *cache = fscache_root();
    if (cache)
        proc_printf(p, "/: metadata cache %lu bytes (%s)\n", (unsigned long)cache->bytes,
                    cache->source);
}

COMMAND(df, "df [-h] [-v] [path]", "show filesystem space: size, used, free; -h human sizes, "
                                   "-v the flash root's metadata cache (system.conf fscache)",
        "hv", 0, 1)
{
    int human = (ctx->flags & FLAG('h')) != 0;
    struct vfs_statfs st;
    proc_printf(p, "%-10s %-8s %10s %10s %10s %5s\n", "Mounted", "Type", "Size", "Used", "Free",
                "Use");
    if (argc == 2) {
        int r = file_statfs(argv[1], &st);
        if (r < 0)
            return cmd_error(ctx, "%s: %s", argv[1], err_str(r));
        show(p, argv[1], &st, "", human);
        if (ctx->flags & FLAG('v'))
            show_settings(p);
        proc_set_result(p, value_int((long long)st.blocks_free * st.block_size));
        return 0;
    }
    for (int i = 0; i < vfs_mount_count(); i++) {
        const struct vfs_mount *m = vfs_mount_at(i);
        if (file_statfs(m->point, &st) == 0)
            show(p, m->point, &st, m->ops->name, human);
    }
    if (ctx->flags & FLAG('v'))
        show_settings(p);
    return 0;
}
