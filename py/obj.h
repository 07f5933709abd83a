/* The object model of upyOS-C's Python: one word per value (pv). A value with its low bit
 * set is a small int held in the word itself; any other value points at an object whose first
 * field is its type. Objects live in the GC heap (gc.c) or, for None, True, False, the builtin
 * types and functions, in read-only data. */
#ifndef PY_OBJ_H
#define PY_OBJ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include "hal/thread.h"
#include "py/qstr.h"

typedef uintptr_t pv;

/* Copies n argument values. An empty argument list may be a NULL pointer, which memcpy may
 * not be given even for 0 bytes (C11 7.24.1). */
static inline void py_copy_values(pv *dst, const pv *src, size_t n) {
    for (size_t i = 0; i < n; i++) dst[i] = src[i];
}
typedef intptr_t pint;
typedef struct py_type py_type;
typedef struct { const py_type *type; } pobj;
typedef struct gc_heap gc_heap;

#define PV_NULL ((pv)0)
#define IS_SMALL(v) (((v) & 1) != 0)
#define SMALL(v) ((pint)(v) >> 1)
#define MKSMALL(i) ((pv)(((uintptr_t)(pint)(i) << 1) | 1))
#define SMALL_MAX (INTPTR_MAX >> 1)
#define SMALL_MIN (INTPTR_MIN >> 1)
#define OBJ(v) ((pobj *)(v))
#define TYPE(v) (IS_SMALL(v) ? &py_int_type : OBJ(v)->type)
#define IS(v, t) (!IS_SMALL(v) && OBJ(v)->type == &(t))

/* Builtin functions and methods share one C signature: n positional arguments in a (for a
 * method a[0] is self), and kw a dict of keyword arguments or PV_NULL when there are none. */
typedef pv (*py_cfn)(int n, pv *a, pv kw);
#define M_STATIC 1
#define M_CLASS 2
#define M_PROPERTY 4
#define M_UNBOUND 8   /* a method taken from its builtin type: self holds that type, the first argument is checked against it */
#define M_CONST 16     /* a class constant in a method table: its value is the entry's self */
#define M_SPECIAL 32   /* a special method a native module put in a class it made: called like a def */
#define M_KW 64        /* takes keyword arguments (and checks their names itself); without it py_call refuses any */
#define M_SELF 128     /* made at run time (py_builtin_new): a py_builtin_with_self */

/* Binary operators, in the order of the bytecode's BINARY_OP argument. */
enum { OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_LSHIFT, OP_RSHIFT,
       OP_AND, OP_OR, OP_XOR, OP_MATMUL, OP_NBIN, OP_INPLACE = 16 };
/* Comparisons, COMPARE_OP's argument. */
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE, CMP_IN, CMP_NOTIN, CMP_IS, CMP_ISNOT,
       CMP_EXC };

#define TF_USER 1      /* a class statement made it: look dunder methods up in its dict */
#define TF_BASE 2      /* may be subclassed */
#define TF_EXC 4       /* an exception class */
#define TF_INSTDICT 16 /* instances are py_inst, with a dict */
#define TF_SLOWATTR 8  /* a class with properties, descriptors or __setattr__: no attribute fast path */
#define TF_KW 32       /* a builtin type whose make takes keyword arguments; calling the others with one is a TypeError */

struct py_type {
    const py_type *type;
    const char *cname;                 /* builtin types */
    pv name;                           /* classes: a str */
    const py_type *base;               /* the first base */
    pv bases, mro, dict;               /* classes: tuple, tuple, dict */
    const struct py_builtin *methods;  /* builtin types, ended by fn NULL */
    const struct py_builtin *methods2; /* a second table shared by several types */
    uint32_t flags;
    pv (*make)(const py_type *t, int n, pv *a, pv kw);   /* calling the type */
    pv (*repr)(pv o);
    pv (*str)(pv o);
    uintptr_t (*hash)(pv o);
    pv (*binop)(int op, pv a, pv b, int side);            /* PV_NULL: NotImplemented */
    pv (*compare)(int op, pv a, pv b, int side);          /* PV_NULL: NotImplemented */
    pv (*unary)(int op, pv a);
    pv (*getitem)(pv o, pv k);
    void (*setitem)(pv o, pv k, pv v);                    /* v PV_NULL deletes */
    pv (*iter)(pv o);
    pv (*next)(pv o);                                     /* PV_NULL when exhausted */
    pv (*call)(pv f, int n, pv *a, pv kw);
    pv (*getattr)(pv o, pv name);                         /* PV_NULL when missing */
    bool (*setattr)(pv o, pv name, pv v);                 /* v PV_NULL deletes */
    pint (*len)(pv o);
    int (*truth)(pv o);
    int (*contains)(pv o, pv x);
    void (*mark)(pv o, gc_heap *h);                       /* gc_mark each reference */
};

