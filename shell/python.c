/* Python programs as processes: the py_io that connects an interpreter (py/py.h) to the
 * process running it. Its output and input are the process's streams, its files go through
 * kernel/files.h (so they follow the cwd and the change guard and are closed when the process
 * ends), its arena is the process's memory (proc_alloc: `ps -m` counts it, a kill frees it),
 * and the interpreter's poll is a hold and stop point: held, it waits; stopped by Ctrl-C it
 * raises KeyboardInterrupt; stopped by kill it ends the program. */
#include "shell/python.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/config.h"
#include "kernel/env.h"
#include "kernel/sysdata.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

#ifdef UPYOS_PYTHON
#include "hal/board.h"
#include "hal/thread.h"
#include "hal/time.h"
#include "py/py.h"
#include "shell/exec.h"
#include "shell/shell.h"
#include "shell/session.h"

/* What the io calls act for: the process running the program or the line, and whether its
 * files outlive that process (a session's lines keep one namespace across processes). */
struct host {
    proc_t *proc;
    int session_files;
};

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
    default: r = ERR_NOTSUP;
    }
    return r < 0 ? errno_of(r) : 0;
}

static py_io io_for(struct host *p)
{
    py_io io = { .write = io_write, .readline = io_readline, .poll = io_poll,
                 .read_file = io_read_file, .clock = io_clock, .sleep = io_sleep,
                 .fopen = io_fopen, .fread = io_fread, .fwrite = io_fwrite,
                 .fclose = io_fclose, .fseek = io_fseek, .remove = io_remove, .fs = io_fs,
                 .ctx = p };
    return io;
}

/* ---- the `proc` global ---- */

/* _status(pid): the process's status letter, as upyOS's proc.sts reads it */
static pv status_of(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "sts");
    char letter[2] = { 'S', 0 };
    proc_lock();
    proc_t *p = proc_find((int)py_int_val(a[0]));
    if (p)
        letter[0] = p->status;
    proc_unlock();
    return py_str_cstr(letter);
}

static const char proc_class[] =
    "class proc:\n"
    "    def __init__(self, pid, cmd, args, stt):\n"
    "        self.pid = pid; self.tid = pid; self.cmd = cmd; self.args = args; self.stt = stt\n"
    "    @property\n"
    "    def sts(self):\n"
    "        return _status(self.pid)\n"
    "    def __repr__(self):\n"
    "        return f'<proc {self.pid} {self.cmd}>'\n";

/* Sets the program's global `proc`: pid, tid, cmd, args, stt and a live sts. Its class
 * lives in a namespace of its own, so the program's globals get only the name `proc`. */
struct program {
    proc_t *proc;
    const char *cmd;        /* the word that named it */
};

static void add_proc_global(pv globals, void *arg)
{
    struct program *prog = arg;
    pv ns = py_dict_new();
    py_dict_set(ns, py_intern("_status", 7), py_builtin_new(Q_get, status_of, PV_NULL));
    py_code *code = py_compile(proc_class, sizeof proc_class - 1, py_str_cstr("<proc>"),
                               PY_MODE_FILE);
    py_vm_run_code(code, ns, PV_NULL);
    pv args = py_list_new(0);
    pv sys_argv = py_cur->argv;
    for (size_t i = 1; i < LIST(sys_argv)->len; i++)
        py_list_append(args, LIST(sys_argv)->items[i]);
    pv fields[4] = { py_new_int(prog->proc->pid), py_str_cstr(prog->cmd), args,
                     py_new_int(prog->proc->start_rtc) };
    py_dict_set(globals, py_intern("proc", 4), py_call(py_dict_get_str(ns, "proc"), 4, fields,
                                                       PV_NULL));
}

/* ---- running a program ---- */

size_t shell_python_heap(void)
{
    config_lock();
    const struct json *heap = json_get(config_root(), "pyheap");
    size_t bytes = heap && heap->type == JSON_NUMBER && heap->num >= 4096 && heap->num < 1e9
                       ? (size_t)heap->num : UPYOS_PY_HEAP;
    config_unlock();
    return bytes;
}

size_t shell_python_stack(void)
{
    return UPYOS_PY_STACK;
}

int shell_is_python(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".py") == 0;
}

/* The interpreter calls itself on the C stack for each Python call: its depth limit is what
 * the program's thread holds (less a margin for compiling and the builtins), so a deep
 * recursion is a RecursionError, never an overflow. */
