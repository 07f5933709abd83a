/* Release signatures: ECDSA P-256 over SHA-256, the signature in DER (what `openssl dgst
 * -sha256 -sign` writes), the public key in PEM. The one door to the crypto library, so that
 * a port can put another implementation (or a hardware engine) behind it. */
#ifndef LIB_SIGNATURE_H
#define LIB_SIGNATURE_H

#include <stddef.h>

#define SIGNATURE_KEY_ID_LEN 16

/* 0 when sig is key's signature of msg. ERR_ACCES when it is not (a changed message, another
 * key, a damaged signature), ERR_INVAL when pem is not a P-256 public key, ERR_NOTSUP when the
 * build has no signature support (UPYOS_SIGNATURE off), ERR_NOMEM. pem needs no NUL. */
int signature_verify(const void *msg, size_t len, const void *sig, size_t sig_len,
                     const char *pem, size_t pem_len);

/* The key's id: the first 8 bytes of the SHA-256 of its DER form (SubjectPublicKeyInfo), as
 * 16 lower-case hex digits, what `openssl pkey -pubin -outform DER | sha256sum` starts with.
 * 0 or the errors of signature_verify. */
int signature_key_id(const char *pem, size_t pem_len, char id[SIGNATURE_KEY_ID_LEN + 1]);

/* 1 when this build verifies signatures. */
int signature_supported(void);

#endif
