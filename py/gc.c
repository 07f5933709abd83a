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

typedef struct fblock { uintptr_t hdr; struct fblock *next; } fblock;

static struct {
    uint8_t *base, *end, *bump;
    uint8_t *soft;              /* the bump pointer's limit before the next collection */
    uint8_t *starts;            /* one bit per granule: a block starts here */
    fblock *lists[NLISTS + 1];  /* exact sizes 1..NLISTS, then everything larger */
    size_t used, peak;
    int lock;
    bool collecting;
    bool stress;
    pv stack[64];
    int sp;
    bool overflow;
} H;

static inline size_t gidx(const uint8_t *p) { return (size_t)(p - H.base) / GRAN; }
static inline void set_start(uint8_t *p) { size_t i = gidx(p); H.starts[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static inline void clr_start(uint8_t *p) { size_t i = gidx(p); H.starts[i >> 3] &= (uint8_t)~(1u << (i & 7)); }
static inline bool is_start(const uint8_t *p) { size_t i = gidx(p); return H.starts[i >> 3] & (1u << (i & 7)); }

void gc_init(void *arena, size_t size) {
    memset(&H, 0, sizeof H);
    uint8_t *a = (uint8_t *)(((uintptr_t)arena + GRAN - 1) & ~(uintptr_t)(GRAN - 1));
    size -= (size_t)(a - (uint8_t *)arena);
    size_t ngran = size / GRAN;
    size_t bitmap = (ngran + 7) / 8;
    size_t bgran = (bitmap + GRAN - 1) / GRAN;
    H.starts = a;
    memset(H.starts, 0, bgran * GRAN);
    H.base = a + bgran * GRAN;
    H.end = a + (ngran - 0) * GRAN;
    H.bump = H.base;
    size_t first = (size_t)(H.end - H.base) / 16;
    if (first < 64 * 1024) first = 64 * 1024;
    if (first > 256 * 1024) first = 256 * 1024;
    H.soft = first < (size_t)(H.end - H.base) ? H.base + first : H.end;
}

size_t gc_used(void) { return H.used; }
size_t gc_peak(void) { return H.peak; }
size_t gc_size(void) { return (size_t)(H.end - H.base); }
void gc_lock(void) { H.lock++; }
void gc_set_stress(bool on) { H.stress = on; }
void gc_unlock(void) { H.lock--; }

static void push_free(uint8_t *p, size_t g) {
    fblock *f = (fblock *)p;
    f->hdr = MKHDR(g, K_FREE);
    size_t li = g <= NLISTS ? g - 1 : NLISTS;
    f->next = H.lists[li];
    H.lists[li] = f;
    set_start(p);
}

static uint8_t *take(size_t g) {
    if (g <= NLISTS && H.lists[g - 1]) {
        fblock *f = H.lists[g - 1];
        H.lists[g - 1] = f->next;
        return (uint8_t *)f;
    }
    if ((size_t)(H.soft - H.bump) >= g * GRAN && H.bump + g * GRAN <= H.soft) {
        uint8_t *p = H.bump;
        H.bump += g * GRAN;
        return p;
    }
    /* first fit among the large blocks, then split a larger small one */
    fblock **pp = &H.lists[NLISTS];
    for (; *pp; pp = &(*pp)->next) {
        size_t fg = H_SIZE((*pp)->hdr);
        if (fg >= g) {
            fblock *f = *pp;
            *pp = f->next;
            if (fg > g) push_free((uint8_t *)f + g * GRAN, fg - g);
            return (uint8_t *)f;
        }
    }
    for (size_t li = g; li < NLISTS; li++) {
        if (H.lists[li]) {
            fblock *f = H.lists[li];
            H.lists[li] = f->next;
            push_free((uint8_t *)f + g * GRAN, li + 1 - g);
            return (uint8_t *)f;
        }
    }
    return NULL;
}

void *gc_alloc(size_t n, int kind) {
    size_t g = (n + HDR + GRAN - 1) / GRAN;
    if (H.stress && !H.lock && !H.collecting) gc_collect();
    uint8_t *p = take(g);
    if (!p && !H.lock && !H.collecting) {
        /* collect, then let the heap grow to twice what survived (a memory-friendly pace that
         * keeps the working set in the cache), up to the hard end */
        gc_collect();
        size_t min = (size_t)(H.end - H.base) / 16;
        if (min < 64 * 1024) min = 64 * 1024;
        if (min > 256 * 1024) min = 256 * 1024;
        size_t grow = H.used * 2 > min ? H.used * 2 : min;
        H.soft = (size_t)(H.end - H.bump) > grow ? H.bump + grow : H.end;
        p = take(g);
        if (!p) { H.soft = H.end; p = take(g); }
    }
    if (!p && H.soft != H.end) { H.soft = H.end; p = take(g); }
    if (!p) {
        if (py_cur && py_cur->jmp) py_raise(py_cur->memerr ? py_cur->memerr : PV_NONE);
        return NULL;
    }
    *(uintptr_t *)p = MKHDR(g, kind);
    set_start(p);
    memset(p + HDR, 0, g * GRAN - HDR);
    H.used += g * GRAN;
    if (H.used > H.peak) H.peak = H.used;
    return p + HDR;
}

static size_t block_bytes(void *obj) { return H_SIZE(((uintptr_t *)obj)[-1]) * GRAN - HDR; }

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

static inline bool in_heap(const void *p) {
    return (const uint8_t *)p >= H.base + HDR && (const uint8_t *)p < H.bump;
}

static void trace(uint8_t *obj) {
    uintptr_t h = ((uintptr_t *)obj)[-1];
    switch (H_KIND(h)) {
    case GC_OBJ: {
        const py_type *t = ((pobj *)obj)->type;
        gc_mark_ptr(t);
        if (t->mark) t->mark((pv)obj);
        break;
    }
    case GC_PVS: {
        size_t n = block_bytes(obj) / W;
        pv *v = (pv *)obj;
        for (size_t i = 0; i < n; i++) gc_mark(v[i]);
        break;
    }
    default: break;
    }
}

void gc_mark_ptr(const void *p) {
    if (!in_heap(p)) return;
    uint8_t *b = (uint8_t *)p - HDR;
    if (((uintptr_t)b - (uintptr_t)H.base) % GRAN || !is_start(b)) return;
    uintptr_t *hp = (uintptr_t *)b;
    if ((*hp & H_MARK) || H_KIND(*hp) == K_FREE) return;
    *hp |= H_MARK;
    if (H_KIND(*hp) == GC_RAW) return;
    if (H.sp < (int)(sizeof H.stack / sizeof H.stack[0])) H.stack[H.sp++] = (pv)p;
    else H.overflow = true;
}

void gc_mark(pv v) {
    if (v && !IS_SMALL(v)) gc_mark_ptr((void *)v);
}

static void drain(void) {
    while (H.sp > 0) trace((uint8_t *)H.stack[--H.sp]);
}

/* A word on the C stack may point inside a block (a string's characters, an item of an
 * array): find the block it falls in through the start bitmap. */
static void mark_interior(uintptr_t w) {
    const uint8_t *p = (const uint8_t *)w;
    if (p < H.base || p >= H.bump) return;
    size_t i = gidx(p);
    for (;;) {
        uint8_t byte = H.starts[i >> 3] & (uint8_t)((2u << (i & 7)) - 1);
        if (byte) {
            size_t bit = 7;
            while (!(byte & (1u << bit))) bit--;
            i = (i & ~(size_t)7) | bit;
            break;
        }
        if (i < 8) return;
        i = (i & ~(size_t)7) - 1;
    }
    uint8_t *b = H.base + i * GRAN;
    if (p >= b + H_SIZE(*(uintptr_t *)b) * GRAN) return;
    gc_mark_ptr(b + HDR);
}

/* A conservative scan reads every word of the stack, padding and other frames' redzones
 * included: not a memory error, so AddressSanitizer is told to leave it alone. */
static void __attribute__((noinline, no_sanitize_address)) scan_cstack(void) {
    /* spill the callee-saved registers onto this frame: setjmp alone is not enough, since
     * glibc mangles some of the registers it saves */
    __builtin_unwind_init();
    jmp_buf regs;
    setjmp(regs);
    uintptr_t here = (uintptr_t)&regs;
    uintptr_t top = (uintptr_t)(py_cur ? py_cur->cstack_top : (void *)&regs);
    uintptr_t lo = here < top ? here : top, hi = here < top ? top : here;
    for (uintptr_t a = lo & ~(uintptr_t)(W - 1); a < hi; a += W) {
        mark_interior(*(volatile uintptr_t *)a);
        drain();
    }
}

extern void py_mark_roots(void);

void gc_collect(void) {
    if (H.lock || H.collecting) return;
    H.collecting = true;
    H.sp = 0;
    H.overflow = false;
    py_mark_roots();
    drain();
    scan_cstack();
    while (H.overflow) {
        H.overflow = false;
        for (uint8_t *p = H.base; p < H.bump; p += H_SIZE(*(uintptr_t *)p) * GRAN) {
            uintptr_t h = *(uintptr_t *)p;
            if ((h & H_MARK) && H_KIND(h) != GC_RAW) { trace(p + HDR); drain(); }
        }
    }
    /* sweep: free the unmarked, join free neighbours, rebuild the lists */
    memset(H.lists, 0, sizeof H.lists);
    H.used = 0;
    uint8_t *run = NULL;
    size_t rung = 0;
    uint8_t *p = H.base;
    while (p < H.bump) {
        uintptr_t *hp = (uintptr_t *)p;
        size_t g = H_SIZE(*hp);
        if (H_KIND(*hp) != K_FREE && (*hp & H_MARK)) {
            *hp &= ~(uintptr_t)H_MARK;
            H.used += g * GRAN;
            if (run) { push_free(run, rung); run = NULL; }
        } else {
            if (run) { clr_start(p); rung += g; }
            else { run = p; rung = g; }
        }
        p += g * GRAN;
    }
    if (run) {
        /* the free tail goes back to the bump region */
        for (uint8_t *q = run; q < H.bump; q += GRAN) clr_start(q);
        H.bump = run;
        if (H.soft < H.bump) H.soft = H.bump;
    }
    H.collecting = false;
}
