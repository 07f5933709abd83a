/* The bytecode interpreter. Each Python call runs run_frame() on the C stack; a frame's locals,
 * cells and value stack are one slice of the VM stack (a generator's slice lives in its heap
 * object instead). Exceptions travel by longjmp to the innermost run_frame, which either enters
 * the frame's handler (SETUP_EXCEPT blocks) or adds its line to the traceback and passes it on. */
#include <stddef.h>
#include <string.h>
#include "py/py.h"
#include "py/mod/mod.h"
#include "py/bytecode.h"


#define ARG() ((unsigned)(ip[0] | (ip[1] << 8)))

void py_try_begin(py_try *t) {
    py_vm *vm = py_cur;
    t->j.prev = vm->jmp;
    t->j.frame = vm->frame;
    vm->jmp = &t->j;
    t->depth = vm->depth;
    t->top = vm->stack_top;
    t->frame = vm->frame;
}
void py_try_end(py_try *t) { py_cur->jmp = t->j.prev; }
pv py_try_catch(py_try *t) {
    py_vm *vm = py_cur;
    vm->jmp = t->j.prev;
    vm->depth = t->depth;
    vm->stack_top = t->top;
    vm->frame = t->frame;
    return vm->exc;
}

static pv context_of(pv e) {
    pv c = ((py_exc *)e)->context;
    return c && py_isinstance(c, &py_BaseException_type) ? c : PV_NULL;
}
/* exc is raised while `handled` is handled: it becomes exc's context, as in CPython, which
 * cuts the chain of contexts from `handled` where it comes back to exc, so that raising an
 * exception again makes no cycle (one made by hand is walked once, by Brent's method). */
static void chain_context(pv exc, pv handled) {
    pv slow = handled;
    unsigned steps = 0, lap = 2;
    for (pv o = handled, c; (c = context_of(o)); o = c) {
        if (c == exc) { ((py_exc *)o)->context = PV_NULL; break; }
        if (c == slow) break;
        if (++steps == lap) { slow = c; lap *= 2; steps = 0; }
    }
    ((py_exc *)exc)->context = handled;
}

static void add_traceback(pv exc, py_frame *f);
/* Frames without a try block set no longjmp target: the raise itself records their lines,
 * from the innermost frame up to the one that will catch. A re-raise (a bare `raise`, the
 * end of a finally or of an except that did not match) passes the exception on with the
 * traceback it has: its own frame is already there, at the line that raised, so that frame
 * adds nothing this pass (vm->tb_skip), as CPython's tracebacks show. */
static _Noreturn void raise_from_frame(py_vm *vm, pv exc, py_frame *skip) {
    vm->exc = exc;
    vm->tb_skip = skip;
    /* an exception raised anew (no traceback yet) while another is handled: implicit chaining */
    py_exc *e = (py_exc *)exc;
    if (!skip && vm->handling && vm->handling != exc && exc != vm->memerr && py_isinstance(exc, &py_BaseException_type)
        && !e->context && !(e->tb && LIST(e->tb)->len)) chain_context(exc, vm->handling);
    py_frame *stop = vm->jmp->frame;
    /* the preallocated MemoryError's traceback is this raise's only (add_traceback) */
    if (exc == vm->memerr && !skip && ((py_exc *)exc)->tb) LIST(((py_exc *)exc)->tb)->len = 0;
    for (py_frame *f = vm->frame; f && f != stop; f = f->back) add_traceback(exc, f);
    longjmp(vm->jmp->buf, 1);
}
_Noreturn void py_raise(pv exc) { raise_from_frame(py_cur, exc, NULL); }
static _Noreturn void reraise(py_frame *f, pv exc) { raise_from_frame(f->vm, exc, f); }

/* Told to stop (a kill): one SystemExit, then the grace its finally clauses need (a LED
 * switched off, a file closed); a program still running after it, one that caught the
 * SystemExit, gets it again at every back-edge and call, so no handler keeps it going. */
static void stop_program(py_vm *vm) {
    double now = vm->io.clock ? vm->io.clock(vm->io.ctx) : 0;
    if (!vm->stop_deadline) {
        vm->stop_deadline = now + PY_STOP_GRACE_S;
        py_raise(py_exc_new(&py_SystemExit_type, MKSMALL(137)));
    }
    if (!vm->io.clock || now >= vm->stop_deadline) {
        vm->poll_count = 1;
        py_raise(py_exc_new(&py_SystemExit_type, MKSMALL(137)));
    }
}

/* Runs every PY_POLL_PERIOD ticks (loop back-edges and calls), and from sleeps: counts the
 * ticks for the step limit, then asks the embedder's poll whether to go on. */
void py_poll_now(void) {
    py_vm *vm = py_cur;
    if (vm->threads && !py_threads_own_turn(vm)) return;   /* from a blocking call: later */
    int ticks = vm->poll_period - vm->poll_count;
    vm->steps += ticks > 0 ? (uint64_t)ticks : 1;    /* a sleep's poll counts as one */
    int next = PY_POLL_PERIOD;
    if (vm->step_limit) {
        if (vm->steps >= vm->step_limit) {
            /* and again at every tick after, so that a handler cannot go on looping */
            vm->poll_count = vm->poll_period = 1;
            py_raisef(&py_RuntimeError_type, "step limit exceeded");
        }
        if (vm->step_limit - vm->steps < (uint64_t)next) next = (int)(vm->step_limit - vm->steps);
    }
    vm->poll_count = vm->poll_period = next;
    int r = py_io_poll(vm);               /* without the turn: a held thread lets the others run */
    if (r == 1) py_raise(py_exc_new(&py_KeyboardInterrupt_type, PV_NULL));
    if (r == 2) stop_program(vm);
    if (vm->events) py_events_run(vm);    /* machine.Pin.irq and machine.Timer callbacks */
    if (vm->threads) py_threads_yield();  /* _thread: a waiting thread's turn */
}

static void add_traceback(pv exc, py_frame *f) {
    if (f == f->vm->tb_skip) { f->vm->tb_skip = NULL; return; }
    if (!py_isinstance(exc, &py_BaseException_type)) return;
    py_exc *e = (py_exc *)exc;
    /* the preallocated MemoryError's lines go only where its list has room: growing it needs
     * memory, and when there is none that would raise MemoryError again, without end */
    if (exc == f->vm->memerr && (!e->tb || LIST(e->tb)->len + 2 > LIST(e->tb)->cap)) return;
    if (!e->tb) e->tb = py_list_new(0);
    py_list *l = LIST(e->tb);
    /* a frame adds itself once per pass: a re-raise inside it must not repeat it */
    if (l->len >= 2 && l->items[l->len - 2] == (pv)f->code && l->items[l->len - 1] == MKSMALL(py_code_line(f->code, f->ip))) return;
    py_list_append(e->tb, (pv)f->code);
    py_list_append(e->tb, MKSMALL(py_code_line(f->code, f->ip)));
}

static _Noreturn void name_error(pv name) {
    py_raisef(&py_NameError_type, "name '%s' is not defined", py_str_data(name));
}

static _Noreturn void unbound_local(py_frame *f, unsigned i) {
    pv name = TUPLE(f->code->varnames)->items[i];
    if (i >= f->code->nlocals) py_raisef(&py_NameError_type, "free variable '%s' referenced before assignment in enclosing scope", py_str_data(name));
    py_raisef(&py_UnboundLocalError_type, "cannot access local variable '%s' where it is not associated with a value", py_str_data(name));
}

/* LOAD_GLOBAL: the cache of where the name was found last, checked inline; the lookups in
 * the globals, the builtins dict and the builtins' tables out of line */
static pv __attribute__((noinline)) load_global_slow(py_vm *vm, py_frame *f, unsigned i) {
    py_code *co = f->code;
    pv name = TUPLE(co->names)->items[i];
    py_dict *g = (py_dict *)f->globals;
    py_dict *b = (py_dict *)vm->builtins;
    py_gcache *ce = co->cache ? &co->cache[i] : NULL;
    uint32_t idx = 0;
    pv v = py_dict_get_hinted(f->globals, name, &idx);
    if (v) {
        if (ce) { ce->gver = g->version; ce->idx = idx; ce->where = 0; }
        return v;
    }
    v = py_dict_get_hinted(vm->builtins, name, &idx);
    if (v) {
        if (ce) { ce->gver = g->version; ce->bver = b->version; ce->idx = idx; ce->where = 1; }
        return v;
    }
    /* the read-only table, unless builtins was made complete (and may have lost some) */
    if (!vm->builtins_complete && py_static_builtin_find(name, &idx)) {
        if (ce) { ce->gver = g->version; ce->bver = b->version; ce->idx = idx; ce->where = 2; }
        return py_static_builtin(idx);
    }
    name_error(name);
}

