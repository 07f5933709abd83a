/* mbedTLS configuration of the MCU ports (tools/mbedtls.cmake): only what release
 * signatures need (lib/signature.c): a P-256 public key in PEM, ECDSA verify, SHA-256.
 * No TLS, no random numbers, no private keys: verifying needs none of them. Tuned for
 * flash and RAM over speed (a verify runs once per upgrade). */
#ifndef UPYOS_MBEDTLS_SIGNATURE_CONFIG_H
#define UPYOS_MBEDTLS_SIGNATURE_CONFIG_H

/* The platform: C library calloc/free, no clock, no OS entropy. */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_HAVE_ASM                  /* the multiply-accumulate loop of bignum in assembly */

/* The public key: PEM (base64 of the DER SubjectPublicKeyInfo), parsed and written back
 * as DER for its id. */
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/* ECDSA over P-256 only. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM            /* the fast reduction modulo the P-256 prime */
#define MBEDTLS_ECP_MAX_BITS 256
#define MBEDTLS_MPI_MAX_SIZE 32           /* bytes: the largest number is a P-256 one */
#define MBEDTLS_ECP_WINDOW_SIZE 4         /* 8 precomputed points (1 KB while verifying) */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0   /* no tables of the base point in RAM */
#define MBEDTLS_MPI_WINDOW_SIZE 1
#define MBEDTLS_ECP_NO_INTERNAL_RNG       /* verify works on public data only: no blinding */

/* The message digest: SHA-256, in its smaller, slower form. */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

#include "mbedtls/check_config.h"

#endif
