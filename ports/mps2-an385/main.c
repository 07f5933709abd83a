/* The port's main(): bring up the chip, read the options QEMU passed on the semihosting
 * command line, and start the scheduler with one thread that runs port_app_main().
 *
 * Options (run-qemu.sh -append "..."), separated by spaces:
 *   -r          recovery boot (skip /etc/init.sh)
 *   stats       at every prompt, write boot time, heap and stack use to QEMU's stdout
 *               through semihosting (lines starting "mps2: "; never through the UART)
 *   flash=PATH  the flash image holding the root filesystem (root.c); without it the root
 *               is a RAM disk filled from the rootfs/ compiled into the firmware */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmsdk.h"
#include "hal/system.h"
#include "hal/thread.h"
#include "hal/time.h"
#include "port.h"
#include "sched.h"
#include "semihost.h"

#ifndef UPYOS_MAIN_STACK
#define UPYOS_MAIN_STACK 6912
#endif

struct port_options port_options;
size_t port_main_stack = UPYOS_MAIN_STACK;
thread_t *port_main_thread;
/* A copy of the option's value on the heap: the command line is read once, on the handler
 * stack before the first thread (256 bytes of bss it was), and only the flash image's path
 * is kept. */
static const char *kept_copy(const char *value)
{
    size_t n = strlen(value) + 1;
    char *copy = malloc(n);
    return copy ? memcpy(copy, value, n) : NULL;
}

static void parse_options(void)
{
    char cmdline[256];               /* the ELF's path comes first: paths are long */
    if (semihost_cmdline(cmdline, sizeof cmdline) != 0)
        return;
    strtok(cmdline, " ");            /* the first word is the ELF's name; no threads yet */
    for (char *w = strtok(NULL, " "); w; w = strtok(NULL, " ")) {
        if (strcmp(w, "-r") == 0)
            port_options.recovery = 1;
        else if (strcmp(w, "stats") == 0)
            port_options.stats = 1;
        else if (strncmp(w, "flash=", 6) == 0)
            port_options.flash_image = kept_copy(w + 6);
    }
}

#define QUIET_US 300000u            /* no console output for this long: at the prompt */

/* The thread that writes the "stats" report: it is not there without the option, so the
 * report leaves its memory out. Its high-water mark is about 500 bytes. */
#define STATS_STACK 1024
static thread_t *stats_thread;
static size_t stats_heap;            /* the heap the stats thread holds */

/* One line per heap block in use, for size-report.sh to name its owner. */
static void report_block(const void *p, size_t size, const void *owner)
{
    if (stats_thread && p == stats_thread->mem) {
        stats_heap = size;
        return;
    }
    char line[64];
    snprintf(line, sizeof line, "mps2: heap block %u owner %#lx\n", (unsigned)size,
             (unsigned long)(uintptr_t)owner);
    semihost_write0(line);
}

extern char __stack_bottom[], __stack_top[];

/* The deepest the handler stack has been: faults, interrupts, and main() before the first
 * thread. */
static size_t handler_stack_used(void)
{
    const uint32_t *w = (const uint32_t *)__stack_bottom;
    while (w < (const uint32_t *)__stack_top && *w == HANDLER_STACK_PAINT)
        w++;
    return (size_t)(__stack_top - (const char *)w);
}

/* After every quiet spell that follows output, i.e. at every prompt, a report of boot time
 * and memory, so the stacks' high-water marks can be read after any commands. The time
 * reported is that of the last byte of output before the quiet spell: the end of the prompt. */
static void report_at_prompt(void)
{
    static uint64_t reported;        /* the output the last report followed */
    uint64_t last = console_last_output_us;
    if (last == reported || last == 0 || hal_time_us() - last < QUIET_US)
        return;
    reported = last;
    char line[96];
    snprintf(line, sizeof line, "mps2: prompt after %lu.%03lu ms\n", (unsigned long)(last / 1000u),
             (unsigned long)(last % 1000u));
    semihost_write0(line);
    heap_walk(report_block);
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    snprintf(line, sizeof line, "mps2: heap total %u used %u peak %u\n", (unsigned)m.heap_total,
             (unsigned)(m.heap_used - stats_heap), (unsigned)m.heap_peak);
    semihost_write0(line);
    snprintf(line, sizeof line, "mps2: handler stack %u used %u\n",
             (unsigned)(__stack_top - __stack_bottom), (unsigned)handler_stack_used());
    semihost_write0(line);
    for (thread_t *t = sched_first(); t; t = t->next) {
        if (t->state == THREAD_ZOMBIE || t == stats_thread)
            continue;
        snprintf(line, sizeof line, "mps2: thread %lu stack %u used %u\n", (unsigned long)t->id,
                 (unsigned)t->stack_size, (unsigned)sched_stack_used(t));
        semihost_write0(line);
    }
}

static void stats_main(void *arg)
{
    for (;;) {
        hal_sleep_us(50000);
        report_at_prompt();
    }
}

static void app_thread(void *arg)
{
    port_app_main();
}

int main(void)
{
    heap_init();
    parse_options();
    console_init();
    time_init();
    sched_init();
    fault_init();
    if (port_options.stats && !(stats_thread = sched_create(stats_main, NULL, STATS_STACK)))
        port_panic("no memory for the stats report");
    port_main_thread = sched_create(app_thread, NULL, port_main_stack);
    if (!port_main_thread)
        port_panic("no memory for the main thread");
    time_count_from_reset();
    sched_start(MPS2_CLOCK_HZ);
}

_Noreturn void port_halt(int code)
{
    semihost_exit(code);
}
