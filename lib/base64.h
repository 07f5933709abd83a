/* Base64 (RFC 4648) encoding and decoding. */
#ifndef LIB_BASE64_H
#define LIB_BASE64_H

#include <stddef.h>

/* Writes the encoding of len bytes and a NUL; out needs 4*((len+2)/3)+1 bytes. */
void base64_encode(const void *data, size_t len, char *out);
/* Decodes len characters (padding optional, no spaces) into out, which needs 3*len/4 bytes.
 * Returns the number of bytes, or -1 for anything that is not base64. */
long base64_decode(const char *text, size_t len, void *out);

#endif
