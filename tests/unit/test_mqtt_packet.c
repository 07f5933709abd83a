/* The MQTT 3.1.1 packet codec: bytes of each packet against the specification's layout,
 * decoding from any split of the stream, refusing what is too long or malformed, and the
 * topic filter rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/err.h"
#include "net/mqtt_packet.h"

#define MAX_SEEN 8

struct seen {
    int count;
    struct mqtt_packet pkt[MAX_SEEN];
    uint8_t copy[MAX_SEEN][256];   /* the decoder's buffer is reused: keep what pointed into it */
};

static int on_packet(void *ctx, const struct mqtt_packet *pkt)
{
    struct seen *s = ctx;
    assert_true(s->count < MAX_SEEN);
    s->pkt[s->count] = *pkt;
    if (pkt->type == MQTT_PUBLISH && !pkt->oversize) {      /* an oversize one has no payload */
        size_t n = pkt->u.publish.payload.len;
        memcpy(s->copy[s->count], pkt->u.publish.payload.ptr, n);
        s->pkt[s->count].u.publish.payload.ptr = (const char *)s->copy[s->count];
        s->pkt[s->count].u.publish.topic.ptr = NULL;
    }
    s->count++;
    return 0;
}

/* Feeds the bytes in pieces of step (0: all at once) to a decoder with a buffer of cap. */
static int decode(const uint8_t *bytes, size_t len, size_t step, size_t cap, struct seen *s)
{
    static uint8_t buf[1024];
    struct mqtt_decoder d;
    mqtt_decoder_init(&d, buf, cap);
    memset(s, 0, sizeof *s);
    if (!step)
        step = len;
    int r = 0;
    for (size_t i = 0; i < len && r == 0; i += step)
        r = mqtt_decoder_feed(&d, bytes + i, len - i < step ? len - i : step, on_packet, s);
    return r;
}

static void test_connect_bytes_follow_the_spec(void **state)
{
    struct mqtt_connect c = { .client_id = mqtt_str("id"), .user = mqtt_str("u"),
                              .password = mqtt_str("pw"), .will_topic = mqtt_str("w"),
                              .will_message = mqtt_str("bye"), .keepalive_s = 60,
                              .clean_session = 1, .will_qos = 1, .will_retain = 1 };
    uint8_t buf[64];
    int n = mqtt_encode_connect(buf, sizeof buf, &c);
    static const uint8_t want[] = {
        0x10, 29, 0, 4, 'M', 'Q', 'T', 'T', 4, 0xee, 0, 60, 0, 2, 'i', 'd',
        0, 1, 'w', 0, 3, 'b', 'y', 'e', 0, 1, 'u', 0, 2, 'p', 'w' };
    assert_int_equal(n, sizeof want);
    assert_memory_equal(buf, want, sizeof want);

    struct mqtt_packet pkt;
    assert_int_equal(mqtt_parse(buf[0], buf + 2, (size_t)n - 2, &pkt), 0);
    assert_int_equal(pkt.type, MQTT_CONNECT);
    assert_int_equal(pkt.u.connect.keepalive_s, 60);
    assert_int_equal(pkt.u.connect.will_qos, 1);
    assert_true(pkt.u.connect.will_retain && pkt.u.connect.clean_session);
    assert_memory_equal(pkt.u.connect.password.ptr, "pw", 2);
}

static void test_an_encoder_reports_the_size_it_needs(void **state)
{
    struct mqtt_publish m = { .topic = mqtt_str("a/b"), .payload = mqtt_str("hello") };
    uint8_t buf[8];
    int n = mqtt_encode_publish(buf, sizeof buf, &m);
    assert_int_equal(n, 2 + 2 + 3 + 5);          /* more than buf: the caller must grow it */
    uint8_t big[16];
    assert_int_equal(mqtt_encode_publish(big, sizeof big, &m), n);
}

static void test_invalid_packets_are_not_encoded(void **state)
{
    uint8_t buf[64];
    struct mqtt_publish qos3 = { .topic = mqtt_str("t"), .qos = 3, .packet_id = 1 };
    struct mqtt_publish no_id = { .topic = mqtt_str("t"), .qos = 1 };
    struct mqtt_publish no_topic = { .topic = mqtt_str("") };
    struct mqtt_connect pass_only = { .password = mqtt_str("p") };
    assert_int_equal(mqtt_encode_publish(buf, sizeof buf, &qos3), ERR_INVAL);
    assert_int_equal(mqtt_encode_publish(buf, sizeof buf, &no_id), ERR_INVAL);
    assert_int_equal(mqtt_encode_publish(buf, sizeof buf, &no_topic), ERR_INVAL);
    assert_int_equal(mqtt_encode_connect(buf, sizeof buf, &pass_only), ERR_INVAL);
    assert_int_equal(mqtt_encode_ack(buf, sizeof buf, MQTT_CONNECT, 1), ERR_INVAL);
    assert_int_equal(mqtt_encode_empty(buf, sizeof buf, MQTT_PUBACK), ERR_INVAL);
    assert_int_equal(mqtt_encode_subscribe(buf, sizeof buf, 1, NULL, 0), ERR_INVAL);
}

