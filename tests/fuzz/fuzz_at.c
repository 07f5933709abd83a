/* libFuzzer target: the ESP-AT reply parser (net/at_parser.c). The input is fed twice, whole
 * and in pieces whose size the first byte picks, as a UART would deliver it; both runs must
 * report the same events and the same payload bytes (the parser's state carries over every
 * cut). Checks too that a line never exceeds AT_LINE_MAX, that payload never exceeds what
 * the headers announced, and that results come only from lines that say them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/at_parser.h"

struct trace {
    uint64_t hash;          /* of every event and payload byte, in order */
    long announced, payload;
};

static void mix(struct trace *t, const void *buf, size_t len)
{
    const uint8_t *b = buf;
    for (size_t i = 0; i < len; i++)
        t->hash = (t->hash ^ b[i]) * 1099511628211ULL;
}

static void on_event(void *ctx, const struct at_event *e)
{
    struct trace *t = ctx;
    if (e->text_len > AT_LINE_MAX || strlen(e->text) != e->text_len)
        abort();
    if (at_kind_is_final(e->kind) && e->kind != AT_BUSY && e->text_len > 9)
        abort();            /* OK, ERROR, FAIL, SEND OK, SEND FAIL: nothing longer */
    if (e->kind == AT_IPD || e->kind == AT_RECVDATA || e->kind == AT_MQTT_RECV)
        t->announced += e->len;
    int kind = (int)e->kind;
    mix(t, &kind, sizeof kind);
    mix(t, &e->link, sizeof e->link);
    mix(t, &e->len, sizeof e->len);
    mix(t, e->text, e->text_len);
}

static void on_data(void *ctx, int link, const uint8_t *buf, size_t len)
{
    struct trace *t = ctx;
    if (len == 0)
        abort();
    t->payload += (long)len;
    if (t->payload > t->announced)
        abort();
    mix(t, buf, len);
}

static void run(const uint8_t *data, size_t size, size_t step, struct trace *t)
{
    struct at_parser p;
    const struct at_callbacks cb = { t, on_event, on_data };
    memset(t, 0, sizeof *t);
    at_parser_init(&p);
    for (size_t i = 0; i < size; i += step)
        at_parser_feed(&p, data + i, size - i < step ? size - i : step, &cb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct trace whole, pieces;
    if (size == 0)
        return 0;
    run(data + 1, size - 1, size, &whole);
    run(data + 1, size - 1, data[0] % 13 + 1, &pieces);
    if (whole.hash != pieces.hash || whole.payload != pieces.payload)
        abort();
    return 0;
}
