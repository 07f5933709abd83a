/* pyrun: runs a Python program on upyOS-C's interpreter from the development machine's shell.
 *   pyrun FILE.py [args...]      pyrun -c 'code' [args...]
 * Program output goes to stdout, an uncaught exception's traceback to stderr; the exit status
 * is 1 after an uncaught exception and n after sys.exit(n). PYRUN_HEAP=bytes sets the memory
 * cap (64 MB by default); PYRUN_GCSTRESS=1 collects at every allocation, PYRUN_GCSTRESS=N at
 * every Nth; PYRUN_STEPS=n stops the program after n loop back-edges and calls. */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "py/mod/mod.h"
#include "py/py.h"
#include "hal/net.h"
#include "hal/thread.h"

static volatile sig_atomic_t interrupted;
static void on_sigint(int sig) { (void)sig; interrupted = 1; }

static void io_write(void *ctx, int fd, const char *s, size_t n) {
    (void)ctx;
    if (fd == 2) fflush(stdout);
    fwrite(s, 1, n, fd == 2 ? stderr : stdout);
    if (fd == 2) fflush(stderr);
}
static int io_readline(void *ctx, char *buf, size_t n) {
    (void)ctx;
    fflush(stdout);
    if (!fgets(buf, (int)n, stdin)) return -1;
    return (int)strlen(buf);
}
static int io_poll(void *ctx) {
    (void)ctx;
    if (interrupted) { interrupted = 0; return 1; }
    return 0;
}
static long io_read_file(void *ctx, const char *path, char *buf, size_t cap) {
    (void)ctx;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    if (fseek(f, 0, SEEK_END) != 0) { fclose(f); return -1; }
    long size = ftell(f);
    if (size < 0) { fclose(f); return -1; }
    if (!buf) { fclose(f); return size; }
    rewind(f);
    size_t got = fread(buf, 1, cap < (size_t)size ? cap : (size_t)size, f);
    fclose(f);
    return (long)got;
}
static void *io_fopen(void *ctx, const char *path, const char *mode, int *err) {
    (void)ctx;
    FILE *f = fopen(path, mode);
    if (!f) *err = errno;
    return f;
}
static long io_fread(void *ctx, void *h, char *buf, size_t n) { (void)ctx; return (long)fread(buf, 1, n, h); }
static long io_fwrite(void *ctx, void *h, const char *buf, size_t n) { (void)ctx; return (long)fwrite(buf, 1, n, h); }
static void io_fclose(void *ctx, void *h) { (void)ctx; fclose(h); }
static long io_fseek(void *ctx, void *h, long off, int whence) {
    (void)ctx;
    if (fseek(h, off, whence == 2 ? SEEK_END : whence == 1 ? SEEK_CUR : SEEK_SET)) return -1;
    return ftell(h);
}
static int io_remove(void *ctx, const char *path) { (void)ctx; return remove(path) == 0 ? 0 : errno; }

static int io_fs(void *ctx, int op, const char *path, const char *path2, void *out) {
    (void)ctx;
    int r = 0;
    switch (op) {
    case PY_FS_LISTDIR: {
        DIR *d = opendir(path);
        if (!d) return errno;
        py_dirlist *dl = out;
        struct dirent *e;
        while ((e = readdir(d))) if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) dl->add(dl->arg, e->d_name);
        closedir(d);
        return 0;
    }
    case PY_FS_MKDIR: r = mkdir(path, 0777); break;
    case PY_FS_RMDIR: r = rmdir(path); break;
    case PY_FS_REMOVE: r = unlink(path); break;
    case PY_FS_RENAME: r = rename(path, path2); break;
    case PY_FS_CHDIR: r = chdir(path); break;
    case PY_FS_GETCWD: r = getcwd(out, 256) ? 0 : -1; break;
    case PY_FS_STAT: {
        struct stat st;
        r = stat(path, &st);
        if (!r) { py_stat *ps = out; ps->mode = st.st_mode; ps->size = st.st_size; ps->mtime = st.st_mtime; }
        break;
    }
    case PY_FS_STATVFS: {
        struct statvfs sv;
        r = statvfs(path, &sv);
        if (!r) *(py_statvfs *)out = (py_statvfs){ (uint32_t)sv.f_frsize, (uint32_t)sv.f_blocks, (uint32_t)sv.f_bfree, (sv.f_flag & ST_RDONLY) != 0 };
        break;
    }
    default: return 22;
    }
    return r ? errno : 0;
}

