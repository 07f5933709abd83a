/* lsmod, rmmod: the program modules kept loaded (kernel/module.h). */
#include "kernel/command.h"
#include "kernel/module.h"
#include "lib/err.h"
#include "lib/str.h"

struct listing {
    proc_t *p;
    int human;
    int count;
};

static void show(const struct module_info *m, void *ctx)
{
    struct listing *l = ctx;
    char size[16];
    str_size(m->size, l->human, size, sizeof size);
    proc_printf(l->p, "%-16s %8s %5d   %s\n", m->name, size, m->users, m->path);
    l->count++;
}

COMMAND(lsmod, "lsmod [-h]", "list loaded program modules: name, size, users, file; -h human sizes",
        "h", 0, 0)
{
    struct listing l = { p, (ctx->flags & FLAG('h')) != 0, 0 };
    proc_puts(p, "Module               Size Users   File\n");
    module_each(show, &l);
    proc_set_result(p, value_int(l.count));
    return 0;
}

COMMAND(rmmod, "rmmod NAME...", "unload program modules no process is running", RAW_ARGS, 1, MANY,
        .missing = "missing module name")
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int r = module_unload(argv[i]);
        if (r == ERR_BUSY)
            status = cmd_error(ctx, "%s: in use", argv[i]);
        else if (r < 0)
            status = cmd_error(ctx, "%s: not loaded", argv[i]);
    }
    return status;
}
