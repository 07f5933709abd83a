/* mi (memory information) and si (system information). */
#include "hal/system.h"
#include "kernel/command.h"
#include "kernel/sysdata.h"
#include "lib/str.h"

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

COMMAND(mi, "mi [-h]", "show the memory map: heap total, used, peak, free, stack and what "
                       "processes own; -h human sizes")
{
    int n;
    long long flags = command_flags(p, argc, argv, "h", &n);
    if (flags < 0)
        return 2;
    if (n > 0)
        return proc_error(p, "mi", "too many arguments");
    struct hal_mem_stats m;
    struct proc_mem pm = { 0, 0 };
    hal_mem_stats(&m);
    proc_each(add_proc, &pm);
    int human = (flags & FLAG('h')) != 0;
    char total[16], used[16], peak[16], avail[16], stack[16], owned[16];
    str_size(m.heap_total, human, total, sizeof total);
    str_size(m.heap_used, human, used, sizeof used);
    str_size(m.heap_peak, human, peak, sizeof peak);
    str_size(m.heap_total - m.heap_used, human, avail, sizeof avail);
    str_size(m.stack_total, human, stack, sizeof stack);
    str_size(pm.bytes, human, owned, sizeof owned);
    proc_printf(p, "Heap total: %s\nHeap used:  %s\nHeap peak:  %s\nHeap free:  %s (%u%%)\n"
                   "Stack:      %s\nProcesses:  %d, owning %s\n",
                total, used, peak, avail,
                m.heap_total ? (unsigned)((m.heap_total - m.heap_used) * 100 / m.heap_total) : 0,
                stack, pm.count, owned);
    proc_set_result(p, value_int((long long)(m.heap_total - m.heap_used)));
    return 0;
}

COMMAND(si, "si", "show system information: name, version, platform, board, id, clock, "
                  "mounts, processes, commands")
{
    if (argc > 1)
        return proc_error(p, "si", "too many arguments");
    struct proc_mem pm = { 0, 0 };
    proc_each(add_proc, &pm);
    proc_printf(p, "System:    %s %s\nPlatform:  %s\nBoard:     %s\nSystem id: %s\n"
                   "CPU:       %u MHz\nBoot mode: %s\nMounts:    %d\nProcesses: %d\n"
                   "Commands:  %d\n",
                sysdata.name, sysdata.version, sysdata.platform, sysdata.board, sysdata.sid,
                (unsigned)hal_cpu_mhz(), sysdata.recovery ? "recovery" : "normal",
                vfs_mount_count(), pm.count, command_count);
    proc_set_result(p, value_str(sysdata.sid));
    return 0;
}
