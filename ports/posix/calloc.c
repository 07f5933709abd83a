/* calloc for the simulator's own code: malloc and a clear. glibc's calloc (before 2.41) never
 * takes a block from its per-thread cache, while free puts one there: a command's records,
 * callocated and freed at each command, fill the cache and then go the slow way, merging with
 * the top of the heap and consolidating every fast bin on each free (a third of the time of a
 * trivial command). malloc reuses what free cached. Linked with -Wl,--wrap=calloc, so only the
 * executable's objects call this; the host's libraries keep the real one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *__wrap_calloc(size_t count, size_t size);

void *__wrap_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}
