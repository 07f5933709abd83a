/* SHA-1 (FIPS 180-4), for the WebSocket handshake (RFC 6455 4.2.2), not for secrets. */
#ifndef LIB_SHA1_H
#define LIB_SHA1_H

#include <stddef.h>
#include <stdint.h>

struct sha1 {
    uint32_t h[5];
    uint64_t length;
    uint8_t block[64];
    size_t used;
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *data, size_t len);
void sha1_final(struct sha1 *s, uint8_t digest[20]);

#endif