static void test_publish_round_trips_with_flags(void **state)
{
    struct mqtt_publish m = { .topic = mqtt_str("home/t"), .payload = mqtt_str("25"),
                              .packet_id = 0x1234, .qos = 2, .retain = 1, .dup = 1 };
    uint8_t buf[64];
    int n = mqtt_encode_publish(buf, sizeof buf, &m);
    assert_int_equal(buf[0], 0x3d);               /* PUBLISH, DUP, QoS 2, RETAIN */
    struct seen s;
    assert_int_equal(decode(buf, (size_t)n, 1, 64, &s), 0);
    assert_int_equal(s.count, 1);
    const struct mqtt_publish *got = &s.pkt[0].u.publish;
    assert_int_equal(s.pkt[0].packet_id, 0x1234);
    assert_true(got->qos == 2 && got->retain && got->dup);
    assert_int_equal(got->payload.len, 2);
    assert_memory_equal(got->payload.ptr, "25", 2);
}

static void test_acks_and_pubrel_flags(void **state)
{
    uint8_t buf[4];
    assert_int_equal(mqtt_encode_ack(buf, sizeof buf, MQTT_PUBREL, 7), 4);
    static const uint8_t pubrel[] = { 0x62, 2, 0, 7 };
    assert_memory_equal(buf, pubrel, 4);
    struct mqtt_packet pkt;
    assert_int_equal(mqtt_parse(0x62, buf + 2, 2, &pkt), 0);
    assert_int_equal(pkt.packet_id, 7);
    assert_int_equal(mqtt_parse(0x60, buf + 2, 2, &pkt), ERR_INVAL);   /* flags must be 0010 */
    assert_int_equal(mqtt_parse(0x40, buf + 2, 1, &pkt), ERR_INVAL);   /* PUBACK too short */
    assert_int_equal(mqtt_encode_empty(buf, sizeof buf, MQTT_PINGREQ), 2);
    assert_int_equal(buf[0], 0xc0);
    assert_int_equal(buf[1], 0);
}

static void test_subscribe_lists_its_filters(void **state)
{
    struct mqtt_topic_qos list[] = { { mqtt_str("a/+"), 1 }, { mqtt_str("b/#"), 2 } };
    uint8_t buf[64];
    int n = mqtt_encode_subscribe(buf, sizeof buf, 9, list, 2);
    assert_int_equal(buf[0], 0x82);
    struct mqtt_packet pkt;
    assert_int_equal(mqtt_parse(buf[0], buf + 2, (size_t)n - 2, &pkt), 0);
    assert_int_equal(pkt.packet_id, 9);
    size_t pos = 0;
    struct mqtt_topic_qos e;
    assert_int_equal(mqtt_next_filter(&pkt, &pos, &e), 1);
    assert_true(e.filter.len == 3 && !memcmp(e.filter.ptr, "a/+", 3) && e.qos == 1);
    assert_int_equal(mqtt_next_filter(&pkt, &pos, &e), 1);
    assert_true(e.filter.len == 3 && !memcmp(e.filter.ptr, "b/#", 3) && e.qos == 2);
    assert_int_equal(mqtt_next_filter(&pkt, &pos, &e), 0);

    n = mqtt_encode_unsubscribe(buf, sizeof buf, 10, list, 1);
    assert_int_equal(mqtt_parse(buf[0], buf + 2, (size_t)n - 2, &pkt), 0);
    assert_int_equal(pkt.type, MQTT_UNSUBSCRIBE);
}

static void test_suback_and_connack(void **state)
{
    uint8_t codes[] = { 0, 2, MQTT_SUBACK_FAILURE };
    uint8_t buf[16];
    int n = mqtt_encode_suback(buf, sizeof buf, 3, codes, 3);
    struct mqtt_packet pkt;
    assert_int_equal(mqtt_parse(buf[0], buf + 2, (size_t)n - 2, &pkt), 0);
    assert_int_equal(pkt.u.suback.count, 3);
    assert_int_equal(pkt.u.suback.codes[2], MQTT_SUBACK_FAILURE);
    uint8_t bad_code[] = { 0, 3, 5 };
    assert_int_equal(mqtt_parse(0x90, bad_code, 3, &pkt), ERR_INVAL);

    n = mqtt_encode_connack(buf, sizeof buf, 1, MQTT_BAD_LOGIN);
    assert_int_equal(mqtt_parse(buf[0], buf + 2, (size_t)n - 2, &pkt), 0);
    assert_true(pkt.u.connack.session_present && pkt.u.connack.code == MQTT_BAD_LOGIN);
}

