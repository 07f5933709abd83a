/* pyrun.elf: runs one Python program on the board, on the interpreter alone (py/ and this
 * port's HAL, no kernel or shell), for the Python benchmark (bench/python_bench.py) in emulated
 * time. The program is a file on the host, read through semihosting:
 *
 *   run-qemu.sh --icount --append "py=/abs/path/prog.py heap=65536 stack=16384" pyrun.elf
 *
 * heap is the interpreter's arena (64 KB by default), stack the C stack of the thread that
 * runs the program (16 KB by default: the VM recurses on it at every Python call), stdin a host
 * file input() reads (none: input() meets the end at once). The conformance suite runs its
 * programs this way (pyrun_qemu.py). Program output goes to the console, errors to the host's
 * stderr; open() reaches the host's files (pyrun_files.c). At the end one line goes to the host
 * through semihosting:
 * "pyrun: status S run US us heap PEAK peak of ARENA arena stack USED used of STACK" (the
 * emulated time from creating the interpreter to the program's end, the heap's and the
 * stack's high-water marks), and QEMU exits with the program's status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/console.h"
#include "hal/time.h"
#include "hal/thread.h"
#include "port.h"
#include "pyrun_files.h"
#include "py/mod/mod.h"
#include "py/py.h"
#include "sched.h"
#include "semihost.h"

/* The host's stderr, or -1 when the host gives none (errors then go to the console). */
static int host_stderr = -1;

static void io_write(void *ctx, int fd, const char *s, size_t n)
{
    (void)ctx;
    if (fd == 2 && host_stderr >= 0) {
        semihost_write(host_stderr, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++)              /* no tty layer here: add the CR ourselves */
        hal_console_write(s[i] == '\n' ? "\r\n" : &s[i], s[i] == '\n' ? 2 : 1);
}

/* A host file's size (buf NULL) or its first cap bytes; -1 when it cannot be read. */
static long io_read_file(void *ctx, const char *path, char *buf, size_t cap)
{
    (void)ctx;
    int fd = semihost_open(path, SH_OPEN_RB);
    if (fd < 0)
        return -1;
    long size = semihost_flen(fd);
    if (size >= 0 && buf) {
        if ((size_t)size > cap)
            size = (long)cap;
        if (semihost_read(fd, buf, (size_t)size) != 0)
            size = -1;
    }
    semihost_close(fd);
    return size;
}

/* input()'s lines: the host file of the stdin option, read a byte at a time (a test's few
 * lines; semihosting has no line reads). */
static int host_stdin = -1;

static int io_readline(void *ctx, char *buf, size_t n)
{
    (void)ctx;
    size_t len = 0;
    char c;
    while (host_stdin >= 0 && len + 1 < n && semihost_read_upto(host_stdin, &c, 1) == 1) {
        buf[len++] = c;
        if (c == '\n')
            break;
    }
    buf[len] = '\0';
    return len == 0 ? -1 : (int)len;
}

static double io_clock(void *ctx)
{
    (void)ctx;
    return (double)hal_time_us() / 1e6;
}

/* time.sleep: the board's sleep, so that timers and the clock move as on the firmware */
static void io_sleep(void *ctx, double seconds)
{
    if (seconds > 0)
        hal_sleep_us((uint32_t)(seconds * 1e6));
}

/* The words of the semihosting command line (the first is the ELF's name). */
static char *words[8];
static int word_count;

static void read_command_line(void)
{
    static char cmdline[256];
    if (semihost_cmdline(cmdline, sizeof cmdline) != 0)
        return;
    for (char *w = strtok(cmdline, " "); w && word_count < 8; w = strtok(NULL, " "))
        words[word_count++] = w;
}

/* The value of the option "name=value", or NULL. */
static char *option(const char *name)
{
    size_t len = strlen(name);
    for (int i = 1; i < word_count; i++)
        if (strncmp(words[i], name, len) == 0 && words[i][len] == '=')
            return words[i] + len + 1;
    return NULL;
}

struct run {
    char *program;
    size_t heap, stack;
};

static void run_program(void *arg)
{
    struct run *r = arg;
    static const py_native_module modules[] = { { "machine", py_mod_machine }, { NULL, NULL } };
    py_io io = { .write = io_write, .readline = io_readline, .read_file = io_read_file,
                 .clock = io_clock, .sleep = io_sleep, .modules = modules,
                 .fopen = pyrun_fopen, .fread = pyrun_fread, .fwrite = pyrun_fwrite,
                 .fclose = pyrun_fclose, .fseek = pyrun_fseek, .remove = pyrun_remove,
                 .fs = pyrun_fs };
    uint64_t start = hal_time_us();
    py_vm *vm = py_create(r->heap, &io);
    if (!vm) {
        semihost_write0("pyrun: no memory for the interpreter\n");
        semihost_exit(2);
    }
    /* Bound the C stack the interpreter may take below here, keeping the shell's margin (an
     * eighth, at least 4 KB) for what checks nothing, so a deep recursion is a
     * RecursionError, not a hang in the stack guard. */
    size_t margin = r->stack / 8 > 4096 ? r->stack / 8 : 4096;
    py_set_cstack_size(vm, r->stack > margin ? r->stack - margin : r->stack / 2);
    char *argv[] = { r->program };
    int status = py_run_file(vm, r->program, 1, argv);
    uint64_t end = hal_time_us();
    char line[160];
    snprintf(line, sizeof line,
             "pyrun: status %d run %lu us heap %lu peak of %lu arena stack %lu used of %lu\n",
             status, (unsigned long)(end - start), (unsigned long)py_heap_peak(vm),
             (unsigned long)r->heap, (unsigned long)sched_stack_used(sched_current),
             (unsigned long)r->stack);
    py_destroy(vm);
    semihost_write0(line);
    semihost_exit(status);
}

/* A fault in the program's thread (fault.c) ends the run at once, reported on the host's
 * stderr with status 134 as a crashed host process would (the runner counts 128 and up as a
 * crash), instead of leaving QEMU waiting for a thread that is gone. */
void kernel_on_fault(const char *reason, uint32_t pc)
{
    char line[96];
    snprintf(line, sizeof line, "pyrun: the program's thread crashed: %s at 0x%08lx\n", reason,
             (unsigned long)pc);
    if (host_stderr >= 0)
        semihost_write(host_stderr, line, strlen(line));
    else
        semihost_write0(line);
    semihost_exit(134);
}

void port_app_main(void)
{
    static struct run run = { NULL, 64 * 1024, 16 * 1024 };
    read_command_line();
    run.program = option("py");
    if (option("heap"))
        run.heap = strtoul(option("heap"), NULL, 0);
    if (option("stack"))
        run.stack = strtoul(option("stack"), NULL, 0);
    if (option("stdin"))
        host_stdin = semihost_open(option("stdin"), SH_OPEN_RB);
    host_stderr = semihost_open(":tt", SH_OPEN_A);
    if (!run.program) {
        semihost_write0("pyrun: no program (append py=PATH)\n");
        semihost_exit(2);
    }
    if (hal_thread_start(run_program, &run, run.stack, NULL) != 0) {
        semihost_write0("pyrun: no memory for the program's thread\n");
        semihost_exit(2);
    }
    for (;;)
        hal_sleep_us(1000000);    /* the program's thread ends the run */
}
