/* The memory allocator: malloc, free, realloc and calloc over the RAM between the end of
 * .bss and the end of the (capped) RAM, replacing the C library's so that hal_mem_stats can
 * say exactly how much is in use and the peak. First fit over an address-ordered free list,
 * with neighbours merged on free: small, predictable, and fast enough for a few hundred
 * blocks. Interrupt masking is the lock (one core, short critical sections). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "port.h"
#include "sched.h"

struct block {
    size_t size;                     /* whole block in bytes, header included */
    struct block *next;              /* free list link; in use: the code that asked for it */
};

#define HEADER ((size_t)8)
#define MIN_BLOCK ((size_t)16)
/* An in-use block keeps its owner, the return address of the malloc/calloc/realloc that
 * made it, where a free one keeps its link: a Thumb code address (odd, below RAM) can never
 * be a link (8-aligned, in RAM). It is what the heap's itemised report (heap_walk) says. */
#define RAM_BASE ((uintptr_t)0x20000000u)

static int in_use(const struct block *b)
{
    uintptr_t owner = (uintptr_t)b->next;
    return (owner & 1u) && owner < RAM_BASE;
}

extern char __heap_start[], __heap_end[];

static struct block *free_list;
static size_t heap_total, heap_used, heap_peak;

void heap_init(void)
{
    uintptr_t start = ((uintptr_t)__heap_start + 7u) & ~(uintptr_t)7u;
    uintptr_t end = (uintptr_t)__heap_end & ~(uintptr_t)7u;
    free_list = (struct block *)start;
    free_list->size = end - start;
    free_list->next = NULL;
    heap_total = end - start;
}

void heap_stats(size_t *total, size_t *used, size_t *peak)
{
    /* A thread that has ended holds its stack until the idle thread frees it, which a busy
     * system may not run for a while: what it holds is not in use. */
    sched_reap();
    *total = heap_total;
    *used = heap_used;
    *peak = heap_peak;
}

static size_t block_size_for(size_t n)
{
    if (n > heap_total)
        return 0;
    size_t size = ((n + 7u) & ~(size_t)7u) + HEADER;
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/* Takes size bytes from the front of the free block b (*pp points at it): the rest stays
 * on the free list when it can be a block of its own, else b is taken whole. Under the lock. */
static void take(struct block **pp, struct block *b, size_t size)
{
    if (b->size - size >= MIN_BLOCK) {
        struct block *rest = (struct block *)((char *)b + size);
        rest->size = b->size - size;
        rest->next = b->next;
        *pp = rest;
        b->size = size;
    } else {
        *pp = b->next;
    }
}

/* A block just taken from the free list, handed out: its owner kept in the link word (the
 * itemised report's), the counters raised. Interrupts are masked. */
static void *hand_out(struct block *b, void *owner)
{
    b->next = owner;
    heap_used += b->size;
    if (heap_used > heap_peak)
        heap_peak = heap_used;
    return (char *)b + HEADER;
}

static void *malloc_for(size_t n, void *owner)
{
    size_t size = block_size_for(n);
    if (size == 0)
        return NULL;
    uint32_t s = irq_lock();
    void *p = NULL;
    for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
        struct block *b = *pp;
        if (b->size >= size) {
            take(pp, b, size);
            p = hand_out(b, owner);
            break;
        }
    }
    irq_unlock(s);
    return p;
}

/* The first free block with room for size bytes whose payload starts at a multiple of align,
 * split so that what lies before that start stays free (a MIN_BLOCK at least, else the start
 * moves on by align). Returns the block's header, or NULL; under the lock. */
static struct block *take_aligned(size_t size, size_t align)
{
    for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
        struct block *b = *pp;
        uintptr_t payload = ((uintptr_t)b + HEADER + align - 1) & ~(uintptr_t)(align - 1);
        size_t lead = payload - HEADER - (uintptr_t)b;
        if (lead && lead < MIN_BLOCK)
            lead += align;
        if (b->size < lead + size)
            continue;
        if (lead) {                  /* the lead stays a free block, the rest follows it */
            struct block *rest = (struct block *)((char *)b + lead);
            rest->size = b->size - lead;
            rest->next = b->next;
            b->size = lead;
            b->next = rest;
            pp = &b->next;
            b = rest;
        }
        take(pp, b, size);
        return b;
    }
    return NULL;
}

/* Not inlined: its return address is the owner the itemised report names. */
__attribute__((noinline)) void *heap_alloc_aligned(size_t n, size_t align)
{
    size_t size = block_size_for(n);
    if (size == 0 || align < 8 || (align & (align - 1)))
        return NULL;
    uint32_t s = irq_lock();
    struct block *b = take_aligned(size, align);
    void *p = b ? hand_out(b, __builtin_return_address(0)) : NULL;
    irq_unlock(s);
    return p;
}

void *malloc(size_t n)
{
    return malloc_for(n, __builtin_return_address(0));
}

void free(void *p)
{
    if (!p)
        return;
    struct block *b = (struct block *)((char *)p - HEADER);
    if (!in_use(b))
        port_panic("free: bad pointer");
    uint32_t s = irq_lock();
    heap_used -= b->size;
    struct block *prev = NULL, *next = free_list;
    while (next && next < b) {
        prev = next;
        next = next->next;
    }
    b->next = next;
    if (next && (char *)b + b->size == (char *)next) {
        b->size += next->size;
        b->next = next->next;
    }
    if (prev && (char *)prev + prev->size == (char *)b) {
        prev->size += b->size;
        prev->next = b->next;
    } else if (prev) {
        prev->next = b;
    } else {
        free_list = b;
    }
    irq_unlock(s);
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc_for(n, __builtin_return_address(0));
    if (n == 0) {
        free(p);
        return NULL;
    }
    struct block *b = (struct block *)((char *)p - HEADER);
    size_t size = block_size_for(n);
    if (size == 0)
        return NULL;
    if (size <= b->size)
        return p;                    /* shrinking in place keeps it simple */
    uint32_t s = irq_lock();
    /* Grow into the free block right after this one when there is one big enough. */
    for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
        struct block *f = *pp;
        if ((char *)b + b->size != (char *)f)
            continue;
        if (b->size + f->size < size)
            break;
        size_t need = size - b->size;
        if (f->size - need >= MIN_BLOCK) {
            struct block *rest = (struct block *)((char *)f + need);
            rest->size = f->size - need;
            rest->next = f->next;
            *pp = rest;
        } else {
            need = f->size;
            *pp = f->next;
        }
        b->size += need;
        heap_used += need;
        if (heap_used > heap_peak)
            heap_peak = heap_used;
        irq_unlock(s);
        return p;
    }
    irq_unlock(s);
    void *q = malloc_for(n, __builtin_return_address(0));
    if (!q)
        return NULL;
    memcpy(q, p, b->size - HEADER);
    free(p);
    return q;
}

void *calloc(size_t count, size_t n)
{
    if (n && count > SIZE_MAX / n)
        return NULL;
    void *p = malloc_for(count * n, __builtin_return_address(0));
    if (p)
        memset(p, 0, count * n);
    return p;
}

void heap_walk(void (*fn)(const void *p, size_t size, const void *owner))
{
    uintptr_t start = ((uintptr_t)__heap_start + 7u) & ~(uintptr_t)7u;
    uint32_t s = irq_lock();
    for (const struct block *b = (const struct block *)start; b->size;
         b = (const struct block *)((const char *)b + b->size)) {
        if (in_use(b))
            fn((const char *)b + HEADER, b->size, b->next);
        if ((uintptr_t)b + b->size >= start + heap_total)
            break;
    }
    irq_unlock(s);
}
