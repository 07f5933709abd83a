#include "sched.h"

#include <stdlib.h>
#include <string.h>

#include "cortex_m.h"

void fault_stack_smashed(thread_t *t);

#define STACK_MIN 512u
#define STACK_DEFAULT 4096u
#define STACK_PAINT 0xA5A5A5A5u      /* unused stack, for the high-water mark */
#define STACK_CANARY 0x5AFE57ACu
#define IDLE_STACK 512u

/* The C library's TLS: picolibc reads errno and friends through __aeabi_read_tp, which
 * returns __tls. Each thread gets its own block; the switch swaps the pointer. */
extern char *__tls;
extern void _init_tls(void *block);
extern void _set_tls(void *block);
extern char __tls_size[], __tls_align[];

__attribute__((used)) thread_t *volatile sched_current;   /* read by PendSV's assembly */
volatile uint64_t sched_ticks;

static thread_t *threads;            /* list of every thread */
static thread_t *idle;
static thread_t *wake_hint;          /* a thread just woken by an interrupt: runs next */
static uint32_t next_id = 1;

#ifdef __ARM_ARCH_7M__
/* The guard below each stack: one MPU region with no access at all, aligned to its size (a
 * power of two). It has to be deeper than the frames that skip over it (a function's locals
 * are written from their lowest address), so it is 128 bytes rather than the MPU's minimum
 * of 32. */
#ifndef STACK_GUARD
#define STACK_GUARD 128u
#endif
#define GUARD_SIZE STACK_GUARD
#define STACK_SLACK GUARD_SIZE       /* the guard, below the stack */

static int have_mpu;

static void mpu_guard(uint32_t addr)
{
    if (!have_mpu)
        return;
    uint32_t size_field = (uint32_t)__builtin_ctz(GUARD_SIZE) - 1u;  /* size = 2^(field+1) */
    MPU_RNR = 0;
    MPU_RBAR = addr;                 /* aligned to GUARD_SIZE by stack_place */
    /* XN, AP=000 (no access even privileged), SIZE, ENABLE */
    MPU_RASR = (1u << 28) | (size_field << 1) | 1u;
}

/* A thread's allocation starts at a multiple of the guard's size, with the guard: an
 * allocation from any address would need a guard's size more to align it (384 bytes in the
 * three threads at the prompt). */
static char *stack_alloc(size_t n)
{
    return heap_alloc_aligned(n, GUARD_SIZE);
}

/* The lowest stack word in a thread's allocation: just above the guard. */
static uint32_t *stack_place(char *mem)
{
    return (uint32_t *)(mem + GUARD_SIZE);
}

static void stack_guard_init(void)
{
    have_mpu = ((MPU_TYPE >> 8) & 0xFFu) != 0;
    if (have_mpu)
        MPU_CTRL = (1u << 2) | 1u;   /* PRIVDEFENA: the default map outside the regions */
}
#else
/* ARMv6-M (the RP2040): no guard region. The MPU is not used, as the emulator that port is
 * tested on does not model it; the canary and the stack check below guard the stacks. */
#define STACK_SLACK 8u               /* room to align the stack to 8 bytes */

static char *stack_alloc(size_t n)
{
    return malloc(n);
}

static uint32_t *stack_place(char *mem)
{
    return (uint32_t *)(((uintptr_t)mem + 7u) & ~(uintptr_t)7u);
}

static void stack_guard_init(void)
{
}
#endif

/* The stack check. Guard regions cannot catch a frame bigger than themselves: a function
 * writes its locals from the lowest address, past the guard, into whatever lies below. So the
 * portable core is compiled with -finstrument-functions, and every function, once its frame
 * is allocated but before it writes into it, checks that the stack pointer is still
 * STACK_RESERVE above the stack's lowest word. If not, it moves the stack pointer back onto
 * the thread's own (dying) stack, so what follows harms nothing, and has fault.c report a
 * stack overflow at the call site and end the thread. The reserve leaves room for the C
 * library's functions, which are not instrumented: the MPU guard (ARMv7-M) or else the
 * canary, at the next switch, catches those. */
#define STACK_RESERVE 256

#ifdef __ARM_ARCH_7M__
/* The running thread's stack_limit plus STACK_RESERVE, set at each switch (0 before the
 * first: no check), so that the check, run on entry to every function of the core, is one
 * load and one compare. */
__attribute__((used)) uint32_t sched_check_limit;   /* read by the assembly below */

