/* The py_io that connects an interpreter (py/py.h) to the process running it. Its output and
 * input are the process's streams, its files go through kernel/files.h (so they follow the
 * cwd and the change guard and are closed when the process ends), and the interpreter's poll
 * is a hold and stop point: held, it waits; stopped by Ctrl-C it raises KeyboardInterrupt;
 * stopped by kill it ends the program. */
#include "shell/python_io.h"

/* Set by init, which sees net/: the shell does not. Outside UPYOS_PYTHON so that init need
 * not know whether Python is in. */
static const struct netif_ops *(*board_network)(void);

void shell_python_set_network(const struct netif_ops *(*network)(void))
{
    board_network = network;
}

#ifdef UPYOS_PYTHON
#include "shell/python.h"

#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/str.h"

static proc_t *proc_of(void *ctx)
{
    return ((struct host *)ctx)->proc;
}

/* errno values of Python's OSError subclasses, for the VFS's errors */
static int errno_of(int err)
{
    switch (err) {
    case ERR_NOENT: return 2;
    case ERR_EXIST: return 17;
    case ERR_NOTDIR: return 20;
    case ERR_ISDIR: return 21;
    case ERR_NOTEMPTY: return 39;
    case ERR_NOSPC: return 28;
    case ERR_NOMEM: return 12;
    case ERR_INVAL: case ERR_BADNAME: return 22;
    case ERR_NAMETOOLONG: return 36;
    case ERR_PERM: case ERR_PROTECTED: case ERR_ACCES: return 13;
    case ERR_ROFS: return 30;
    case ERR_INTR: return 4;
    default: return 5;
    }
}

static void io_write(void *ctx, int fd, const char *s, size_t n)
{
    proc_t *p = proc_of(ctx);
    stream_write(fd == 2 ? p->err : p->out, s, n);
}

static int io_readline(void *ctx, char *buf, size_t n)
{
    proc_t *p = proc_of(ctx);
    if (n < 2)
        return -1;
    int len = stream_read_line(p->in, buf, n - 1);
    if (len == ERR_INTR)
        py_poll_now();           /* Ctrl-C while reading: KeyboardInterrupt; a kill: the end */
    if (len < 0)
        return -1;
    buf[len++] = '\n';
    buf[len] = '\0';
    return len;
}

static int io_poll(void *ctx)
{
    if (!proc_should_stop())     /* waits here while the process is held */
        return 0;
    return proc_take_interrupt() ? 1 : 2;
}

static long io_read_file(void *ctx, const char *path, char *buf, size_t cap)
{
    struct vfs_stat st;
    if (!buf)
        return file_stat(path, &st) == 0 && st.type == VFS_FILE ? (long)st.size : -1;
    vfs_file_t *f;
    if (file_open(path, VFS_O_READ, &f) < 0)
        return -1;
    size_t got = 0;
    int r = 1;
    while (got < cap && (r = vfs_read(f, buf + got, cap - got)) > 0)
        got += (size_t)r;
    vfs_close(f);
    return r < 0 ? -1 : (long)got;
}

/* Seconds of the wall clock (time.time, gmtime), advancing with the monotonic clock so that
 * intervals measured with it never go backwards when the clock is set. */
static double io_clock(void *ctx)
{
    return (double)sysdata.boot_rtc + (double)(hal_time_us() - sysdata.boot_us) / 1e6;
}

static void io_sleep(void *ctx, double seconds)
{
    if (proc_sleep_us(seconds > 0 ? (uint64_t)(seconds * 1e6) : 0) == ERR_INTR)
        py_poll_now();
}

/* Python's open() modes as VFS flags: r, w, a, x, each with an optional + (b and t are
 * the interpreter's business). */
static int open_flags(const char *mode)
{
    int plus = strchr(mode, '+') != NULL;
    if (strchr(mode, 'w'))
        return VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC | (plus ? VFS_O_READ : 0);
    if (strchr(mode, 'a'))
        return VFS_O_WRITE | VFS_O_CREATE | VFS_O_APPEND | (plus ? VFS_O_READ : 0);
    if (strchr(mode, 'x'))
        return VFS_O_WRITE | VFS_O_CREATE | VFS_O_EXCL | (plus ? VFS_O_READ : 0);
    return VFS_O_READ | (plus ? VFS_O_WRITE : 0);
}

