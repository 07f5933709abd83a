/* Stored passwords: "pbkdf2-sha256$ITERATIONS$SALT$HASH" (salt and hash in hex), a salted,
 * iterated hash (PBKDF2-HMAC-SHA256), so a copied system.conf does not give the password away
 * and one guess costs thousands of hashes. */
#ifndef LIB_PASSWORD_H
#define LIB_PASSWORD_H

#include <stddef.h>
#include <stdint.h>

#define PASSWORD_SALT 16
#define PASSWORD_ITERATIONS 4096
#define PASSWORD_HASH_TEXT 128      /* room for the stored form */

/* Hashes pass with the given salt into out. Returns 0, or ERR_INVAL when out is too small. */
int password_hash(const char *pass, const uint8_t *salt, size_t salt_len, uint32_t iterations,
                  char *out, size_t size);
/* 1 when pass matches the stored form (compared in constant time), else 0. */
int password_verify(const char *pass, const char *stored);

#endif
