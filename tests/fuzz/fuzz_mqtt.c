/* libFuzzer target: the MQTT packet decoder (net/mqtt_packet.c), fed in pieces as a
 * connection would deliver it, with a small buffer so the size limit is hit too. Every packet
 * it accepts is encoded again and must decode to the same fields (what the client sends back,
 * a PUBREC for a PUBLISH, is built the same way). The first bytes also go through the topic
 * rules, which must agree with each other. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/mqtt_packet.h"

static uint8_t again[1024];
static size_t cap;              /* of the decoder's buffer in this run */

static void same_str(struct mqtt_str a, struct mqtt_str b)
{
    if (a.len != b.len || (a.ptr == NULL) != (b.ptr == NULL) ||
        (a.len && memcmp(a.ptr, b.ptr, a.len)))
        abort();
}

static void parse_again(int n, struct mqtt_packet *out)
{
    if (n < 2 || n > (int)sizeof again)
        abort();
    /* The remaining length is 1 to 4 bytes: skip them as the decoder would. */
    size_t head = 2;
    while (again[head - 1] & 0x80)
        head++;
    if (mqtt_parse(again[0], again + head, (size_t)n - head, out) != 0)
        abort();
}

static void check_publish(const struct mqtt_packet *pkt)
{
    struct mqtt_packet back;
    parse_again(mqtt_encode_publish(again, sizeof again, &pkt->u.publish), &back);
    const struct mqtt_publish *a = &pkt->u.publish, *b = &back.u.publish;
    same_str(a->topic, b->topic);
    same_str(a->payload, b->payload);
    if (a->qos != b->qos || a->dup != b->dup || a->retain != b->retain ||
        a->packet_id != b->packet_id)
        abort();
    if (!mqtt_topic_matches("#", 1, a->topic.ptr, a->topic.len) && a->topic.ptr[0] != '$')
        abort();
}

static void check_connect(const struct mqtt_packet *pkt)
{
    struct mqtt_packet back;
    parse_again(mqtt_encode_connect(again, sizeof again, &pkt->u.connect), &back);
    const struct mqtt_connect *a = &pkt->u.connect, *b = &back.u.connect;
    same_str(a->client_id, b->client_id);
    same_str(a->user, b->user);
    same_str(a->password, b->password);
    same_str(a->will_topic, b->will_topic);
    same_str(a->will_message, b->will_message);
    if (a->keepalive_s != b->keepalive_s || a->clean_session != b->clean_session ||
        a->will_qos != b->will_qos || a->will_retain != b->will_retain)
        abort();
}

static void check_filters(const struct mqtt_packet *pkt)
{
    struct mqtt_topic_qos list[64];
    size_t pos = 0, count = 0;
    while (count < 64 && mqtt_next_filter(pkt, &pos, &list[count]))
        count++;
    if (count == 64)
        return;
    int n = pkt->type == MQTT_SUBSCRIBE
                ? mqtt_encode_subscribe(again, sizeof again, pkt->packet_id, list, count)
                : mqtt_encode_unsubscribe(again, sizeof again, pkt->packet_id, list, count);
    struct mqtt_packet back;
    parse_again(n, &back);
    if (back.packet_id != pkt->packet_id || back.u.filters.len != pkt->u.filters.len ||
        memcmp(back.u.filters.entries, pkt->u.filters.entries, pkt->u.filters.len))
        abort();
}

static int on_packet(void *ctx, const struct mqtt_packet *pkt)
{
    struct mqtt_packet back;
    switch (pkt->type) {
    case MQTT_PUBLISH:
        if (pkt->oversize && (pkt->oversize <= cap || pkt->u.publish.payload.len))
            abort();                    /* only past the buffer, and never with a payload */
        if (!pkt->oversize)
            check_publish(pkt);
        break;
    case MQTT_CONNECT:
        check_connect(pkt);
        break;
    case MQTT_SUBSCRIBE:
    case MQTT_UNSUBSCRIBE:
        check_filters(pkt);
        break;
    case MQTT_PUBACK:
    case MQTT_PUBREC:
    case MQTT_PUBREL:
    case MQTT_PUBCOMP:
    case MQTT_UNSUBACK:
        parse_again(mqtt_encode_ack(again, sizeof again, pkt->type, pkt->packet_id), &back);
        if (back.packet_id != pkt->packet_id)
            abort();
        break;
    default:
        break;
    }
    (*(int *)ctx)++;
    return 0;
}

/* A valid filter made of the topic's own levels, or wildcards in their place, matches it. */
static void check_topic_rules(const uint8_t *data, size_t size)
{
    size_t n = size < 64 ? size : 64;
    const char *topic = (const char *)data;
    if (!mqtt_topic_valid(topic, n) || topic[0] == '$')
        return;
    if (!mqtt_topic_matches(topic, n, topic, n) || !mqtt_topic_matches("#", 1, topic, n))
        abort();
    char filter[130];
    size_t f = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || topic[i - 1] == '/') {
            size_t end = i;
            while (end < n && topic[end] != '/')
                end++;
            if ((end - i) % 2) {        /* every other level length: replaced by + */
                filter[f++] = '+';
                i = end - 1;
                continue;
            }
        }
        filter[f++] = topic[i];
    }
    if (!mqtt_filter_valid(filter, f) || !mqtt_topic_matches(filter, f, topic, n))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t buf[512];
    struct mqtt_decoder d;
    int packets = 0;
    cap = size && data[0] & 1 ? 64 : sizeof buf;
    mqtt_decoder_init(&d, buf, cap);
    size_t step = size ? data[0] % 13 + 1 : 1;
    for (size_t i = 0; i < size; i += step)
        if (mqtt_decoder_feed(&d, data + i, size - i < step ? size - i : step, on_packet,
                              &packets) < 0)
            break;
    if ((size_t)packets > size / 2)     /* the smallest packet is two bytes */
        abort();
    check_topic_rules(data, size);
    return 0;
}
