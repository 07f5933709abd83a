#include "kernel/lazy_mutex.h"

static hal_mutex_t *made(lazy_mutex_t *l)
{
    hal_mutex_t *m = atomic_load(&l->mutex);
    if (m)
        return m;
    hal_mutex_t *mine = hal_mutex_new();
    if (atomic_compare_exchange_strong(&l->mutex, &m, mine))
        return mine;
    hal_mutex_free(mine);           /* another thread made it first: m is its */
    return m;
}

void lazy_mutex_lock(lazy_mutex_t *l)
{
    hal_mutex_lock(made(l));
}

void lazy_mutex_unlock(lazy_mutex_t *l)
{
    hal_mutex_unlock(atomic_load(&l->mutex));
}

hal_mutex_t *lazy_mutex_get(lazy_mutex_t *l)
{
    return atomic_load(&l->mutex);
}
