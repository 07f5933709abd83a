/* Release signatures on mbedTLS (lib/signature.h). Without UPYOS_SIGNATURE every call says
 * ERR_NOTSUP, and upgrade refuses to run. */
#include "lib/signature.h"

#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/sha256.h"

#if UPYOS_SIGNATURE

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>

int signature_supported(void)
{
    return 1;
}

/* Parses a P-256 public key (mbedTLS wants the PEM NUL-terminated, its length counting it). */
static int load_key(mbedtls_pk_context *pk, const char *pem, size_t pem_len)
{
    char *text = malloc(pem_len + 1);
    if (!text)
        return ERR_NOMEM;
    memcpy(text, pem, pem_len);
    text[pem_len] = '\0';
    mbedtls_pk_init(pk);
    int r = mbedtls_pk_parse_public_key(pk, (const unsigned char *)text, pem_len + 1);
    free(text);
    if (r != 0 || !mbedtls_pk_can_do(pk, MBEDTLS_PK_ECDSA) ||
        mbedtls_pk_ec(*pk)->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
        mbedtls_pk_free(pk);
        return ERR_INVAL;
    }
    return 0;
}

int signature_verify(const void *msg, size_t len, const void *sig, size_t sig_len,
                     const char *pem, size_t pem_len)
{
    mbedtls_pk_context pk;
    uint8_t digest[SHA256_SIZE];
    int r = load_key(&pk, pem, pem_len);
    if (r < 0)
        return r;
    sha256(msg, len, digest);
    r = mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, digest, sizeof digest, sig, sig_len);
    mbedtls_pk_free(&pk);
    return r == 0 ? 0 : ERR_ACCES;
}

int signature_key_id(const char *pem, size_t pem_len, char id[SIGNATURE_KEY_ID_LEN + 1])
{
    mbedtls_pk_context pk;
    unsigned char der[160];
    uint8_t digest[SHA256_SIZE];
    char hex[2 * SHA256_SIZE + 1];
    int r = load_key(&pk, pem, pem_len);
    if (r < 0)
        return r;
    int n = mbedtls_pk_write_pubkey_der(&pk, der, sizeof der);   /* at the buffer's end */
    mbedtls_pk_free(&pk);
    if (n <= 0)
        return ERR_INVAL;
    sha256(der + sizeof der - n, (size_t)n, digest);
    sha256_hex(digest, hex);
    memcpy(id, hex, SIGNATURE_KEY_ID_LEN);
    id[SIGNATURE_KEY_ID_LEN] = '\0';
    return 0;
}

#else

int signature_supported(void)
{
    return 0;
}

int signature_verify(const void *msg, size_t len, const void *sig, size_t sig_len,
                     const char *pem, size_t pem_len)
{
    (void)msg, (void)len, (void)sig, (void)sig_len, (void)pem, (void)pem_len;
    return ERR_NOTSUP;
}

int signature_key_id(const char *pem, size_t pem_len, char id[SIGNATURE_KEY_ID_LEN + 1])
{
    (void)pem, (void)pem_len;
    id[0] = '\0';
    return ERR_NOTSUP;
}

#endif
