/* The fuzzer links the filesystem alone, without a port: a fixed clock, and locks that do
 * nothing (it runs one thread). */
#include <stdint.h>
#include <stdlib.h>
#include "hal/thread.h"
#include "hal/time.h"

struct hal_mutex {
    int unused;
};

int64_t hal_rtc_get(void)
{
    return 1700000000;
}

hal_mutex_t *hal_mutex_new(void)
{
    return calloc(1, sizeof(hal_mutex_t));
}

void hal_mutex_free(hal_mutex_t *m)
{
    free(m);
}

void hal_mutex_lock(hal_mutex_t *m)
{
    (void)m;
}

void hal_mutex_unlock(hal_mutex_t *m)
{
    (void)m;
}