void py_set_step_limit(py_vm *vm, uint64_t steps) {
    int ticks = vm->poll_period - vm->poll_count;
    if (ticks > 0) vm->steps += (uint64_t)ticks;
    vm->step_limit = steps ? vm->steps + steps : 0;
    vm->poll_count = vm->poll_period = steps && steps < PY_POLL_PERIOD ? (int)steps : PY_POLL_PERIOD;
}

static inline pv load_global(py_vm *vm, py_frame *f, unsigned i) {
    py_code *co = f->code;
    py_gcache *ce = co->cache ? &co->cache[i] : NULL;
    if (ce && ce->gver == ((py_dict *)f->globals)->version) {
        if (!ce->where) { pv v = ((py_dict *)f->globals)->ent[ce->idx].value; if (v) return v; }
        else {
            py_dict *b = (py_dict *)vm->builtins;
            if (ce->bver == b->version) {
                if (ce->where == 2) return py_static_builtin(ce->idx);
                pv v = b->ent[ce->idx].value;
                if (v) return v;
            }
        }
    }
    return load_global_slow(vm, f, i);
}

uint32_t py_next_dict_version(void) { return ++py_cur->dict_version; }

/* Binds n positional arguments and a keyword dict to a function's parameters. */
static void bind_args(py_func *fn, pv *slots, int n, pv *a, pv kw) {
    py_code *co = fn->code;
    int np = co->nargs, nk = co->nkwonly;
    pv *names = TUPLE(co->varnames)->items;
    int vslot = np + nk, kslot = np + nk + ((co->flags & CO_VARARGS) ? 1 : 0);
    const char *fname = py_str_data(co->name);
    if (n > np) {
        if (!(co->flags & CO_VARARGS)) {
            int ndef = fn->defaults ? (int)TUPLE(fn->defaults)->len : 0;
            if (ndef) py_raisef(&py_TypeError_type, "%s() takes from %d to %d positional arguments but %d %s given", fname, np - ndef, np, n, n == 1 ? "was" : "were");
            py_raisef(&py_TypeError_type, "%s() takes %d positional argument%s but %d %s given", fname, np, np == 1 ? "" : "s", n, n == 1 ? "was" : "were");
        }
        pv t = py_tuple_new((size_t)(n - np));
        memcpy(TUPLE(t)->items, a + np, (size_t)(n - np) * sizeof(pv));
        slots[vslot] = t;
        n = np;
    } else if (co->flags & CO_VARARGS) slots[vslot] = py_tuple_new(0);
    py_copy_values(slots, a, (size_t)n);
    pv kwd = PV_NULL;
    if (co->flags & CO_VARKW) { kwd = py_dict_new(); slots[kslot] = kwd; }
    if (kw) {
        py_dict *d = (py_dict *)kw;
        for (uint32_t e = 0; e < d->nent; e++) {
            pv k = d->ent[e].key;
            if (!k) continue;
            int j;
            for (j = co->nposonly; j < np + nk; j++) if (names[j] == k || py_str_eq(names[j], k)) break;
            if (j >= np + nk && !kwd) {
                for (int q = 0; q < co->nposonly; q++)
                    if (names[q] == k || py_str_eq(names[q], k))
                        py_raisef(&py_TypeError_type, "%s() got some positional-only arguments passed as keyword arguments: '%s'", fname, py_str_data(k));
            }
            if (j < np + nk) {
                if (slots[j]) py_raisef(&py_TypeError_type, "%s() got multiple values for argument '%s'", fname, py_str_data(k));
                slots[j] = d->ent[e].value;
            } else if (kwd) py_dict_set(kwd, k, d->ent[e].value);
            else py_raisef(&py_TypeError_type, "%s() got an unexpected keyword argument '%s'", fname, py_str_data(k));
        }
    }
    if (n < np || kw) {
        int ndef = fn->defaults ? (int)TUPLE(fn->defaults)->len : 0;
        int missing = 0;
        for (int j = 0; j < np; j++) {
            if (slots[j]) continue;
            if (j >= np - ndef) slots[j] = TUPLE(fn->defaults)->items[j - (np - ndef)];
            else missing++;
        }
        if (missing) {
            py_buf b;
            buf_init(&b, 32);
            int k = 0;
            for (int j = 0; j < np; j++) {
                if (slots[j]) continue;
                if (k) buf_adds(&b, k == missing - 1 ? (missing > 2 ? ", and " : " and ") : ", ");
                buf_addc(&b, '\'');
                buf_addv(&b, names[j]);
                buf_addc(&b, '\'');
                k++;
            }
            buf_addc(&b, 0);
            py_raisef(&py_TypeError_type, "%s() missing %d required positional argument%s: %s", fname, missing, missing == 1 ? "" : "s", b.p);
        }
    }
    for (int j = np; j < np + nk; j++) {
        if (slots[j]) continue;
        pv d = fn->kwdefaults ? py_dict_get(fn->kwdefaults, names[j]) : PV_NULL;
        if (!d) py_raisef(&py_TypeError_type, "%s() missing 1 required keyword-only argument: '%s'", fname, py_str_data(names[j]));
        slots[j] = d;
    }
}

static void init_cells(py_func *fn, pv *slots) {
    py_code *co = fn->code;
    for (int i = 0; i < co->ncells; i++) {
        py_cell *c = NEW(py_cell, py_cell_type);
        int a = co->cell2arg[i];
        if (a >= 0) c->value = slots[a];
        slots[co->nlocals + i] = (pv)c;
    }
    for (int i = 0; i < co->nfree; i++) slots[co->nlocals + co->ncells + i] = TUPLE(fn->closure)->items[i];
}

static pv run_frame(py_frame *f, pv throw);
/* Where a frame's nslots go on the value stack, which grows down, into the heap's room when
 * its own is used up (py_stack_grow: RecursionError or MemoryError when it cannot); the
 * caller moves stack_top there once the frame is sure to run. */
static inline __attribute__((always_inline)) pv *frame_slots(py_vm *vm, int nslots) {
    pv *slots = vm->stack_top - nslots;
    if (slots < vm->stack) py_stack_grow(vm, slots);
    return slots;
}

pv py_call_func(py_func *fn, int n, pv *a, pv kw) {
    py_vm *vm = py_cur;
    py_code *co = fn->code;
    int nslots = CO_NL(co) + co->stacksize;
    if (co->flags & CO_GENERATOR) {
        py_gen *g = py_new_obj(sizeof(py_gen), (co->flags & CO_COROUTINE) ? &py_coro_type : &py_gen_type);
        /* its blocks follow its slots, as many as its code opens at once (most open none) */
        int nblocks = co->maxblocks < MAXBLOCKS ? co->maxblocks : MAXBLOCKS;
        g->slots = gc_alloc((size_t)nslots * sizeof(pv) + (size_t)nblocks * sizeof(py_block), GC_PVS);
        g->f.blocks = (py_block *)(g->slots + nslots);
        g->f.maxblocks = nblocks;
        bind_args(fn, g->slots, n, a, kw);
        init_cells(fn, g->slots);
        g->f.vm = vm;
        g->f.code = co;
        g->f.func = fn;
        g->f.globals = fn->globals;
        g->f.slots = g->slots;
        g->f.sp = g->slots + CO_NL(co);
        g->f.ip = co->code;
        g->f.nslots = nslots;
        return (pv)g;
    }
    pv *top = vm->stack_top, *slots = frame_slots(vm, nslots);
    if (++vm->depth > vm->max_depth || py_cstack_exhausted(vm)) {
        vm->depth -= 1;
        py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded");
    }
    vm->stack_top = slots;
    int nl = CO_NL(co);
    if (n == co->nargs && !kw && !(co->flags & (CO_VARARGS | CO_VARKW)) && !co->nkwonly) {
        /* a loop, not memset: a call clears a few slots at most, often none */
        py_copy_values(slots, a, (size_t)n);
        for (int i = n; i < nl; i++) slots[i] = PV_NULL;
    } else {
        memset(slots, 0, (size_t)nl * sizeof(pv));
        bind_args(fn, slots, n, a, kw);
    }
    if (co->ncells || co->nfree) init_cells(fn, slots);
    py_frame f;
    py_block blocks[MAXBLOCKS];
    f.blocks = blocks;
    f.maxblocks = MAXBLOCKS;
    f.back = vm->frame;
    f.vm = vm;
    f.code = co;
    f.func = fn;
    f.globals = fn->globals;
    f.locals = PV_NULL;
    f.slots = slots;
    f.sp = slots + nl;
    f.ip = co->code;
    f.nblocks = 0;
    f.nslots = nslots;
    pv r = run_frame(&f, PV_NULL);
    vm->stack_top = top;
    vm->depth--;
    return r;
}

