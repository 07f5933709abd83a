/* Base64 (RFC 4648) encoding. */
#ifndef LIB_BASE64_H
#define LIB_BASE64_H

#include <stddef.h>

/* Writes the encoding of len bytes and a NUL; out needs 4*((len+2)/3)+1 bytes. */
void base64_encode(const void *data, size_t len, char *out);

#endif
