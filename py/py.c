/* Interpreter set-up, the GC's roots, tracebacks, and running a program as __main__. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "py/py.h"
#include "py/mod/mod.h"

void py_mark_roots(py_vm *vm) {
    gc_heap *h = vm->heap;
    gc_mark(h, vm->exc); gc_mark(h, vm->builtins); gc_mark(h, vm->modules); gc_mark(h, vm->interned);
    gc_mark(h, vm->main_dict); gc_mark(h, vm->sys_path); gc_mark(h, vm->argv); gc_mark(h, vm->handling);
    gc_mark(h, vm->memerr); gc_mark(h, vm->struct_error); gc_mark(h, vm->re_error); gc_mark_ptr(h, vm->repr_stack);
    gc_mark(h, vm->events); gc_mark(h, vm->asyncio); gc_mark(h, vm->iter_return);
    py_threads_mark(vm);
    for (int i = 0; i < 8; i++) gc_mark(h, vm->stack_roots[i]);
    for (pv *p = vm->stack_top; p < vm->stack_end; p++) gc_mark(h, *p);
    /* frames on the C stack are found by the conservative scan; their slots are on vm->stack
     * or in a generator's heap block */
    for (py_frame *f = vm->frame; f; f = f->back) {
        gc_mark(h, (pv)f->code); gc_mark(h, (pv)f->func); gc_mark(h, f->globals); gc_mark(h, f->locals);
        if (f->slots < vm->stack_top || f->slots >= vm->stack_end) gc_mark_ptr(h, f->slots);
    }
}

static void write_s(int fd, const char *s, size_t n) {
    py_vm *vm = py_cur;
    if (vm->io.write) vm->io.write(vm->io.ctx, fd, s, n);
}
static void write_v(int fd, pv s) { write_s(fd, py_str_data(s), py_str_len(s)); }
static void write_c(int fd, const char *s) { write_s(fd, s, strlen(s)); }

static void print_one(pv exc) {
    py_exc *e = (py_exc *)exc;
    if (e->tb && IS(e->tb, py_list_type) && LIST(e->tb)->len) {
        write_c(2, "Traceback (most recent call last):\n");
        py_list *l = LIST(e->tb);
        for (size_t i = l->len; i >= 2; i -= 2) {
            py_code *c = (py_code *)l->items[i - 2];
            write_v(2, py_strf("  File \"%s\", line %d, in %s\n", c->filename ? py_str_data(c->filename) : "?", (int)SMALL(l->items[i - 1]), py_str_data(c->name)));
        }
    }
    const py_type *t = TYPE(exc);
    pv name = t->name ? t->name : py_str_cstr(t->cname);   /* a module's class: with its module */
    if (t->flags & TF_USER && t->dict) {
        pv mod = py_dict_get(t->dict, QS(__module__));
        if (mod && IS(mod, py_str_type) && strcmp(py_str_data(mod), "__main__") && strcmp(py_str_data(mod), "builtins"))
            name = py_strf("%s.%s", py_str_data(mod), py_str_data(name));
    }
    if (py_isinstance(exc, &py_SyntaxError_type) && e->dict) {
        pv file = py_dict_get(e->dict, QS(filename)), line = py_dict_get(e->dict, QS(lineno));
        if (file && line) write_v(2, py_strf("  File \"%s\", line %d\n", py_str_data(py_str_of(file)), (int)SMALL(line)));
    }
    pv msg;
    py_try t2;
    py_try_begin(&t2);
    if (setjmp(t2.j.buf) == 0) {
        msg = py_str_of(exc);
        py_try_end(&t2);
    } else {
        py_try_catch(&t2);
        msg = py_str_cstr("<exception str() failed>");
    }
    write_v(2, name);
    if (py_str_len(msg)) { write_c(2, ": "); write_v(2, msg); }
    write_c(2, "\n");
}

/* The exception printed before exc's traceback: its cause, else the one it was raised while
 * handling (its context); none after `raise ... from None`, which sets the cause to None. */
