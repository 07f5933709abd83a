/* The preemptive scheduler: round-robin threads switched by PendSV, time slices and time-outs
 * from a 1 kHz SysTick. Every thread runs privileged on its own stack (PSP); exceptions use
 * the main stack (MSP). A canary word sits at the bottom of each stack, on ARMv7-M above an
 * MPU region with no access, and every function of the core checks its stack on entry
 * (sched.c), so a stack overflow ends the thread (faults, or is caught at the next switch)
 * instead of silently corrupting the heap. Shared by the Cortex-M ports.
 *
 * Blocking is built on one primitive: a thread waits on an object address (sched_block) until
 * some thread or interrupt wakes that address (sched_wake) or its time-out expires. Mutexes,
 * condition variables, the console and sleep are all written with it. */
#ifndef CORTEX_M_SCHED_H
#define CORTEX_M_SCHED_H

#include <stddef.h>
#include <stdint.h>

#define SCHED_TICK_HZ 1000u
#define SCHED_FOREVER UINT64_MAX

enum thread_state { THREAD_READY, THREAD_BLOCKED, THREAD_ZOMBIE };

typedef struct thread thread_t;
struct thread {
    /* PendSV relies on the first three fields being where they are. */
    uint32_t *sp;            /* saved stack pointer */
    uint32_t save_ctx;       /* 0 when a dead thread's context must not be saved */
    uint32_t *stack_limit;   /* lowest address a saved context may use (above the canary) */
    thread_t *next;          /* every thread, in creation order */
    uint32_t id;
    uint8_t state;
    uint8_t timed_out;
    uint8_t crashed;         /* reporting its crash (fault.c) */
    void *wait_obj;
    uint64_t wake_tick;
    void (*fn)(void *);
    void *arg;
    uint32_t *stack_low;     /* lowest stack word: the canary */
    size_t stack_size;
#ifdef __ARM_ARCH_7M__
    uint32_t guard;          /* address of the MPU guard region */
#endif
    char *tls;               /* the C library's thread pointer (__tls) for this thread */
    void *local;             /* hal_thread_set_local */
    void *runtime;           /* hal_thread_set_runtime */
    void *mem;               /* the allocation holding stack, record and TLS */
};

/* Interrupt masking: the scheduler's only lock (one core). */
static inline uint32_t irq_lock(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
    return primask;
}

static inline void irq_unlock(uint32_t primask)
{
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}

extern thread_t *volatile sched_current;
extern volatile uint64_t sched_ticks;

void sched_init(void);
/* Starts the first threads, SysTick counting at clock_hz; never returns. */
_Noreturn void sched_start(uint32_t clock_hz);

/* The heap (heap.c): a block whose pointer is a multiple of align (a power of two, 8 or more),
 * released with free(); NULL when there is no room. */
void *heap_alloc_aligned(size_t n, size_t align);
/* Creates a ready thread; NULL when there is no memory. */
thread_t *sched_create(void (*fn)(void *), void *arg, size_t stack_size);
_Noreturn void sched_exit(void);
void sched_yield(void);

/* Call with interrupts masked (irq_lock from thread context). Returns 0 when woken, 1 on
 * time-out; ticks < 0 waits forever. Interrupts are masked again on return. */
int sched_block(void *obj, int64_t ticks);
/* Wakes one or all threads waiting on obj; safe from interrupts. Returns how many woke. */
int sched_wake(void *obj, int all);

/* With interrupts masked: makes t start over at fn(reason, pc) from the top of its own stack
 * (for a crashed thread, whose frames are dead) and returns the stack pointer to resume it
 * with: a switch frame (r4-r11, then the exception frame), as sched_create makes. The
 * canary is set again. fn must not return. */
uint32_t *sched_restart(thread_t *t, void (*fn)(const char *reason, uint32_t pc),
                        const char *reason, uint32_t pc);

/* Called (interrupts masked) when a thread ends or is killed: frees what it held. */
void thread_on_death(thread_t *t);

/* Frees the memory of ended threads. */
void sched_reap(void);

/* Stack statistics for the memory report. used is the high-water mark in bytes. */
size_t sched_stack_used(const thread_t *t);
thread_t *sched_first(void);

#ifndef __ARM_ARCH_7M__
/* Ends the current thread from thread mode when its stack overflowed (the stack check on
 * ARMv6-M, which cannot trap): reports it like a fault and never returns. */
_Noreturn void sched_overflow(uint32_t site);
#endif

#endif