static void test_stream_of_packets_in_any_split(void **state)
{
    uint8_t stream[256];
    size_t len = 0;
    struct mqtt_publish m = { .topic = mqtt_str("t"), .payload = mqtt_str("one") };
    len += (size_t)mqtt_encode_publish(stream + len, sizeof stream - len, &m);
    len += (size_t)mqtt_encode_empty(stream + len, sizeof stream - len, MQTT_PINGRESP);
    len += (size_t)mqtt_encode_ack(stream + len, sizeof stream - len, MQTT_PUBACK, 5);
    for (size_t step = 1; step <= len; step++) {
        struct seen s;
        assert_int_equal(decode(stream, len, step, 64, &s), 0);
        assert_int_equal(s.count, 3);
        assert_int_equal(s.pkt[0].type, MQTT_PUBLISH);
        assert_int_equal(s.pkt[1].type, MQTT_PINGRESP);
        assert_int_equal(s.pkt[2].packet_id, 5);
    }
}

static void test_long_remaining_length(void **state)
{
    static uint8_t buf[300];
    static char payload[200];
    memset(payload, 'x', sizeof payload);
    struct mqtt_publish m = { .topic = mqtt_str("t"), .payload = { payload, sizeof payload } };
    int n = mqtt_encode_publish(buf, sizeof buf, &m);
    assert_int_equal(n, 1 + 2 + 3 + 200);         /* 203 needs two length bytes */
    assert_int_equal(buf[1], (203 % 128) | 0x80);
    assert_int_equal(buf[2], 1);
    struct seen s;
    assert_int_equal(decode(buf, (size_t)n, 7, 256, &s), 0);
    assert_int_equal(s.pkt[0].u.publish.payload.len, 200);
}

static void test_a_packet_over_the_limit_is_refused_not_cut(void **state)
{
    uint8_t buf[256];
    char payload[100];
    memset(payload, 'y', sizeof payload);
    struct mqtt_publish m = { .topic = mqtt_str("t/big"), .payload = { payload, sizeof payload },
                              .packet_id = 42, .qos = 1 };
    size_t n = (size_t)mqtt_encode_publish(buf, sizeof buf, &m);
    n += (size_t)mqtt_encode_empty(buf + n, sizeof buf - n, MQTT_PINGRESP);
    struct seen s;
    /* A PUBLISH: skipped, handed over with its topic and id but no payload, and the stream
     * goes on with the next packet. */
    for (size_t step = 1; step <= n; step += 13) {
        assert_int_equal(decode(buf, n, step, 64, &s), 0);
        assert_int_equal(s.count, 2);
        assert_int_equal(s.pkt[0].oversize, 2 + 5 + 2 + 100);
        assert_int_equal(s.pkt[0].packet_id, 42);
        assert_int_equal(s.pkt[0].u.publish.payload.len, 0);
        assert_int_equal(s.pkt[1].type, MQTT_PINGRESP);
    }
    /* Not even the topic fits, or another kind of packet: the stream cannot go on. */
    assert_int_equal(decode(buf, n, 0, 4, &s), ERR_FBIG);
    uint8_t codes[80] = { 0 };
    n = (size_t)mqtt_encode_suback(buf, sizeof buf, 1, codes, sizeof codes);
    assert_int_equal(decode(buf, n, 0, 64, &s), ERR_FBIG);
    assert_int_equal(s.count, 0);
}

static void test_malformed_streams_stop_the_decoder(void **state)
{
    struct seen s;
    static const uint8_t five_length_bytes[] = { 0x30, 0xff, 0xff, 0xff, 0xff, 0x01 };
    assert_int_equal(decode(five_length_bytes, sizeof five_length_bytes, 1, 64, &s), ERR_INVAL);
    static const uint8_t reserved_type[] = { 0xf0, 0x00 };
    assert_int_equal(decode(reserved_type, 2, 0, 64, &s), ERR_INVAL);
    static const uint8_t qos3[] = { 0x36, 0x05, 0, 1, 't', 0, 1 };
    assert_int_equal(decode(qos3, sizeof qos3, 0, 64, &s), ERR_INVAL);
    static const uint8_t wildcard_topic[] = { 0x30, 0x03, 0, 1, '#' };
    assert_int_equal(decode(wildcard_topic, sizeof wildcard_topic, 0, 64, &s), ERR_INVAL);
    static const uint8_t nul_in_topic[] = { 0x30, 0x04, 0, 2, 'a', 0 };
    assert_int_equal(decode(nul_in_topic, sizeof nul_in_topic, 0, 64, &s), ERR_INVAL);
    static const uint8_t string_past_end[] = { 0x30, 0x03, 0, 9, 'a' };
    assert_int_equal(decode(string_past_end, sizeof string_past_end, 0, 64, &s), ERR_INVAL);
    static const uint8_t ping_with_body[] = { 0xd0, 0x01, 0 };
    assert_int_equal(decode(ping_with_body, sizeof ping_with_body, 0, 64, &s), ERR_INVAL);
}

