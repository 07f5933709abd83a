/* free and mi (memory information), si (system information). */
#include "hal/system.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"
#include "lib/str.h"
#include "shell/builtin.h"

struct proc_mem {
    int count;
    size_t bytes;
};

static void add_proc(proc_t *q, void *ctx)
{
    struct proc_mem *m = ctx;
    m->count++;
    m->bytes += q->mem_bytes;
}

/* The figures free and mi both print: heap total, used and free (and its share), stack. */
struct mem_figures {
    struct hal_mem_stats m;
    size_t free_bytes;
    unsigned free_pct;
    char total[16], used[16], avail[16], stack[16];
};

static void mem_figures(int human, struct mem_figures *f)
{
    hal_mem_stats(&f->m);
    f->free_bytes = f->m.heap_total - f->m.heap_used;
    f->free_pct = f->m.heap_total ? (unsigned)(f->free_bytes * 100 / f->m.heap_total) : 0;
    str_size(f->m.heap_total, human, f->total, sizeof f->total);
    str_size(f->m.heap_used, human, f->used, sizeof f->used);
    str_size(f->free_bytes, human, f->avail, sizeof f->avail);
    str_size(f->m.stack_total, human, f->stack, sizeof f->stack);
}

COMMAND(free, "free [-h]", "show memory: total, allocated, free (with %) and stack; -h human sizes",
        "h", 0, 0)
{
    int human = (ctx->flags & FLAG('h')) != 0;
    struct mem_figures f;
    mem_figures(human, &f);
    /* upyOS's lines: sizes in bytes in a 7-wide column (human sizes as they come), the free
     * share with two decimals */
    int width = human ? 0 : 7;
    const char *unit = human ? "" : " bytes";
    unsigned centi = f.m.heap_total ? (unsigned)(f.free_bytes * 10000 / f.m.heap_total) : 0;
    proc_printf(p, "Total.: %*s%s\nAlloc.: %*s%s\nFree..: %*s%s (%u.%02u%%)\nStack.: %*s%s\n",
                width, f.total, unit, width, f.used, unit, width, f.avail, unit, centi / 100,
                centi % 100, width, f.stack, unit);
    proc_set_result(p, value_int((long long)f.free_bytes));
    return 0;
}

COMMAND(mi, "mi [-h]", "show the memory map: heap total, used, peak, free, stack and what "
                       "processes own; -h human sizes",
        "h", 0, 0)
{
    int human = (ctx->flags & FLAG('h')) != 0;
    struct mem_figures f;
    struct proc_mem pm = { 0, 0 };
    mem_figures(human, &f);
    proc_each(add_proc, &pm);
    char peak[16], owned[16];
    str_size(f.m.heap_peak, human, peak, sizeof peak);
    str_size(pm.bytes, human, owned, sizeof owned);
    proc_printf(p, "Heap total: %s\nHeap used:  %s\nHeap peak:  %s\nHeap free:  %s (%u%%)\n"
                   "Stack:      %s\nProcesses:  %d, owning %s\n",
                f.total, f.used, peak, f.avail, f.free_pct, f.stack, pm.count, owned);
    proc_set_result(p, value_int((long long)f.free_bytes));
    return 0;
}

COMMAND(si, "si", "show system information: name, version, platform, board, id, clock, "
                  "mounts, processes, commands",
        RAW_ARGS, 0, 0)
{
    struct proc_mem pm = { 0, 0 };
    proc_each(add_proc, &pm);
    proc_printf(p, "System:    %s %s\nPlatform:  %s\nBoard:     %s\nSystem id: %s\n"
                   "CPU:       %u MHz\nBoot mode: %s\nMounts:    %d\nProcesses: %d\n"
                   "Commands:  %d\n",
                sysdata.name, sysdata.version, sysdata.platform, sysdata.board, sysdata.sid,
                (unsigned)hal_cpu_mhz(), sysdata.recovery ? "recovery" : "normal",
                vfs_mount_count(), pm.count, command_count + shell_builtin_count);
    proc_set_result(p, value_str(sysdata.sid));
    return 0;
}