/* ARMv7-M traps with UDF #1 and the call site in r0; fault_handle knows the UDF. */
__attribute__((naked, no_instrument_function)) void __cyg_profile_func_enter(void *fn, void *site)
{
    __asm__ volatile(
        "ldr r2, =sched_check_limit\n"
        "ldr r2, [r2]\n"
        "cmp sp, r2\n"
        "blo 2f\n"
        "bx lr\n"
        "2:\n"
        "ldr r2, =sched_current\n"
        "ldr r2, [r2]\n"
        "ldr r3, [r2, #8]\n"
        "add r3, r3, #64\n"
        "mov sp, r3\n"
        "mov r0, r1\n"
        ".short 0xde01\n"              /* UDF #1 */
        ".ltorg\n");
}
#else
/* ARMv6-M calls sched_overflow() (fault.c) with the call site instead: the emulator the
 * RP2040 port is tested on raises no fault for UDF, and a call works the same on the chip.
 * Thumb-1 only (no CBZ, no high-register immediates; an immediate is 8 bits, so the reserve
 * is added in two halves). */
__attribute__((naked, no_instrument_function)) void __cyg_profile_func_enter(void *fn, void *site)
{
    __asm__ volatile(
        ".syntax unified\n"
        "ldr r2, =sched_current\n"
        "ldr r2, [r2]\n"
        "cmp r2, #0\n"
        "beq 1f\n"
        "ldr r3, [r2, #8]\n"          /* stack_limit */
        "adds r3, %0\n"
        "adds r3, %0\n"
        "mov r0, sp\n"
        "cmp r0, r3\n"
        "blo 2f\n"
        "1:\n"
        "bx lr\n"
        "2:\n"
        "ldr r3, [r2, #8]\n"
        "adds r3, #192\n"
        "mov sp, r3\n"
        "mov r0, r1\n"
        "ldr r3, =sched_overflow\n"
        "bx r3\n"
        ".ltorg\n" ::"i"(STACK_RESERVE / 2));
}
#endif

__attribute__((no_instrument_function)) void __cyg_profile_func_exit(void *fn, void *site)
{
}

/* Fills a new stack [low, top) with STACK_PAINT for its high-water mark, four words a store
 * (STM) and one loop test per four: the three stacks of the boot are 8 KB, and memset's four
 * words a loop was 0.14 ms of a 5 ms recovery boot on mps2-an385. Both ends are 8-byte
 * aligned; the odd pair goes first. Low registers only, so the same code serves ARMv6-M. */
static void paint(uint32_t *low, uint32_t *top)
{
    if ((top - low) % 4) {
        *low++ = STACK_PAINT;
        *low++ = STACK_PAINT;
    }
    register uint32_t *p __asm__("r0") = low;
    register uint32_t *end __asm__("r5") = top;
    register uint32_t a __asm__("r1") = STACK_PAINT, b __asm__("r2") = STACK_PAINT;
    register uint32_t c __asm__("r3") = STACK_PAINT, d __asm__("r4") = STACK_PAINT;
    __asm__ volatile("b 2f\n"
                     "1: stmia %0!, {%2, %3, %4, %5}\n"
                     "2: cmp %0, %1\n"
                     "   blo 1b\n"
                     : "+l"(p)
                     : "l"(end), "l"(a), "l"(b), "l"(c), "l"(d)
                     : "memory", "cc");
}

static void thread_entry(thread_t *t)
{
    t->fn(t->arg);
    sched_exit();
}

thread_t *sched_create(void (*fn)(void *), void *arg, size_t stack_size)
{
    sched_reap();
    if (stack_size == 0)
        stack_size = STACK_DEFAULT;
    if (stack_size < STACK_MIN)
        stack_size = STACK_MIN;
    stack_size = (stack_size + 7u) & ~7u;
    size_t tls_size = ((size_t)__tls_size + 7u) & ~7u;
    size_t head = (sizeof(thread_t) + 7u) & ~7u;
    /* One allocation, low to high: (ARMv7-M: guard,) stack, thread record, TLS block. An
     * overflow runs into the guard or below the stack, never into the thread's own record. */
    char *mem = stack_alloc(STACK_SLACK + stack_size + head + tls_size);
    if (!mem)
        return NULL;
    uint32_t *low = stack_place(mem);
    uint32_t *top = (uint32_t *)((uintptr_t)low + stack_size);
    thread_t *t = (thread_t *)top;
    memset(t, 0, sizeof *t);
    t->mem = mem;
    char *tls = (char *)top + head;
    _init_tls(tls);
    paint(low, top);
    *low = STACK_CANARY;

    uint32_t *sp = top - 16;         /* r4-r11, then the hardware frame r0-r3 r12 lr pc xpsr */
    sp[8] = (uint32_t)(uintptr_t)t;                  /* r0 */
    sp[13] = (uint32_t)(uintptr_t)sched_exit;        /* lr */
    sp[14] = (uint32_t)(uintptr_t)thread_entry & ~1u; /* pc */
    sp[15] = 0x01000000u;                            /* xPSR: Thumb */

    t->sp = sp;
    t->save_ctx = 1;
    t->fn = fn;
    t->arg = arg;
    t->stack_low = low;
    t->stack_limit = low + 1;
    t->stack_size = stack_size;
#ifdef __ARM_ARCH_7M__
    t->guard = (uint32_t)(uintptr_t)low - GUARD_SIZE;
#endif
    /* __tls is the block minus the TCB offset the ARM TLS ABI puts before it */
    char *saved = __tls;
    _set_tls(tls);
    t->tls = __tls;
    __tls = saved;
    t->state = THREAD_READY;

    uint32_t s = irq_lock();
    t->id = next_id++;
    thread_t **pp = &threads;
    while (*pp)
        pp = &(*pp)->next;
    *pp = t;
    irq_unlock(s);
    return t;
}

