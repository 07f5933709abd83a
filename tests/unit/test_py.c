/* The Python interpreter embedded as the OS will embed it: output captured through py_io,
 * exit statuses, the memory cap, the recursion limit, the poll hook, and tokenizer and compiler
 * edge cases whose outcome is easiest to state here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "py/py.h"

static char out[8192], err[8192];
static size_t nout, nerr;
static int polls, interrupt_after;
static unsigned gc_stress;

static void cap_write(void *ctx, int fd, const char *s, size_t n) {
    (void)ctx;
    char *b = fd == 2 ? err : out;
    size_t *len = fd == 2 ? &nerr : &nout;
    if (*len + n >= sizeof out) n = sizeof out - 1 - *len;
    memcpy(b + *len, s, n);
    *len += n;
    b[*len] = 0;
}
static int cap_poll(void *ctx) {
    (void)ctx;
    polls++;
    return interrupt_after && polls >= interrupt_after ? 1 : 0;
}

/* A fresh interpreter with empty output; the previous one is destroyed. */
static py_vm *new_vm(size_t heap) {
    static py_vm *vm;
    py_destroy(vm);
    nout = nerr = 0;
    out[0] = err[0] = 0;
    polls = 0;
    py_io io = { .write = cap_write, .poll = cap_poll };
    vm = py_create(heap, &io);
    assert_non_null(vm);
    py_set_gc_stress(vm, gc_stress);
    return vm;
}

static int run(const char *src, size_t heap) {
    py_vm *vm = new_vm(heap);
    return py_run_source(vm, src, strlen(src), "t.py", 0, NULL);
}

static const char *last_line(const char *s) {
    static char line[512];
    size_t n = strlen(s);
    while (n && s[n - 1] == '\n') n--;
    size_t b = n;
    while (b && s[b - 1] != '\n') b--;
    memcpy(line, s + b, n - b);
    line[n - b] = 0;
    return line;
}

static void test_output_and_status(void **state) {
    (void)state;
    assert_int_equal(run("print('a', 1, sep='-', end='!\\n')", 1 << 20), 0);
    assert_string_equal(out, "a-1!\n");
    assert_int_equal(run("import sys\nsys.exit(3)", 1 << 20), 3);
    assert_int_equal(run("raise SystemExit", 1 << 20), 0);
}

static void test_traceback(void **state) {
    (void)state;
    assert_int_equal(run("def f():\n    return y\n\nf()\n", 1 << 20), 1);
    assert_non_null(strstr(err, "Traceback (most recent call last):\n"));
    assert_non_null(strstr(err, "  File \"t.py\", line 4, in <module>\n"));
    assert_non_null(strstr(err, "  File \"t.py\", line 2, in f\n"));
    assert_string_equal(last_line(err), "NameError: name 'y' is not defined");
}

static void test_print_exception_checks_its_argument(void **state) {
    (void)state;
    /* MicroPython's sys.print_exception, which CPython has not: anything but an exception is
     * a TypeError, not an object read as one */
    assert_int_equal(run("import sys\nfor v in [1, None, 'x']:\n    try:\n        sys.print_exception(v)\n"
                         "    except TypeError as e:\n        print(e)\n", 1 << 20), 0);
    assert_string_equal(out, "Exception expected for value, int found\nException expected for value, NoneType found\n"
                             "Exception expected for value, str found\n");
}

static void test_module_state_per_program(void **state) {
    (void)state;
    /* struct.error is made in the heap of the program that imports struct: a later program,
     * whose heap holds other objects at that place, must get its own */
#define STRUCT_ERROR "import struct\ntry:\n    struct.pack('e', 1.0)\nexcept struct.error as e:\n    print(type(e).__name__)\n"
    assert_int_equal(run(STRUCT_ERROR, 1 << 20), 0);
    assert_string_equal(out, "error\n");
    assert_int_equal(run("x = [str(i) * 3 for i in range(3000)]\n" STRUCT_ERROR, 1 << 20), 0);
    assert_string_equal(out, "error\n");
#undef STRUCT_ERROR
}