static pv chained_before(pv exc) {
    py_exc *e = (py_exc *)exc;
    pv c = e->cause ? e->cause : e->context;
    return c && c != PV_NONE && py_isinstance(c, &py_BaseException_type) ? c : PV_NULL;
}
static pv chain_at(pv exc, size_t i) {
    while (i--) exc = chained_before(exc);
    return exc;
}
static bool chain_holds(pv exc, size_t n, pv c) {
    for (size_t i = 0; i < n; i++, exc = chained_before(exc)) if (exc == c) return true;
    return false;
}

/* The whole chain, oldest first as CPython prints it. The chain is walked again for each
 * link instead of being collected, so printing needs no memory even when the heap is full;
 * an exception met a second time ends it (a cycle through __context__ or __cause__). */
void py_print_exc(pv exc) {
    size_t n = 1;
    for (pv c = chained_before(exc); c && !chain_holds(exc, n, c); c = chained_before(c)) n++;
    for (size_t i = n; i-- > 0;) {
        print_one(chain_at(exc, i));
        if (i == 0) break;
        write_c(2, ((py_exc *)chain_at(exc, i - 1))->cause
                ? "\nThe above exception was the direct cause of the following exception:\n\n"
                : "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
}

/* The builtins and predefined names; false when the arena is too small even for them. */
static bool init_objects(py_vm *vm) {
    py_jmp init;
    init.prev = NULL;
    init.frame = NULL;
    vm->jmp = &init;
    if (setjmp(init.buf)) {
        vm->jmp = NULL;
        gc_unlock(vm->heap);
        return false;
    }
    gc_lock(vm->heap);
    vm->interned = py_dict_new();    /* names beyond the predefined ones (py/qstr.h) */
    vm->modules = py_dict_new();
    py_builtins_init();
    vm->sys_path = py_list_new(0);
    vm->argv = py_list_new(0);
    vm->memerr = py_exc_new(&py_MemoryError_type, PV_NULL);
    ((py_exc *)vm->memerr)->tb = py_list_new(16);     /* room for 8 frames of its traceback */
    LIST(((py_exc *)vm->memerr)->tb)->len = 0;
    gc_unlock(vm->heap);
    vm->jmp = NULL;
    return true;
}

py_vm *py_new(void *arena, size_t size, const py_io *io) {
    uint8_t *p = (uint8_t *)(((uintptr_t)arena + 15) & ~(uintptr_t)15);
    /* room for the state and a little heap; when the start-up objects do not fit, init fails */
    if (size < (size_t)(p - (uint8_t *)arena) + sizeof(py_vm) + 1024) return NULL;
    size -= (size_t)(p - (uint8_t *)arena);
    py_vm *vm = (py_vm *)p;
    memset(vm, 0, sizeof *vm);
    size_t off = (sizeof *vm + 15) & ~(size_t)15;
    /* the value stack: at the arena's top end, growing down into the heap's room, up to an
     * eighth of the arena (at most 512 KB); that much is its own at first */
    size_t stack_bytes = size / 8;
    if (stack_bytes > 512 * 1024) stack_bytes = 512 * 1024;
    vm->io = *io;
    vm->max_depth = 1000;
    vm->poll_count = vm->poll_period = PY_POLL_PERIOD;
    void *outer = py_enter(vm);
    int here;
    vm->cstack_top = &here;
    vm->heap = gc_init(p + off, size - off);
    vm->stack_end = vm->stack_top = vm->main_stack_end = (pv *)gc_end(vm->heap);
    vm->stack_floor = vm->stack_end - stack_bytes / sizeof(pv);
    gc_lower_end(vm->heap, vm->stack_floor);
    vm->stack = (pv *)gc_end(vm->heap);
    bool ok = init_objects(vm);
    vm->cstack_top = NULL;
    py_leave(outer);
    return ok ? vm : NULL;
}

void py_stack_grow(py_vm *vm, pv *want) {
    if (vm->stack_end != vm->main_stack_end || want < vm->stack_floor)
        py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded");
    if (!gc_lower_end(vm->heap, want)) py_raise(vm->memerr);
    vm->stack = (pv *)gc_end(vm->heap);
}

/* What the heap leaves below the stack's top when it borrows: after a MemoryError a program
 * can still call a few functions deeper (a handler, a logger; a call's frame record is on the
 * value stack too, 13-15 words besides its slots), and a deeper call raises MemoryError as the
 * stack cannot grow (py_stack_grow). 128 words, but at most a quarter of the stack's own room:
 * each word is a word more of arena for the smallest programs, and 128 put the idle two-task
 * asyncio program over 6 KB (its stack's room is 192 words). */
static ptrdiff_t stack_reserve(const py_vm *vm) {
    ptrdiff_t quarter = (vm->main_stack_end - vm->stack_floor) / 4;
    return quarter < 32 ? 32 : quarter > 128 ? 128 : quarter;
}

bool py_stack_lend(py_vm *vm) {
    /* while threads run, the program's stack may be another's turn: it keeps its room */
    if (vm->threads || vm->stack_end != vm->main_stack_end) return false;
    ptrdiff_t reserve = stack_reserve(vm);
    if (vm->stack_top - vm->stack <= reserve) return false;
    if (!gc_raise_end(vm->heap, vm->stack_top - reserve)) return false;
    vm->stack = (pv *)gc_end(vm->heap);
    return true;
}

py_vm *py_create(size_t size, const py_io *io) {
    void *arena = malloc(size);
    if (!arena) return NULL;
    py_vm *vm = py_new(arena, size, io);
    if (!vm) { free(arena); return NULL; }
    vm->arena = arena;
    return vm;
}

void py_set_cstack_size(py_vm *vm, size_t bytes) { vm->cstack_size = bytes; }

static void close_if_file(pobj *o, void *arg) { py_file_release(arg, o); }

void py_destroy(py_vm *vm) {
    if (!vm) return;
    py_events_end(vm);
    /* files still open hold the embedder's handles: give them back; everything else is in
     * the arena */
    gc_each_object(vm->heap, close_if_file, vm);
    if (vm->arena) free(vm->arena);
}

void *py_enter(py_vm *vm) {
    void *outer = hal_thread_get_runtime();
    hal_thread_set_runtime(vm);
    return outer;
}

void py_leave(void *outer) { hal_thread_set_runtime(outer); }

void py_set_gc_stress(py_vm *vm, unsigned every) { gc_set_stress(vm->heap, every); }
size_t py_heap_used(py_vm *vm) { return gc_used(vm->heap); }
size_t py_heap_peak(py_vm *vm) { return gc_peak(vm->heap); }
size_t py_heap_size(py_vm *vm) { return gc_size(vm->heap); }

static int exit_status(pv e) {
    if (py_isinstance(e, &py_SystemExit_type)) {
        py_exc *x = (py_exc *)e;
        pv code = TUPLE(x->args)->len ? TUPLE(x->args)->items[0] : PV_NONE;
        if (code == PV_NONE) return 0;
        if (py_is_int(code)) return (int)(py_int_val(code) & 0xff);
        write_v(2, py_str_of(code));
        write_c(2, "\n");
        return 1;
    }
    py_print_exc(e);
    return 1;
}

/* How a file runs: as __main__ (py_run_file) or as an upyOS program (py_run_program). */
struct run_as {
    const char *module;       /* the module's name */
    py_init_fn init;          /* adds the embedder's globals before the body runs, or NULL */
    void *arg;
    bool call_main;           /* then __main__(args) when the module defines one */
};
static const struct run_as as_main = { "__main__", NULL, NULL, false };

static void call_main(pv d, int argc, char **argv) {
    pv fn = py_dict_get(d, QS(__main__));
    if (!fn) return;
    pv args = py_list_new(0);
    for (int i = 1; i < argc; i++) py_list_append(args, py_str_cstr(argv[i]));
    py_call1(fn, args);
}

/* What runs under a guard, and how an exception that escapes it becomes an exit status. */
struct guarded {
    void (*body)(py_vm *vm, void *ctx);
    int (*report)(py_vm *vm, pv e, void *ctx);     /* the status an escaped exception gives */
    int (*out_of_memory)(void *ctx);               /* when even reporting it runs out of memory */
    void *ctx;
};

/* Runs g->body with a jump target for exceptions; returns 0, or what g->report says of an
 * exception that escaped. The C stack above here is what the collector scans. */
static int run_guarded(py_vm *vm, const struct guarded *g) {
    int here;
    vm->cstack_top = &here;
    py_jmp top;
    top.prev = NULL;
    top.frame = NULL;
    vm->jmp = &top;
    if (setjmp(top.buf)) {
        vm->jmp = NULL;
        vm->stack_top = vm->stack_end;
        vm->frame = NULL;
        vm->depth = 0;
        /* reporting may need memory: the heap may be full, so collect first */
        pv e = vm->exc;
        vm->stack_roots[0] = e;
        gc_collect();
        py_jmp again;
        again.prev = NULL;
        again.frame = NULL;
        vm->jmp = &again;
        int st = setjmp(again.buf) ? g->out_of_memory(g->ctx) : g->report(vm, e, g->ctx);
        vm->jmp = NULL;
        vm->stack_roots[0] = PV_NULL;
        vm->cstack_top = NULL;
        return st;
    }
    g->body(vm, g->ctx);
    vm->jmp = NULL;
    vm->cstack_top = NULL;
    return 0;
}

/* A program's source and how to run it (run_module). */
struct module_run {
    const char *src;
    size_t len;
    const char *filename;
    int argc;
    char **argv;
    const struct run_as *as;
};

static void run_module(py_vm *vm, void *ctx) {
    const struct module_run *r = ctx;
    /* one string for the path: sys.argv[0] (when it is the path), __file__ and the code's
     * file name share it, since the heap holds it through the whole run */
    pv file = py_str_cstr(r->filename);
    for (int i = 0; i < r->argc; i++)
        py_list_append(vm->argv, i == 0 && !strcmp(r->argv[0], r->filename) ? file : py_str_cstr(r->argv[i]));
    /* the program's folder is searched first for imports */
    const char *slash = strrchr(r->filename, '/');
    py_list_append(vm->sys_path, slash ? py_str_new(r->filename, (size_t)(slash - r->filename)) : QS(_empty));
    py_list_append(vm->sys_path, py_str_cstr("/lib"));
    pv name = py_intern(r->as->module, strlen(r->as->module));
    pv m = py_module_new(name);
    pv d = ((py_module *)m)->dict;
    vm->main_dict = d;
    py_dict_set(d, QS(__file__), file);
    py_dict_set(vm->modules, name, m);
    if (r->as->init) r->as->init(d, r->as->arg);
    py_code *c = py_compile(r->src, r->len, file, PY_MODE_FILE);
    py_vm_run_code(c, d, PV_NULL);
    if (!r->as->call_main) return;
    /* again, as upyOS sets them after the import: a program that starts with `proc = None`
     * has its proc in __main__ */
    if (r->as->init && py_dict_get(d, QS(__main__))) r->as->init(d, r->as->arg);
    call_main(d, r->argc, r->argv);
}

static int report_program_exit(py_vm *vm, pv e, void *ctx) { return exit_status(e); }
static int program_out_of_memory(void *ctx) { write_c(2, "MemoryError\n"); return 1; }

static int run(py_vm *vm, const char *src, size_t len, const char *filename, int argc, char **argv, const struct run_as *as) {
    struct module_run r = { src, len, filename, argc, argv, as };
    struct guarded g = { run_module, report_program_exit, program_out_of_memory, &r };
    return run_guarded(vm, &g);
}

int py_run_source(py_vm *vm, const char *src, size_t len, const char *filename, int argc, char **argv) {
    void *outer = py_enter(vm);
    int st = run(vm, src, len, filename, argc, argv, &as_main);
    py_leave(outer);
    return st;
}

static int run_file(py_vm *vm, const char *path, int argc, char **argv, const struct run_as *as) {
    long n = vm->io.read_file ? vm->io.read_file(vm->io.ctx, path, NULL, 0) : -1;
    if (n < 0) {
        write_c(2, "can't open file '");
        write_c(2, path);
        write_c(2, "': [Errno 2] No such file or directory\n");
        return 2;
    }
    char *buf = gc_alloc((size_t)n + 1, GC_RAW);   /* no jmp target yet: NULL when full */
    if (!buf) { write_c(2, "MemoryError\n"); return 1; }
    vm->stack_roots[1] = (pv)buf;
    long r = vm->io.read_file(vm->io.ctx, path, buf, (size_t)n);
    if (r < 0) r = 0;
    buf[r] = 0;
    return run(vm, buf, (size_t)r, path, argc, argv, as);
}

int py_run_file(py_vm *vm, const char *path, int argc, char **argv) {
    void *outer = py_enter(vm);
    int st = run_file(vm, path, argc, argv, &as_main);
    py_leave(outer);
    return st;
}

int py_run_program(py_vm *vm, const char *path, int argc, char **argv, py_init_fn init, void *arg) {
    /* the module's name is the file's, without its folder and ".py" */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char name[64];
    size_t n = strlen(base);
    if (n > 3 && !strcmp(base + n - 3, ".py")) n -= 3;
    if (n >= sizeof name) n = sizeof name - 1;
    memcpy(name, base, n);
    name[n] = 0;
    struct run_as as = { name, init, arg, true };
    void *outer = py_enter(vm);
    int st = run_file(vm, path, argc, argv, &as);
    py_leave(outer);
    return st;
}

/* ---- lines: statements run one after another in one namespace ---- */

struct capture { char *buf; size_t size, len; };
static void capture_write(void *ctx, int fd, const char *s, size_t n) {
    struct capture *c = ctx;
    for (size_t i = 0; i < n && c->len + 1 < c->size; i++) c->buf[c->len++] = s[i];
    c->buf[c->len] = 0;
}

/* An uncaught exception of a line as its last traceback line ("NameError: name 'y' is not
 * defined") in err; the exit status it gives (SystemExit's code, else 1). */
static int describe_line_error(py_vm *vm, pv e, char *err, size_t err_size) {
    err[0] = 0;
    if (py_isinstance(e, &py_SystemExit_type)) return exit_status(e);
    ((py_exc *)e)->tb = PV_NULL;
    ((py_exc *)e)->cause = ((py_exc *)e)->context = PV_NULL;
    char text[256];
    struct capture c = { text, sizeof text, 0 };
    text[0] = 0;
    py_io saved = vm->io;
    vm->io.write = capture_write;
    vm->io.ctx = &c;
    print_one(e);
    vm->io = saved;
    while (c.len && text[c.len - 1] == '\n') text[--c.len] = 0;
    const char *last = strrchr(text, '\n');
    last = last ? last + 1 : text;
    size_t n = strlen(last);
    if (n >= err_size) n = err_size - 1;
    memcpy(err, last, n);
    err[n] = 0;
    return 1;
}

/* A line and the namespace it runs in (run_line_body). */
struct line_run {
    const char *src;
    size_t len;
    const char *filename;
    py_init_fn init;
    void *arg;
    char *err;
    size_t err_size;
};

static void run_line_body(py_vm *vm, void *ctx) {
    const struct line_run *r = ctx;
    if (!vm->main_dict) {
        pv m = py_module_new(QS(__main__));
        vm->main_dict = ((py_module *)m)->dict;
        py_dict_set(vm->modules, QS(__main__), m);
        py_list_append(vm->sys_path, py_str_cstr("/lib"));
        if (r->init) r->init(vm->main_dict, r->arg);
    }
    py_code *c = py_compile(r->src, r->len, py_str_cstr(r->filename), PY_MODE_FILE);
    py_vm_run_code(c, vm->main_dict, PV_NULL);
}

static int report_line_error(py_vm *vm, pv e, void *ctx) {
    const struct line_run *r = ctx;
    return describe_line_error(vm, e, r->err, r->err_size);
}

static int line_out_of_memory(void *ctx) {
    const struct line_run *r = ctx;
    snprintf(r->err, r->err_size, "MemoryError");
    return 1;
}

int py_run_line(py_vm *vm, const char *src, size_t len, const char *filename, py_init_fn init, void *arg, char *err, size_t err_size) {
    if (err_size) err[0] = 0;
    void *outer = py_enter(vm);
    struct line_run r = { src, len, filename, init, arg, err, err_size };
    struct guarded g = { run_line_body, report_line_error, line_out_of_memory, &r };
    int st = run_guarded(vm, &g);
    py_leave(outer);
    return st;
}
