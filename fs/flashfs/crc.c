/* CRC-32 (IEEE 802.3, reflected) with a 16-entry table: small code, no big table in flash.
 * The bytes between word boundaries are taken a word at a time, a nibble per step: one load
 * and one loop test per four bytes instead of per byte. Mount checks every commit's CRC, so
 * this loop is a fifth of its time. Words are only read aligned (the M0+ has no unaligned
 * access), and as little-endian, the order the reflected CRC takes the bytes in. */
#include "fs/flashfs/flashfs_int.h"

static const uint32_t table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
    0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

INLINE_LEAF uint32_t nibble(uint32_t crc)
{
    return (crc >> 4) ^ table[crc & 15];
}

INLINE_LEAF uint32_t crc_byte(uint32_t crc, uint8_t byte)
{
    crc ^= byte;
    crc = nibble(crc);
    return nibble(crc);
}

LEAF uint32_t ffs_crc32(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    crc = ~crc;
    for (; len > 0 && ((uintptr_t)p & 3u); len--)
        crc = crc_byte(crc, *p++);
    for (; len >= 4; len -= 4, p += 4) {
        uint32_t word;
        __builtin_memcpy(&word, p, 4);   /* aligned here: one load */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap32(word);
#endif
        crc ^= word;   /* eight nibbles, written out: the port builds for size, no unrolling */
        crc = nibble(crc); crc = nibble(crc); crc = nibble(crc); crc = nibble(crc);
        crc = nibble(crc); crc = nibble(crc); crc = nibble(crc); crc = nibble(crc);
    }
    for (; len > 0; len--)
        crc = crc_byte(crc, *p++);
    return ~crc;
}
