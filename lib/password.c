#include "lib/password.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/sha256.h"

#define PREFIX "pbkdf2-sha256$"
#define MAX_ITERATIONS 1000000u

static void to_hex(const uint8_t *b, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Decodes exactly n bytes of hex ending at a '$' or the string's end; -1 when it is not. */
static int from_hex(const char *s, uint8_t *out, size_t n, const char **end)
{
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)s[2 * i]) || !isxdigit((unsigned char)s[2 * i + 1]))
            return -1;
        char pair[3] = { s[2 * i], s[2 * i + 1], 0 };
        out[i] = (uint8_t)strtoul(pair, NULL, 16);
    }
    *end = s + 2 * n;
    return 0;
}

int password_hash(const char *pass, const uint8_t *salt, size_t salt_len, uint32_t iterations,
                  char *out, size_t size)
{
    uint8_t key[SHA256_SIZE];
    char salt_hex[2 * PASSWORD_SALT + 1], key_hex[2 * SHA256_SIZE + 1];
    if (salt_len > PASSWORD_SALT || iterations == 0)
        return ERR_INVAL;
    pbkdf2_sha256(pass, strlen(pass), salt, salt_len, iterations, key, sizeof key);
    to_hex(salt, salt_len, salt_hex);
    to_hex(key, sizeof key, key_hex);
    int n = snprintf(out, size, PREFIX "%lu$%s$%s", (unsigned long)iterations, salt_hex, key_hex);
    return n < 0 || (size_t)n >= size ? ERR_INVAL : 0;
}

int password_verify(const char *pass, const char *stored)
{
    uint8_t salt[PASSWORD_SALT], want[SHA256_SIZE], got[SHA256_SIZE];
    const char *s = stored, *end;
    if (strncmp(s, PREFIX, strlen(PREFIX)) != 0)
        return 0;
    char *after;
    unsigned long iterations = strtoul(s + strlen(PREFIX), &after, 10);
    if (*after != '$' || iterations == 0 || iterations > MAX_ITERATIONS)
        return 0;
    const char *salt_hex = after + 1, *dollar = strchr(salt_hex, '$');
    size_t salt_len = dollar ? (size_t)(dollar - salt_hex) / 2 : 0;
    if (!dollar || salt_len == 0 || salt_len > PASSWORD_SALT ||
        (size_t)(dollar - salt_hex) != 2 * salt_len || from_hex(salt_hex, salt, salt_len, &end) < 0 ||
        from_hex(dollar + 1, want, sizeof want, &end) < 0 || *end)
        return 0;
    pbkdf2_sha256(pass, strlen(pass), salt, salt_len, (uint32_t)iterations, got, sizeof got);
    unsigned diff = 0;
    for (int i = 0; i < SHA256_SIZE; i++)
        diff |= (unsigned)(got[i] ^ want[i]);
    return diff == 0;
}
