/* Faults. ARMv6-M has one fault exception, HardFault, with no status registers saying why,
 * so every fault is reported as "hard fault" at the faulting PC. As on the Cortex-M3 port, a
 * fault in a thread other than the main one is recoverable: that thread is ended, its
 * mutexes released, and the report is handed to a small reporter thread, which calls
 * kernel_on_fault() with the crashed thread's local pointer installed as its own, so to the
 * kernel it looks like "the current process crashed". A fault in an interrupt handler, with
 * interrupts masked, or in the main thread halts the system with a message. The stack check
 * (sched.c) reports an overflow through the same queue, from thread mode.
 *
 * The emulator the port is tested on raises no HardFault for UDF, BKPT or unmapped reads;
 * on the chip they fault and end up here. */
#include <stdint.h>
#include <stdio.h>

#include "hal/thread.h"
#include "port.h"
#include "rp2040.h"
#include "sched.h"

__attribute__((weak)) void kernel_on_fault(const char *reason, uint32_t pc);

struct fault_report {
    void *local;
    uint32_t id;
    const char *reason;
    uint32_t pc;                     /* 0: unknown */
    int fatal;
};

#define REPORTS 4u
static struct fault_report reports[REPORTS];
static volatile uint32_t report_head, report_tail;
static struct fault_report current_report; /* the one being reported */
static thread_t *reporter;
extern thread_t *port_main_thread;

void port_print(const char *text)
{
    const char *end = text;
    while (*end)
        end++;
    console_write_raw(text, (size_t)(end - text));
    console_write_raw("\r\n", 2);
}

_Noreturn void port_panic(const char *why)
{
    irq_lock();
    port_print(why);
    port_print("system halted");
    port_halt(1);
}

uintptr_t fault_thread_id(void)
{
    return current_report.id;
}

int fault_is_fatal(void)
{
    return current_report.fatal;
}

static void report_without_kernel(const char *reason, uint32_t pc)
{
    char line[80];
    snprintf(line, sizeof line, "thread %lu crashed: %s at 0x%08lx",
             (unsigned long)current_report.id, reason, (unsigned long)pc);
    port_print(line);
}

static void reporter_main(void *arg)
{
    for (;;) {
        uint32_t s = irq_lock();
        while (report_head == report_tail)
            sched_block(reports, -1);
        struct fault_report r = reports[report_tail % REPORTS];
        report_tail++;
        irq_unlock(s);

        current_report = r;
        hal_thread_set_local(r.local);
        if (kernel_on_fault)
            kernel_on_fault(r.reason, r.pc);
        else
            report_without_kernel(r.reason, r.pc);
        hal_thread_set_local(NULL);
        if (r.fatal)
            port_panic("the main thread crashed");
    }
}

/* With interrupts masked: queue a report on the current thread and end it. */
static void end_current(const char *reason, uint32_t pc)
{
    thread_t *t = sched_current;
    struct fault_report *r = &reports[report_head % REPORTS];
    *r = (struct fault_report){ t->local, t->id, reason, pc, t == port_main_thread };
    report_head++;
    sched_kill_current();
    sched_wake(reports, 1);
}

static int can_report(const thread_t *t)
{
    return t && t != reporter && report_head - report_tail < REPORTS;
}

/* Called from fault_entry's assembly only: "used" keeps it through link-time optimisation. */
void fault_handle(uint32_t *frame, uint32_t exc_return);
__attribute__((used)) void fault_handle(uint32_t *frame, uint32_t exc_return)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask" : "=r"(primask));
    int from_thread = (exc_return & 0xCu) == 0xCu;   /* thread mode, process stack */
    uint32_t pc = frame[6];
    if (!from_thread || primask || !can_report(sched_current)) {
        char line[96];
        snprintf(line, sizeof line, "fatal: hard fault at 0x%08lx in %s", (unsigned long)pc,
                 from_thread ? "a critical section" : "an interrupt handler");
        port_panic(line);
    }
    end_current("hard fault", pc);
}

/* The stack check found the current thread's stack exhausted at the call site. */
/* Called from the stack check's assembly only: "used" keeps it through link-time optimisation. */
__attribute__((used)) _Noreturn void sched_overflow(uint32_t site)
{
    uint32_t primask = irq_lock();
    if (primask || !can_report(sched_current))
        port_panic("fatal: stack overflow");
    end_current("stack overflow", site & ~1u);
    irq_unlock(0);                   /* PendSV switches away for good */
    for (;;)
        ;
}

/* The stack canary was found broken at a switch: the thread overflowed inside code that has
 * no stack check (the C library). Called from PendSV. */
void fault_stack_smashed(thread_t *t);
void fault_stack_smashed(thread_t *t)
{
    if (t == reporter || report_head - report_tail >= REPORTS)
        port_panic("fatal: stack overflow");
    struct fault_report *r = &reports[report_head % REPORTS];
    *r = (struct fault_report){ t->local, t->id, "stack overflow", 0, t == port_main_thread };
    report_head++;
    t->state = THREAD_ZOMBIE;
    t->save_ctx = 0;
    thread_on_death(t);
    sched_wake(reports, 1);
}

/* Thumb-1: no IT blocks; bit 2 of EXC_RETURN says which stack holds the frame. */
__attribute__((naked)) void fault_entry(void)
{
    __asm__ volatile(
        ".syntax unified\n"
        "mov r1, lr\n"
        "movs r0, #4\n"
        "tst r0, r1\n"
        "beq 1f\n"
        "mrs r0, psp\n"
        "b 2f\n"
        "1:\n"
        "mrs r0, msp\n"
        "2:\n"
        "push {r1, lr}\n"
        "bl fault_handle\n"
        "pop {r1, pc}\n");
}

/* The reporter's high-water mark on the Cortex-M3 port is 792 bytes, after reporting a crash;
 * plus the 256-byte stack-check reserve and a third, rounded up. */
#define REPORTER_STACK 1536

void fault_init(void)
{
    reporter = sched_create(reporter_main, NULL, REPORTER_STACK);
}
