/* Loading program modules: relocatable code built against sdk/ and run by name from /bin.
 *
 * The kernel hands the port a module's bytes and the symbols a module may use (generated from
 * sdk/upyos.h); the port makes the code runnable and refuses a module that needs anything else.
 * The posix port uses the host's dynamic loader; an MCU port links ELF relocatable code into
 * RAM against the same list. */
#ifndef HAL_LOADER_H
#define HAL_LOADER_H

#include <stddef.h>

typedef void (*hal_fn)(void);

struct hal_symbol {
    const char *name;
    hal_fn fn;
};

typedef struct hal_module hal_module_t;

/* Loads image (size bytes) whose undefined symbols must all be among exports. Returns 0, or a
 * negative ERR_* with a sentence in why (wrong architecture, corrupt, needs symbol X, ...). */
int hal_module_load(const void *image, size_t size, const struct hal_symbol *exports,
                    size_t count, hal_module_t **out, char *why, size_t why_size);
/* Address of a symbol the module defines (its entry "main", its stack request), or NULL. */
void *hal_module_symbol(hal_module_t *m, const char *name);
/* Bytes of RAM the loaded code and data occupy. */
size_t hal_module_size(const hal_module_t *m);
void hal_module_unload(hal_module_t *m);

#endif
