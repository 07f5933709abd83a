/* libFuzzer target: the Python interpreter's tokenizer, parser and compiler (py/parse.c,
 * py/compile.c). Each input is compiled as a module, as an expression (eval) and as exec's
 * source; each must give a code object or a SyntaxError (a MemoryError when the arena is
 * full), never crash, leak or run away. Nothing is run: fuzz_py_run.c does that.
 * The work runs on a thread with a small stack, so a nesting the parser or the compiler does
 * not bound overflows it here instead of passing unseen on the main thread's 8 MB. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/py.h"

#define ARENA_SIZE (1u << 20)
/* The deepest nesting the parser accepts (200 brackets) fits in this under ASan, with room. */
#define STACK_SIZE (1u << 20)

static void discard(void *ctx, int fd, const char *s, size_t n)
{
    (void)ctx, (void)fd, (void)s, (void)n;
}

/* A new interpreter for each input, so that nothing carries over from one to the next: the
 * previous one is destroyed, its arena freed. The compiler is called directly, not through
 * py_run_*, so the interpreter is made this thread's own here. */
static py_vm *fresh_interpreter(void)
{
    static py_vm *vm;
    static const py_io io = { .write = discard };
    py_destroy(vm);
    vm = py_create(ARENA_SIZE, &io);
    py_enter(vm);
    return vm;
}

static void compile_as(const char *src, size_t size, int mode)
{
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf) == 0) {
        py_compile(src, size, py_str_cstr("<fuzz>"), mode);
        py_try_end(&t);
        return;
    }
    pv e = py_try_catch(&t);
    if (!py_isinstance(e, &py_SyntaxError_type) && !py_isinstance(e, &py_MemoryError_type)) {
        /* the compiler raised something it should not */
        fprintf(stderr, "compiling raised %s\n", py_type_name(TYPE(e)));
        abort();
    }
}

/* The input being compiled, handed to the worker thread. */
static const char *job_src;
static size_t job_size;
static bool job_pending;
static pthread_mutex_t job_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_changed = PTHREAD_COND_INITIALIZER;

/* One thread for all inputs: a thread per input would grow the sanitizer's bookkeeping. */
static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&job_lock);
        while (!job_pending)
            pthread_cond_wait(&job_changed, &job_lock);
        pthread_mutex_unlock(&job_lock);
        py_vm *vm = fresh_interpreter();
        if (!vm)
            abort();
        /* the collector scans the C stack from here down, where the compiler keeps the objects
         * it is building (py_run_* mark this point themselves) */
        int stack_top;
        vm->cstack_top = &stack_top;
        compile_as(job_src, job_size, PY_MODE_FILE);
        compile_as(job_src, job_size, PY_MODE_EVAL);
        compile_as(job_src, job_size, PY_MODE_EXEC);
        pthread_mutex_lock(&job_lock);
        job_pending = false;
        pthread_cond_broadcast(&job_changed);
        pthread_mutex_unlock(&job_lock);
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    if (!started) {
        pthread_attr_t attr;
        pthread_t thread;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, STACK_SIZE);
        if (pthread_create(&thread, &attr, worker, NULL) != 0)
            abort();
        pthread_attr_destroy(&attr);
        started = true;
    }
    /* a copy of exactly the input's size: reading past the end is caught */
    char *src = malloc(size ? size : 1);
    if (!src)
        return 0;
    memcpy(src, data, size);
    pthread_mutex_lock(&job_lock);
    job_src = src;
    job_size = size;
    job_pending = true;
    pthread_cond_broadcast(&job_changed);
    while (job_pending)
        pthread_cond_wait(&job_changed, &job_lock);
    pthread_mutex_unlock(&job_lock);
    free(src);
    return 0;
}
