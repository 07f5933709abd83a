#include "hal/system.h"
#include "kernel/command.h"
#include "lib/str.h"

COMMAND(free, "free [-h]", "show memory: total, allocated, free (with %) and stack; -h human sizes")
{
    int n;
    long long flags = command_flags(p, argc, argv, "h", &n);
    if (flags < 0)
        return 2;
    if (n > 0)
        return proc_error(p, "free", "too many arguments");
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    size_t free_bytes = m.heap_total - m.heap_used;
    char total[16], used[16], avail[16], stack[16];
    int human = (flags & FLAG('h')) != 0;
    str_size(m.heap_total, human, total, sizeof total);
    str_size(m.heap_used, human, used, sizeof used);
    str_size(free_bytes, human, avail, sizeof avail);
    str_size(m.stack_total, human, stack, sizeof stack);
    unsigned pct = m.heap_total ? (unsigned)(free_bytes * 100 / m.heap_total) : 0;
    proc_printf(p, "Memory Total: %s, Alloc: %s, Free: %s (%u%%), Stack: %s\n", total, used,
                avail, pct, stack);
    proc_set_result(p, value_int((long long)free_bytes));
    return 0;
}
