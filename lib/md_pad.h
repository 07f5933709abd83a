/* The padding SHA-1 and SHA-256 share (Merkle-Damgard, FIPS 180-4 5.1.1): 0x80, zeros up to
 * 56 bytes into a 64-byte block, then the message length in bits, big-endian. */
#ifndef LIB_MD_PAD_H
#define LIB_MD_PAD_H

#include <stddef.h>
#include <stdint.h>

#define MD_PAD_MAX 72           /* 0x80, at most 63 zeros, 8 length bytes */

/* Writes the padding of a message of BYTES bytes to PAD; returns how many bytes it is, which
 * the hash then takes as more message. */
size_t md_pad(uint64_t bytes, uint8_t pad[MD_PAD_MAX]);

#endif
