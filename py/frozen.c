/* Unpacks a frozen module's text (the format: tools/gen_frozen.cmake, pack_source). The
 * table is made by the build from py/lib, so its references are trusted to stay within the
 * text already unpacked. */
#include <stdint.h>
#include "py/frozen.h"
#include "py/obj.h"

char *py_frozen_text(const py_frozen_module *f) {
    char *out = gc_alloc(f->len + 1, GC_RAW);
    const unsigned char *in = f->packed;
    size_t n = 0;
    while (n < f->len) {
        unsigned b = *in++;
        if (b < 0x80) {
            out[n++] = (char)b;
            continue;
        }
        /* 1LLLLOOO OOOOOOOO: L + 3 bytes from O bytes back */
        size_t back = (size_t)(b & 7) << 8 | *in++;
        for (unsigned count = ((b >> 3) & 15) + 3; count; count--, n++) out[n] = out[n - back];
    }
    out[n] = 0;
    return out;
}
