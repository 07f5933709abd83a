/* The port's main(): bring up the clocks and the console, and start the scheduler with one
 * thread that runs port_app_main(). Only core 0 runs; core 1 stays asleep in the boot ROM. */
#include "hal/system.h"
#include "port.h"
#include "rp2040.h"
#include "sched.h"

#ifndef UPYOS_MAIN_STACK
#define UPYOS_MAIN_STACK 8192
#endif

size_t port_main_stack = UPYOS_MAIN_STACK;
thread_t *port_main_thread;

static void app_thread(void *arg)
{
    port_app_main();
}

int main(void)
{
    heap_init();
    clocks_init();
    console_init();
    time_init();
    sched_init();
    fault_init();
    port_main_thread = sched_create(app_thread, NULL, port_main_stack);
    if (!port_main_thread)
        port_panic("no memory for the main thread");
    sched_start(CLK_SYS_HZ);
}

_Noreturn void port_halt(int code)
{
    irq_lock();
    if (code == 0)
        __asm__ volatile("bkpt #0xe0");
    else
        __asm__ volatile("bkpt #0xe1");
    for (;;)
        __asm__ volatile("wfi");
}
