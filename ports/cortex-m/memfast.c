/* memset and memcpy a word at a time, replacing the C library's: picolibc is built for size
 * and goes a byte at a time, four instructions a byte, and the boot spends a quarter of its
 * time in them (painting thread stacks, zeroing .bss and calloc'd blocks, copying flash
 * records out of the metadata cache). ARMv7-M only: it loads and stores words at any
 * address, so the copy, mostly of a few bytes, goes by words from the start. Compiled
 * without LTO and without loop-to-call rewriting (CMakeLists.txt), or the compiler would
 * turn these loops back into calls to themselves. */
#include <stddef.h>
#include <stdint.h>

typedef uint32_t __attribute__((may_alias)) word_t;
typedef uint32_t __attribute__((may_alias, aligned(1))) loose_word_t;

void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    uint8_t b = (uint8_t)c;
    for (; n > 0 && ((uintptr_t)d & 3u); n--)
        *d++ = b;
    uint32_t w = b * 0x01010101u;
    word_t *wd = (word_t *)d;
    for (; n >= 16; n -= 16, wd += 4) {
        wd[0] = w;
        wd[1] = w;
        wd[2] = w;
        wd[3] = w;
    }
    for (; n >= 4; n -= 4)
        *wd++ = w;
    for (d = (uint8_t *)wd; n > 0; n--)
        *d++ = b;
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    for (; n >= 4; n -= 4, d += 4, s += 4)
        *(loose_word_t *)d = *(const loose_word_t *)s;
    for (; n > 0; n--)
        *d++ = *s++;
    return dst;
}

/* The run-time ABI's names for the same copy: the library's object that defines them
 * defines memcpy too, and must not be linked as well. */
void *__aeabi_memcpy(void *dst, const void *src, size_t n) __attribute__((alias("memcpy")));
void *__aeabi_memcpy4(void *dst, const void *src, size_t n) __attribute__((alias("memcpy")));
void *__aeabi_memcpy8(void *dst, const void *src, size_t n) __attribute__((alias("memcpy")));