static int depth_for(size_t stack)
{
    size_t margin = stack / 8, levels = (stack - margin) / UPYOS_PY_FRAME_STACK;
    return levels > 1000 ? 1000 : levels < 20 ? 20 : (int)levels;
}

static int run_program(proc_t *p, const char *path, int argc, char **argv)
{
    size_t size = shell_python_heap();
    void *arena = proc_alloc(size);
    if (!arena)
        return proc_error(p, argv[0], "not enough memory for a %u-byte Python heap",
                          (unsigned)size);
    struct host host = { p, 0 };
    py_io io = io_for(&host);
    py_vm *vm = py_new(arena, size, &io);
    if (!vm) {
        proc_free(arena);
        return proc_error(p, argv[0], "Python heap too small (pyheap %u)", (unsigned)size);
    }
    vm->max_depth = depth_for(shell_python_stack());
    char *args[SHELL_PY_ARGS_MAX + 1];
    int n = 0;
    args[n++] = (char *)path;          /* sys.argv[0] is the program's path, as in Python */
    for (int i = 1; i < argc && n < SHELL_PY_ARGS_MAX; i++)
        args[n++] = argv[i];
    struct program prog = { p, argv[0] };
    int status = py_run_program(vm, path, n, args, add_proc_global, &prog);
    py_destroy(vm);
    proc_free(arena);
    return status;
}

/* A foreground program runs in a thread of its own, of the stack Python programs get, while
 * the shell's thread waits for it: the stack the caller's thread has left is not known. */
struct foreground {
    proc_t *proc;
    const char *path;
    int argc;
    char **argv;
    int status, done;
    hal_mutex_t *lock;
    hal_cond_t *ended;
};

static void foreground_thread(void *arg)
{
    struct foreground *f = arg;
    proc_set_current(f->proc);
    int status = run_program(f->proc, f->path, f->argc, f->argv);
    hal_mutex_lock(f->lock);
    f->status = status;
    f->done = 1;
    hal_cond_broadcast(f->ended);
    hal_mutex_unlock(f->lock);
}

static int run_in_thread(proc_t *p, const char *path, int argc, char **argv)
{
    struct foreground f = { p, path, argc, argv, 1, 0, hal_mutex_new(), hal_cond_new() };
    int started = f.lock && f.ended &&
                  hal_thread_start(foreground_thread, &f, shell_python_stack(), NULL) == 0;
    if (started) {
        p->stack_size = shell_python_stack();   /* its memory, as ps -m shows it */
        hal_mutex_lock(f.lock);
        while (!f.done)                 /* not a stop point: the program stops on its own */
            hal_cond_wait(f.ended, f.lock, 1000);
        hal_mutex_unlock(f.lock);
        p->stack_size = 0;
    } else {
        proc_error(p, argv[0], "cannot start a thread for it");
    }
    if (f.lock)
        hal_mutex_free(f.lock);
    if (f.ended)
        hal_cond_free(f.ended);
    return f.status;
}

int shell_run_python(proc_t *p, const char *path, int argc, char **argv)
{
    /* a background job or a pipeline stage already has a thread of that stack (stack_for) */
    if (p->stack_size >= shell_python_stack())
        return run_program(p, path, argc, argv);
    return run_in_thread(p, path, argc, argv);
}

/* ---- `<` and `>` lines: one namespace per session ---- */

/* The C stack a line may use: it runs in the thread of the shell that reads it. */
#define LINE_STACK (256 * 1024)

struct session_python {
    struct host host;           /* the process running the current line */
    py_vm *vm;
};

/* The shell's typed variables as Python values, and back */
static pv python_value(const struct value *v)
{
    switch (v->type) {
    case VAL_STR: return py_str_cstr(v->u.s);
    case VAL_INT: return py_new_int(v->u.i);
    case VAL_FLOAT: return py_float_new(v->u.f);
    case VAL_BOOL: return PV_BOOL(v->u.b);
    default: return PV_NONE;
    }
}

static struct value shell_value(pv o)
{
    if (o == PV_TRUE || o == PV_FALSE)
        return value_bool(o == PV_TRUE);
    if (py_is_int(o))
        return value_int(py_int_val(o));
    if (IS(o, py_float_type))
        return value_float(py_to_double(o));
    return value_str(py_str_data(py_str_of(o)));
}

