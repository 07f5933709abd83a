/* SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104): release manifests, upgrade checks and
 * password hashing. Small and allocation-free. */
#ifndef LIB_SHA256_H
#define LIB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_SIZE 32
#define SHA256_BLOCK 64

struct sha256 {
    uint32_t state[8];
    uint64_t bytes;
    uint8_t block[SHA256_BLOCK];
    size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t digest[SHA256_SIZE]);
void sha256(const void *data, size_t len, uint8_t digest[SHA256_SIZE]);
/* digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(const uint8_t digest[SHA256_SIZE], char out[2 * SHA256_SIZE + 1]);

/* HMAC with the key's pads hashed once, so PBKDF2's many rounds reuse them. */
struct hmac_sha256 {
    struct sha256 inner, outer;
};
void hmac_sha256_init(struct hmac_sha256 *h, const void *key, size_t key_len);
void hmac_sha256(const struct hmac_sha256 *key, const void *data, size_t len,
                 uint8_t mac[SHA256_SIZE]);

/* PBKDF2-HMAC-SHA256 (RFC 8018), out_len bytes of derived key. */
void pbkdf2_sha256(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
                   uint32_t iterations, uint8_t *out, size_t out_len);

#endif