/* ---- object layouts ---- */
/* A str made at run time. The predefined names (py/qstr.h) are not: each is one word of
 * py_qstrs, its type (so TYPE(), IS() and identity work on it as on any object), and its text
 * is found through py_qstr_off in py_qstr_text, 6 bytes a name instead of this struct's 20
 * (py/str.c reads both kinds through str_view). */
typedef struct { const py_type *type; uint32_t hash, len, clen; const char *data; } py_str;
typedef struct { const py_type *type; uint32_t len; uint8_t *data; uint32_t cap; } py_bytes;
extern const py_type *const py_qstrs[Q_COUNT];
/* the index (Q_...) of a predefined name, or -1 for any other value: a method table names its
 * entries by index, so a lookup compares 16-bit numbers and skips a name not predefined */
static inline int py_qstr_index(pv v) {
    uintptr_t i = (v - (pv)py_qstrs) / sizeof py_qstrs[0];
    return i < Q_COUNT ? (int)i : -1;
}
typedef struct { const py_type *type; double v; } py_float;
typedef struct { const py_type *type; size_t len, cap; pv *items; } py_list;
typedef struct { const py_type *type; size_t len; pv items[]; } py_tuple;
typedef struct { uintptr_t hash; pv key, value; } py_dent;
typedef struct {
    const py_type *type;
    uint32_t used, nent, cap, version;  /* live keys, entries written, entry capacity, key-set version */
    int32_t *index;                     /* 2*cap/... slots, -1 empty, -2 deleted */
    uint32_t mask;
    py_dent *ent;
} py_dict;
/* range bounds are 64-bit on every port, as posix's index size: a board's 32-bit index would
 * refuse range(2**31, 2**31 + 5); a length must still fit the index */
typedef struct { const py_type *type; int64_t start, stop, step; } py_range;
/* the iterators of range and list, which FOR_ITER steps inline */
typedef struct { const py_type *type; int64_t cur, step; uint64_t left; } py_rangeit;
typedef struct { const py_type *type; pv seq; size_t i; } py_seqit;
typedef struct { const py_type *type; pv start, stop, step; } py_slice;
typedef struct { const py_type *type; pv dict; } py_inst;
typedef struct { const py_type *type; pv dict; pv args; pv tb; pv cause, context; } py_exc;
typedef struct { const py_type *type; pv value; } py_cell;
typedef struct { const py_type *type; pv self, func; } py_bound;
/* A builtin function or method. A method-table entry, in flash, is only these 12 bytes: its C
 * function, or for a constant (M_CONST) its value, since a constant is never called. A builtin
 * made at run time (py_builtin_new, py_builtin_bind) also holds the self it is bound to, after
 * them (M_SELF, a py_builtin_with_self); py_builtin_self reads it, PV_NULL for a table entry. */
typedef struct py_builtin { const py_type *type; uint16_t name; uint16_t flags; union { py_cfn fn; pv value; }; } py_builtin;
typedef struct { py_builtin b; pv self; } py_builtin_with_self;
static inline pv py_builtin_self(const py_builtin *b) { return b->flags & M_SELF ? ((const py_builtin_with_self *)b)->self : PV_NULL; }
/* A method-table entry states how many positional arguments its method takes after self
 * (lo to hi, hi ANY for no limit); py_call checks the count before the C function runs, so the
 * function may read a[0..lo] without looking at n. The counts live in the high bits of flags,
 * with self included and hi stored as 15 - hi, so a builtin made with flags 0 takes any
 * count. A module's function (FUNC) takes no self: it does not bind as a method, as in
 * CPython. Keyword arguments reach only an entry marked M_KW (METHOD_KW, FUNC_KW), which
 * checks their names itself; py_call refuses them to every other builtin, as CPython does. */
