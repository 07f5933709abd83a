/* Python programs as processes: a `.py` file run as a command gets an interpreter whose
 * arena is the process's memory (proc_alloc: `ps -m` counts it, a kill frees it) and whose
 * io is the process's (shell/python_io.c), with upyOS's program model: the module body, then
 * __main__(args), with the global `proc`. */
#include "shell/python.h"

#include <string.h>

#include "kernel/config.h"

#ifdef UPYOS_PYTHON
#include "shell/python_io.h"

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
    return config_size("pyheap", 4096, 1000000000, UPYOS_PY_HEAP);
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


static int run_program(proc_t *p, const char *path, int argc, char **argv)
{
    size_t size = shell_python_heap();
    void *arena = proc_alloc(size);
    if (!arena)
        return proc_error(p, argv[0], "not enough memory for a %u-byte Python heap",
                          (unsigned)size);
    struct host host = { p, 0 };
    py_io io = shell_python_io(&host);
    py_vm *vm = py_new(arena, size, &io);
    if (!vm) {
        proc_free(arena);
        return proc_error(p, argv[0], "Python heap too small (pyheap %u)", (unsigned)size);
    }
    shell_python_fit_stack(vm, shell_python_stack());
    char *args[SHELL_PY_ARGS_MAX + 1];
    int n = 0;
    args[n++] = (char *)path;          /* sys.argv[0] is the program's path, as in Python */
    for (int i = 1; i < argc && n < SHELL_PY_ARGS_MAX; i++)
        args[n++] = argv[i];
    struct program prog = { p, argv[0] };
    int status = py_run_program(vm, path, n, args, add_proc_global, &prog);
    py_threads_end(vm, shell_python_stop_threads, &host);   /* they end with the program */
    shell_python_wait_threads(&host);
    py_destroy(vm);
    proc_free(arena);
    return status;
}

struct program_call {
    proc_t *proc;
    const char *path;
    int argc;
    char **argv;
};

static int program_call(void *arg)
{
    struct program_call *c = arg;
    return run_program(c->proc, c->path, c->argc, c->argv);
}

int shell_run_python(proc_t *p, const char *path, int argc, char **argv)
{
    struct program_call c = { p, path, argc, argv };
    int status = shell_python_call(p, program_call, &c);
    if (status < 0)
        return proc_error(p, argv[0], "cannot start a thread for it");
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

#endif