/* The C stack guard of the C-level entries into run_frame: an inline call checks only the
 * depth, so a recursion through exec or a class body is bounded here. */
static void check_cstack(py_vm *vm) {
    if (py_cstack_exhausted(vm)) py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded");
}

/* Runs a module, class body or exec'd code with its own namespace dict. */
pv py_vm_run_code(py_code *co, pv globals, pv locals) {
    py_vm *vm = py_cur;
    check_cstack(vm);
    int nslots = CO_NL(co) + co->stacksize;
    pv *top = vm->stack_top, *slots = frame_slots(vm, nslots);
    vm->stack_top = slots;
    int nl = CO_NL(co);
    memset(slots, 0, (size_t)nl * sizeof(pv));
    py_frame f;
    py_block blocks[MAXBLOCKS];
    memset(&f, 0, sizeof f);
    f.blocks = blocks;
    f.maxblocks = MAXBLOCKS;
    f.back = vm->frame;
    f.vm = vm;
    f.code = co;
    f.globals = globals;
    f.locals = locals;
    f.slots = slots;
    f.sp = slots + nl;
    f.ip = co->code;
    f.nslots = nslots;
    pv r = run_frame(&f, PV_NULL);
    vm->stack_top = top;
    return r;
}

/* __build_class__: runs the body with a namespace of its own, then makes the class */
pv py_run_class_body(py_func *fn, pv ns) {
    py_vm *vm = py_cur;
    check_cstack(vm);
    py_code *co = fn->code;
    int nslots = CO_NL(co) + co->stacksize;
    pv *top = vm->stack_top, *slots = frame_slots(vm, nslots);
    vm->stack_top = slots;
    int nl = CO_NL(co);
    memset(slots, 0, (size_t)nl * sizeof(pv));
    if (co->ncells || co->nfree) init_cells(fn, slots);
    py_frame f;
    py_block blocks[MAXBLOCKS];
    memset(&f, 0, sizeof f);
    f.blocks = blocks;
    f.maxblocks = MAXBLOCKS;
    f.back = vm->frame;
    f.vm = vm;
    f.code = co;
    f.func = fn;
    f.globals = fn->globals;
    f.locals = ns;
    f.slots = slots;
    f.sp = slots + nl;
    f.ip = co->code;
    f.nslots = nslots;
    pv r = run_frame(&f, PV_NULL);
    vm->stack_top = top;
    return r;
}

/* Resumes a generator: value is what the paused yield evaluates to; throw, when set, is
 * raised at the yield instead. Returns the next yielded value, or PV_NULL when the generator
 * returned (its return value in *ret). */
static pv gen_resume(py_gen *g, pv value, pv throw, pv *ret);
/* Throws into the generator g delegates to: 1 when it yielded (*r), 2 when it returned
 * (g then continues after its yield from), 0 when it raised (*throw is what it raised). */
static int forward_throw(py_gen *g, py_gen *inner, pv *throw, pv *r) {
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf) == 0) {
        pv iret = PV_NONE;
        g->state = 2;
        pv y = gen_resume(inner, PV_NONE, *throw, &iret);
        py_try_end(&t);
        g->state = 1;
        if (y) { *r = y; return 1; }
        g->f.sp[-1] = iret;
        g->f.ip += 1;
        *throw = PV_NULL;
        return 2;
    }
    *throw = py_try_catch(&t);
    g->state = 1;
    return 0;
}

static pv gen_resume(py_gen *g, pv value, pv throw, pv *ret) {
    if (g->state == 3) { *ret = PV_NONE; if (throw) py_raise(throw); return PV_NULL; }
    if (g->state == 2) py_raisef(&py_ValueError_type, "generator already executing");
    if (g->state == 0 && value != PV_NONE && !throw) py_raisef(&py_TypeError_type, "can't send non-None value to a just-started generator");
    if (g->state == 0 && throw) { g->state = 3; py_raise(throw); }
    bool push = true;
    if (throw && g->state == 1 && *g->f.ip == OPC_YIELD_FROM) {
        /* paused in yield from: the delegate gets the exception first */
        pv inner = g->f.sp[-1];
        if (IS(inner, py_gen_type) || IS(inner, py_coro_type)) {
            pv r = PV_NULL;
            int how = forward_throw(g, (py_gen *)inner, &throw, &r);
            if (how == 1) return r;
            if (how == 2) push = false;
        }
    }
    if (g->state == 1 && push) *g->f.sp++ = value;
    g->state = 2;
    py_vm *vm = py_cur;
    if (++vm->depth > vm->max_depth || py_cstack_exhausted(vm)) { vm->depth--; g->state = 1; py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded"); }
    g->f.back = vm->frame;
    g->f.yielded = false;
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) {
        pv e = py_try_catch(&t);
        vm->depth--;
        g->state = 3;
        if (py_isinstance(e, &py_StopIteration_type)) {
            e = py_exc_new(&py_RuntimeError_type, py_str_cstr("generator raised StopIteration"));
        }
        py_raise(e);
    }
    pv r = run_frame(&g->f, throw);
    py_try_end(&t);
    vm->depth--;
    if (g->f.yielded) { g->state = 1; return r; }
    g->state = 3;
    g->slots = NULL;
    *ret = r;
    return PV_NULL;
}

pv py_gen_send(pv gen, pv v, pv throw) {
    pv ret = PV_NONE;
    pv r = gen_resume((py_gen *)gen, v, throw, &ret);
    if (r) return r;
    py_raise(py_exc_new(&py_StopIteration_type, ret == PV_NONE ? PV_NULL : ret));
}

pv py_gen_next(pv gen) {
    pv ret;
    return gen_resume((py_gen *)gen, PV_NONE, PV_NULL, &ret);
}

pv py_gen_close(pv gen) {
    py_gen *g = (py_gen *)gen;
    if (g->state == 0 || g->state == 3) { g->state = 3; return PV_NONE; }
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) {
        pv e = py_try_catch(&t);
        if (py_isinstance(e, &py_GeneratorExit_type) || py_isinstance(e, &py_StopIteration_type)) return PV_NONE;
        py_raise(e);
    }
    pv ret;
    pv r = gen_resume(g, PV_NONE, py_exc_new(&py_GeneratorExit_type, PV_NULL), &ret);
    py_try_end(&t);
    if (r) py_raisef(&py_RuntimeError_type, "generator ignored GeneratorExit");
    return PV_NONE;
}

extern pv py_build_class(int n, pv *a, pv kw);
extern pv py_import_from(pv mod, pv name);
extern void py_import_star(pv mod, pv globals);
extern pv py_print_expr(pv v);
extern pv py_format_value(pv v, int conv, pv spec);
extern pv py_load_method(pv o, pv name, pv *self);
extern pv py_with_enter(pv mgr, pv *exit);
extern pv py_super_new(pv cls, pv obj);

static inline pv binop_fast(int op, pv a, pv b) {
    if (IS_SMALL(a) && IS_SMALL(b)) {
        pint x = SMALL(a), y = SMALL(b), r;
        switch (op & 15) {
        case OP_ADD: r = x + y; if (r >= SMALL_MIN && r <= SMALL_MAX) return MKSMALL(r); break;
        case OP_SUB: r = x - y; if (r >= SMALL_MIN && r <= SMALL_MAX) return MKSMALL(r); break;
        case OP_MUL: if (!__builtin_mul_overflow(x, y, &r) && r >= SMALL_MIN && r <= SMALL_MAX) return MKSMALL(r); break;
        case OP_AND: return MKSMALL(x & y);
        case OP_OR: return MKSMALL(x | y);
        case OP_XOR: return MKSMALL(x ^ y);
        case OP_FLOORDIV: if (y > 0 && x >= 0) return MKSMALL(x / y); break;
        case OP_MOD: if (y > 0 && x >= 0) return MKSMALL(x % y); break;
        default: break;
        }
    }
    return py_binop(op, a, b);
}

