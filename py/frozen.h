/* Modules written in Python and kept in flash as source (py/lib/NAME.py), packed by
 * tools/gen_frozen.cmake: unpacked into the heap and compiled when a program first imports
 * them. */
#ifndef PY_FROZEN_H
#define PY_FROZEN_H
#include <stddef.h>
/* packed: the text as gen_frozen.cmake's pack_source writes it; len: the text's length. */
typedef struct { const char *name; const unsigned char *packed; size_t len; } py_frozen_module;
extern const py_frozen_module py_frozen_modules[];
/* The module's text, unpacked into a new raw block of the current interpreter's heap and
 * ended with a NUL. */
char *py_frozen_text(const py_frozen_module *f);
#endif
