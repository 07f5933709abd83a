/* The expression language's arena and error reporting: one line's tokens, tree and literals
 * are allocated here and released together, and the total is bounded. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/expr_int.h"

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
};

#define ARENA_BLOCK 1024

void *arena_alloc(struct expr_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct arena_block *b = a->blocks;
    if (!b || b->size - b->used < size) {
        size_t want = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        if (a->total + want > EXPR_ARENA_MAX)
            return NULL;
        b = malloc(sizeof *b + want);
        if (!b)
            return NULL;
        b->size = want;
        b->used = 0;
        b->next = a->blocks;
        a->blocks = b;
        a->total += want;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void arena_free(struct expr_arena *a)
{
    while (a->blocks) {
        struct arena_block *next = a->blocks->next;
        free(a->blocks);
        a->blocks = next;
    }
    a->total = 0;
}

int expr_fail(struct expr_ctx *cx, const char *fmt, ...)
{
    if (!cx->failed && cx->err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(cx->err, cx->err_size, fmt, ap);
        va_end(ap);
    }
    cx->failed = 1;
    return -1;
}
