#include "kernel/shutdown.h"

#include "kernel/proc.h"
#include "hal/thread.h"

#define STOP_WAIT_MS 2000

static int *console_leave;
static int reboot_requested;

void shutdown_register_console(int *leave)
{
    console_leave = leave;
}

void shutdown_request(int reboot)
{
    reboot_requested = reboot;
    if (console_leave)
        *console_leave = 1;
}

int shutdown_reboot_requested(void)
{
    return reboot_requested;
}

struct stop_ctx {
    int keep_pid;
    int pids[PROC_MAX];
    int count;
};

static void collect(proc_t *p, void *ctx)
{
    struct stop_ctx *s = ctx;
    if (p->pid != s->keep_pid && !p->parent && s->count < PROC_MAX)
        s->pids[s->count++] = p->pid;
}

void shutdown_stop_processes(int keep_pid)
{
    struct stop_ctx s = { keep_pid, { 0 }, 0 };
    proc_each(collect, &s);
    for (int i = 0; i < s.count; i++)
        proc_kill(s.pids[i]);
    for (int waited = 0; waited < STOP_WAIT_MS; waited += 10) {
        int alive = 0;
        for (int i = 0; i < s.count; i++)
            alive += proc_exists(s.pids[i]);
        if (!alive)
            break;
        hal_sleep_us(10000);
    }
}
