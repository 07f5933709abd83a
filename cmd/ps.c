#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hal/time.h"
#include "kernel/command.h"

struct row {
    int pid;
    char status;
    int64_t start;
    uint64_t start_us;
    uintptr_t thread;
    size_t mem;
    char cmd[80];
};

struct rows {
    struct row row[PROC_MAX];
    int count;
};

static void collect(proc_t *q, void *ctx)
{
    struct rows *r = ctx;
    if (r->count == PROC_MAX)
        return;
    struct row *w = &r->row[r->count++];
    w->pid = q->pid;
    w->status = q->status;
    w->start = q->start_rtc;
    w->start_us = q->start_us;
    w->thread = q->thread_id;
    w->mem = proc_memory(q);
    snprintf(w->cmd, sizeof w->cmd, "%s", q->cmdline);
}

/* upyOS's columns; -m adds the memory each process owns before the command (ours). */
COMMAND(ps, "ps [-m]", "list processes: pid, status (R run, H held, S stopping), times, command; "
                       "-m the memory each owns too",
        "m", 0, 0)
{
    int with_mem = (ctx->flags & FLAG('m')) != 0;
    /* on the heap: a table of rows (3.5 KB) would overflow a pipeline stage's 4 KB stack, or
     * an MCU stack when ps runs nested (watch ps) */
    struct rows *rows = calloc(1, sizeof *rows);
    if (!rows)
        return cmd_error(ctx, "out of memory");
    proc_each(collect, rows);
    proc_printf(p, "  Proc Sts    Init_T       Elapsed   Thread_Id%s   Cmd/Args\n",
                with_mem ? "      Mem" : "");
    uint64_t now = hal_time_us();
    for (int i = 0; i < rows->count; i++) {
        struct row *w = &rows->row[i];
        long long t = w->start % 86400;
        unsigned long long el = (now - w->start_us) / 1000000;
        char mem[16] = "";
        if (with_mem)
            snprintf(mem, sizeof mem, " %8lu", (unsigned long)w->mem);
        proc_printf(p, "%6d  %c   %02lld:%02lld:%02lld  %2llud %02llu:%02llu:%02llu  %10lu%s   %s\n",
                    w->pid, w->status, t / 3600, t / 60 % 60, t % 60, el / 86400,
                    el / 3600 % 24, el / 60 % 60, el % 60, (unsigned long)(w->thread & 0xFFFFFFFFu),
                    mem, w->cmd);
    }
    free(rows);
    return 0;
}