#define ANY 14
#define ARITY(lo, hi, self) ((unsigned)((lo) + (self)) << 8 | (unsigned)((hi) >= ANY ? 0 : 15 - (hi) - (self)) << 12)
#define ARITY_MASK 0xff00u
#define METHOD(q, f, lo, hi) { &py_builtin_type, Q_##q, ARITY(lo, hi, 1), { f } }
#define METHOD_F(q, fl, f, lo, hi) { &py_builtin_type, Q_##q, (fl) | ARITY(lo, hi, !((fl) & M_STATIC)), { f } }
#define FUNC(q, f, lo, hi) { &py_builtin_type, Q_##q, M_STATIC | ARITY(lo, hi, 0), { f } }
#define METHOD_KW(q, f, lo, hi) METHOD_F(q, M_KW, f, lo, hi)
#define FUNC_KW(q, f, lo, hi) { &py_builtin_type, Q_##q, M_STATIC | M_KW | ARITY(lo, hi, 0), { f } }
#define METHODS_END { 0, 0, 0, { 0 } }
typedef struct { const py_type *type; pv fget, fset, fdel; } py_property;
typedef struct { const py_type *type; pv func; } py_wrap;   /* staticmethod, classmethod */
/* A native module's functions stay in their const tables (in flash) until something needs
 * the whole namespace (__dict__, dir, import *, del): the dict holds only what was set. */
#define PY_MODULE_TABLES 2
typedef struct { const py_type *type; pv dict; pv name; const py_builtin *tables[PY_MODULE_TABLES]; } py_module;

typedef struct py_code {
    const py_type *type;
    uint16_t nargs, nposonly, nkwonly, nlocals, ncells, nfree, nhidden, stacksize, ncache;
    uint16_t flags;           /* CO_* */
    uint16_t maxblocks;       /* the most try/with blocks open at once (a generator's room for them) */
    pv name, filename;
    pv consts, names;         /* tuples */
    pv varnames;              /* tuple: params, locals, then cells and frees */
    uint8_t *code; uint32_t codelen;
    uint8_t *lines; uint32_t lineslen; uint32_t firstline;
    int16_t *cell2arg;        /* for each cell, the parameter it starts from, or -1 */
    struct py_gcache *cache;  /* per name: where LOAD_GLOBAL found it last */
} py_code;
#define CO_VARARGS 1
#define CO_VARKW 2
#define CO_GENERATOR 4
#define CO_CLASSBODY 8
#define CO_MODULE 16
#define CO_NEEDCLASS 32
#define CO_HASTRY 64
#define CO_COROUTINE 128
#define CO_HASDOC 256
/* set by the compiler: positional parameters only, no cells, no try, not a generator, so a
 * call with as many arguments runs in its caller's run_frame by the shortest path (vm.c) */
#define CO_PLAIN 512
/* the slots a frame zeroes: named locals, cells, free variables, the compiler's temporaries */
#define CO_NL(co) ((co)->nlocals + (co)->ncells + (co)->nfree + (co)->nhidden)

typedef struct { const py_type *type; py_code *code; pv globals, defaults, kwdefaults, closure, name, dict, qualname; } py_func;
typedef struct py_gcache { uint32_t gver, bver; uint32_t idx; uint32_t where; } py_gcache;

/* ---- frames and generators ---- */
#define MAXBLOCKS 20
typedef struct { uint32_t handler; uint32_t depth; } py_block;
typedef struct py_frame {
    struct py_frame *back;
    struct py_vm *vm;         /* the interpreter running it */
    py_code *code;
    py_func *func;
    pv globals, locals;       /* locals: the class namespace in a class body, else PV_NULL */
    pv *slots;                /* nlocals + ncells + nfree, then the value stack */
    pv *sp;
    const uint8_t *ip;        /* the instruction being run (for tracebacks) */
    pv *saved_top;            /* the VM stack's top while this frame runs */
    int nslots;
    bool yielded;
    int nblocks, maxblocks;
    py_block *blocks;         /* a call's on the C stack; a generator's after its slots */
} py_frame;
/* handling: the exception an except clause of it handles while it waits there (a yield in it) */
typedef struct { const py_type *type; py_frame f; uint8_t state; pv *slots; pv sent; pv handling; } py_gen;

/* ---- the interpreter's state ---- */
typedef struct py_jmp { jmp_buf buf; struct py_jmp *prev; struct py_frame *frame; } py_jmp;
/* A C-level try: py_try_begin(&t); if (setjmp(t.j.buf) == 0) { ...; py_try_end(&t); }
 * else { py_try_catch(&t); ... py_cur->exc ... } */