static void *io_fopen(void *ctx, const char *path, const char *mode, int *err)
{
    vfs_file_t *f = NULL;
    int r = file_open(path, open_flags(mode), &f);
    if (r < 0) {
        *err = errno_of(r);
        return NULL;
    }
    if (((struct host *)ctx)->session_files)
        vfs_file_detach(f);         /* closed by its file object or when the session ends */
    return f;
}

static long io_fread(void *ctx, void *h, char *buf, size_t n)
{
    size_t got = 0;
    int r;
    while (got < n && (r = vfs_read(h, buf + got, n - got)) > 0)
        got += (size_t)r;
    return (long)got;
}

static long io_fwrite(void *ctx, void *h, const char *buf, size_t n)
{
    int r = vfs_write(h, buf, n);
    return r < 0 ? -1 : r;
}

static void io_fclose(void *ctx, void *h)
{
    vfs_close(h);
}

static long io_fseek(void *ctx, void *h, long off, int whence)
{
    long r = vfs_seek(h, off, whence);
    return r < 0 ? -1 : r;
}

static int io_remove(void *ctx, const char *path)
{
    int r = file_unlink(path);
    return r < 0 ? errno_of(r) : 0;
}

static int list_dir(const char *path, py_dirlist *list)
{
    vfs_dir_t *d;
    int r = file_opendir(path, &d);
    if (r < 0)
        return r;
    struct vfs_dirent ent;
    while ((r = vfs_readdir(d, &ent)) > 0)
        list->add(list->arg, ent.name);
    vfs_closedir(d);
    return r < 0 ? r : 0;
}

static int stat_path(const char *path, py_stat *out)
{
    struct vfs_stat st;
    int r = file_stat(path, &st);
    if (r == 0) {
        out->mode = st.type == VFS_DIR ? 0040755 : 0100644;
        out->size = st.size;
        out->mtime = st.mtime;
    }
    return r;
}

static int statvfs_path(const char *path, py_statvfs *out)
{
    struct vfs_statfs st;
    int r = file_statfs(path, &st);
    if (r == 0)
        *out = (py_statvfs){ st.block_size, st.blocks_total, st.blocks_free, st.read_only != NULL };
    return r;
}

/* os.chdir: the program's own working directory (a program is a process of its own) */
static int change_dir(proc_t *p, const char *path)
{
    char abs[VFS_PATH_MAX];
    int r = vfs_resolve(p->cwd, path, abs, sizeof abs);
    if (r == 0 && (r = file_is_dir(abs)) == 1)
        str_copy(p->cwd, abs, sizeof p->cwd);
    return r == 1 ? 0 : r == 0 ? ERR_NOTDIR : r;
}

static int io_fs(void *ctx, int op, const char *path, const char *path2, void *out)
{
    proc_t *p = proc_of(ctx);
    int r;
    switch (op) {
    case PY_FS_LISTDIR: r = list_dir(path, out); break;
    case PY_FS_MKDIR: r = file_mkdir(path); break;
    case PY_FS_RMDIR: r = file_rmdir(path); break;
    case PY_FS_REMOVE: r = file_unlink(path); break;
    case PY_FS_RENAME: r = file_rename(path, path2); break;
    case PY_FS_STAT: r = stat_path(path, out); break;
    case PY_FS_GETCWD: str_copy(out, p->cwd, 256); r = 0; break;
    case PY_FS_CHDIR: r = change_dir(p, path); break;
    case PY_FS_STATVFS: r = statvfs_path(path, out); break;
    default: r = ERR_NOTSUP;
    }
    return r < 0 ? errno_of(r) : 0;
}

/* ---- _thread: a thread of a program is a process under it (ps shows it; a kill or hold of
 * the program reaches it), with a thread of the stack Python programs get ---- */

struct thread_start {
    proc_t *proc;
    void (*run)(void *);
    void *arg;
};

static void python_thread(void *arg)
{
    struct thread_start start = *(struct thread_start *)arg;
    free(arg);
    start.proc->thread_id = hal_thread_id();
    proc_set_current(start.proc);
    start.run(start.arg);
    proc_end(start.proc);
}

