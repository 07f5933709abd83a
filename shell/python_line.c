/* `<` and `>` lines on the Python interpreter: one namespace per session (the outermost
 * shell), made at its first line in an arena that is the session process's memory, with
 * what upyOS's kernel namespace gives its lines (getenv/setenv for the shell's variables,
 * sdata and utls (shell/python_modules.c), GPIO, the time functions). */
#include "shell/python.h"

#include "shell/exec.h"

#ifdef UPYOS_PYTHON
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/board.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "shell/python_io.h"
#include "shell/session.h"
#include "shell/shell.h"

/* The C stack a line may use in the thread of the shell that reads it (the port's
 * UPYOS_PY_LINE_STACK); 0 where that thread is too small for the interpreter (an MCU's
 * shell has a few KB): a line then runs on a thread with a program's stack. */
#define LINE_STACK UPYOS_PY_LINE_STACK

struct session_python {
    struct host host;           /* the process running the current line */
    py_vm *vm;
};

static int gpio_pin(pv v, const char *fn)
{
    int64_t pin = py_is_int(v) ? py_int_val(v) : -1;
    if (pin < 0 || pin >= hal_gpio_count())
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

/* What sdata, utls and the time and gc modules give `<`/`>` lines without an import, as
 * upyOS's kernel namespace does. */
static const char line_source[] =
    "import gc, sdata, utls\n"
    "from utls import getenv, setenv\n"
    "from time import time, sleep, sleep_ms, sleep_us, ticks_ms, ticks_us, ticks_diff\n"
    "from gc import mem_free, mem_alloc\n";

static void run_in(pv dict, const char *src, size_t len)
{
    py_vm_run_code(py_compile(src, len, py_str_cstr("<session>"), PY_MODE_FILE), dict, PV_NULL);
}

static void add_line_globals(pv globals, void *arg)
{
    py_dict_set(globals, py_intern("gpio_read", 9), py_builtin_new(Q_get, bi_gpio_read, PV_NULL));
    py_dict_set(globals, py_intern("gpio_write", 10),
                py_builtin_new(Q_get, bi_gpio_write, PV_NULL));
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
    py_io io = shell_python_io(&sp->host);
    io.thread_start = NULL;     /* a line runs and returns: no thread outlives it */
    if (!(sp->vm = py_new(sp + 1, size, &io))) {
        proc_free(sp);
        proc_error(self, "sh", "Python heap too small (pyheap %u)", (unsigned)size);
        return NULL;
    }
    shell_python_fit_stack(sp->vm, LINE_STACK ? LINE_STACK : shell_python_stack());
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

struct line_call {
    py_vm *vm;
    const char *src;
    size_t len;
    char *err;
    size_t err_size;
};

static int run_line(void *arg)
{
    struct line_call *c = arg;
    return py_run_line(c->vm, c->src, c->len, "<stdin>", add_line_globals, NULL, c->err,
                       c->err_size);
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
    struct line_call c = { sp->vm, src, len, err, sizeof err };
    int status = LINE_STACK ? run_line(&c) : shell_python_call(self, run_line, &c);
    if (status < 0) {
        status = 1;
        snprintf(err, sizeof err, "cannot start a thread for the line");
    }
    if (give_tty) {
        tty_set_foreground(self->tty, 0);
        proc_take_interrupt();      /* a Ctrl-C that came as the line ended stops nothing */
    }
    free(src);
    if (err[0])
        shell_syntax_error(self, err);
    return status;
}

#else /* no Python in this build: the lines are still known, and say so */

void shell_python_end(struct shell *sh)
{
    (void)sh;
}

int shell_python_line(proc_t *self, const char *line)
{
    (void)line;
    return shell_syntax_error(self, "this build has no Python");
}

#endif

int shell_is_line(const char *line)
{
    return (line[0] == '<' || line[0] == '>') && (line[1] == ' ' || line[1] == '\t' ||
                                                 line[1] == '\0');
}
