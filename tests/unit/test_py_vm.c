/* Interpreters side by side: every program has its own py_vm (heap, names, modules,
 * exception state), so two threads run two programs at once and each gets its own output;
 * destroying an interpreter gives back its memory and the files its program left open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "hal/system.h"
#include "hal/thread.h"
#include "py/py.h"

/* builds a dict, raises and catches inside a loop */
static const char PROGRAM_A[] =
    "d = {}\n"
    "for i in range(300):\n"
    "    d['k' + str(i)] = [i, str(i) * 2]\n"
    "bad = 0\n"
    "for k in list(d):\n"
    "    try:\n"
    "        if int(k[1:]) % 7 == 0:\n"
    "            raise ValueError(k)\n"
    "    except ValueError as e:\n"
    "        bad += 1\n"
    "print(len(d), sum(v[0] for v in d.values()), bad, d['k299'][1])\n";
static const char OUTPUT_A[] = "300 44850 43 299299\n";

/* a class, a generator, a comprehension and f-strings */
static const char PROGRAM_B[] =
    "class P:\n"
    "    def __init__(self, x, y):\n"
    "        self.x, self.y = x, y\n"
    "    def norm2(self):\n"
    "        return self.x * self.x + self.y * self.y\n"
    "def gen(n):\n"
    "    for i in range(n):\n"
    "        yield P(i, n - i)\n"
    "ps = [p.norm2() for p in gen(200)]\n"
    "s = ','.join(f'{v:x}' for v in ps[:5])\n"
    "print(sum(ps), max(ps), s)\n";
static const char OUTPUT_B[] = "5333400 40000 9c40,9ab2,9928,97a2,9620\n";

#define ROUNDS 10

struct job {
    const char *src, *expect;
    char out[256];
    size_t nout;
    int ok_rounds;           /* rounds whose status and output were right */
    bool done;
};

static hal_mutex_t *lock;
static hal_cond_t *finished;

static void job_write(void *ctx, int fd, const char *s, size_t n) {
    struct job *j = ctx;
    if (fd != 1) return;
    if (j->nout + n >= sizeof j->out) n = sizeof j->out - 1 - j->nout;
    memcpy(j->out + j->nout, s, n);
    j->nout += n;
    j->out[j->nout] = 0;
}

/* Each round makes an interpreter, runs the program with frequent collections (so both
 * threads collect while the other runs) and destroys it. */
static void job_thread(void *arg) {
    struct job *j = arg;
    py_io io = { .write = job_write, .ctx = j };
    for (int r = 0; r < ROUNDS; r++) {
        j->nout = 0;
        j->out[0] = 0;
        py_vm *vm = py_create(256 * 1024, &io);
        if (!vm) break;
        py_set_gc_stress(vm, 16);
        int st = py_run_source(vm, j->src, strlen(j->src), "job.py", 0, NULL);
        py_destroy(vm);
        if (st == 0 && !strcmp(j->out, j->expect)) j->ok_rounds++;
        hal_thread_yield();
    }
    hal_mutex_lock(lock);
    j->done = true;
    hal_cond_broadcast(finished);
    hal_mutex_unlock(lock);
}

static void test_two_programs_at_once(void **state) {
    (void)state;
    lock = hal_mutex_new();
    finished = hal_cond_new();
    static struct job a = { .src = PROGRAM_A, .expect = OUTPUT_A }, b = { .src = PROGRAM_B, .expect = OUTPUT_B };
    assert_int_equal(hal_thread_start(job_thread, &a, 256 * 1024, NULL), 0);
    assert_int_equal(hal_thread_start(job_thread, &b, 256 * 1024, NULL), 0);
    /* bounded: 60 s at most, woken as soon as both are done */
    hal_mutex_lock(lock);
    for (int waits = 0; !(a.done && b.done) && waits < 600; waits++) hal_cond_wait(finished, lock, 100);
    bool both = a.done && b.done;
    hal_mutex_unlock(lock);
    assert_true(both);
    assert_int_equal(a.ok_rounds, ROUNDS);
    assert_int_equal(b.ok_rounds, ROUNDS);
    assert_string_equal(a.out, OUTPUT_A);
    assert_string_equal(b.out, OUTPUT_B);
}