/* What a program's statements leave in its heap, in words: the program prints it. */
static long words_left_by(const char *src) {
    assert_int_equal(run(src, 1 << 20), 0);
    return atol(out) / (long)sizeof(void *);
}

static void test_native_module_functions_take_no_heap(void **state) {
    (void)state;
    /* their functions stay in the modules' const tables: the module's dict holds only what
     * is set (the names, math's constants), about 340 words; copied into dicts they took 640 */
    long words = words_left_by("import gc\ngc.collect()\na = gc.mem_alloc()\nimport math, time, micropython\n"
                               "gc.collect()\nprint(gc.mem_alloc() - a)\n");
    assert_true(words > 0);
    assert_true(words < 450);
}

static void test_parser_gives_its_tokens_back(void **state) {
    (void)state;
    /* 200 tokens for a tree of a few nodes: without a collection, what compiling leaves is
     * the code (about 210 words) and no token array (about 1,400 words with its smaller
     * copies) */
    long words = words_left_by("import gc\nsrc = 'x = ' + '(' * 100 + '1' + ')' * 100\ngc.collect()\n"
                               "a = gc.mem_alloc()\nc = compile(src, 'p', 'exec')\nprint(gc.mem_alloc() - a)\n");
    assert_true(words > 0);
    assert_true(words < 500);
}

static void test_tokenizer_edges(void **state) {
    (void)state;
    /* continuation lines, brackets across lines, comments and blank lines between blocks, tabs */
    assert_int_equal(run("x = (1 +\n  2)\ny = 1 + \\\n 3\nif x:\n\n    # c\n\tz = [x,\n y]\nprint(x, y, z)\n", 1 << 20), 0);
    assert_string_equal(out, "3 4 [3, 4]\n");
    assert_int_equal(run("s = 'abc\nprint(s)\n", 1 << 20), 1);
    assert_string_equal(last_line(err), "SyntaxError: unterminated string literal");
    assert_int_equal(run("if 1:\n  a = 1\n b = 2\n", 1 << 20), 1);
    assert_string_equal(last_line(err), "IndentationError: unindent does not match any outer indentation level");
    assert_int_equal(run("def f():\nreturn 1\n", 1 << 20), 1);
    assert_string_equal(last_line(err), "IndentationError: expected an indented block");
    assert_int_equal(run("print(f'{1+1}{\"x\"!r:>5}{{}}')", 1 << 20), 0);
    assert_string_equal(out, "2  'x'{}\n");
}

static void test_compiler_edges(void **state) {
    (void)state;
    /* return and break through finally run the finally body once */
    assert_int_equal(run("def f():\n    for i in range(3):\n        try:\n            if i == 1:\n                return i\n"
                         "        finally:\n            print('fin', i)\n\nprint(f())\n", 1 << 20), 0);
    assert_string_equal(out, "fin 0\nfin 1\n1\n");
    assert_int_equal(run("nonlocal x\n", 1 << 20), 1);
    assert_string_equal(last_line(err), "SyntaxError: nonlocal declaration not allowed at module level");
    assert_int_equal(run("def f():\n    x = 1\n    def g():\n        nonlocal x\n        x += 1\n        return x\n    return g\nprint(f()())\n", 1 << 20), 0);
    assert_string_equal(out, "2\n");
    assert_int_equal(run("break\n", 1 << 20), 1);
    assert_string_equal(last_line(err), "SyntaxError: 'break' outside loop");
}