uint32_t *sched_restart(thread_t *t, void (*fn)(const char *reason, uint32_t pc),
                        const char *reason, uint32_t pc)
{
    uint32_t *sp = (uint32_t *)t - 16;  /* the record sits right above the stack */
    memset(sp, 0, 16 * sizeof *sp);
    sp[8] = (uint32_t)(uintptr_t)reason;            /* r0 */
    sp[9] = pc;                                     /* r1 */
    sp[13] = (uint32_t)(uintptr_t)sched_exit;       /* lr */
    sp[14] = (uint32_t)(uintptr_t)fn & ~1u;         /* pc */
    sp[15] = 0x01000000u;                           /* xPSR: Thumb */
    *t->stack_low = STACK_CANARY;
    return sp;
}

_Noreturn void sched_exit(void)
{
    irq_lock();
    thread_t *t = sched_current;
    t->state = THREAD_ZOMBIE;
    t->save_ctx = 0;
    thread_on_death(t);
    SCB_ICSR = ICSR_PENDSVSET;
    irq_unlock(0);
    for (;;)
        ;
}

void sched_reap(void)
{
    thread_t *dead = NULL;
    uint32_t s = irq_lock();
    for (thread_t **pp = &threads; *pp;) {
        thread_t *t = *pp;
        if (t->state == THREAD_ZOMBIE && t != sched_current) {
            *pp = t->next;
            t->next = dead;
            dead = t;
            if (wake_hint == t)
                wake_hint = NULL;
        } else {
            pp = &t->next;
        }
    }
    irq_unlock(s);
    while (dead) {
        thread_t *t = dead;
        dead = t->next;
        free(t->mem);
    }
}

void sched_yield(void)
{
    SCB_ICSR = ICSR_PENDSVSET;
    __asm__ volatile("dsb\n isb" ::: "memory");
}

int sched_block(void *obj, int64_t ticks)
{
    thread_t *t = sched_current;
    t->wait_obj = obj;
    t->timed_out = 0;
    t->wake_tick = ticks < 0 ? SCHED_FOREVER : sched_ticks + (uint64_t)ticks;
    t->state = THREAD_BLOCKED;
    SCB_ICSR = ICSR_PENDSVSET;
    /* Open the interrupt window: PendSV switches away here and we resume once woken. */
    __asm__ volatile("cpsie i\n isb\n cpsid i" ::: "memory");
    return t->timed_out;
}

int sched_wake(void *obj, int all)
{
    int woken = 0;
    uint32_t s = irq_lock();
    for (thread_t *t = threads; t; t = t->next) {
        if (t->state == THREAD_BLOCKED && t->wait_obj == obj) {
            t->state = THREAD_READY;
            t->wait_obj = NULL;
            woken++;
            if (!wake_hint)
                wake_hint = t;
            if (!all)
                break;
        }
    }
    irq_unlock(s);
    return woken;
}

static thread_t *pick_next(void)
{
    thread_t *cur = sched_current;
    if (wake_hint) {
        thread_t *h = wake_hint;
        wake_hint = NULL;
        if (h->state == THREAD_READY)
            return h;
    }
    thread_t *start = cur ? cur : threads;
    thread_t *t = start;
    do {
        t = t->next ? t->next : threads;
        if (t != idle && t->state == THREAD_READY)
            return t;
    } while (t != start);
    return idle;
}

/* Called by PendSV with the outgoing thread's stack pointer (after r4-r11 were pushed, or
 * NULL when they would not fit above its canary); returns the stack pointer of the thread to
 * run. Called from PendSV's assembly only: "used" keeps it through link-time optimisation. */
uint32_t *sched_switch(uint32_t *psp);
__attribute__((used)) uint32_t *sched_switch(uint32_t *psp)
{
    thread_t *cur = sched_current;
    if (cur && cur->save_ctx) {
        if (!psp || *cur->stack_low != STACK_CANARY) {
            fault_stack_smashed(cur);
        } else {
            cur->sp = psp;
            cur->tls = __tls;
        }
    }
    thread_t *next = pick_next();
    sched_current = next;
    __tls = next->tls;
#ifdef __ARM_ARCH_7M__
    mpu_guard(next->guard);
    sched_check_limit = (uint32_t)(uintptr_t)next->stack_limit + STACK_RESERVE;
#endif
    return next->sp;
}