static int io_thread_start(void *ctx, void (*run)(void *), void *arg, uintptr_t *id)
{
    proc_t *program = proc_of(ctx);
    proc_t *p = proc_new(program->cmdline, program);
    struct thread_start *start = p ? malloc(sizeof *start) : NULL;
    if (!start) {
        proc_end(p);
        return -1;
    }
    *start = (struct thread_start){ p, run, arg };
    p->stack_size = shell_python_stack();
    if (hal_thread_start(python_thread, start, p->stack_size, id) < 0) {
        free(start);
        proc_end(p);
        return -1;
    }
    return 0;
}

struct threads_of {
    proc_t *program;
    int pids[PROC_MAX], count;
};

static void note_thread(proc_t *p, void *ctx)
{
    struct threads_of *t = ctx;
    if (p->parent == t->program && t->count < PROC_MAX)
        t->pids[t->count++] = p->pid;
}

void shell_python_stop_threads(void *ctx)
{
    struct threads_of t = { proc_of(ctx), { 0 }, 0 };
    proc_each(note_thread, &t);         /* under the table's lock: kill after */
    for (int i = 0; i < t.count; i++)
        proc_kill(t.pids[i]);
}

void shell_python_wait_threads(void *ctx)
{
    struct threads_of t = { proc_of(ctx), { 0 }, 0 };
    proc_each(note_thread, &t);
    for (int i = 0; i < t.count; i++)
        proc_wait_end(t.pids[i]);
}

py_io shell_python_io(struct host *p)
{
    py_io io = { .write = io_write, .readline = io_readline, .poll = io_poll,
                 .read_file = io_read_file, .clock = io_clock, .sleep = io_sleep,
                 .fopen = io_fopen, .fread = io_fread, .fwrite = io_fwrite,
                 .fclose = io_fclose, .fseek = io_fseek, .remove = io_remove, .fs = io_fs,
                 .modules = shell_python_modules, .thread_start = io_thread_start,
                 .net = board_network ? board_network() : NULL, .ctx = p };
    return io;
}

/* A Python call runs inside the caller's interpreter loop, on the value stack (in the
 * program's heap), so the recursion limit is CPython's and a pure Python recursion ends at
 * it or at the value stack's end. What still recurses in C (a function with a try block, a
 * generator, a special method called by a builtin, exec) checks the C stack it may use below
 * where it is entered, so a deep one is a RecursionError, never an overflow. The margin is
 * for the deepest excursion that checks nothing on its way (a builtin formatting a number,
 * the compiler that eval runs): an eighth of the stack, at least 4 KB. */
void shell_python_fit_stack(py_vm *vm, size_t stack)
{
    size_t margin = stack / 8 > 4096 ? stack / 8 : 4096;
    vm->max_depth = 1000;
    py_set_cstack_size(vm, stack > margin ? stack - margin : stack / 2);
}

struct call {
    proc_t *proc;
    int (*fn)(void *);
    void *arg;
    int status, done;
    hal_mutex_t *lock;
    hal_cond_t *ended;
};

static void call_thread(void *arg)
{
    struct call *c = arg;
    proc_set_current(c->proc);
    int status = c->fn(c->arg);
    hal_mutex_lock(c->lock);
    c->status = status;
    c->done = 1;
    hal_cond_broadcast(c->ended);
    hal_mutex_unlock(c->lock);
}

int shell_python_call(proc_t *p, int (*fn)(void *), void *arg)
{
    size_t stack = shell_python_stack();
    if (p->stack_size >= stack)
        return fn(arg);
    struct call c = { p, fn, arg, -1, 0, hal_mutex_new(), hal_cond_new() };
    if (c.lock && c.ended && hal_thread_start(call_thread, &c, stack, NULL) == 0) {
        p->stack_size = stack;          /* its memory, as ps -m shows it */
        hal_mutex_lock(c.lock);
        while (!c.done)                 /* not a stop point: the program stops on its own */
            hal_cond_wait(c.ended, c.lock, 1000);
        hal_mutex_unlock(c.lock);
        p->stack_size = 0;
    }
    if (c.lock)
        hal_mutex_free(c.lock);
    if (c.ended)
        hal_cond_free(c.ended);
    return c.status;
}

#endif