static void test_memory_cap(void **state) {
    (void)state;
    /* a 128 KB arena: MemoryError, caught, and the program goes on; an arena too small for the
     * interpreter itself is refused, not a crash */
    static uint8_t small[512];
    py_io io = { .write = cap_write };
    assert_null(py_new(small, sizeof small, &io));
    assert_int_equal(run("try:\n    x = [0] * 1000000\nexcept MemoryError:\n    print('caught')\n"
                         "l = []\ntry:\n    while True:\n        l.append('x' * 100)\nexcept MemoryError:\n    l = None\n    print('caught again')\n",
                         128 * 1024), 0);
    assert_string_equal(out, "caught\ncaught again\n");
    assert_int_equal(run("x = 'y' * 10000000\n", 128 * 1024), 1);
    assert_string_equal(last_line(err), "MemoryError");
    /* small objects until the heap is full to the last block: raising needs no memory */
    assert_int_equal(run("a = []\nwhile True:\n    a = [a]\n", 128 * 1024), 1);
    assert_string_equal(last_line(err), "MemoryError");
}

static void test_recursion_limit(void **state) {
    (void)state;
    assert_int_equal(run("def r(n):\n    return r(n + 1)\ntry:\n    r(0)\nexcept RecursionError as e:\n    print(e)\n", 4 << 20), 0);
    assert_string_equal(out, "maximum recursion depth exceeded\n");
}

static void test_poll_interrupts_busy_loop(void **state) {
    (void)state;
    interrupt_after = 5;
    int st = run("while True:\n    pass\n", 1 << 20);
    interrupt_after = 0;
    assert_int_equal(st, 1);
    assert_string_equal(last_line(err), "KeyboardInterrupt");
    assert_true(polls >= 5);
}

static void test_step_limit(void **state) {
    (void)state;
    /* a busy loop stops, and a handler that catches the stop cannot go on looping or calling */
    py_vm *vm = new_vm(1 << 20);
    py_set_step_limit(vm, 5000);
    const char *busy = "n = 0\nwhile True:\n    try:\n        while True:\n            n += 1\n"
                       "    except BaseException:\n        print('caught')\n";
    assert_int_equal(py_run_source(vm, busy, strlen(busy), "t.py", 0, NULL), 1);
    assert_string_equal(last_line(err), "RuntimeError: step limit exceeded");
    assert_string_equal(out, "");
    /* exact below the poll period: the 10th loop back-edge stops (the check after the handler
     * makes no call, which would be stopped too) */
    vm = new_vm(1 << 20);
    py_set_step_limit(vm, 10);
    const char *count = "i = 0\ntry:\n    while i < 100:\n        i += 1\nexcept RuntimeError:\n    pass\n"
                        "if i != 10:\n    1 / 0\n";
    assert_int_equal(py_run_source(vm, count, strlen(count), "t.py", 0, NULL), 0);
    /* a loop that runs in C, inside a builtin, is counted too */
    vm = new_vm(1 << 20);
    py_set_step_limit(vm, 100000);
    const char *builtin_loop = "print(sum(range(10 ** 12)))\n";
    assert_int_equal(py_run_source(vm, builtin_loop, strlen(builtin_loop), "t.py", 0, NULL), 1);
    assert_string_equal(last_line(err), "RuntimeError: step limit exceeded");
    /* and so is bignum arithmetic, by the size of its numbers */
    vm = new_vm(4 << 20);
    py_set_step_limit(vm, 10000);
    const char *bignum = "x = 1 << 10 ** 6\ns = str(x)\n";
    assert_int_equal(py_run_source(vm, bignum, strlen(bignum), "t.py", 0, NULL), 1);
    assert_string_equal(last_line(err), "RuntimeError: step limit exceeded");
    /* a program within its budget is not disturbed; 0 lifts the limit */
    vm = new_vm(1 << 20);
    py_set_step_limit(vm, 3000);
    py_set_step_limit(vm, 0);
    const char *fine = "s = 0\nfor i in range(10000):\n    s += i\nprint(s)\n";
    assert_int_equal(py_run_source(vm, fine, strlen(fine), "t.py", 0, NULL), 0);
    assert_string_equal(out, "49995000\n");
}