#ifdef __ARM_ARCH_7M__
__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "cpsid i\n"
        "ldr r2, =sched_current\n"
        "ldr r2, [r2]\n"
        "mrs r0, psp\n"
        "cbz r2, 1f\n"
        "ldr r1, [r2, #4]\n"          /* save_ctx */
        "cbz r1, 1f\n"
        "ldr r1, [r2, #8]\n"          /* stack_limit */
        "sub r3, r0, #32\n"
        "cmp r3, r1\n"
        "blo 2f\n"
        "stmdb r0!, {r4-r11}\n"
        "b 1f\n"
        "2:\n"
        "movs r0, #0\n"               /* no room: the thread overflowed its stack */
        "1:\n"
        "bl sched_switch\n"
        "ldmia r0!, {r4-r11}\n"
        "msr psp, r0\n"
        "ldr lr, =0xFFFFFFFD\n"       /* return to thread mode on the process stack */
        "cpsie i\n"
        "bx lr\n"
        ".ltorg\n");
}
#else
/* ARMv6-M can store and load only r0-r7 in a multiple transfer, and has no STMDB: r4-r7 go
 * first, then r8-r11 copied through r4-r7; the saved block is r4-r11 in order, as on the
 * Cortex-M3 port, so sched_create's initial frame is the same. */
__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        ".syntax unified\n"
        "cpsid i\n"
        "ldr r2, =sched_current\n"
        "ldr r2, [r2]\n"
        "mrs r0, psp\n"
        "cmp r2, #0\n"
        "beq 1f\n"
        "ldr r1, [r2, #4]\n"          /* save_ctx */
        "cmp r1, #0\n"
        "beq 1f\n"
        "ldr r1, [r2, #8]\n"          /* stack_limit */
        "subs r0, #32\n"
        "cmp r0, r1\n"
        "blo 2f\n"
        "stmia r0!, {r4-r7}\n"
        "mov r4, r8\n"
        "mov r5, r9\n"
        "mov r6, r10\n"
        "mov r7, r11\n"
        "stmia r0!, {r4-r7}\n"
        "subs r0, #32\n"
        "b 1f\n"
        "2:\n"
        "movs r0, #0\n"               /* no room: the thread overflowed its stack */
        "1:\n"
        "bl sched_switch\n"
        "adds r0, #16\n"
        "ldmia r0!, {r4-r7}\n"        /* r8-r11 */
        "mov r8, r4\n"
        "mov r9, r5\n"
        "mov r10, r6\n"
        "mov r11, r7\n"
        "msr psp, r0\n"
        "subs r0, #32\n"
        "ldmia r0!, {r4-r7}\n"
        "ldr r0, =0xFFFFFFFD\n"       /* return to thread mode on the process stack */
        "cpsie i\n"
        "bx r0\n"
        ".ltorg\n");
}
#endif

void SysTick_Handler(void);
void SysTick_Handler(void)
{
    uint64_t now = ++sched_ticks;
    for (thread_t *t = threads; t; t = t->next) {
        if (t->state == THREAD_BLOCKED && t->wake_tick <= now) {
            t->state = THREAD_READY;
            t->wait_obj = NULL;
            t->timed_out = 1;
        }
    }
    SCB_ICSR = ICSR_PENDSVSET;      /* time slice */
}

static void idle_main(void *arg)
{
    for (;;) {
        sched_reap();
        __asm__ volatile("wfi");
    }
}

void sched_init(void)
{
    stack_guard_init();
    SCB_SHPR3 = 0xFFFF0000u;         /* PendSV and SysTick at the lowest priority */
    idle = sched_create(idle_main, NULL, IDLE_STACK);
}

_Noreturn void sched_start(uint32_t clock_hz)
{
    SYST_RVR = clock_hz / SCHED_TICK_HZ - 1;
    SYST_CVR = 0;
    SYST_CSR = 7;                    /* processor clock, interrupt, enable */
    sched_current = NULL;
    SCB_ICSR = ICSR_PENDSVSET;
    irq_unlock(0);
    for (;;)
        __asm__ volatile("wfi");
}

size_t sched_stack_used(const thread_t *t)
{
    const uint32_t *w = t->stack_low + 1;
    const uint32_t *top = (const uint32_t *)((uintptr_t)t->stack_low + t->stack_size);
    while (w < top && *w == STACK_PAINT)
        w++;
    return (size_t)((uintptr_t)top - (uintptr_t)w);
}

thread_t *sched_first(void)
{
    return threads;
}
