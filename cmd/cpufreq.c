#include <stdlib.h>
#include <string.h>

#include "hal/system.h"
#include "kernel/command.h"
#include "lib/err.h"

COMMAND(cpufreq, "cpufreq MHZ|-v", "set the CPU clock in MHz, or show it (-v)")
{
    if (argc != 2)
        return proc_error(p, "cpufreq", argc < 2 ? "expected MHZ or -v" : "too many arguments");
    if (strcmp(argv[1], "-v") == 0) {
        proc_printf(p, "CPU frequency: %u MHz\n", (unsigned)hal_cpu_mhz());
        proc_set_result(p, value_int(hal_cpu_mhz()));
        return 0;
    }
    char *end;
    long mhz = strtol(argv[1], &end, 10);
    if (*end || mhz <= 0)
        return proc_error(p, "cpufreq", "%s: not a number of MHz", argv[1]);
    int r = hal_cpu_set_mhz((uint32_t)mhz);
    if (r == ERR_INVAL)
        return proc_error(p, "cpufreq", "%ld MHz: not a frequency this chip runs at", mhz);
    if (r < 0)
        return proc_error(p, "cpufreq", "%s", err_str(r));
    proc_printf(p, "CPU frequency: %u MHz\n", (unsigned)hal_cpu_mhz());
    return 0;
}
