/* The embedding interface of upyOS-C's Python. Every program has an interpreter of its own,
 * a py_vm, that lives in one memory arena (the program's hard memory cap: the interpreter
 * state, its value stack and the GC heap all live in it), so two programs run at once in two
 * threads and destroying one gives all its memory back. The embedder gives a py_io: output,
 * input, a poll called at loop back-edges and calls (for kill, hold and Ctrl-C), file reading
 * for imports and a clock. Nothing here touches a platform. */
#ifndef PY_PY_H
#define PY_PY_H
#include <stddef.h>
#include "py/obj.h"

/* Creates an interpreter with an arena of size bytes of its own (malloc). NULL when there is
 * no memory for it or size is too small for the interpreter. */
py_vm *py_create(size_t size, const py_io *io);
/* Sets up an interpreter in an arena the embedder owns (and frees after py_destroy). NULL when
 * the arena is too small even for start-up (a hello program needs about 3 KB on 32-bit ports,
 * 5 KB on 64-bit ones). */
py_vm *py_new(void *arena, size_t size, const py_io *io);
/* Ends an interpreter: closes the files its program left open and frees py_create's arena.
 * Nothing else outlives it. */
void py_destroy(py_vm *vm);
/* Runs a program file as __main__; argv becomes sys.argv. Returns the exit status: 0, the
 * SystemExit code, or 1 after printing an uncaught exception's traceback on fd 2. The thread
 * that calls it runs the program; others may run other interpreters meanwhile. */
int py_run_file(py_vm *vm, const char *path, int argc, char **argv);
/* Runs source text as __main__ (filename is what tracebacks show). */
int py_run_source(py_vm *vm, const char *src, size_t len, const char *filename, int argc, char **argv);
/* Limits the work a program may do: its `steps`-th tick from now (a loop back-edge, a call, a
 * step of an iteration, 64 words of bignum arithmetic) raises RuntimeError("step limit
 * exceeded"), and so does every tick after, so no handler can keep it running. 0 lifts the
 * limit. Counted when the poll runs (every PY_POLL_PERIOD ticks): it costs nothing beyond the
 * poll's own countdown. */
void py_set_step_limit(py_vm *vm, uint64_t steps);
/* Bounds the C stack the interpreter may use, in bytes below the point where it starts running
 * (0: unchecked, the default): deeper recursion raises RecursionError whatever the recursion
 * limit says. Leave a margin below the real stack for the work done between two checks. */
void py_set_cstack_size(py_vm *vm, size_t bytes);
/* Adds the embedder's names to a program's globals before its body runs (inside the
 * interpreter: it may allocate, and raise MemoryError). */
typedef void (*py_init_fn)(pv globals, void *arg);
/* Runs a program file the upyOS way: its body as the module named after the file (so its
 * `if __name__ == "__main__":` stays false), with the globals init adds, then
 * `__main__(args)` when it defines one, after init has added them again (upyOS sets `proc`
 * after the import: its programs start with `proc = None`) (args: argv[1..] as a list of str). argv becomes
 * sys.argv. Returns the exit status as py_run_file does. */
int py_run_program(py_vm *vm, const char *path, int argc, char **argv, py_init_fn init, void *arg);
/* Runs statements in the interpreter's one namespace, kept from call to call (the shell's
 * `>` and `<` lines): the first call makes it, with the globals init adds. Returns 0, the
 * SystemExit code, or 1 with the exception's last traceback line ("ZeroDivisionError:
 * division by zero") in err; nothing is printed for it. */
int py_run_line(py_vm *vm, const char *src, size_t len, const char *filename, py_init_fn init, void *arg, char *err, size_t err_size);
/* Makes vm the calling thread's interpreter (py_run_* do it themselves); returns the one it
 * replaces, for py_leave. */
void *py_enter(py_vm *vm);
void py_leave(void *outer);
/* A collection at every nth allocation (1: at each), to find objects the collector misses. */
void py_set_gc_stress(py_vm *vm, unsigned every);
/* After the program's own thread has ended (py_run_*): calls stop(ctx), which tells the
 * threads it started (_thread) to stop, and lets them run until the last has ended. Nothing
 * to do for a program without threads. */
void py_threads_end(py_vm *vm, void (*stop)(void *ctx), void *ctx);
int py_threads_count(py_vm *vm);
/* Heap figures, in bytes. */
size_t py_heap_used(py_vm *vm);
size_t py_heap_peak(py_vm *vm);
size_t py_heap_size(py_vm *vm);
#endif
