/* The GC heap: one arena the embedder gives (its size is the program's hard memory cap),
 * carved into blocks of whole granules, each preceded by a one-word header (size in granules,
 * kind, mark). Free blocks sit on per-size lists; a collection marks from the interpreter's
 * roots, the value stack and, conservatively, the C stack, then sweeps the arena in address
 * order, joining neighbouring free blocks. A bitmap marks where blocks start, so a word found
 * on the C stack is a root only when it points exactly at a live block. */
#include <string.h>
#include "py/obj.h"

#define W sizeof(uintptr_t)
#define GRAN (2 * W)
#define HDR W
#define NLISTS 32
#define H_MARK 1u
#define H_KIND(h) (((h) >> 1) & 3u)
#define H_SIZE(h) ((h) >> 3)            /* granules */
#define MKHDR(sz, kind) (((uintptr_t)(sz) << 3) | ((uintptr_t)(kind) << 1))
#define K_FREE 0
/* the bitmap helpers are inlined even in unoptimised (sanitizer) builds, where the collection
 * at every allocation of the GC stress run spends its time in them */
#define ALWAYS_INLINE __attribute__((always_inline))
#define MARK_STACK 64           /* deeper structures are found by rescanning the heap */
#define MARK_DEPTH 4            /* with the mark stack full, objects traced in place, nested this deep */

typedef struct fblock { uintptr_t hdr; struct fblock *next; } fblock;

/* One per program, at the start of its heap's part of the arena. */
struct gc_heap {
    uint8_t *base, *end, *bump;
    uint8_t *soft;              /* the bump pointer's limit before the next collection */
    uint8_t *starts;            /* one bit per granule: a block starts here */
    fblock *lists[NLISTS + 1];  /* exact sizes 1..NLISTS, then everything larger */
    size_t used, peak;
    int lock;
    bool collecting;
    unsigned stress_every;      /* collect at every Nth allocation (0: only when needed) */
    unsigned stress_count;
    size_t threshold, since;    /* gc.threshold(): collect after this many bytes (0: off) */
    pv *stack;                  /* objects marked, not yet traced: on the C stack while collecting */
    int sp, depth;
    bool overflow;
};