static int stop_at_first(void *ctx, const struct mqtt_packet *pkt)
{
    (*(int *)ctx)++;
    return ERR_CLOSED;
}

static void test_a_callback_error_stops_the_decoder(void **state)
{
    static const uint8_t two_pings[] = { 0xd0, 0, 0xd0, 0 };
    uint8_t buf[8];
    struct mqtt_decoder d;
    int calls = 0;
    mqtt_decoder_init(&d, buf, sizeof buf);
    assert_int_equal(mqtt_decoder_feed(&d, two_pings, 4, stop_at_first, &calls), ERR_CLOSED);
    assert_int_equal(mqtt_decoder_feed(&d, two_pings, 4, stop_at_first, &calls), ERR_CLOSED);
    assert_int_equal(calls, 1);
}

static int matches(const char *filter, const char *topic)
{
    return mqtt_topic_matches(filter, strlen(filter), topic, strlen(topic));
}

static void test_topic_filters_match_as_the_spec_says(void **state)
{
    assert_true(matches("sport/tennis/player1/#", "sport/tennis/player1"));
    assert_true(matches("sport/tennis/player1/#", "sport/tennis/player1/ranking"));
    assert_true(matches("sport/#", "sport"));
    assert_true(matches("#", "a/b/c"));
    assert_true(matches("sport/tennis/+", "sport/tennis/player1"));
    assert_false(matches("sport/tennis/+", "sport/tennis/player1/ranking"));
    assert_false(matches("sport/+", "sport"));
    assert_true(matches("sport/+", "sport/"));
    assert_true(matches("+/+", "/finance"));
    assert_true(matches("/+", "/finance"));
    assert_false(matches("+", "/finance"));
    assert_true(matches("a/b", "a/b"));
    assert_false(matches("a/b", "a/bc"));
    assert_false(matches("a/b", "a"));
    assert_false(matches("a", "a/b"));
    assert_false(matches("#", "$SYS/broker"));
    assert_false(matches("+/monitor/Clients", "$SYS/monitor/Clients"));
    assert_true(matches("$SYS/#", "$SYS/monitor/Clients"));
    assert_true(matches("$SYS/monitor/+", "$SYS/monitor/Clients"));
}

static void test_filters_and_topics_are_checked(void **state)
{
    static const char *good[] = { "#", "+", "a/+/b", "a/#", "+/+", "/", "a//b" };
    static const char *bad[] = { "", "a#", "a/#/b", "a+", "+a/b", "a/b#" };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(mqtt_filter_valid(good[i], strlen(good[i])));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(mqtt_filter_valid(bad[i], strlen(bad[i])));
    assert_true(mqtt_topic_valid("a/b", 3));
    assert_false(mqtt_topic_valid("a/+", 3));
    assert_false(mqtt_topic_valid("", 0));
    assert_false(mqtt_topic_valid("\xff", 1));           /* not UTF-8 */
    assert_true(mqtt_topic_valid("caf\xc3\xa9", 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connect_bytes_follow_the_spec),
        cmocka_unit_test(test_an_encoder_reports_the_size_it_needs),
        cmocka_unit_test(test_invalid_packets_are_not_encoded),
        cmocka_unit_test(test_publish_round_trips_with_flags),
        cmocka_unit_test(test_acks_and_pubrel_flags),
        cmocka_unit_test(test_subscribe_lists_its_filters),
        cmocka_unit_test(test_suback_and_connack),
        cmocka_unit_test(test_stream_of_packets_in_any_split),
        cmocka_unit_test(test_long_remaining_length),
        cmocka_unit_test(test_a_packet_over_the_limit_is_refused_not_cut),
        cmocka_unit_test(test_malformed_streams_stop_the_decoder),
        cmocka_unit_test(test_a_callback_error_stops_the_decoder),
        cmocka_unit_test(test_topic_filters_match_as_the_spec_says),
        cmocka_unit_test(test_filters_and_topics_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