static inline bool cmp_fast(int op, pv a, pv b, bool *res) {
    if (IS_SMALL(a) && IS_SMALL(b)) {
        pint x = (pint)a, y = (pint)b;
        switch (op) {
        case CMP_LT: *res = x < y; return true;
        case CMP_LE: *res = x <= y; return true;
        case CMP_EQ: *res = x == y; return true;
        case CMP_NE: *res = x != y; return true;
        case CMP_GT: *res = x > y; return true;
        case CMP_GE: *res = x >= y; return true;
        default: return false;
        }
    }
    return false;
}

static void unpack(pv v, int n, pv *out_rev) {
    /* writes the items in reverse, so the first ends on top of the stack */
    size_t len;
    pv *items;
    if (IS(v, py_tuple_type) || IS(v, py_list_type)) {
        py_seq_items(v, &len, &items);
        if ((int)len != n) {
            if ((int)len > n) py_raisef(&py_ValueError_type, "too many values to unpack (expected %d)", n);
            py_raisef(&py_ValueError_type, "not enough values to unpack (expected %d, got %d)", n, (int)len);
        }
        for (int i = 0; i < n; i++) out_rev[n - 1 - i] = items[i];
        return;
    }
    pv it = py_iter(v);
    for (int i = 0; i < n; i++) {
        pv x = py_next(it);
        if (!x) py_raisef(&py_ValueError_type, "not enough values to unpack (expected %d, got %d)", n, i);
        out_rev[n - 1 - i] = x;
    }
    if (py_next(it)) py_raisef(&py_ValueError_type, "too many values to unpack (expected %d)", n);
}

/* Whether an instance's own dict holds name, hiding its class's method: a small dict's
 * entries are scanned, their keys being nearly always the interned names themselves. */
static bool __attribute__((noinline)) inst_shadows(py_dict *d, pv name) {
    if (!d->used) return false;
    if (d->nent > 8) return py_dict_get((pv)d, name) != PV_NULL;
    for (uint32_t e = 0; e < d->nent; e++) {
        pv k = d->ent[e].key;
        if (k == name) return true;
        if (!k) continue;
        if (!IS(k, py_str_type)) return py_dict_get((pv)d, name) != PV_NULL;
        /* names differ in length or hash nearly always: no call to compare them */
        const py_str *ks = (const py_str *)k, *ns = (const py_str *)name;
        if (ks->len != ns->len || (ks->hash && ns->hash && ks->hash != ns->hash)) continue;
        if (py_str_eq(k, name)) return true;
    }
    return false;
}

static pv call_kw(pv f, int n, pv *a, pv names, pv extra_self) {
    /* the last TUPLE(names)->len of the n values are keyword values */
    int nk = (int)TUPLE(names)->len;
    pv kw = py_dict_new();
    for (int i = 0; i < nk; i++) py_dict_set(kw, TUPLE(names)->items[i], a[n - nk + i]);
    (void)extra_self;
    return py_call(f, n - nk, a, kw);
}

/* The frame record of a call run inside its caller's run_frame (py_frame, in pv words): it sits
 * on the value stack just below the callee's slots, so that returning frees both at once. */
#define INLINE_FRAME_WORDS ((int)((sizeof(py_frame) + sizeof(pv) - 1) / sizeof(pv)))

/* Whether a call of fn runs inside the caller's run_frame instead of recursing in C: not a
 * generator (its frame outlives the call) and no try block (an exception caught inside it
 * needs its own longjmp target); keyword calls and the rest take py_call. */
#define RUNS_INLINE(co) (!((co)->flags & (CO_GENERATOR | CO_HASTRY)))

/* Sets up the frame of a Python function called from the running frame caller, with the n
 * arguments at a, on the value stack: its record, then its slots. Everything that may raise
 * (depth, stack room, argument binding) happens while the caller is still the running frame,
 * so a traceback and an unwinding see what py_call_func's would. */
static py_frame *push_inline_frame(py_vm *vm, py_frame *caller, py_func *fn, int n, pv *a) {
    py_code *co = fn->code;
    int nl = CO_NL(co), nslots = nl + co->stacksize;
    if (++vm->depth > vm->max_depth || py_cstack_exhausted(vm)) {
        vm->depth -= 1;
        py_raisef(&py_RecursionError_type, "maximum recursion depth exceeded");
    }
    pv *base = frame_slots(vm, nslots + INLINE_FRAME_WORDS);
    if (!co->cache && co->ncache) co->cache = gc_alloc(2u * co->ncache * sizeof(py_gcache), GC_RAW);
    py_frame *nf = (py_frame *)base;
    pv *slots = base + INLINE_FRAME_WORDS;
    if (n == co->nargs && !(co->flags & (CO_VARARGS | CO_VARKW)) && !co->nkwonly) {
        py_copy_values(slots, a, (size_t)n);
        for (int i = n; i < nl; i++) slots[i] = PV_NULL;
        vm->stack_top = base;
    } else {
        /* binding may allocate (a *args tuple): the slots are the collector's to see first */
        memset(base, 0, (size_t)(INLINE_FRAME_WORDS + nl) * sizeof(pv));
        vm->stack_top = base;
        bind_args(fn, slots, n, a, PV_NULL);
    }
    if (co->ncells || co->nfree) init_cells(fn, slots);
    nf->back = caller;
    nf->vm = vm;
    nf->code = co;
    nf->func = fn;
    nf->globals = fn->globals;
    nf->locals = PV_NULL;
    nf->slots = slots;
    nf->sp = slots + nl;
    nf->ip = co->code;
    nf->saved_top = base;
    nf->nslots = nslots;
    nf->yielded = false;
    nf->nblocks = nf->maxblocks = 0;
    nf->blocks = NULL;
    vm->frame = nf;
    return nf;
}

/* A generator with handlers yields: the exception its except clause handles, if it waits in
 * one, waits with it; its caller's is current again. */
static void park_handling(py_gen *gen, py_vm *vm, pv caller_handling) {
    if (gen) gen->handling = vm->handling != caller_handling ? vm->handling : PV_NULL;
    vm->handling = caller_handling;
}

/* Runs the frame entry and, in the same loop, the Python functions it calls that RUNS_INLINE
 * allows (and those they call): a call pushes a frame record and jumps to the callee's first
 * instruction, a return pops it and goes on after the caller's CALL. Such a call costs no C
 * stack, no C prologue, no setjmp. f and the locals derived from it change at those calls and
 * returns, after the setjmp: its handler assigns each afresh from entry before reading it,
 * which is what -Wclobbered asks. */
#pragma GCC diagnostic push
#ifndef __clang__   /* clang has no such warning, and warns of the unknown name */
#pragma GCC diagnostic ignored "-Wclobbered"
#endif
static pv run_frame(py_frame *entry, pv throw) {
    py_frame *f = entry;
    /* f->vm rather than a local copy: one register fewer across the dispatch loop */
    py_code *co = f->code;
    const uint8_t *code = co->code;
    pv *slots = f->slots;
    pv *consts = TUPLE(co->consts)->items;
    pv *names = TUPLE(co->names)->items;
    /* the loop's view of the running frame f, read again whenever f changes (a call run
     * inline, its return, a raise back to the entry frame) */
#define READ_FRAME() (co = f->code, code = co->code, slots = f->slots, \
                      consts = TUPLE(co->consts)->items, names = TUPLE(co->names)->items)
    /* per name: a global lookup cache, then an attribute hint */
    if (!co->cache && co->ncache) co->cache = gc_alloc(2u * co->ncache * sizeof(py_gcache), GC_RAW);
    py_frame *saved_frame = f->vm->frame;
    int saved_depth = f->vm->depth;
    f->saved_top = f->vm->stack_top;
    f->vm->frame = f;
    /* only a frame with handlers sets a longjmp target, and changes the exception being
     * handled: the caller's is current again when it returns, yields or raises, and after its
     * own except clauses; a generator waiting in one has it back when resumed */
    const bool has_try = (co->flags & CO_HASTRY) != 0;
    pv caller_handling = f->vm->handling;
    py_gen *gen = has_try && (co->flags & CO_GENERATOR) ? (py_gen *)((char *)f - offsetof(py_gen, f)) : NULL;
    if (gen && gen->handling) f->vm->handling = gen->handling;
    py_jmp j;
    register pv *sp;
    register const uint8_t *ip;
    if (has_try) {
        j.prev = f->vm->jmp;
        j.frame = f;
        f->vm->jmp = &j;
        if (setjmp(j.buf)) {
            /* the inline frames the raise went through are gone with it (py_raise added
             * their lines): the entry frame runs again, and the locals that followed the
             * calls are read from it afresh (after a longjmp they hold nothing sure) */
            f = entry;
            READ_FRAME();
            pv exc = f->vm->exc;
            /* the frames the raise unwound are gone from the C stack: f->vm->frame must be this
             * frame again before anything allocates, or a collection walks dead frames */
            f->vm->stack_top = f->saved_top;
            f->vm->depth = saved_depth;
            f->vm->frame = f;
            add_traceback(exc, f);
            if (f->nblocks > 0) {
                py_block b = f->blocks[--f->nblocks];
                sp = slots + b.depth;
                *sp++ = exc;
                ip = code + b.handler;
                f->vm->handling = exc;
                goto dispatch;
            }
            f->vm->jmp = j.prev;
            f->vm->frame = saved_frame;
            f->vm->handling = caller_handling;
            py_raise(exc);
        }
    }
    sp = f->sp;
    ip = f->ip;
    if (throw) { f->ip = ip; py_raise(throw); }