static double io_clock(void *ctx) {
    (void)ctx;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
/* _thread: a thread with a stack as large as the main one's C stack bound assumes */
static int io_thread_start(void *ctx, void (*run)(void *), void *arg, uintptr_t *id) {
    return hal_thread_start(run, arg, 8u << 20, id) < 0 ? -1 : 0;
}
/* the program has ended: its threads run to their own end (there is no process to stop) */
static void let_threads_finish(void *ctx) {}

static void io_sleep(void *ctx, double s) {
    (void)ctx;
    struct timespec t = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
    nanosleep(&t, NULL);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: pyrun FILE.py [args...] | pyrun -c 'code' [args...]\n");
        return 2;
    }
    size_t heap = 64u << 20;
    const char *hs = getenv("PYRUN_HEAP");
    if (hs) heap = (size_t)strtoull(hs, NULL, 0);
    void *arena = malloc(heap);
    if (!arena) { fprintf(stderr, "pyrun: cannot reserve %zu bytes\n", heap); return 2; }
    signal(SIGINT, on_sigint);
    /* the posix port's own network: what the socket and select modules call */
    static const struct netif_ops network = {
        .available = hal_net_available, .sock_open = hal_sock_open, .sock_bind = hal_sock_bind,
        .sock_listen = hal_sock_listen, .sock_accept = hal_sock_accept,
        .sock_connect = hal_sock_connect, .sock_send = hal_sock_send, .sock_recv = hal_sock_recv,
        .sock_sendto = hal_sock_sendto, .sock_recvfrom = hal_sock_recvfrom,
        .sock_local = hal_sock_local, .sock_close = hal_sock_close, .sock_poll = hal_sock_poll,
        .resolve = hal_net_resolve,
    };
    static const py_native_module modules[] = { { "machine", py_mod_machine }, { "socket", py_mod_socket },
                                                { "select", py_mod_select }, { NULL, NULL } };
    py_io io = { .modules = modules, .write = io_write, .readline = io_readline, .poll = io_poll, .read_file = io_read_file,
                 .clock = io_clock, .sleep = io_sleep, .fopen = io_fopen, .fread = io_fread, .fwrite = io_fwrite,
                 .fclose = io_fclose, .fseek = io_fseek, .remove = io_remove, .fs = io_fs,
                 .thread_start = io_thread_start, .net = &network };
    py_vm *vm = py_new(arena, heap, &io);
    if (!vm) { fprintf(stderr, "pyrun: heap too small\n"); free(arena); return 2; }
    size_t at_start = py_heap_used(vm);
    const char *stress = getenv("PYRUN_GCSTRESS");
    if (stress) py_set_gc_stress(vm, (unsigned)strtoul(stress, NULL, 0));
    /* a recursion limit raised past what the stack holds gives RecursionError, not a crash */
    struct rlimit stack;
    if (getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY)
        py_set_cstack_size(vm, (size_t)stack.rlim_cur / 4 * 3);
    const char *steps = getenv("PYRUN_STEPS");
    if (steps) py_set_step_limit(vm, strtoull(steps, NULL, 0));
    int status;
    if (!strcmp(argv[1], "-c")) {
        if (argc < 3) { fprintf(stderr, "pyrun: -c needs an argument\n"); return 2; }
        char *args[64];
        int n = 0;
        args[n++] = "-c";
        for (int i = 3; i < argc && n < 63; i++) args[n++] = argv[i];
        status = py_run_source(vm, argv[2], strlen(argv[2]), "<string>", n, args);
    } else {
        status = py_run_file(vm, argv[1], argc - 1, argv + 1);
    }
    py_threads_end(vm, let_threads_finish, NULL);
    fflush(stdout);
    if (getenv("PYRUN_STATS"))
        fprintf(stderr, "heap after start-up %zu bytes, peak %zu bytes, arena %zu bytes\n", at_start, py_heap_peak(vm), heap);
    py_destroy(vm);
    free(arena);
    return status;
}
