#include "lib/md_pad.h"

#include <string.h>

size_t md_pad(uint64_t bytes, uint8_t pad[MD_PAD_MAX])
{
    size_t zeros = (size_t)((119 - bytes % 64) % 64);     /* 0x80 + zeros end at 56 mod 64 */
    uint64_t bits = bytes * 8;
    pad[0] = 0x80;
    memset(pad + 1, 0, zeros);
    for (int i = 0; i < 8; i++)
        pad[1 + zeros + i] = (uint8_t)(bits >> (56 - 8 * i));
    return 1 + zeros + 8;
}
