#include "lib/base64.h"

#include <stdint.h>
#include <string.h>

static const char digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(const void *data, size_t len, char *out)
{
    const uint8_t *p = data;
    size_t i = 0, n = 0;
    for (; i + 2 < len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        out[n++] = digits[v >> 18];
        out[n++] = digits[v >> 12 & 63];
        out[n++] = digits[v >> 6 & 63];
        out[n++] = digits[v & 63];
    }
    if (i < len) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < len ? (uint32_t)p[i + 1] << 8 : 0);
        out[n++] = digits[v >> 18];
        out[n++] = digits[v >> 12 & 63];
        out[n++] = i + 1 < len ? digits[v >> 6 & 63] : '=';
        out[n++] = '=';
    }
    out[n] = '\0';
}

static int digit_value(char c)
{
    const char *at = c ? strchr(digits, c) : NULL;
    return at ? (int)(at - digits) : -1;
}

long base64_decode(const char *text, size_t len, void *out)
{
    uint8_t *o = out;
    uint32_t bits = 0;
    size_t n = 0, group = 0;
    while (len > 0 && text[len - 1] == '=' && group < 2) {   /* at most two pad characters */
        len--;
        group++;
    }
    if ((len + group) % 4 && group)
        return -1;
    for (size_t i = 0; i < len; i++) {
        int v = digit_value(text[i]);
        if (v < 0)
            return -1;
        bits = bits << 6 | (uint32_t)v;
        if (i % 4 == 3) {
            o[n++] = (uint8_t)(bits >> 16);
            o[n++] = (uint8_t)(bits >> 8);
            o[n++] = (uint8_t)bits;
        }
    }
    if (len % 4 == 1)
        return -1;                  /* six bits cannot end a byte */
    if (len % 4 >= 2)
        o[n++] = (uint8_t)(bits >> (len % 4 == 2 ? 4 : 10));
    if (len % 4 == 3)
        o[n++] = (uint8_t)(bits >> 2);
    return (long)n;
}
