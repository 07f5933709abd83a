/* Faults. A fault in a thread (other than the main one) is recoverable: that thread is ended,
 * its mutexes released, and the report is handed to a small reporter thread, which calls
 * kernel_on_fault() with the crashed thread's local pointer installed as its own, so to the
 * kernel it looks like "the current process crashed". A fault in an interrupt handler, with
 * interrupts masked (a critical section was cut in half), or in the main thread halts the
 * system with a message.
 *
 * ARMv7-M enables MemManage, BusFault and UsageFault, so each reports its own cause.
 * ARMv6-M has one fault exception, HardFault, with no status registers saying why, so every
 * fault is reported as "hard fault" at the faulting PC; its stack check (sched.c) reports an
 * overflow through the same queue, from thread mode. The emulator the RP2040 port is tested
 * on raises no HardFault for UDF, BKPT or unmapped reads; on the chip they fault and end up
 * here.
 *
 * kernel_on_fault is only a weak reference here. kernel_entry.c gives a weak definition that
 * says "pid N crashed: REASON at PC" and ends the processes of the dead thread; a strong one
 * in the kernel replaces it. Without any (selftest.elf) the port prints the thread id. */
#include <stdint.h>
#include <stdio.h>

#include "cortex_m.h"
#include "hal/thread.h"
#include "port.h"
#include "sched.h"

__attribute__((weak)) void kernel_on_fault(const char *reason, uint32_t pc);

struct fault_report {
    void *local;
    uint32_t id;
    const char *reason;
    uint32_t pc;                     /* 0: unknown (the stack could not be written) */
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

/* With interrupts masked (s: the mask to restore), waits until a report is queued. A port
 * whose boot and memory report waits for the prompt (PORT_REPORT_AT_PROMPT) has this thread
 * look now and then whether the console has gone quiet. */
static uint32_t wait_for_report(uint32_t s)
{
    while (report_head == report_tail) {
#ifdef PORT_REPORT_AT_PROMPT
        if (!port_options.stats) {
            sched_block(reports, -1);
            continue;
        }
        sched_block(reports, 50);
        irq_unlock(s);
        port_report_at_prompt();
        s = irq_lock();
#else
        sched_block(reports, -1);
#endif
    }
    return s;
}

static void reporter_main(void *arg)
{
    for (;;) {
        uint32_t s = wait_for_report(irq_lock());
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
    r->local = t->local;
    r->id = t->id;
    r->reason = reason;
    r->pc = pc;
    r->fatal = t == port_main_thread;
    report_head++;
    sched_kill_current();
    sched_wake(reports, 1);
}

static int can_report(const thread_t *t)
{
    return t && t != reporter && report_head - report_tail < REPORTS;
}

#ifdef __ARM_ARCH_7M__
static const char *reason_of(uint32_t cfsr, uint32_t hfsr, const thread_t *t)
{
    uint32_t mmfar = SCB_MMFAR;
    int in_guard = t && (cfsr & 0x80u) && mmfar >= t->guard && mmfar < (uint32_t)(uintptr_t)t->stack_low;
    if ((cfsr & 0x10u) || (cfsr & 0x1000u) || in_guard)   /* MSTKERR, STKERR, guard hit */
        return "stack overflow";
    if (cfsr & 0x03u)
        return "memory protection fault";
    if (cfsr & 0x0700u)
        return "bus error";
    if (cfsr & (1u << 25))
        return "division by zero";
    if (cfsr & (1u << 24))
        return "unaligned access";
    if (cfsr & (1u << 16))
        return "undefined instruction";
    if (cfsr & (1u << 17))
        return "invalid state";
    if (cfsr & (1u << 18))
        return "invalid return";
    if (cfsr & (1u << 19))
        return "no coprocessor";
    if (hfsr & (1u << 1))
        return "vector table read error";
    return "hard fault";
}

/* The fault's reason and PC (0: unknown) from its status registers, which it then clears.
 * t: the thread that faulted, NULL in an interrupt handler. */
static const char *fault_cause(const uint32_t *frame, const thread_t *t, uint32_t *pc)
{
    uint32_t cfsr = SCB_CFSR, hfsr = SCB_HFSR;
    const char *reason = reason_of(cfsr, hfsr, t);
    int stacked = !(cfsr & 0x1010u);                  /* the frame was written */
    *pc = stacked ? frame[6] : 0;
    /* UDF #1 from the stack check in sched.c: the call site is in r0. */
    if (stacked && (cfsr & (1u << 16)) && *(const uint16_t *)(uintptr_t)(*pc & ~1u) == 0xde01u) {
        reason = "stack overflow";
        *pc = frame[0] & ~1u;
    }
    SCB_CFSR = cfsr;                                  /* write-one-to-clear */
    SCB_HFSR = hfsr;
    return reason;
}
#else
/* ARMv6-M says nothing of why: every fault is a hard fault at the stacked PC. */
static const char *fault_cause(const uint32_t *frame, const thread_t *t, uint32_t *pc)
{
    (void)t;
    *pc = frame[6];
    return "hard fault";
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
#endif

/* Called by the fault handlers with the exception frame and EXC_RETURN. */
/* Called from fault_entry's assembly only: "used" keeps it through link-time optimisation. */
void fault_handle(uint32_t *frame, uint32_t exc_return);
__attribute__((used)) void fault_handle(uint32_t *frame, uint32_t exc_return)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask" : "=r"(primask));
    thread_t *t = sched_current;
    int from_thread = (exc_return & 0xCu) == 0xCu;   /* thread mode, process stack */
    uint32_t pc;
    const char *reason = fault_cause(frame, from_thread ? t : NULL, &pc);
    if (!from_thread || primask || !can_report(t)) {
        char line[96];
        snprintf(line, sizeof line, "fatal: %s at 0x%08lx in %s", reason, (unsigned long)pc,
                 from_thread ? "a critical section" : "an interrupt handler");
        port_panic(line);
    }
    end_current(reason, pc);
}

/* The stack canary was found broken at a switch: the thread overflowed without touching
 * the guard (a large frame jumped over it, or code without the stack check overflowed).
 * Called from PendSV. */
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

#ifdef __ARM_ARCH_7M__
__attribute__((naked)) void fault_entry(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "mov r1, lr\n"
        "push {r1, lr}\n"
        "bl fault_handle\n"
        "pop {r1, pc}\n");
}
#else
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
#endif

/* The reporter's high-water mark is 792 bytes on the Cortex-M3, after reporting a crash; plus
 * the 256-byte stack-check reserve and a third, rounded up (docs/porting.md, "Memory"). */
#define REPORTER_STACK 1536

void fault_init(void)
{
#ifdef __ARM_ARCH_7M__
    SCB_CCR |= CCR_DIV_0_TRP | CCR_STKALIGN;
    SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
#endif
    reporter = sched_create(reporter_main, NULL, REPORTER_STACK);
}