typedef struct { py_jmp j; int depth; pv *top; struct py_frame *frame; } py_try;
void py_try_begin(py_try *t);
void py_try_end(py_try *t);
pv py_try_catch(py_try *t);
typedef struct py_io {
    void (*write)(void *ctx, int fd, const char *s, size_t n);   /* fd 1 out, 2 err */
    int (*readline)(void *ctx, char *buf, size_t n);              /* -1 at end of input */
    /* called at loop back-edges and calls: 0 go on, 1 raise KeyboardInterrupt, 2 stop (SystemExit) */
    int (*poll)(void *ctx);
    /* a file's size (buf NULL) or its contents into buf; -1 when it cannot be read */
    long (*read_file)(void *ctx, const char *path, char *buf, size_t cap);
    double (*clock)(void *ctx);                  /* seconds, monotonic */
    /* files for open(): a handle or NULL with *err set to an errno value */
    void *(*fopen)(void *ctx, const char *path, const char *mode, int *err);
    long (*fread)(void *ctx, void *h, char *buf, size_t n);
    long (*fwrite)(void *ctx, void *h, const char *buf, size_t n);
    void (*fclose)(void *ctx, void *h);
    long (*fseek)(void *ctx, void *h, long off, int whence);   /* the new position, or -1 */
    int (*remove)(void *ctx, const char *path);
    /* the os module's file-system calls (PY_FS_*): 0, or an errno value */
    int (*fs)(void *ctx, int op, const char *path, const char *path2, void *out);
    void (*sleep)(void *ctx, double seconds);
    /* the embedder's native modules (py/mod/mod.h), found after py/'s own; NULL: none */
    const struct py_native_module *modules;
    /* _thread: runs run(arg) in a new thread (a process of the program); 0, or -1 when it
     * cannot; *id is the thread's id. NULL: no threads */
    int (*thread_start)(void *ctx, void (*run)(void *arg), void *arg, uintptr_t *id);
    /* the network the socket and select modules use (include/hal/net.h); NULL: none */
    const struct netif_ops *net;
    void *ctx;
} py_io;

enum { PY_FS_LISTDIR, PY_FS_MKDIR, PY_FS_RMDIR, PY_FS_REMOVE, PY_FS_RENAME, PY_FS_STAT, PY_FS_GETCWD, PY_FS_CHDIR,
       PY_FS_STATVFS };
/* PY_FS_STAT fills a py_stat; PY_FS_LISTDIR calls add for each name; PY_FS_GETCWD fills char[256] */
typedef struct { uint32_t mode; int64_t size; int64_t mtime; } py_stat;
/* PY_FS_STATVFS fills a py_statvfs: the file system that holds the path */
typedef struct { uint32_t block_size, blocks, blocks_free; bool read_only; } py_statvfs;
typedef struct { void (*add)(void *arg, const char *name); void *arg; } py_dirlist;

typedef struct py_vm {
    py_io io;
    py_jmp *jmp;
    pv exc;                   /* the exception being raised */
    pv builtins, modules, interned, main_dict, sys_path, argv;
    pv stack_roots[8];
    /* the value stack grows down from stack_end; stack_top is its lowest slot in use and stack
     * its room's low end: the heap's end for the program's own stack (py_stack_grow), a
     * thread's block for a thread's */
    pv *stack, *stack_top, *stack_end;
    pv *stack_floor, *main_stack_end;   /* the program's own stack: its limit and its top end */
    py_frame *frame;
    int depth, max_depth;
    int poll_count;           /* ticks (back-edges, calls) left before the next poll */
    int poll_period;          /* what poll_count was set to at the last poll */
    uint64_t steps;           /* ticks counted at the polls so far */
    uint64_t step_limit;      /* stop the program at this many steps; 0: no limit */
    double stop_deadline;     /* told to stop: when the cleanup's grace ends (0: not told) */
    pv handling;              /* the exception the innermost except clause handles */
    struct py_frame *tb_skip; /* the frame re-raising: it adds no line to the traceback */
    int exit_code;
    pv memerr;                /* preallocated, raised when the heap is full */
    void *cstack_top;
    size_t cstack_size;       /* C stack the interpreter may use below cstack_top; 0: unchecked */
    gc_heap *heap;            /* gc.c: this program's heap, inside its arena */
    uint32_t dict_version;    /* bumped when any dict's key set changes (LOAD_GLOBAL's cache) */
    pv *repr_stack;           /* the containers whose repr is being built (64 at most) */
    int repr_depth;
    bool gc_disabled;         /* gc.disable() */
    pv struct_error;          /* struct.error, made on the first import of struct */
    pv re_error;              /* re.error, made on the first import of re */
    bool builtins_complete;   /* builtins holds every builtin (import builtins made it so) */
    void *arena;              /* py_create's allocation, freed by py_destroy; NULL for py_new */
    pv events;                /* py/mod/events.c: pin interrupts and timers; PV_NULL: none yet */
    bool events_running;      /* their callbacks are running: none starts inside another */
    pv asyncio;               /* py/mod/asyncio.c: its classes and the current loop; PV_NULL: not imported */
    pv iter_return;           /* what a native iterator that is done gives `yield from` (an await's value) */
    pv threads;               /* py/thread.c: the program's threads and their turns; PV_NULL: one thread */
    size_t thread_stack;      /* _thread.stack_size(): a new thread's value stack in bytes; 0: the default */
} py_vm;
/* The interpreter running on this thread: every program has its own py_vm and a thread runs
 * one program at a time (py_run_* install it), so two threads run two programs at once. */
