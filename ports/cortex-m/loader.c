/* hal/loader.h: no module loader on this port yet. The ELF loader that links a module's
 * relocatable code into RAM against the kernel's export table (sdk_exports) comes later; until
 * then running a module says so. */
#include <stdio.h>

#include "hal/loader.h"
#include "lib/err.h"

int hal_module_load(const void *image, size_t size, const struct hal_symbol *exports,
                    size_t count, hal_module_t **out, char *why, size_t why_size)
{
    snprintf(why, why_size, "this port cannot load modules yet");
    return ERR_NOTSUP;
}

void *hal_module_symbol(hal_module_t *m, const char *name)
{
    return NULL;
}

size_t hal_module_size(const hal_module_t *m)
{
    return 0;
}

void hal_module_unload(hal_module_t *m)
{
}