/* a call that RUNS_INLINE: the callee's frame becomes the running one. A CO_PLAIN callee
 * given all its arguments, whose frame fits the value stack's own room, is set up here,
 * inline (the record's fields the frame walkers read: a frame without try blocks never reads
 * its blocks); the rest by push_inline_frame. */
#define ENTER_INLINE(fn, n, a) do {                                       \
        py_code *c_ = (fn)->code;                                         \
        py_vm *vm_ = f->vm;                                               \
        int nl_;                                                          \
        pv *b_;                                                           \
        if ((c_->flags & CO_PLAIN) && (n) == c_->nargs && c_->cache       \
            && (nl_ = c_->nlocals + c_->nhidden,   /* CO_PLAIN: no cells */ \
                b_ = vm_->stack_top - (nl_ + c_->stacksize + INLINE_FRAME_WORDS), \
                b_ >= vm_->stack) && vm_->depth < vm_->max_depth) {       \
            py_frame *nf_ = (py_frame *)b_;                               \
            pv *s_ = b_ + INLINE_FRAME_WORDS, *a_ = (a);                  \
            int i_ = 0;                                                   \
            for (; i_ < (n); i_++) s_[i_] = a_[i_];                       \
            for (; i_ < nl_; i_++) s_[i_] = PV_NULL;                      \
            vm_->depth++;                                                 \
            vm_->stack_top = b_;                                          \
            nf_->back = f;                                                \
            nf_->vm = vm_;                                                \
            nf_->code = c_;                                               \
            nf_->func = (fn);                                             \
            nf_->globals = (fn)->globals;                                 \
            nf_->locals = PV_NULL;                                        \
            nf_->slots = s_;                                              \
            nf_->sp = s_ + nl_;                                           \
            nf_->saved_top = b_;                                          \
            vm_->frame = nf_;                                             \
            f = nf_;                                                      \
        } else f = push_inline_frame(vm_, f, fn, n, a);                   \
        READ_FRAME();                                                     \
        sp = f->sp;                                                       \
        ip = code;                                                        \
        goto dispatch;                                                    \
    } while (0)
