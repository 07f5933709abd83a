/* Process control: kill, hold, resume. */
#include <stdlib.h>

#include "kernel/command.h"
#include "lib/err.h"

static int each_pid(proc_t *p, int argc, char **argv, int (*action)(int pid))
{
    int status = 0;
    if (argc < 2)
        return proc_error(p, argv[0], "missing process id");
    for (int i = 1; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*end || pid <= 0)
            status = proc_error(p, argv[0], "%s: not a process id", argv[i]);
        else if (action((int)pid) < 0)
            status = proc_error(p, argv[0], "%s: no such process", argv[i]);
    }
    return status;
}

COMMAND(kill, "kill PID...", "stop processes")
{
    return each_pid(p, argc, argv, proc_kill);
}

COMMAND(hold, "hold PID...", "pause processes at their next hold point")
{
    return each_pid(p, argc, argv, proc_hold);
}

COMMAND(resume, "resume PID...", "let held processes go on")
{
    return each_pid(p, argc, argv, proc_resume);
}