static void test_cstack_size(void **state) {
    (void)state;
    /* a recursion limit the C stack cannot hold: the stack bound stops the recursion first */
    py_vm *vm = new_vm(4 << 20);
    py_set_cstack_size(vm, 256 * 1024);
    const char *deep = "import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return f(n + 1)\nf(0)\n";
    assert_int_equal(py_run_source(vm, deep, strlen(deep), "t.py", 0, NULL), 1);
    assert_string_equal(last_line(err), "RecursionError: maximum recursion depth exceeded");
    /* C recursion without Python calls: comparing deeply nested lists */
    vm = new_vm(4 << 20);
    py_set_cstack_size(vm, 256 * 1024);
    const char *nested = "import sys\nsys.setrecursionlimit(100000)\na = []\nb = []\nfor i in range(5000):\n"
                         "    a = [a]\n    b = [b]\nprint(a == b)\n";
    assert_int_equal(py_run_source(vm, nested, strlen(nested), "t.py", 0, NULL), 1);
    assert_string_equal(last_line(err), "RecursionError: maximum recursion depth exceeded in comparison");
}

static void test_hello_in_a_small_arena(void **state) {
    (void)state;
    /* the builtins are read-only tables and start-up makes almost nothing: hello runs in 4 KB
     * with 32-bit words (the MCU), 6 KB with 64-bit ones */
    size_t arena = sizeof(void *) == 4 ? 4 * 1024 : 6 * 1024;
    assert_int_equal(run("print('hello')\n", arena), 0);
    assert_string_equal(out, "hello\n");
}

static void test_gc_stress(void **state) {
    (void)state;
    gc_stress = 1;
    int st = run("d = {}\nfor i in range(50):\n    d['k' + str(i)] = [i] * 3\nprint(len(d), d['k49'], ','.join(sorted(d)[:3]))\n", 256 * 1024);
    gc_stress = 0;
    assert_int_equal(st, 0);
    assert_string_equal(out, "50 [49, 49, 49] k0,k1,k10\n");
}

static void test_predefined_names_unique(void **state) {
    (void)state;
    /* the predefined names are sorted (py_intern searches them) and each interns to itself: a
     * duplicate string in py/qstr.h or py/mod/names.h would make method tables miss their
     * names */
    run("pass", 1 << 20);
    for (int i = 0; i < Q_COUNT; i++) {
        pv q = py_qstr(i);
        const char *text = py_str_data(q);
        size_t len = py_str_len(q);
        assert_true(IS(q, py_str_type) && text[len] == 0 && strlen(text) == len && py_str_clen(q) == len);
        if (i > 0 && i != Q_CORE_COUNT) {    /* two sorted runs: py/qstr.h, py/mod/names.h */
            pv p = py_qstr(i - 1);
            size_t plen = py_str_len(p), m = plen < len ? plen : len;
            int c = memcmp(py_str_data(p), text, m);
            assert_true(c < 0 || (c == 0 && plen < len));
        }
        assert_true(py_intern(text, len) == q);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_and_status), cmocka_unit_test(test_traceback),
        cmocka_unit_test(test_print_exception_checks_its_argument), cmocka_unit_test(test_module_state_per_program),
        cmocka_unit_test(test_native_module_functions_take_no_heap), cmocka_unit_test(test_parser_gives_its_tokens_back),
        cmocka_unit_test(test_tokenizer_edges), cmocka_unit_test(test_compiler_edges),
        cmocka_unit_test(test_memory_cap), cmocka_unit_test(test_recursion_limit),
        cmocka_unit_test(test_poll_interrupts_busy_loop), cmocka_unit_test(test_step_limit),
        cmocka_unit_test(test_cstack_size),
        cmocka_unit_test(test_gc_stress),
        cmocka_unit_test(test_hello_in_a_small_arena),
        cmocka_unit_test(test_predefined_names_unique),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
