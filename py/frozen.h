/* Modules written in Python and kept in flash as source (py/lib/NAME.py): compiled when a program
 * first imports them. */
#ifndef PY_FROZEN_H
#define PY_FROZEN_H
#include <stddef.h>
typedef struct { const char *name; const char *src; size_t len; } py_frozen_module;
extern const py_frozen_module py_frozen_modules[];
#endif