/* files the program opens through py_io: a count, so that a handle never given back shows */
static int open_files;
static void *count_fopen(void *ctx, const char *path, const char *mode, int *err) {
    (void)ctx; (void)path; (void)mode; (void)err;
    open_files++;
    return &open_files;
}
static long count_fwrite(void *ctx, void *h, const char *buf, size_t n) { (void)ctx; (void)h; (void)buf; return (long)n; }
static void count_fclose(void *ctx, void *h) { (void)ctx; (void)h; open_files--; }
static void discard_write(void *ctx, int fd, const char *s, size_t n) { (void)ctx; (void)fd; (void)s; (void)n; }

static size_t heap_in_use(void) {
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    return m.heap_used;
}

static void create_run_destroy(void) {
    py_io io = { .write = discard_write, .fopen = count_fopen, .fwrite = count_fwrite, .fclose = count_fclose };
    py_vm *vm = py_create(64 * 1024, &io);
    assert_non_null(vm);
    /* leaves a file open and a cycle of objects behind */
    static const char src[] = "f = open('x.txt', 'w')\nf.write('x')\nl = [1]\nl.append(l)\nprint(len(l))\n";
    assert_int_equal(py_run_source(vm, src, sizeof src - 1, "t.py", 0, NULL), 0);
    py_destroy(vm);
}

static void test_destroy_gives_everything_back(void **state) {
    (void)state;
    create_run_destroy();
    assert_int_equal(open_files, 0);
    size_t before = heap_in_use();
    for (int i = 0; i < 200; i++) create_run_destroy();
    assert_int_equal(open_files, 0);
    /* 200 leaked arenas would be 12.8 MB; allow the C library some slack */
    size_t after = heap_in_use();
    assert_true(after <= before + 64 * 1024);
}

/* open() with the heap full (filled again before each try): the MemoryError comes before the
 * file is opened, so every handle has a file object, which the end of the program closes.
 * Raising the preallocated MemoryError again and again must not loop either. */
static void test_open_out_of_memory_leaves_no_file_open(void **state) {
    (void)state;
    py_io io = { .write = discard_write, .fopen = count_fopen, .fwrite = count_fwrite, .fclose = count_fclose };
    py_vm *vm = py_create(64 * 1024, &io);
    assert_non_null(vm);
    static const char src[] =
        "hog = None\n"
        "fails = i = 0\n"
        "while i < 20:\n"
        "    try:\n"
        "        while True:\n"
        "            hog = [hog]\n"
        "    except MemoryError:\n"
        "        pass\n"
        "    try:\n"
        "        open('x.txt', 'w').close()\n"
        "    except MemoryError:\n"
        "        fails += 1\n"
        "    i += 1\n"
        "hog = None\n"
        "if fails == 0:\n"
        "    raise SystemExit(3)\n";
    open_files = 0;
    assert_int_equal(py_run_source(vm, src, sizeof src - 1, "t.py", 0, NULL), 0);
    py_destroy(vm);                 /* closes what file objects are still open */
    assert_int_equal(open_files, 0);
}

/* The value stack and the heap share the arena's top: a recursion past the stack's eighth of
 * the arena is a RecursionError as before (the limit raised so that the depth does not stop it
 * first), and a heap that is full borrows the stack's unused room, so that objects take more
 * than the other seven eighths, yet leaves it room for a few calls after the MemoryError. */
static void test_heap_and_value_stack_share_their_room(void **state) {
    (void)state;
    py_io io = { .write = discard_write };
    py_vm *vm = py_create(256 * 1024, &io);
    assert_non_null(vm);
    static const char src[] =
        "import sys\n"
        "def down(n):\n"
        "    return down(n - 1) + 1 if n else 0\n"
        "sys.setrecursionlimit(100000)\n"
        "try:\n"
        "    down(100000)\n"
        "    raise SystemExit(3)\n"
        "except RecursionError:\n"
        "    pass\n"
        "hog = []\n"
        "try:\n"
        "    while True:\n"
        "        hog.append(bytes(1000))\n"
        "except MemoryError:\n"
        "    pass\n"
        "if down(4) != 4:\n"
        "    raise SystemExit(4)\n"
        "if len(hog) < 215:\n"
        "    raise SystemExit(5)\n";
    assert_int_equal(py_run_source(vm, src, sizeof src - 1, "t.py", 0, NULL), 0);
    py_destroy(vm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap_and_value_stack_share_their_room),
        cmocka_unit_test(test_open_out_of_memory_leaves_no_file_open),
        cmocka_unit_test(test_two_programs_at_once),
        cmocka_unit_test(test_destroy_gives_everything_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
