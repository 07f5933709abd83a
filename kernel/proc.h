/* Processes. Every command line that runs is a process: pid, status, start time, cwd, three
 * streams and what it owns. Foreground commands run in the thread of the shell that started
 * them; background jobs get a thread of their own.
 *
 * Status is cooperative but needs no polling loop in programs: every blocking kernel call
 * (proc_sleep_ms, stream reads, accept/recv) is a hold point (waits while held) and a stop
 * point (returns ERR_INTR once the process was told to stop). */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/files.h"       /* a process's files: paths from its cwd, owned by it */
#include "kernel/stream.h"
#include "lib/resource.h"
#include "lib/value.h"

#define PROC_MAX 32
/* Slots of the table only the console's foreground commands may take: when jobs, sessions and
 * services have filled the rest, the console still runs ps, kill, killall and exit (a
 * pipeline of them too) to recover. */
#define PROC_RESERVED 4

enum proc_status { PROC_RUNNING = 'R', PROC_HELD = 'H', PROC_STOPPING = 'S' };

typedef struct proc proc_t;
struct proc {
    int pid;
    volatile char status;
    int interrupted;            /* the stop came from Ctrl-C on its terminal (proc_interrupt) */
    char *cmdline;              /* the command and its arguments, as ps shows them */
    int64_t start_rtc;          /* wall clock at start */
    uint64_t start_us;          /* monotonic clock at start */
    uintptr_t thread_id;
    size_t stack_size;          /* of its own thread (background jobs, pipe stages), else 0 */
    char cwd[VFS_PATH_MAX];
    stream_t *in, *out, *err;
    struct tty *tty;            /* controlling terminal, if any */
    proc_t *parent;             /* the process whose thread runs this one (foreground) */
    int background;
    int started_by;             /* a background job: the pid of the shell that started it */
    struct owner resources;     /* released when it ends (lib/resource.h) */
    size_t mem_bytes;           /* kernel allocations owned (proc_alloc) */
    struct value result;        /* the value a command produced, for `cmd > var` */
    int exit_code;
    void *upper;                /* the state a layer above keeps for this process (its shell:
                                 * shell/session.c); the kernel never reads it */
    proc_t *next_in_table;
};

void proc_init(void);

/* A new process inheriting cwd, streams and terminal from parent (may be NULL). It is in
 * the table and counts as running; proc_end removes it. NULL when out of memory or when the
 * table is full (PROC_MAX, less PROC_RESERVED unless parent runs under the console). */
proc_t *proc_new(const char *cmdline, proc_t *parent);
/* Like proc_new, for a background job: it inherits from parent but lives on its own (no
 * parent: the shell's Ctrl-C and hold do not reach it) and never takes the reserved slots. */
proc_t *proc_new_background(const char *cmdline, proc_t *parent);
/* Makes p the console: processes running under it may take the reserved slots. */
void proc_reserve_for(proc_t *p);
/* Releases everything the process owns and removes it from the table. */
void proc_end(proc_t *p);

proc_t *proc_current(void);
void proc_set_current(proc_t *p);

/* Replace one of p's streams (takes the caller's reference). */
void proc_set_streams(proc_t *p, stream_t *in, stream_t *out, stream_t *err);

/* Process table */
proc_t *proc_find(int pid);                     /* caller holds proc_lock() */
void proc_lock(void);
void proc_unlock(void);
int proc_count(void);
/* Calls fn for every process, under the table lock, in pid order. */
void proc_each(void (*fn)(proc_t *p, void *ctx), void *ctx);

/* Status changes. Return 0 or ERR_NOENT. */
int proc_kill(int pid);
int proc_hold(int pid);
int proc_resume(int pid);
/* Ctrl-C on a terminal: stops pid as proc_kill does, marked as an interrupt, so a program
 * that can handle one (Python's KeyboardInterrupt) takes it back with proc_take_interrupt
 * and goes on; everything else just stops. */
int proc_interrupt(int pid);
/* 1 when the current process was stopped by proc_interrupt: it runs again and the interrupt
 * is the caller's to deliver. 0 otherwise (not stopping, told to stop by kill, or stopping
 * because a parent it obeys was interrupted: a script stops with what it runs). */
int proc_take_interrupt(void);
/* Waits until pid has ended (hold and stop point). */
int proc_wait(int pid);
/* Waits until pid has ended without being a stop point: for children that stop with their
 * parent (pipeline stages), so a stopping parent still cleans up after them. */
void proc_wait_end(int pid);
int proc_exists(int pid);

/* Hold and stop points for the current process. */
int proc_should_stop(void);                     /* waits while held; 1 once told to stop */
int proc_sleep_ms(uint32_t ms);                 /* 0, or ERR_INTR when told to stop */
int proc_sleep_us(uint64_t us);
/* Waits on a condition variable with hold/stop points: 0 signalled or time to check the
 * condition again (callers loop), 1 when timeout_ms has passed, ERR_INTR when told to stop.
 * timeout_ms counts from this call; callers with a deadline pass what is left of it. */
struct hal_cond;
struct hal_mutex;
int proc_cond_wait(struct hal_cond *c, struct hal_mutex *m, int timeout_ms);

/* 1 when ancestor is p or a process p runs under (p's foreground parents). */
int proc_runs_under(const proc_t *p, const proc_t *ancestor);
/* Bytes p holds: its record, its allocations (proc_alloc) and its own thread's stack. */
size_t proc_memory(const proc_t *p);

/* Accessors for programs that see proc_t as opaque (the SDK). */
int proc_pid(const proc_t *p);
stream_t *proc_in(const proc_t *p);
stream_t *proc_out(const proc_t *p);
stream_t *proc_err(const proc_t *p);

/* What p owns, released when it ends (lib/resource.h): owner_add(proc_owner(p), r) gives it
 * r, resource_detach(r) takes r back. NULL (nobody) for no process. */
struct owner *proc_owner(proc_t *p);

/* Memory owned by the current process: freed when it ends if the program forgets. */
void *proc_alloc(size_t size);
void proc_free(void *ptr);

/* The value a command produces for `cmd > var`. */
void proc_set_result(proc_t *p, struct value v);

/* Output helpers for commands */
int proc_printf(proc_t *p, const char *fmt, ...);
int proc_puts(proc_t *p, const char *text);
/* Prints "NAME: message" on p's error stream; returns 1 (the usual failing exit status). */
int proc_error(proc_t *p, const char *name, const char *fmt, ...);

#endif
