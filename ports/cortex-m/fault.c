/* Faults. A fault in a thread is recoverable unless it struck the main thread: the thread is
 * taken back to the top of its own stack (its frames are dead) and made to report the crash
 * there, through kernel_on_fault(), with its mutexes already released; then it ends. So to
 * the kernel it looks like "the current process crashed", and no thread waits for crashes
 * all the time. The main thread reports its crash the same way, then the system halts. A
 * fault in an interrupt handler, with interrupts masked (a critical section was cut in half),
 * or in a thread already reporting a crash halts the system with a message.
 *
 * ARMv7-M enables MemManage, BusFault and UsageFault, so each reports its own cause.
 * ARMv6-M has one fault exception, HardFault, with no status registers saying why, so every
 * fault is reported as "hard fault" at the faulting PC; its stack check (sched.c) reports an
 * overflow from thread mode. The emulator the RP2040 port is tested on raises no HardFault
 * for UDF, BKPT or unmapped reads; on the chip they fault and end up here.
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

static hal_mutex_t *report_lock;     /* one report at a time: kernel_on_fault is not reentrant */
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
    return sched_current->id;
}

int fault_is_fatal(void)
{
    return sched_current == port_main_thread;
}

static void report_without_kernel(const char *reason, uint32_t pc)
{
    char line[80];
    snprintf(line, sizeof line, "thread %lu crashed: %s at 0x%08lx",
             (unsigned long)sched_current->id, reason, (unsigned long)pc);
    port_print(line);
}

/* Where a crashed thread resumes, on a fresh stack with interrupts enabled. */
static _Noreturn void report_crash(const char *reason, uint32_t pc)
{
    hal_mutex_lock(report_lock);
    if (kernel_on_fault)
        kernel_on_fault(reason, pc);
    else
        report_without_kernel(reason, pc);
    hal_mutex_unlock(report_lock);
    if (fault_is_fatal())
        port_panic("the main thread crashed");
    sched_exit();
}

static int can_report(const thread_t *t)
{
    return t && !t->crashed;
}

/* With interrupts masked: t is reporting its crash (a second one halts), its mutexes
 * released. */
static void mark_crashed(thread_t *t)
{
    t->crashed = 1;
    thread_on_death(t);
}

/* With interrupts masked: marks t as crashed; returns the stack pointer at which it resumes
 * in report_crash (sched_restart). */
static uint32_t *prepare_report(thread_t *t, const char *reason, uint32_t pc)
{
    mark_crashed(t);
    return sched_restart(t, report_crash, reason, pc);
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

/* The stack check found the current thread's stack exhausted at the call site, r0. The
 * thread's frames are dead: it moves to the top of its stack (its record sits right above
 * it) and reports from there. Called from the stack check's assembly only: "used" keeps it
 * through link-time optimisation. */
void sched_overflow(uint32_t site);
__attribute__((used)) _Noreturn void overflow_report(uint32_t site);
__attribute__((used)) _Noreturn void overflow_report(uint32_t site)
{
    uint32_t primask = irq_lock();
    if (primask || !can_report(sched_current))
        port_panic("fatal: stack overflow");
    mark_crashed(sched_current);
    irq_unlock(0);
    report_crash("stack overflow", site & ~1u);
}

__attribute__((used, naked)) void sched_overflow(uint32_t site)
{
    __asm__ volatile(
        ".syntax unified\n"
        "ldr r1, =sched_current\n"
        "ldr r1, [r1]\n"
        "mov sp, r1\n"
        "ldr r2, =overflow_report\n"
        "bx r2\n"
        ".ltorg\n");
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
    /* The exception returns into report_crash: its frame without the saved r4-r11. */
    uint32_t *sp = prepare_report(t, reason, pc) + 8;
    __asm__ volatile("msr psp, %0" ::"r"(sp) : "memory");
}

/* The stack canary was found broken at a switch: the thread overflowed without touching
 * the guard (a large frame jumped over it, or code without the stack check overflowed).
 * Called from PendSV. */
void fault_stack_smashed(thread_t *t);
void fault_stack_smashed(thread_t *t)
{
    if (!can_report(t))
        port_panic("fatal: stack overflow");
    t->sp = prepare_report(t, "stack overflow", 0);
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

void fault_init(void)
{
#ifdef __ARM_ARCH_7M__
    SCB_CCR |= CCR_DIV_0_TRP | CCR_STKALIGN;
    SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
#endif
    report_lock = hal_mutex_new();
}