static inline ALWAYS_INLINE size_t gidx(const gc_heap *h, const uint8_t *p) { return (size_t)(p - h->base) / GRAN; }
static inline ALWAYS_INLINE void set_start(gc_heap *h, uint8_t *p) { size_t i = gidx(h, p); h->starts[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static inline ALWAYS_INLINE void clr_start(gc_heap *h, uint8_t *p) { size_t i = gidx(h, p); h->starts[i >> 3] &= (uint8_t)~(1u << (i & 7)); }
static inline ALWAYS_INLINE bool is_start(const gc_heap *h, const uint8_t *p) { size_t i = gidx(h, p); return h->starts[i >> 3] & (1u << (i & 7)); }
/* clears the start bits of the granules from p up to end: whole bytes at once */
static void clr_starts(gc_heap *h, uint8_t *p, uint8_t *end) {
    size_t i = gidx(h, p), e = gidx(h, end);
    for (; i < e && (i & 7); i++) h->starts[i >> 3] &= (uint8_t)~(1u << (i & 7));
    if (e - i >= 8) { memset(h->starts + (i >> 3), 0, (e - i) >> 3); i += (e - i) & ~(size_t)7; }
    for (; i < e; i++) h->starts[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

gc_heap *gc_init(void *arena, size_t size) {
    uint8_t *a = (uint8_t *)(((uintptr_t)arena + GRAN - 1) & ~(uintptr_t)(GRAN - 1));
    size -= (size_t)(a - (uint8_t *)arena);
    size_t hsize = (sizeof(gc_heap) + GRAN - 1) & ~(size_t)(GRAN - 1);
    gc_heap *h = (gc_heap *)a;
    memset(h, 0, sizeof *h);
    a += hsize;
    size -= hsize;
    size_t ngran = size / GRAN;
    size_t bitmap = (ngran + 7) / 8;
    size_t bgran = (bitmap + GRAN - 1) / GRAN;
    h->starts = a;
    memset(h->starts, 0, bgran * GRAN);
    h->base = a + bgran * GRAN;
    h->end = a + (ngran - 0) * GRAN;
    h->bump = h->base;
    size_t first = (size_t)(h->end - h->base) / 16;
    if (first < 64 * 1024) first = 64 * 1024;
    if (first > 256 * 1024) first = 256 * 1024;
    h->soft = first < (size_t)(h->end - h->base) ? h->base + first : h->end;
    return h;
}

/* The heap's end moves: the value stack sits above it, growing down (py/py.c), and the two
 * lend each other their unused room. The end stays granule-aligned, within what gc_init
 * gave (the start bitmap covers all of it). */
void *gc_end(const gc_heap *h) { return h->end; }

bool gc_lower_end(gc_heap *h, void *to) {
    uint8_t *e = (uint8_t *)((uintptr_t)to & ~(uintptr_t)(GRAN - 1));
    if (e >= h->end) return true;
    /* a collection gives the free tail of the heap back to the bump region */
    if (e < h->bump && !h->lock && !h->collecting) gc_collect();
    if (e < h->bump) return false;
    h->end = e;
    if (h->soft > e) h->soft = e;
    return true;
}

bool gc_raise_end(gc_heap *h, void *to) {
    uint8_t *e = (uint8_t *)((uintptr_t)to & ~(uintptr_t)(GRAN - 1));
    if (e <= h->end) return false;
    h->end = e;
    h->soft = e;
    return true;
}

size_t gc_used(const gc_heap *h) { return h->used; }
size_t gc_peak(const gc_heap *h) { return h->peak; }
size_t gc_size(const gc_heap *h) { return (size_t)(h->end - h->base); }
void gc_lock(gc_heap *h) { h->lock++; }
void gc_set_stress(gc_heap *h, unsigned every) { h->stress_every = every; h->stress_count = 0; }
void gc_unlock(gc_heap *h) { h->lock--; }
void gc_set_threshold(gc_heap *h, size_t bytes) { h->threshold = bytes; h->since = 0; }
size_t gc_threshold(const gc_heap *h) { return h->threshold; }

static void push_free(gc_heap *h, uint8_t *p, size_t g) {
    fblock *f = (fblock *)p;
    f->hdr = MKHDR(g, K_FREE);
    size_t li = g <= NLISTS ? g - 1 : NLISTS;
    f->next = h->lists[li];
    h->lists[li] = f;
    set_start(h, p);
}

static uint8_t *take(gc_heap *h, size_t g) {
    if (g <= NLISTS && h->lists[g - 1]) {
        fblock *f = h->lists[g - 1];
        h->lists[g - 1] = f->next;
        return (uint8_t *)f;
    }
    if ((size_t)(h->soft - h->bump) >= g * GRAN && h->bump + g * GRAN <= h->soft) {
        uint8_t *p = h->bump;
        h->bump += g * GRAN;
        return p;
    }
    /* first fit among the large blocks, then split a larger small one */
    fblock **pp = &h->lists[NLISTS];
    for (; *pp; pp = &(*pp)->next) {
        size_t fg = H_SIZE((*pp)->hdr);
        if (fg >= g) {
            fblock *f = *pp;
            *pp = f->next;
            if (fg > g) push_free(h, (uint8_t *)f + g * GRAN, fg - g);
            return (uint8_t *)f;
        }
    }
    for (size_t li = g; li < NLISTS; li++) {
        if (h->lists[li]) {
            fblock *f = h->lists[li];
            h->lists[li] = f->next;
            push_free(h, (uint8_t *)f + g * GRAN, li + 1 - g);
            return (uint8_t *)f;
        }
    }
    return NULL;
}

static void *alloc(size_t n, int kind, bool clear);
void *gc_alloc(size_t n, int kind) { return alloc(n, kind, true); }
/* for a block its caller fills completely before the next allocation (a str's header and
 * text): clearing it first would only be written over */
void *gc_alloc_uninit(size_t n, int kind) { return alloc(n, kind, false); }

static void *alloc(size_t n, int kind, bool clear) {
    py_vm *vm = py_cur;
    gc_heap *h = vm->heap;
    size_t g = (n + HDR + GRAN - 1) / GRAN;
    if (h->stress_every && ++h->stress_count >= h->stress_every && !h->lock && !h->collecting) {
        h->stress_count = 0;
        gc_collect();
    }
    if (h->threshold && (h->since += g * GRAN) >= h->threshold && !h->lock && !h->collecting) gc_collect();
    uint8_t *p = take(h, g);
    if (!p && !h->lock && !h->collecting) {
        /* collect, then let the heap grow to twice what survived (a memory-friendly pace that
         * keeps the working set in the cache), up to the hard end */
        gc_collect();
        size_t min = (size_t)(h->end - h->base) / 16;
        if (min < 64 * 1024) min = 64 * 1024;
        if (min > 256 * 1024) min = 256 * 1024;
        size_t grow = h->used * 2 > min ? h->used * 2 : min;
        h->soft = (size_t)(h->end - h->bump) > grow ? h->bump + grow : h->end;
        p = take(h, g);
        if (!p) { h->soft = h->end; p = take(h, g); }
    }
    if (!p && h->soft != h->end) { h->soft = h->end; p = take(h, g); }
    /* the heap is full: it borrows the value stack's unused room */
    if (!p && py_stack_lend(vm)) p = take(h, g);
    if (!p) {
        if (vm->jmp) py_raise(vm->memerr ? vm->memerr : PV_NONE);
        return NULL;
    }
    *(uintptr_t *)p = MKHDR(g, kind);
    set_start(h, p);
    if (clear) memset(p + HDR, 0, g * GRAN - HDR);
    h->used += g * GRAN;
    if (h->used > h->peak) h->peak = h->used;
    return p + HDR;
}

static size_t block_bytes(const void *obj) { return H_SIZE(((uintptr_t *)obj)[-1]) * GRAN - HDR; }

void *gc_realloc(void *old, size_t n, int kind) {
    if (old && block_bytes(old) >= n) return old;
    void *p = gc_alloc(n, kind);
    if (old) memcpy(p, old, block_bytes(old));
    return p;
}

void *py_new_obj(size_t size, const py_type *t) {
    pobj *o = gc_alloc(size, GC_OBJ);
    o->type = t;
    return o;
}

static inline ALWAYS_INLINE bool in_heap(const gc_heap *h, const void *p) {
    return (const uint8_t *)p >= h->base + HDR && (const uint8_t *)p < h->bump;
}

void gc_free(void *obj) {
    gc_heap *h = py_cur->heap;
    if (!obj || h->collecting || !in_heap(h, obj)) return;
    uint8_t *b = (uint8_t *)obj - HDR;
    size_t g = H_SIZE(*(uintptr_t *)b);
    h->used -= g * GRAN;
    if (b + g * GRAN == h->bump) {
        clr_start(h, b);
        h->bump = b;
    } else push_free(h, b, g);
}

void gc_shrink(void *obj, size_t n) {
    gc_heap *h = py_cur->heap;
    uint8_t *b = (uint8_t *)obj - HDR;
    uintptr_t hdr = *(uintptr_t *)b;
    size_t g = H_SIZE(hdr), keep = (n + HDR + GRAN - 1) / GRAN;
    if (keep >= g) return;
    *(uintptr_t *)b = MKHDR(keep, H_KIND(hdr));
    h->used -= (g - keep) * GRAN;
    uint8_t *rest = b + keep * GRAN;
    if (rest + (g - keep) * GRAN == h->bump) h->bump = rest;
    else push_free(h, rest, g - keep);
}

static void mark_ptr(gc_heap *h, const void *p);

static void trace(gc_heap *h, uint8_t *obj) {
    uintptr_t hdr = ((uintptr_t *)obj)[-1];
    switch (H_KIND(hdr)) {
    case GC_OBJ: {
        const py_type *t = ((pobj *)obj)->type;
        mark_ptr(h, t);
        if (t->mark) t->mark((pv)obj, h);
        break;
    }
    case GC_PVS: {
        size_t n = block_bytes(obj) / W;
        pv *v = (pv *)obj;
        for (size_t i = 0; i < n; i++) if (v[i] && !IS_SMALL(v[i])) mark_ptr(h, (void *)v[i]);
        break;
    }
    default: break;
    }
}

static void mark_ptr(gc_heap *h, const void *p) {
    if (!in_heap(h, p)) return;
    uint8_t *b = (uint8_t *)p - HDR;
    if (((uintptr_t)b - (uintptr_t)h->base) % GRAN || !is_start(h, b)) return;
    uintptr_t *hp = (uintptr_t *)b;
    if ((*hp & H_MARK) || H_KIND(*hp) == K_FREE) return;
    *hp |= H_MARK;
    if (H_KIND(*hp) == GC_RAW) return;
    if (h->sp < MARK_STACK) h->stack[h->sp++] = (pv)p;
    else if (h->depth < MARK_DEPTH) {
        /* a list of a hundred strings fills the stack: tracing the rest where they are
         * (a string marks only its characters) spares the rescan of the whole heap */
        h->depth++;
        trace(h, (uint8_t *)p);
        h->depth--;
    } else h->overflow = true;
}

void gc_mark_ptr(gc_heap *h, const void *p) { mark_ptr(h, p); }
void gc_mark(gc_heap *h, pv v) { if (v && !IS_SMALL(v)) mark_ptr(h, (void *)v); }

/* The mark stack is on the C stack, inside the range the conservative scan reads: a popped
 * entry is cleared, or it would keep its object alive as if the C code still held it. */
static void drain(gc_heap *h) {
    while (h->sp > 0) {
        uint8_t *obj = (uint8_t *)h->stack[--h->sp];
        h->stack[h->sp] = 0;
        trace(h, obj);
    }
}

/* A word on the C stack may point inside a block (a string's characters, an item of an
 * array): find the block it falls in through the start bitmap. */
static void mark_interior(gc_heap *h, uintptr_t w) {
    const uint8_t *p = (const uint8_t *)w;
    if (p < h->base || p >= h->bump) return;
    size_t i = gidx(h, p);
    for (;;) {
        uint8_t byte = h->starts[i >> 3] & (uint8_t)((2u << (i & 7)) - 1);
        if (byte) {
            size_t bit = 7;
            while (!(byte & (1u << bit))) bit--;
            i = (i & ~(size_t)7) | bit;
            break;
        }
        if (i < 8) return;
        i = (i & ~(size_t)7) - 1;
    }
    uint8_t *b = h->base + i * GRAN;
    if (p >= b + H_SIZE(*(uintptr_t *)b) * GRAN) return;
    mark_ptr(h, b + HDR);
}

/* A conservative scan reads every word of the stack, padding and other frames' redzones
 * included: not a memory error, so AddressSanitizer is told to leave it alone. */
static void __attribute__((noinline, no_sanitize_address)) scan_cstack(py_vm *vm) {
    /* spill the callee-saved registers onto this frame: setjmp alone is not enough, since
     * glibc mangles some of the registers it saves */
    __builtin_unwind_init();
    jmp_buf regs;
    setjmp(regs);
    uintptr_t here = (uintptr_t)&regs;
    uintptr_t top = (uintptr_t)(vm->cstack_top ? vm->cstack_top : (void *)&regs);
    uintptr_t lo = here < top ? here : top, hi = here < top ? top : here;
    for (uintptr_t a = lo & ~(uintptr_t)(W - 1); a < hi; a += W) {
        mark_interior(vm->heap, *(volatile uintptr_t *)a);
        drain(vm->heap);
    }
}

/* Another thread's C stack, from where it stopped to where it entered the interpreter
 * (py/thread.c): it waits, so the range holds still. */
void __attribute__((noinline, no_sanitize_address)) gc_scan_range(gc_heap *h, const void *lo, const void *hi) {
    for (uintptr_t a = (uintptr_t)lo & ~(uintptr_t)(W - 1); a < (uintptr_t)hi; a += W) {
        mark_interior(h, *(volatile uintptr_t *)a);
        drain(h);
    }
}

extern void py_mark_roots(py_vm *vm);
extern const py_type py_file_type;

void gc_collect(void) {
    py_vm *vm = py_cur;
    gc_heap *h = vm->heap;
    if (h->lock || h->collecting) return;
    h->collecting = true;
    h->since = 0;
    pv stack[MARK_STACK] = { 0 };
    h->stack = stack;
    h->sp = h->depth = 0;
    h->overflow = false;
    py_mark_roots(vm);
    drain(h);
    scan_cstack(vm);
    while (h->overflow) {
        h->overflow = false;
        for (uint8_t *p = h->base; p < h->bump; p += H_SIZE(*(uintptr_t *)p) * GRAN) {
            uintptr_t hdr = *(uintptr_t *)p;
            if ((hdr & H_MARK) && H_KIND(hdr) != GC_RAW) { trace(h, p + HDR); drain(h); }
        }
    }
    /* sweep: free the unmarked, join free neighbours, rebuild the lists */
    memset(h->lists, 0, sizeof h->lists);
    h->used = 0;
    uint8_t *run = NULL;
    size_t rung = 0;
    uint8_t *p = h->base;
    while (p < h->bump) {
        uintptr_t *hp = (uintptr_t *)p;
        size_t g = H_SIZE(*hp);
        if (H_KIND(*hp) != K_FREE && (*hp & H_MARK)) {
            *hp &= ~(uintptr_t)H_MARK;
            h->used += g * GRAN;
            if (run) { push_free(h, run, rung); run = NULL; }
        } else {
            /* a file the program dropped without closing it is closed as it is freed */
            if (H_KIND(*hp) == GC_OBJ && ((pobj *)(p + HDR))->type == &py_file_type)
                py_file_release(vm, (pobj *)(p + HDR));     /* tested here: a call per dead object cost a tenth of the sweep */
            if (run) { clr_start(h, p); rung += g; }
            else { run = p; rung = g; }
        }
        p += g * GRAN;
    }
    if (run) {
        /* the free tail goes back to the bump region */
        clr_starts(h, run, h->bump);
        h->bump = run;
        if (h->soft < h->bump) h->soft = h->bump;
    }
    h->collecting = false;
}

/* Calls fn for every object in the heap, live or not yet collected (py_destroy closes the
 * files a program left open this way). */
void gc_each_object(gc_heap *h, void (*fn)(pobj *o, void *arg), void *arg) {
    for (uint8_t *p = h->base; p < h->bump; p += H_SIZE(*(uintptr_t *)p) * GRAN)
        if (H_KIND(*(uintptr_t *)p) == GC_OBJ) fn((pobj *)(p + HDR), arg);
}
