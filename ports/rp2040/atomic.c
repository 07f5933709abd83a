/* ARMv6-M has no exclusive loads and stores (LDREX/STREX), so the compiler calls out for C11
 * atomic read-modify-write operations; one core: masking interrupts makes them atomic. Only
 * what the core uses is here (the pin interrupt counters' fetch_add). */
#include <stdint.h>

#include "sched.h"

unsigned int __atomic_fetch_add_4(volatile void *ptr, unsigned int value, int order);

__attribute__((used)) unsigned int __atomic_fetch_add_4(volatile void *ptr, unsigned int value,
                                                       int order)
{
    (void)order;
    volatile unsigned int *p = ptr;
    uint32_t s = irq_lock();
    unsigned int old = *p;
    *p = old + value;
    irq_unlock(s);
    return old;
}