#define py_cur ((py_vm *)hal_thread_get_runtime())

/* Checked with the recursion limit: a limit raised past what the C stack holds
 * (sys.setrecursionlimit) gives RecursionError, not a stack overflow. Stacks grow down. */
static inline bool py_cstack_exhausted(const py_vm *vm) {
    char here;
    return vm->cstack_size && vm->cstack_top && (uintptr_t)vm->cstack_top - (uintptr_t)&here > vm->cstack_size;
}

/* ---- types ---- */
extern const py_type py_type_type, py_object_type, py_none_type, py_bool_type, py_int_type,
    py_long_type, py_float_type, py_str_type, py_bytes_type, py_bytearray_type, py_list_type,
    py_tuple_type, py_dict_type, py_set_type, py_frozenset_type, py_range_type, py_slice_type,
    py_func_type, py_builtin_type, py_bound_type, py_code_type, py_cell_type, py_gen_type,
    py_property_type, py_staticmethod_type, py_classmethod_type, py_module_type, py_super_type,
    py_iter_type, py_notimpl_type, py_ellipsis_type, py_dictview_type, py_map_type,
    py_zip_type, py_enumerate_type, py_filter_type, py_reversed_type, py_coro_type,
    py_rangeiter_type, py_listiter_type;
extern const pobj py_none_obj, py_true_obj, py_false_obj, py_notimpl_obj, py_ellipsis_obj;
#define PV_NONE ((pv)&py_none_obj)
#define PV_TRUE ((pv)&py_true_obj)
#define PV_FALSE ((pv)&py_false_obj)
#define PV_BOOL(b) ((b) ? PV_TRUE : PV_FALSE)

/* exceptions (exc.c) */
#define EXC_LIST(X) X(BaseException, object) X(SystemExit, BaseException) \
    X(KeyboardInterrupt, BaseException) X(GeneratorExit, BaseException) X(Exception, BaseException) \
    X(StopIteration, Exception) X(ArithmeticError, Exception) X(ZeroDivisionError, ArithmeticError) \
    X(OverflowError, ArithmeticError) X(AssertionError, Exception) X(AttributeError, Exception) \
    X(LookupError, Exception) X(IndexError, LookupError) X(KeyError, LookupError) \
    X(NameError, Exception) X(UnboundLocalError, NameError) X(TypeError, Exception) \
    X(ValueError, Exception) X(UnicodeError, ValueError) X(RuntimeError, Exception) \
    X(RecursionError, RuntimeError) X(NotImplementedError, RuntimeError) \
    X(MemoryError, Exception) X(OSError, Exception) X(ImportError, Exception) \
    X(ModuleNotFoundError, ImportError) X(SyntaxError, Exception) \
    X(IndentationError, SyntaxError) X(EOFError, Exception) X(StopAsyncIteration, Exception) \
    X(FileNotFoundError, OSError) X(FileExistsError, OSError) X(PermissionError, OSError) \
    X(IsADirectoryError, OSError) X(NotADirectoryError, OSError) X(Warning, Exception) \
    X(UnicodeDecodeError, UnicodeError) X(UnicodeEncodeError, UnicodeError) X(ConnectionError, OSError) \
    X(TimeoutError, OSError) X(BlockingIOError, OSError) X(ConnectionRefusedError, ConnectionError) \
    X(ConnectionResetError, ConnectionError)