/* getenv(name[, default]): the variable's value, default (None) when it is not set */
static pv bi_getenv(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 2, "getenv");
    struct value v;
    if (env_get(py_str_data(py_str_of(a[0])), &v) < 0)
        return n == 2 ? a[1] : PV_NONE;
    pv o = python_value(&v);
    value_free(&v);
    return o;
}

/* setenv(name, value): an int, float, bool or str variable (anything else as its str) */
static pv bi_setenv(int n, pv *a, pv kw)
{
    py_argcheck(n, 2, 2, "setenv");
    struct value v = shell_value(a[1]);
    int r = v.type == VAL_NONE ? ERR_NOMEM : env_set(py_str_data(py_str_of(a[0])), &v);
    value_free(&v);
    if (r < 0)
        py_raisef(&py_ValueError_type, "setenv(): %s", err_str(r));
    return PV_NONE;
}

static int gpio_pin(pv v, const char *fn)
{
    int64_t pin = py_int_val(v);
    if (!py_is_int(v) || pin < 0 || pin >= hal_gpio_count())
        py_raisef(&py_ValueError_type, "%s(): no GPIO %s", fn, py_str_data(py_repr(v)));
    return (int)pin;
}

static pv bi_gpio_read(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "gpio_read");
    int pin = gpio_pin(a[0], "gpio_read"), v = hal_gpio_read(pin);
    if (v < 0)
        py_raisef(&py_OSError_type, "gpio_read(): cannot read GPIO %d", pin);
    return py_new_int(v);
}

static pv bi_gpio_write(int n, pv *a, pv kw)
{
    py_argcheck(n, 2, 2, "gpio_write");
    int pin = gpio_pin(a[0], "gpio_write");
    hal_gpio_mode(pin, HAL_PIN_OUTPUT);
    if (hal_gpio_write(pin, py_truth(a[1])) < 0)
        py_raisef(&py_OSError_type, "gpio_write(): cannot write GPIO %d", pin);
    return PV_NONE;
}

/* _sysdata(): the fixed facts as a dict; _sysdata(True[, value]): sdata.debug, read or set */
static pv bi_sysdata(int n, pv *a, pv kw)
{
    if (n == 2)
        sysdata.debug = py_truth(a[1]);
    if (n >= 1)
        return PV_BOOL(sysdata.debug);
    pv d = py_dict_new();
    const char *text[][2] = { { "name", sysdata.name }, { "version", sysdata.version },
                              { "sid", sysdata.sid }, { "board", sysdata.board },
                              { "platform", sysdata.platform } };
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        py_dict_set(d, py_str_cstr(text[i][0]), py_str_cstr(text[i][1]));
    py_dict_set(d, py_str_cstr("recovery"), PV_BOOL(sysdata.recovery));
    return d;
}

/* sdata: the system's facts, a live debug flag, and any attribute a line sets (upyOS hands
 * objects from line to line this way). Its class and helper stay out of the namespace. */
static const char sdata_source[] =
    "class sdata:\n"
    "    def __init__(self, facts):\n"
    "        for k in facts: setattr(self, k, facts[k])\n"
    "    debug = property(lambda self: _sysdata(True), lambda self, v: _sysdata(True, v))\n"
    "sdata = sdata(_sysdata())\n";

/* What the time and gc modules give `<`/`>` lines without an import, as upyOS's kernel
 * namespace does. */
static const char line_source[] =
    "import gc\n"
    "from time import time, sleep, sleep_ms, sleep_us, ticks_ms, ticks_us, ticks_diff\n"
    "from gc import mem_free, mem_alloc\n";

static void run_in(pv dict, const char *src, size_t len)
{
    py_vm_run_code(py_compile(src, len, py_str_cstr("<session>"), PY_MODE_FILE), dict, PV_NULL);
}

static void add_line_globals(pv globals, void *arg)
{
    py_dict_set(globals, py_intern("getenv", 6), py_builtin_new(Q_get, bi_getenv, PV_NULL));
    py_dict_set(globals, py_intern("setenv", 6), py_builtin_new(Q_get, bi_setenv, PV_NULL));
    py_dict_set(globals, py_intern("gpio_read", 9), py_builtin_new(Q_get, bi_gpio_read, PV_NULL));
    py_dict_set(globals, py_intern("gpio_write", 10),
                py_builtin_new(Q_get, bi_gpio_write, PV_NULL));
    pv ns = py_dict_new();
    py_dict_set(ns, py_intern("_sysdata", 8), py_builtin_new(Q_get, bi_sysdata, PV_NULL));
    run_in(ns, sdata_source, sizeof sdata_source - 1);
    py_dict_set(globals, py_intern("sdata", 5), py_dict_get_str(ns, "sdata"));
    run_in(globals, line_source, sizeof line_source - 1);
}

