/* A mutex made on its first use, for a module's static state that has no start-up function to
 * make it in (a command's kept connection, a service's counters):
 *
 *     static lazy_mutex_t lock;
 *     lazy_mutex_lock(&lock); ... lazy_mutex_unlock(&lock);
 *
 * Any thread may be the first: two that race each make one, one wins and the other frees its
 * own. The mutex lives as long as the system (it is recursive, as hal_mutex_new's are). */
#ifndef KERNEL_LAZY_MUTEX_H
#define KERNEL_LAZY_MUTEX_H

#include <stdatomic.h>

#include "hal/thread.h"

typedef struct {
    _Atomic(hal_mutex_t *) mutex;   /* NULL until the first lock */
} lazy_mutex_t;

void lazy_mutex_lock(lazy_mutex_t *l);
void lazy_mutex_unlock(lazy_mutex_t *l);    /* only after lazy_mutex_lock */
/* The mutex itself, for a condition wait; only while holding it. */
hal_mutex_t *lazy_mutex_get(lazy_mutex_t *l);

#endif