#define X(n, b) extern const py_type py_##n##_type;
EXC_LIST(X)
#undef X
/* An exception class as a read-only type (in flash, nothing made at import), for a native
 * module's own exceptions as for the builtin ones above:
 *     const py_type py_foo_Error_type = PY_EXC_TYPE("foo.Error", py_Exception_type);
 * A module's class says its module in its name, as CPython's static types do: __module__ is
 * what comes before the last dot ("builtins" when there is none), __name__ what follows. */
#define PY_EXC_TYPE(cname_, base_) { &py_type_type, cname_, .base = &(base_), .methods = py_exc_methods, \
    .flags = TF_EXC | TF_BASE, .make = py_exc_make, .repr = py_exc_repr, .str = py_exc_str, \
    .hash = py_id_hash, .getattr = py_exc_getattr, .setattr = py_exc_setattr, .mark = py_exc_mark }
extern const py_builtin py_exc_methods[];
pv py_exc_make(const py_type *t, int n, pv *a, pv kw);
pv py_exc_repr(pv o);
pv py_exc_str(pv o);
pv py_exc_getattr(pv o, pv name);
bool py_exc_setattr(pv o, pv name, pv v);
void py_exc_mark(pv o, gc_heap *h);
uintptr_t py_id_hash(pv o);

/* ---- gc.c ---- */
enum { GC_OBJ = 1, GC_RAW = 2, GC_PVS = 3 };
gc_heap *gc_init(void *arena, size_t size);   /* the heap's own state goes first in arena */
void *gc_alloc(size_t n, int kind);
void *gc_alloc_uninit(size_t n, int kind);   /* not cleared: the caller writes every field */
void *gc_realloc(void *p, size_t n, int kind);
/* Gives a block back at once: for an owner that knows nothing else refers to it (the parser's
 * token array), so that stale copies of its address on the C stack do not keep it. */
void gc_free(void *p);
/* Gives back the end of a heap block beyond its first n bytes, which its owner no longer needs. */
void gc_shrink(void *p, size_t n);
void gc_collect(void);
/* for a type's mark function and the roots: keeps what v (p) points at, in the heap being
 * collected */
void gc_mark(gc_heap *h, pv v);
void gc_mark_ptr(gc_heap *h, const void *p);
void gc_lock(gc_heap *h);
/* a collection at every nth allocation (1: every one), to find missing roots; 0 turns it off */
void gc_set_stress(gc_heap *h, unsigned every);
/* a collection whenever this many bytes were allocated since the last (0: only when needed) */
void gc_set_threshold(gc_heap *h, size_t bytes);
size_t gc_threshold(const gc_heap *h);
void gc_unlock(gc_heap *h);
/* the heap's end, lowered for the value stack as it grows (false: live blocks lie above `to`,
 * even after a collection) and raised when the heap borrows the stack's unused room back */
void *gc_end(const gc_heap *h);
bool gc_lower_end(gc_heap *h, void *to);
bool gc_raise_end(gc_heap *h, void *to);
size_t gc_used(const gc_heap *h);
size_t gc_peak(const gc_heap *h);
size_t gc_size(const gc_heap *h);
void gc_each_object(gc_heap *h, void (*fn)(pobj *o, void *arg), void *arg);
#define NEW(T, t) ((T *)py_new_obj(sizeof(T), &(t)))
void *py_new_obj(size_t size, const py_type *t);

/* ---- errors (never return) ---- */
_Noreturn void py_raise(pv exc);
_Noreturn void py_raisef(const py_type *t, const char *fmt, ...);
pv py_exc_new(const py_type *t, pv msg);
bool py_isinstance(pv o, const py_type *t);
bool py_issubtype(const py_type *a, const py_type *b);
_Noreturn void py_type_error_unsupported(const char *op, pv a, pv b);