/* The process that holds shell sh, from self up through the processes it runs under. */
static proc_t *holder_of(proc_t *self, struct shell *sh)
{
    for (proc_t *p = self; p; p = p->parent)
        for (struct shell *s = shell_own(p); s; s = s->outer)
            if (s == sh)
                return p;
    return self;
}

/* The session's interpreter, made at its first line; its arena is the session process's
 * memory. NULL (with the reason printed) when there is no memory for it. */
static struct session_python *session_python(proc_t *self)
{
    struct shell *sh = shell_session(self);
    if (sh->python)
        return sh->python;
    size_t size = shell_python_heap();
    proc_t *caller = proc_current();
    proc_set_current(holder_of(self, sh));     /* owned by the session, not by this line */
    struct session_python *sp = proc_alloc(sizeof *sp + size);
    proc_set_current(caller);
    if (!sp) {
        proc_error(self, "sh", "not enough memory for a %u-byte Python heap", (unsigned)size);
        return NULL;
    }
    sp->host = (struct host){ self, 1 };
    py_io io = io_for(&sp->host);
    if (!(sp->vm = py_new(sp + 1, size, &io))) {
        proc_free(sp);
        proc_error(self, "sh", "Python heap too small (pyheap %u)", (unsigned)size);
        return NULL;
    }
    sp->vm->max_depth = depth_for(LINE_STACK);
    sh->python = sp;
    return sp;
}

void shell_python_end(struct shell *sh)
{
    struct session_python *sp = sh->python;
    if (!sp)
        return;
    py_destroy(sp->vm);          /* closes the files lines left open */
    proc_free(sp);
    sh->python = NULL;
}

int shell_is_line(const char *line)
{
    return (line[0] == '<' || line[0] == '>') && (line[1] == ' ' || line[1] == '\t' ||
                                                 line[1] == '\0');
}

/* The Python source of a line: upyOS turns the two characters \n into a newline first, so
 * one line holds a small block; `< args` is print(args). */
static char *line_source_of(const char *line, size_t *len)
{
    const char *text = line + 1;
    while (*text == ' ' || *text == '\t')
        text++;
    char *src = malloc(strlen(text) + 16), *out = src;
    if (!src)
        return NULL;
    if (line[0] == '<')
        out += sprintf(out, "print(");
    for (; *text; text++) {
        if (text[0] == '\\' && text[1] == 'n') {
            *out++ = '\n';
            text++;
        } else {
            *out++ = *text;
        }
    }
    if (line[0] == '<')
        out += sprintf(out, "\n)");
    *out++ = '\n';
    *len = (size_t)(out - src);
    return src;
}

/* Only a line typed at the prompt has the terminal: Ctrl-C then interrupts it. */
static int line_owns_terminal(proc_t *self)
{
    struct shell *sh = shell_own(self);
    return self->tty && sh && sh->editor;
}

int shell_python_line(proc_t *self, const char *line)
{
    struct session_python *sp = session_python(self);
    if (!sp)
        return 1;
    size_t len;
    char *src = line_source_of(line, &len), err[160];
    if (!src)
        return proc_error(self, "sh", "out of memory");
    int give_tty = line_owns_terminal(self);
    if (give_tty)
        tty_set_foreground(self->tty, self->pid);
    sp->host.proc = self;
    int status = py_run_line(sp->vm, src, len, "<stdin>", add_line_globals, NULL, err,
                             sizeof err);
    if (give_tty) {
        tty_set_foreground(self->tty, 0);
        proc_take_interrupt();      /* a Ctrl-C that came as the line ended stops nothing */
    }
    free(src);
    if (err[0])
        shell_syntax_error(self, err);
    return status;
}

#else /* no Python in this build */

size_t shell_python_heap(void)
{
    return 0;
}

size_t shell_python_stack(void)
{
    return 0;
}

int shell_is_python(const char *path)
{
    (void)path;
    return 0;
}

int shell_run_python(proc_t *p, const char *path, int argc, char **argv)
{
    (void)path;
    (void)argc;
    return proc_error(p, argv[0], "this build has no Python");
}

void shell_python_end(struct shell *sh)
{
    (void)sh;
}

#endif
