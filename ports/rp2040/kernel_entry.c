/* The firmware's program: mount the root filesystem (root.c) and hand over to init (init/);
 * when it ends, unmount, then reset or halt the board. */
#include <stdio.h>

#include "hal/system.h"
#include "init/init.h"
#include "kernel/proc.h"
#include "kernel/stream.h"
#include "port.h"
#include "rp2040.h"

/* Recovery boot (skip /etc/init.sh): watchdog scratch register 0 holds this word over a
 * reset; the host runner sets it for its -r option. It is cleared once read. */
#define RECOVERY_MAGIC 0x52435652u   /* "RCVR" */

void port_app_main(void)
{
    int recovery = WATCHDOG_SCRATCH(0) == RECOVERY_MAGIC;
    WATCHDOG_SCRATCH(0) = 0;
    struct boot_options opts = { recovery, root_mount(), NULL };
    enum kernel_exit how = init_main(&opts);
    root_unmount();
    hal_restart(how == KERNEL_EXIT_REBOOT);
}

/* Until the kernel has its own: report the crash on the crashed process's error stream, and
 * end every process that lived in the dead thread (a background job and the command it was
 * running), so ps no longer lists them and their files and streams are released. */
struct dead_list {
    uintptr_t thread;
    proc_t *procs[PROC_MAX];
    int count;
};

static void collect(proc_t *p, void *ctx)
{
    struct dead_list *d = ctx;
    if (p->thread_id == d->thread && d->count < PROC_MAX)
        d->procs[d->count++] = p;
}

__attribute__((weak)) void kernel_on_fault(const char *reason, uint32_t pc)
{
    proc_t *p = proc_current();
    char pc_text[24] = "an unknown address";
    if (pc)
        snprintf(pc_text, sizeof pc_text, "0x%08lx", (unsigned long)pc);
    if (p)
        stream_printf(p->err, "pid %d crashed: %s at %s\n", p->pid, reason, pc_text);
    else
        port_print("a thread crashed");
    if (fault_is_fatal())
        return;
    static struct dead_list dead;
    dead.thread = fault_thread_id();
    dead.count = 0;
    proc_each(collect, &dead);
    /* children first: they were created after their parents, so later in pid order */
    for (int i = dead.count - 1; i >= 0; i--)
        proc_end(dead.procs[i]);
}