/* ---- core operations (runtime.c) ---- */
pv py_binop(int op, pv a, pv b);
pv py_compare(int op, pv a, pv b);
bool py_eq(pv a, pv b);
bool py_truth(pv v);
uintptr_t py_hash(pv v);
pv py_repr(pv v);
pv py_str_of(pv v);
pv py_getattr(pv o, pv name);
pv py_getattr_opt(pv o, pv name);
void py_setattr(pv o, pv name, pv v);
pv py_getitem(pv o, pv k);
void py_setitem(pv o, pv k, pv v);
pv py_iter(pv o);
pv py_next(pv it);              /* PV_NULL when exhausted */
pv py_call(pv f, int n, pv *a, pv kw);
pv py_call0(pv f);
pv py_call1(pv f, pv a);
pint py_len(pv o);
int py_contains(pv o, pv x);
pv py_unary(int op, pv a);
pv py_type_lookup(const py_type *t, pv name);
pv py_lookup_special(pv o, int q);
const char *py_type_name(const py_type *t);
pv py_type_name_obj(const py_type *t);
pint py_to_index(pv v);
double py_to_double(pv v);
pv py_new_int(int64_t v);
pv py_int_from_double(double d);
bool py_is_int(pv v);
pv py_int_boxed(pv v);
pv py_int_exact(pv v);
int64_t py_int_val(pv v);
pv py_float_new(double d);
pv py_format(pv v, pv spec);
void py_print_exc(pv exc);
pv py_hash_obj(pv v);

/* ---- str.c ---- */
pv py_str_new(const char *s, size_t n);
/* py/codec.c: a str's bytes in an encoding, and bytes' text; encoding and errors are str
 * values or PV_NULL (UTF-8, strict) */
pv py_encode(pv s, pv encoding, pv errors);
pv py_decode(const uint8_t *d, size_t n, pv encoding, pv errors);
/* where the first byte that is not well-formed UTF-8 is, or n */
size_t py_utf8_invalid_at(const uint8_t *s, size_t n);
/* a str of n bytes whose text the caller writes into *text before anything else allocates
 * (its code-point length is counted then by py_str_done; ASCII text needs no count) */
pv py_str_alloc(size_t n, char **text);
pv py_str_done(pv s);
pv py_str_cstr(const char *s);
pv py_intern(const char *s, size_t n);
pv py_intern_str(pv s);
pv py_qstr(int q);
pv py_strf(const char *fmt, ...);
const char *py_str_data(pv s);
size_t py_str_len(pv s);
size_t py_str_clen(pv s);   /* its length in code points */
bool py_str_eq(pv a, pv b);
pv py_str_concat(pv a, pv b);
pv py_str_join(pv sep, pv iterable);
pv py_str_mod(pv fmt, pv args);
pv py_str_format(int n, pv *a, pv kw);
void py_repr_str(pv s, char quote_pref, void *buf);
pv py_float_repr(double d);
/* py/floattext.c: float <-> decimal text, exact on every port (no C library printf/strtod) */
int py_float_shortest(double v, char *out, int *lead);          /* v > 0 finite: <= 17 digits */
char *py_float_format(double x, char type, pint prec, bool alt); /* x >= 0 finite; e E f F g G r */
bool py_float_from_text(const char *s, size_t n, double *out);
uint32_t py_hash_bytes(const char *s, size_t n);
/* a growable byte buffer in the heap, used to build strings */
typedef struct { char *p; size_t n, cap; } py_buf;
void buf_init(py_buf *b, size_t cap);
#define BUF_LOCAL 48
void buf_init_in(py_buf *b, char *local, size_t cap);
void buf_add(py_buf *b, const char *s, size_t n);
void buf_adds(py_buf *b, const char *s);
void buf_addc(py_buf *b, char c);
void buf_addv(py_buf *b, pv strv);
pv buf_str(py_buf *b);
/* one code point onto a buffer as UTF-8; the code point at s[*i], *i moved past it */
void py_utf8_put(py_buf *b, uint32_t c);
uint32_t py_utf8_get(const char *s, size_t *i);