dispatch:
    for (;;) {
        f->ip = ip;
        uint8_t op = *ip++;
        switch (op) {
        case OPC_NOP: break;
        case OPC_POP_TOP: sp--; break;
        case OPC_DUP_TOP: sp[0] = sp[-1]; sp++; break;
        case OPC_DUP_TOP_TWO: sp[0] = sp[-2]; sp[1] = sp[-1]; sp += 2; break;
        case OPC_ROT_TWO: { pv t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; break; }
        case OPC_ROT_THREE: { pv t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = t; break; }
        case OPC_ROT_FOUR: { pv t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = sp[-4]; sp[-4] = t; break; }
        case OPC_LOAD_NONE: *sp++ = PV_NONE; break;
        case OPC_LOAD_TRUE: *sp++ = PV_TRUE; break;
        case OPC_LOAD_FALSE: *sp++ = PV_FALSE; break;
        case OPC_UNARY_NEG:
            if (IS_SMALL(sp[-1]) && SMALL(sp[-1]) != SMALL_MIN) sp[-1] = MKSMALL(-SMALL(sp[-1]));
            else sp[-1] = py_unary(0, sp[-1]);
            break;
        case OPC_UNARY_POS: sp[-1] = py_unary(1, sp[-1]); break;
        case OPC_UNARY_INV: sp[-1] = py_unary(2, sp[-1]); break;
        case OPC_UNARY_NOT: sp[-1] = PV_BOOL(!py_truth(sp[-1])); break;
        case OPC_BINARY_SUBSCR: {
            pv k = sp[-1], o = sp[-2];
            if (IS(o, py_list_type) && IS_SMALL(k)) {
                pint i = SMALL(k), n = (pint)LIST(o)->len;
                if (i < 0) i += n;
                if (i >= 0 && i < n) { sp[-2] = LIST(o)->items[i]; sp--; break; }
            }
            sp[-2] = py_getitem(o, k);
            sp--;
            break;
        }
        case OPC_STORE_SUBSCR: {
            pv k = sp[-1], o = sp[-2], v = sp[-3];
            if (IS(o, py_list_type) && IS_SMALL(k)) {
                pint i = SMALL(k), n = (pint)LIST(o)->len;
                if (i < 0) i += n;
                if (i >= 0 && i < n) { LIST(o)->items[i] = v; sp -= 3; break; }
            }
            py_setitem(o, k, v);
            sp -= 3;
            break;
        }
        case OPC_DELETE_SUBSCR: py_setitem(sp[-2], sp[-1], PV_NULL); sp -= 2; break;
        case OPC_GET_ITER: sp[-1] = py_iter(sp[-1]); break;
        case OPC_RETURN_VALUE: {
            pv r = sp[-1];
            if (f != entry) {
                /* back to the inline caller, after its CALL (3 bytes, as CALL_METHOD) */
                py_frame *c = f->back;
                f->vm->stack_top = c->saved_top;
                f->vm->depth--;
                f->vm->frame = c;
                f = c;
                READ_FRAME();
                sp = f->sp;
                *sp++ = r;
                ip = f->ip + 3;
                break;
            }
            if (has_try) f->vm->jmp = j.prev, f->vm->handling = caller_handling;
            f->vm->frame = saved_frame;
            return r;
        }
        case OPC_YIELD_VALUE: {
            pv r = *--sp;
            f->sp = sp;
            f->ip = ip;
            f->yielded = true;
            if (has_try) f->vm->jmp = j.prev, park_handling(gen, f->vm, caller_handling);
            f->vm->frame = saved_frame;
            return r;
        }
        case OPC_GET_YIELD_FROM_ITER:
            if (!IS(sp[-1], py_gen_type)) {
                if (IS(sp[-1], py_coro_type)) py_raisef(&py_TypeError_type, "cannot 'yield from' a coroutine object in a non-coroutine generator");
                sp[-1] = py_iter(sp[-1]);
            }
            break;
        case OPC_GET_AWAITABLE:
            if (!IS(sp[-1], py_gen_type) && !IS(sp[-1], py_coro_type)) {
                pv m = py_lookup_special(sp[-1], Q___await__);
                if (!m) py_raisef(&py_TypeError_type, "object %s can't be used in 'await' expression", py_type_name(TYPE(sp[-1])));
                pv it = py_call0(m);
                if (IS(it, py_coro_type) || !TYPE(it)->next) py_raisef(&py_TypeError_type, "__await__() returned non-iterator of type '%s'", py_type_name(TYPE(it)));
                sp[-1] = it;
            }
            break;
        case OPC_GET_AITER: {
            pv m = py_lookup_special(sp[-1], Q___aiter__);
            if (!m) py_raisef(&py_TypeError_type, "'async for' requires an object with __aiter__ method, got %s", py_type_name(TYPE(sp[-1])));
            sp[-1] = py_call0(m);
            break;
        }
        case OPC_GET_ANEXT: {
            pv m = py_lookup_special(sp[-1], Q___anext__);
            if (!m) py_raisef(&py_TypeError_type, "'async for' received an object from __aiter__ that does not implement __anext__: %s", py_type_name(TYPE(sp[-1])));
            pv r = py_call0(m);
            *sp++ = r;
            break;
        }
        case OPC_SET_HANDLING: { pv h = *--sp; f->vm->handling = h == PV_NONE ? caller_handling : h; break; }
        case OPC_END_ASYNC_FOR: {
            pv e = sp[-1];
            if (!py_isinstance(e, &py_StopAsyncIteration_type)) py_raise(e);
            sp -= 2;
            break;
        }
        case OPC_ASYNC_WITH_SETUP: {
            pv mgr = sp[-1];
            const py_type *t = TYPE(mgr);
            pv en = py_lookup_special(mgr, Q___aenter__), ex = py_lookup_special(mgr, Q___aexit__);
            if (!en || !ex) py_raisef(&py_TypeError_type, "'%s' object does not support the asynchronous context manager protocol", py_type_name(t));
            sp[-1] = ex;
            pv r = py_call0(en);
            *sp++ = r;
            break;
        }
        case OPC_ASYNC_EXIT_CALL: {
            pv e = sp[-1], ex = sp[-2];
            pv args[3] = { (pv)TYPE(e), e, PV_NONE };
            pv r = py_call(ex, 3, args, PV_NULL);
            sp[-2] = e;
            sp[-1] = r;
            break;
        }
        case OPC_ASYNC_EXIT_CHECK: {
            pv r = sp[-1], e = sp[-2];
            sp -= 2;
            if (!py_truth(r)) py_raise(e);
            break;
        }
        case OPC_YIELD_FROM: {
            pv v = *--sp, it = sp[-1], r, ret = PV_NONE;
            if (IS(it, py_gen_type) || IS(it, py_coro_type)) {
                r = gen_resume((py_gen *)it, v, PV_NULL, &ret);
            } else if (v == PV_NONE) {
                f->vm->iter_return = PV_NULL;    /* a native awaitable sets it when it is done */
                r = py_next(it);
                if (!r) { ret = f->vm->iter_return ? f->vm->iter_return : PV_NONE; f->vm->iter_return = PV_NULL; }
            } else {
                r = py_call(py_getattr(it, QS(send)), 1, &v, PV_NULL);
            }
            if (r) {
                f->sp = sp;
                f->ip = ip - 1;
                f->yielded = true;
                if (has_try) f->vm->jmp = j.prev, park_handling(gen, f->vm, caller_handling);
                f->vm->frame = saved_frame;
                return r;
            }
            sp[-1] = ret;
            break;
        }
        case OPC_POP_BLOCK: f->nblocks--; break;
        case OPC_RERAISE: reraise(f, sp[-1]);
        case OPC_LOAD_BUILD_CLASS:
            *sp = py_builtin_new(Q___build_class__, py_build_class, PV_NULL);
            ((py_builtin *)*sp++)->flags |= M_KW;   /* class A(metaclass=M) */
            break;
        case OPC_LIST_TO_TUPLE: sp[-1] = py_tuple_from_iter(sp[-1]); break;
        case OPC_PRINT_EXPR: py_print_expr(*--sp); break;
        case OPC_IMPORT_STAR: py_import_star(*--sp, f->locals ? f->locals : f->globals); break;
        case OPC_WITH_SETUP: {
            pv exit;
            pv r = py_with_enter(sp[-1], &exit);
            sp[-1] = exit;
            *sp++ = r;
            break;
        }
        case OPC_WITH_EXIT: {
            pv ex = *--sp;
            pv args[3] = { PV_NONE, PV_NONE, PV_NONE };
            py_call(ex, 3, args, PV_NULL);
            break;
        }
        case OPC_WITH_EXIT_EXC: {
            pv e = sp[-1], ex = sp[-2];
            pv tb = ((py_exc *)e)->tb;
            pv args[3] = { (pv)TYPE(e), e, tb ? tb : PV_NONE };
            pv r = py_call(ex, 3, args, PV_NULL);
            if (py_truth(r)) { sp -= 2; break; }
            sp -= 2;
            py_raise(e);
        }
        case OPC_LOAD_ASSERTION_ERROR: *sp++ = (pv)&py_AssertionError_type; break;

        case OPC_LOAD_CONST: *sp++ = consts[ARG()]; ip += 2; break;
        case OPC_LOAD_SMALL: *sp++ = MKSMALL((int16_t)ARG()); ip += 2; break;
        case OPC_LOAD_FAST: {
            unsigned i = ARG();
            pv v = slots[i];
            if (!v) unbound_local(f, i);
            *sp++ = v;
            ip += 2;
            break;
        }
        case OPC_STORE_FAST: slots[ARG()] = *--sp; ip += 2; break;
        case OPC_DELETE_FAST: {
            unsigned i = ARG();
            if (!slots[i]) unbound_local(f, i);
            slots[i] = PV_NULL;
            ip += 2;
            break;
        }
        case OPC_LOAD_DEREF: {
            unsigned i = ARG();
            pv v = ((py_cell *)slots[i])->value;
            if (!v) {
                pv name = TUPLE(co->varnames)->items[i];
                if (i < (unsigned)(co->nlocals + co->ncells)) py_raisef(&py_UnboundLocalError_type, "cannot access local variable '%s' where it is not associated with a value", py_str_data(name));
                py_raisef(&py_NameError_type, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", py_str_data(name));
            }
            *sp++ = v;
            ip += 2;
            break;
        }
        case OPC_LOAD_CLASSDEREF: {
            unsigned i = ARG();
            pv name = TUPLE(co->varnames)->items[i];
            pv v = f->locals ? py_dict_get(f->locals, name) : PV_NULL;
            if (!v) v = ((py_cell *)slots[i])->value;
            if (!v) name_error(name);
            *sp++ = v;
            ip += 2;
            break;
        }
        case OPC_STORE_DEREF: ((py_cell *)slots[ARG()])->value = *--sp; ip += 2; break;
        case OPC_DELETE_DEREF: ((py_cell *)slots[ARG()])->value = PV_NULL; ip += 2; break;
        case OPC_LOAD_CLOSURE: *sp++ = slots[ARG()]; ip += 2; break;
        case OPC_LOAD_GLOBAL: *sp++ = load_global(f->vm, f, ARG()); ip += 2; break;
        case OPC_STORE_GLOBAL: py_dict_set(f->globals, names[ARG()], *--sp); ip += 2; break;
        case OPC_DELETE_GLOBAL:
            if (!py_dict_del(f->globals, names[ARG()])) name_error(names[ARG()]);
            ip += 2;
            break;
        case OPC_LOAD_NAME: {
            pv name = names[ARG()];
            pv v = f->locals ? py_dict_get(f->locals, name) : PV_NULL;
            if (!v) v = py_dict_get(f->globals, name);
            if (!v) v = py_builtin_get(name);
            if (!v) name_error(name);
            *sp++ = v;
            ip += 2;
            break;
        }
        case OPC_STORE_NAME: py_dict_set(f->locals ? f->locals : f->globals, names[ARG()], *--sp); ip += 2; break;
        case OPC_DELETE_NAME:
            if (!py_dict_del(f->locals ? f->locals : f->globals, names[ARG()])) name_error(names[ARG()]);
            ip += 2;
            break;
        case OPC_LOAD_ATTR: {
            unsigned ni = ARG();
            pv o = sp[-1], name = names[ni];
            ip += 2;
            if (!IS_SMALL(o) && (OBJ(o)->type->flags & (TF_INSTDICT | TF_SLOWATTR)) == TF_INSTDICT) {
                /* an instance attribute: try where it was found last time */
                py_dict *d = (py_dict *)((py_inst *)o)->dict;
                uint32_t *hint = &co->cache[co->ncache + ni].idx;
                if (*hint < d->nent && d->ent[*hint].key == name) { sp[-1] = d->ent[*hint].value; break; }
                pv v = py_dict_get_hinted((pv)d, name, hint);
                if (v) { sp[-1] = v; break; }
            }
            sp[-1] = py_getattr(o, name);
            break;
        }
        case OPC_STORE_ATTR: {
            unsigned ni = ARG();
            pv o = sp[-1], name = names[ni];
            ip += 2;
            if (!IS_SMALL(o) && (OBJ(o)->type->flags & (TF_INSTDICT | TF_SLOWATTR)) == TF_INSTDICT) {
                py_dict *d = (py_dict *)((py_inst *)o)->dict;
                uint32_t h = co->cache[co->ncache + ni].idx;
                if (h < d->nent && d->ent[h].key == name) { d->ent[h].value = sp[-2]; sp -= 2; break; }
            }
            py_setattr(o, name, sp[-2]);
            sp -= 2;
            break;
        }
        case OPC_DELETE_ATTR: py_setattr(sp[-1], names[ARG()], PV_NULL); sp--; ip += 2; break;
        case OPC_LOAD_METHOD: {
            pv o = sp[-1];
            unsigned ni = ARG();
            if (!IS_SMALL(o) && (OBJ(o)->type->flags & (TF_INSTDICT | TF_SLOWATTR)) == TF_INSTDICT) {
                /* a method of the instance's own class, unless the instance shadows it */
                const py_type *t = OBJ(o)->type;
                py_dict *cd = (py_dict *)t->dict;
                uint32_t h = co->cache[co->ncache + ni].idx;
                pv name = names[ni];
                if (h < cd->nent && cd->ent[h].key == name && IS(cd->ent[h].value, py_func_type)) {
                    if (!inst_shadows((py_dict *)((py_inst *)o)->dict, name)) {
                        sp[-1] = cd->ent[h].value;
                        *sp++ = o;
                        ip += 2;
                        break;
                    }
                } else {
                    uint32_t idx;
                    if (py_dict_get_hinted((pv)cd, name, &idx)) co->cache[co->ncache + ni].idx = idx;
                }
            }
            pv self = PV_NULL;
            pv m = py_load_method(sp[-1], names[ARG()], &self);
            if (self) { sp[-1] = m; *sp++ = self; }
            else { sp[-1] = PV_NULL; *sp++ = m; }
            ip += 2;
            break;
        }
        case OPC_CALL_METHOD: {
            int n = (int)ARG();
            ip += 2;
            if (--f->vm->poll_count <= 0) py_poll_now();
            pv *base = sp - n - 2;
            pv r;
            if (!base[0]) r = py_call(base[1], n, base + 2, PV_NULL);
            else if (IS(base[0], py_func_type)) {
                py_func *fn = (py_func *)base[0];
                if (RUNS_INLINE(fn->code)) { f->sp = base; ENTER_INLINE(fn, n + 1, base + 1); }
                r = py_call_func(fn, n + 1, base + 1, PV_NULL);
            } else r = py_call(base[0], n + 1, base + 1, PV_NULL);
            sp = base;
            *sp++ = r;
            break;
        }
        case OPC_CALL_METHOD_KW: {
            int n = (int)ARG();
            ip += 2;
            if (--f->vm->poll_count <= 0) py_poll_now();
            pv names_t = sp[-1];
            pv *base = sp - n - 3;
            pv r;
            if (base[0]) r = call_kw(base[0], n + 1, base + 1, names_t, PV_NULL);
            else r = call_kw(base[1], n, base + 2, names_t, PV_NULL);
            sp = base;
            *sp++ = r;
            break;
        }
        case OPC_CALL: {
            int n = (int)ARG();
            ip += 2;
            if (--f->vm->poll_count <= 0) py_poll_now();
            pv *base = sp - n - 1;
            pv fn = base[0];
            pv r;
            if (IS(fn, py_func_type)) {
                if (RUNS_INLINE(((py_func *)fn)->code)) { f->sp = base; ENTER_INLINE((py_func *)fn, n, base + 1); }
                r = py_call_func((py_func *)fn, n, base + 1, PV_NULL);
            } else r = py_call(fn, n, base + 1, PV_NULL);
            sp = base;
            *sp++ = r;
            break;
        }
        case OPC_CALL_KW: {
            int n = (int)ARG();
            ip += 2;
            if (--f->vm->poll_count <= 0) py_poll_now();
            pv names_t = sp[-1];
            pv *base = sp - n - 2;
            pv r = call_kw(base[0], n, base + 1, names_t, PV_NULL);
            sp = base;
            *sp++ = r;
            break;
        }
        case OPC_CALL_EX: {
            int fl = (int)ARG();
            ip += 2;
            if (--f->vm->poll_count <= 0) py_poll_now();
            pv kw = (fl & CE_KW) ? *--sp : PV_NULL;
            pv args = *--sp;
            pv fn = sp[-1];
            if (kw && ((py_dict *)kw)->used == 0) kw = PV_NULL;
            sp[-1] = py_call(fn, (int)TUPLE(args)->len, TUPLE(args)->items, kw);
            break;
        }
        case OPC_BINARY_OP: {
            int o = (int)ARG();
            ip += 2;
            pv b = sp[-1], a = sp[-2];
            sp[-2] = binop_fast(o, a, b);
            sp--;
            break;
        }
        case OPC_COMPARE_OP: {
            int o = (int)ARG();
            ip += 2;
            pv b = sp[-1], a = sp[-2];
            bool res;
            if (cmp_fast(o, a, b, &res)) sp[-2] = PV_BOOL(res);
            else sp[-2] = py_compare(o, a, b);
            sp--;
            break;
        }
        case OPC_COMPARE_JUMP: {
            unsigned t = ARG();
            int o = ip[2];
            ip += 3;
            pv b = sp[-1], a = sp[-2];
            sp -= 2;
            bool res;
            if (!cmp_fast(o, a, b, &res)) res = py_truth(py_compare(o, a, b));
            if (!res) {
                if (code + t < ip && --f->vm->poll_count <= 0) py_poll_now();
                ip = code + t;
            }
            break;
        }
        case OPC_INCR_FAST: {
            unsigned i = ARG();
            int8_t k = (int8_t)ip[2];
            ip += 3;
            pv v = slots[i];
            if (!v) unbound_local(f, i);
            if (IS_SMALL(v) && SMALL(v) < SMALL_MAX - 128 && SMALL(v) > SMALL_MIN + 128) slots[i] = MKSMALL(SMALL(v) + k);
            else slots[i] = py_binop(OP_ADD | OP_INPLACE, v, MKSMALL(k));
            break;
        }
        case OPC_BUILD_TUPLE: {
            int n = (int)ARG();
            ip += 2;
            pv t = py_tuple_new((size_t)n);
            sp -= n;
            memcpy(TUPLE(t)->items, sp, (size_t)n * sizeof(pv));
            *sp++ = t;
            break;
        }
        case OPC_BUILD_LIST: {
            int n = (int)ARG();
            ip += 2;
            pv l = py_list_new((size_t)n);
            sp -= n;
            memcpy(LIST(l)->items, sp, (size_t)n * sizeof(pv));
            *sp++ = l;
            break;
        }
        case OPC_BUILD_SET: {
            int n = (int)ARG();
            ip += 2;
            pv s = py_set_new(&py_set_type);
            sp -= n;
            for (int i = 0; i < n; i++) py_set_add(s, sp[i]);
            *sp++ = s;
            break;
        }
        case OPC_BUILD_MAP: {
            int n = (int)ARG();
            ip += 2;
            pv d = py_dict_new();
            sp -= 2 * n;
            for (int i = 0; i < n; i++) py_dict_set(d, sp[2 * i], sp[2 * i + 1]);
            *sp++ = d;
            break;
        }
        case OPC_BUILD_SLICE: {
            int n = (int)ARG();
            ip += 2;
            if (n == 3) { pv s = py_slice_new(sp[-3], sp[-2], sp[-1]); sp -= 2; sp[-1] = s; }
            else { pv s = py_slice_new(sp[-2], sp[-1], PV_NONE); sp--; sp[-1] = s; }
            break;
        }
        case OPC_BUILD_STRING: {
            int n = (int)ARG();
            ip += 2;
            size_t total = 0;
            for (int i = 0; i < n; i++) total += py_str_len(sp[i - n]);
            char *d;
            pv s = py_str_alloc(total, &d);
            for (int i = 0; i < n; i++) {
                size_t k = py_str_len(sp[i - n]);
                memcpy(d, py_str_data(sp[i - n]), k);
                d += k;
            }
            sp -= n;
            *sp++ = py_str_done(s);
            break;
        }
        case OPC_FORMAT_VALUE: {
            int fl = (int)ARG();
            ip += 2;
            pv spec = (fl & FV_SPEC) ? *--sp : PV_NULL;
            sp[-1] = py_format_value(sp[-1], fl & 3, spec);
            break;
        }
        case OPC_LIST_APPEND: { pv v = *--sp; py_list_append(sp[-(int)ARG()], v); ip += 2; break; }
        case OPC_SET_ADD: { pv v = *--sp; py_set_add(sp[-(int)ARG()], v); ip += 2; break; }
        case OPC_MAP_ADD: { pv v = *--sp; pv k = *--sp; py_dict_set(sp[-(int)ARG()], k, v); ip += 2; break; }
        case OPC_LIST_EXTEND: {
            pv v = *--sp;
            unsigned depth = ARG();
            if (depth == 2) {
                /* f(*x): the argument list */
                depth = 1;
                if (!TYPE(v)->iter && !TYPE(v)->getitem) py_raisef(&py_TypeError_type, "%s argument after * must be an iterable, not %s", "function", py_type_name(TYPE(v)));
            }
            pv l = sp[-(int)depth];
            pv it = py_iter(v), x;
            while ((x = py_next(it))) py_list_append(l, x);
            ip += 2;
            break;
        }
        case OPC_SET_UPDATE: {
            pv v = *--sp;
            pv s = sp[-(int)ARG()];
            pv it = py_iter(v), x;
            while ((x = py_next(it))) py_set_add(s, x);
            ip += 2;
            break;
        }
        case OPC_DICT_UPDATE: case OPC_DICT_MERGE: {
            pv v = *--sp;
            pv d = sp[-(int)ARG()];
            if (!IS(v, py_dict_type)) {
                pv keys = py_getattr_opt(v, QS(keys));
                if (!keys && op == OPC_DICT_MERGE) py_raisef(&py_TypeError_type, "argument after ** must be a mapping, not %s", py_type_name(TYPE(v)));
                if (!keys) py_raisef(&py_TypeError_type, "'%s' object is not a mapping", py_type_name(TYPE(v)));
                pv it = py_iter(py_call0(keys)), k;
                while ((k = py_next(it))) py_dict_set(d, k, py_getitem(v, k));
            } else {
                py_dict *s = (py_dict *)v;
                for (uint32_t e = 0; e < s->nent; e++) if (s->ent[e].key) {
                    if (op == OPC_DICT_MERGE && !IS(s->ent[e].key, py_str_type)) py_raisef(&py_TypeError_type, "keywords must be strings");
                    if (op == OPC_DICT_MERGE && py_dict_get(d, s->ent[e].key))
                        py_raisef(&py_TypeError_type, "got multiple values for keyword argument '%s'", py_str_data(py_str_of(s->ent[e].key)));
                    py_dict_set(d, s->ent[e].key, s->ent[e].value);
                }
            }
            ip += 2;
            break;
        }
        case OPC_UNPACK_SEQUENCE: {
            int n = (int)ARG();
            ip += 2;
            pv v = *--sp;
            unpack(v, n, sp);
            sp += n;
            break;
        }
        case OPC_UNPACK_EX: {
            int a = (int)(ARG() & 0xff), b = (int)(ARG() >> 8);
            ip += 2;
            pv v = *--sp;
            pv l = py_list_from_iter(v);
            py_list *L = LIST(l);
            if ((int)L->len < a + b) py_raisef(&py_ValueError_type, "not enough values to unpack (expected at least %d, got %d)", a + b, (int)L->len);
            /* push in reverse: last b items, the middle list, first a items */
            for (int i = 0; i < b; i++) *sp++ = L->items[L->len - 1 - i];
            pv mid = py_list_new(L->len - (size_t)a - (size_t)b);
            memcpy(LIST(mid)->items, L->items + a, (L->len - (size_t)a - (size_t)b) * sizeof(pv));
            *sp++ = mid;
            for (int i = a - 1; i >= 0; i--) *sp++ = L->items[i];
            break;
        }
        case OPC_JUMP: {
            const uint8_t *t = code + ARG();
            if (t < ip && --f->vm->poll_count <= 0) { ip = t; f->ip = ip; py_poll_now(); }
            ip = t;
            break;
        }
        case OPC_POP_JUMP_IF_FALSE: {
            pv v = *--sp;
            if (v == PV_FALSE || (v != PV_TRUE && !py_truth(v))) ip = code + ARG();
            else ip += 2;
            break;
        }
        case OPC_POP_JUMP_IF_TRUE: {
            pv v = *--sp;
            if (v == PV_TRUE || (v != PV_FALSE && py_truth(v))) ip = code + ARG();
            else ip += 2;
            break;
        }
        case OPC_JUMP_IF_FALSE_OR_POP:
            if (!py_truth(sp[-1])) ip = code + ARG();
            else { sp--; ip += 2; }
            break;
        case OPC_JUMP_IF_TRUE_OR_POP:
            if (py_truth(sp[-1])) ip = code + ARG();
            else { sp--; ip += 2; }
            break;
        case OPC_FOR_ITER: {
            /* range and list iterators step here, without py_next's tick: the loop's
             * back-edge (a JUMP) ticks for each iteration already */
            pv it = sp[-1], v;
            if (IS(it, py_rangeiter_type)) {
                py_rangeit *r = (py_rangeit *)it;
                v = PV_NULL;
                if (r->left) {
                    int64_t c = r->cur;
                    r->left--;
                    r->cur = (int64_t)((uint64_t)c + (uint64_t)r->step);
                    v = c >= SMALL_MIN && c <= SMALL_MAX ? MKSMALL(c) : py_new_int(c);
                }
            } else if (IS(it, py_listiter_type)) {
                py_seqit *li = (py_seqit *)it;
                if (li->seq && li->i < LIST(li->seq)->len) v = LIST(li->seq)->items[li->i++];
                else { li->seq = PV_NULL; v = PV_NULL; }
            } else v = py_next(it);
            if (v) { *sp++ = v; ip += 2; }
            else { sp--; ip = code + ARG(); }
            break;
        }
        case OPC_SETUP_EXCEPT: {
            if (f->nblocks >= f->maxblocks) py_raisef(&py_SyntaxError_type, "too many statically nested blocks");
            f->blocks[f->nblocks].handler = ARG();
            f->blocks[f->nblocks].depth = (uint32_t)(sp - slots);
            f->nblocks++;
            ip += 2;
            break;
        }
        case OPC_RAISE: {
            int n = (int)ARG();
            ip += 2;
            if (n == 0) {
                if (!f->vm->handling) py_raisef(&py_RuntimeError_type, "No active exception to reraise");
                reraise(f, f->vm->handling);
            }
            pv cause = n == 2 ? *--sp : PV_NULL;
            pv e = *--sp;
            if (!IS_SMALL(e) && TYPE(e) == &py_type_type && py_issubtype((const py_type *)e, &py_BaseException_type)) e = py_call(e, 0, NULL, PV_NULL);
            if (!py_isinstance(e, &py_BaseException_type)) py_raisef(&py_TypeError_type, "exceptions must derive from BaseException");
            if (cause) {
                if (!IS_SMALL(cause) && TYPE(cause) == &py_type_type && py_issubtype((const py_type *)cause, &py_BaseException_type)) cause = py_call(cause, 0, NULL, PV_NULL);
                if (cause != PV_NONE && !py_isinstance(cause, &py_BaseException_type)) py_raisef(&py_TypeError_type, "exception causes must derive from BaseException");
                ((py_exc *)e)->cause = cause;
            }
            if (f->vm->handling && f->vm->handling != e) chain_context(e, f->vm->handling);
            ((py_exc *)e)->tb = PV_NULL;
            py_raise(e);
        }
        case OPC_MAKE_FUNCTION: {
            int fl = (int)ARG();
            ip += 2;
            py_code *c2 = (py_code *)*--sp;
            pv closure = (fl & MF_CLOSURE) ? *--sp : PV_NULL;
            pv kwdefs = (fl & MF_KWDEFAULTS) ? *--sp : PV_NULL;
            pv defs = (fl & MF_DEFAULTS) ? *--sp : PV_NULL;
            py_func *fn = (py_func *)py_func_new(c2, f->globals);
            fn->closure = closure;
            fn->kwdefaults = kwdefs;
            fn->defaults = defs;
            *sp++ = (pv)fn;
            break;
        }
        case OPC_IMPORT_NAME: {
            pv name = names[ARG()];
            ip += 2;
            pv fromlist = sp[-1];
            pv level = sp[-2];
            sp--;
            sp[-1] = py_import(name, fromlist, (int)SMALL(level));
            break;
        }
        case OPC_IMPORT_FROM: {
            pv r = py_import_from(sp[-1], names[ARG()]);
            *sp++ = r;
            ip += 2;
            break;
        }
        default:
            py_raisef(&py_RuntimeError_type, "bad opcode %d", op);
        }
    }
}
#pragma GCC diagnostic pop
