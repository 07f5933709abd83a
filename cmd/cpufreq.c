#include <stdlib.h>
#include <string.h>

#include "hal/system.h"
#include "kernel/command.h"
#include "lib/err.h"

COMMAND(cpufreq, "cpufreq MHZ|-v", "set the CPU clock in MHz, or show it (-v)", RAW_ARGS, 1, 1,
        .missing = "expected MHZ or -v")
{
    if (strcmp(argv[1], "-v") == 0) {
        proc_printf(p, "CPU frequency: %u MHz\n", (unsigned)hal_cpu_mhz());
        proc_set_result(p, value_int(hal_cpu_mhz()));
        return 0;
    }
    char *end;
    long mhz = strtol(argv[1], &end, 10);
    if (*end || mhz <= 0)
        return cmd_error(ctx, "%s: not a number of MHz", argv[1]);
    int r = hal_cpu_set_mhz((uint32_t)mhz);
    if (r == ERR_INVAL)
        return cmd_error(ctx, "%ld MHz: not a frequency this chip runs at", mhz);
    if (r < 0)
        return cmd_error(ctx, "%s", err_str(r));
    proc_printf(p, "CPU frequency: %u MHz\n", (unsigned)hal_cpu_mhz());
    return 0;
}