/* ---- containers ---- */
pv py_list_new(size_t n);
void py_list_append(pv l, pv v);
pv py_list_from_iter(pv it);
pv py_tuple_new(size_t n);
pv py_tuple_from_iter(pv it);
#define TUPLE(v) ((py_tuple *)(v))
#define LIST(v) ((py_list *)(v))
pv py_dict_new(void);
pv py_dict_get(pv d, pv k);          /* PV_NULL when missing */
pv py_dict_get_str(pv d, const char *k);
void py_dict_set(pv d, pv k, pv v);
bool py_dict_del(pv d, pv k);
pv py_dict_get_hinted(pv d, pv k, uint32_t *hint);
void py_seq_items(pv seq, size_t *n, pv **items);   /* list or tuple */
pv py_set_new(const py_type *t);
void py_set_add(pv s, pv v);
pv py_range_new(int64_t a, int64_t b, int64_t c);
pv py_slice_new(pv a, pv b, pv c);
void py_slice_indices(pv sl, pint len, pint *start, pint *stop, pint *step, pint *n);
pv py_bytes_new(const py_type *t, const void *p, size_t n);

/* ---- functions, classes, modules ---- */
pv py_builtin_new(int q, py_cfn fn, pv self);
pv py_builtin_bind(const py_builtin *entry, pv self);
pv py_func_new(py_code *code, pv globals);
pv py_bound_new(pv self, pv func);
pv py_class_new(pv name, pv bases, pv dict);
pv py_inst_new(const py_type *t);
pv py_module_new(pv name);
/* The module's namespace as a dict, with its table entries copied in (from then on it is all
 * in the dict). */
pv py_module_dict(pv module);
/* Adds a const table's functions and constants (M_CONST entries) to a module: read from the
 * table until the namespace is needed whole. */
void py_module_add_table(pv module, const py_builtin *table);
pv py_import(pv name, pv fromlist, int level);
void py_file_release(py_vm *vm, pobj *o);   /* closes o if it is an open file */
void py_kw_check_empty(pv kw, const char *fname);
pv py_kw_get(pv kw, int q);
void py_argcheck(int n, int min, int max, const char *name);

/* ---- builtins.c, modules ---- */
void py_builtins_init(void);
pv py_builtin_get(pv name);    /* PV_NULL when there is no such builtin */
bool py_static_builtin_find(pv name, uint32_t *index);
pv py_static_builtin(uint32_t index);
pv py_sys_module(void);

/* ---- vm.c, compile.c ---- */
/* The value stack reaching down to `want`, below its room: the heap lends it more, up to its
 * limit of an eighth of the arena (RecursionError beyond), or MemoryError when the heap's
 * blocks fill the room. */
void py_stack_grow(py_vm *vm, pv *want);
/* The heap is full: it takes the program's stack's unused room; false when there is none. */
bool py_stack_lend(py_vm *vm);
pv py_vm_run_code(py_code *code, pv globals, pv locals);
pv py_call_func(py_func *fn, int n, pv *a, pv kw);
pv py_gen_send(pv gen, pv v, pv exc);
py_code *py_compile(const char *src, size_t len, pv filename, int mode);
#define PY_MODE_FILE 0
#define PY_MODE_EVAL 1
#define PY_MODE_SINGLE 2
#define PY_MODE_EXEC 3      /* like FILE, names through the locals and globals dicts */
/* The poll (py_io.poll) and the step limit are checked every PY_POLL_PERIOD ticks. */
#define PY_POLL_PERIOD 1000
/* A program told to stop gets one SystemExit and this long (seconds) to run its finally
 * clauses and with-exits before the SystemExit comes again at every tick. */
#define PY_STOP_GRACE_S 2.0
void py_poll_now(void);
/* py/thread.c: the program's threads take turns with the interpreter. fn(arg) blocks: it runs
 * without the turn (NULL: only lets a waiting thread go first). The embedder's blocking
 * calls go through these. */
void py_blocking(void (*fn)(void *arg), void *arg);
void py_threads_yield(void);
bool py_threads_own_turn(py_vm *vm);
void py_threads_mark(py_vm *vm);
void py_io_sleep(py_vm *vm, double seconds);
int py_io_poll(py_vm *vm);
int py_io_readline(py_vm *vm, char *buf, size_t n);
/* One tick of a loop that runs in C for long (an iteration, a row of a bignum product): the
 * poll and the step limit reach it as they reach a loop back-edge. */
static inline void py_tick(void) { if (--py_cur->poll_count <= 0) py_poll_now(); }
/* A tick for a step over n words, counted as a tick per 64 of them, so that the step limit
 * bounds the time bignum arithmetic takes however large its numbers. */
static inline void py_tick_words(size_t n) {
    py_cur->poll_count -= (int)(n / 64) + 1;
    if (py_cur->poll_count <= 0) py_poll_now();
}
int py_code_line(py_code *c, const uint8_t *ip);
#endif
