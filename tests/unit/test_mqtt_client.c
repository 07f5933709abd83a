/* The MQTT client's state machine against a broker simulated in memory (through the dial
 * seam, no sockets): acknowledgements at QoS 1 and 2 both ways, re-sending with DUP after a
 * lost connection, exactly-once delivery of QoS 2, re-subscription, the window, the size
 * limit, keep-alive and back-off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hal/time.h"
#include "lib/err.h"
#include "net/mqtt_client.h"

#define LOG_MAX 64

/* What the client sent, one entry per packet. */
struct sent {
    uint8_t type, dup, qos;
    uint16_t id;
    char text[64];              /* CONNECT: the client id; PUBLISH: the topic; SUBSCRIBE: filter */
};

static struct broker {
    int open, refuse_code, session_present, dials, fail_dials;
    int ack_publish;            /* answer PUBLISH with PUBACK / PUBREC */
    int ack_pubrel;
    struct mqtt_decoder decoder;
    uint8_t rx[1024];
    uint8_t to_client[2048];
    size_t out_len;
    struct sent log[LOG_MAX];
    int logged;
} b;

static struct delivered {
    int count;
    char topic[64], payload[64];
} got;

static void to_client(const uint8_t *bytes, int n)
{
    assert_true(n > 0 && b.out_len + (size_t)n <= sizeof b.to_client);
    memcpy(b.to_client + b.out_len, bytes, (size_t)n);
    b.out_len += (size_t)n;
}

static void answer(const struct mqtt_packet *pkt)
{
    uint8_t buf[8];
    if (pkt->type == MQTT_CONNECT)
        to_client(buf, mqtt_encode_connack(buf, sizeof buf, b.session_present, b.refuse_code));
    else if (pkt->type == MQTT_SUBSCRIBE) {
        uint8_t granted = 1;
        to_client(buf, mqtt_encode_suback(buf, sizeof buf, pkt->packet_id, &granted, 1));
    } else if (pkt->type == MQTT_PUBLISH && pkt->u.publish.qos && b.ack_publish)
        to_client(buf, mqtt_encode_ack(buf, sizeof buf,
                                       pkt->u.publish.qos == 1 ? MQTT_PUBACK : MQTT_PUBREC,
                                       pkt->packet_id));
    else if (pkt->type == MQTT_PUBREL && b.ack_pubrel)
        to_client(buf, mqtt_encode_ack(buf, sizeof buf, MQTT_PUBCOMP, pkt->packet_id));
    else if (pkt->type == MQTT_PINGREQ)
        to_client(buf, mqtt_encode_empty(buf, sizeof buf, MQTT_PINGRESP));
}

static int on_client_packet(void *ctx, const struct mqtt_packet *pkt)
{
    assert_true(b.logged < LOG_MAX);
    struct sent *s = &b.log[b.logged++];
    memset(s, 0, sizeof *s);
    s->type = pkt->type;
    s->id = pkt->packet_id;
    struct mqtt_str text = { NULL, 0 };
    if (pkt->type == MQTT_PUBLISH) {
        s->dup = pkt->u.publish.dup;
        s->qos = pkt->u.publish.qos;
        text = pkt->u.publish.topic;
    } else if (pkt->type == MQTT_CONNECT) {
        text = pkt->u.connect.client_id;
    } else if (pkt->type == MQTT_SUBSCRIBE) {
        struct mqtt_topic_qos e;
        size_t pos = 0;
        mqtt_next_filter(pkt, &pos, &e);
        text = e.filter;
    }
    memcpy(s->text, text.ptr ? text.ptr : "", text.len < 63 ? text.len : 63);
    answer(pkt);
    return 0;
}

static int fake_send(void *conn, const void *buf, size_t len)
{
    if (!b.open)
        return ERR_CLOSED;
    return mqtt_decoder_feed(&b.decoder, buf, len, on_client_packet, NULL);
}

static int fake_recv(void *conn, void *buf, size_t len, int timeout_ms)
{
    if (!b.open)
        return 0;
    if (!b.out_len)
        return ERR_TIMEOUT;
    size_t n = b.out_len < len ? b.out_len : len;
    memcpy(buf, b.to_client, n);
    memmove(b.to_client, b.to_client + n, b.out_len - n);
    b.out_len -= n;
    return (int)n;
}

static void fake_close(void *conn)
{
    b.open = 0;
}

static const struct conn_ops fake_ops = { fake_recv, fake_send, fake_close, NULL, NULL };

static int fake_dial(const struct mqtt_config *cfg, struct conn *out)
{
    b.dials++;
    if (b.fail_dials)
        return ERR_CONNREFUSED;
    b.open = 1;
    b.out_len = 0;
    mqtt_decoder_init(&b.decoder, b.rx, sizeof b.rx);
    *out = (struct conn){ &fake_ops, &b };
    return 0;
}

static void on_message(void *ctx, const struct mqtt_publish *m)
{
    got.count++;
    memcpy(got.topic, m->topic.ptr, m->topic.len);
    got.topic[m->topic.len] = 0;
    memcpy(got.payload, m->payload.ptr, m->payload.len);
    got.payload[m->payload.len] = 0;
}

static struct mqtt_client *client(uint8_t clean, uint16_t keepalive)
{
    memset(&b, 0, sizeof b);
    memset(&got, 0, sizeof got);
    b.ack_publish = b.ack_pubrel = 1;
    struct mqtt_config cfg = { .host = "broker", .client_id = "board1", .clean_session = clean,
                               .keepalive_s = keepalive, .max_packet = 256,
                               .backoff_min_ms = 1, .backoff_max_ms = 4, .dial = fake_dial };
    struct mqtt_client *c;
    assert_int_equal(mqtt_client_new(&cfg, on_message, NULL, &c), 0);
    return c;
}

/* The broker sends a packet to the client (encoded by the codec under test elsewhere). */
static void broker_publish(const char *topic, const char *payload, int qos, uint16_t id, int dup)
{
    uint8_t buf[512];
    struct mqtt_publish m = { mqtt_str(topic), mqtt_str(payload), id, (uint8_t)qos, 0,
                              (uint8_t)dup };
    to_client(buf, mqtt_encode_publish(buf, sizeof buf, &m));
}

static void broker_ack(enum mqtt_type type, uint16_t id)
{
    uint8_t buf[4];
    to_client(buf, mqtt_encode_ack(buf, sizeof buf, type, id));
}

static int count_sent(uint8_t type)
{
    int n = 0;
    for (int i = 0; i < b.logged; i++)
        n += b.log[i].type == type;
    return n;
}

static const struct sent *last_sent(uint8_t type)
{
    for (int i = b.logged - 1; i >= 0; i--)
        if (b.log[i].type == type)
            return &b.log[i];
    return NULL;
}

/* Polls until the client is connected again (the back-off is a few ms here). */
static void poll_until_connected(struct mqtt_client *c)
{
    uint64_t end = hal_time_us() + 2000000;
    while (!mqtt_client_connected(c) && hal_time_us() < end)
        mqtt_client_poll(c, 1);
    assert_true(mqtt_client_connected(c));
}

static void test_connect_and_refusal(void **state)
{
    struct mqtt_client *c = client(1, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    assert_true(mqtt_client_connected(c));
    assert_string_equal(b.log[0].text, "board1");
    mqtt_client_disconnect(c);
    assert_int_equal(last_sent(MQTT_DISCONNECT) != NULL, 1);

    b.refuse_code = MQTT_BAD_LOGIN;
    assert_int_equal(mqtt_client_connect(c), ERR_ACCES);
    assert_int_equal(mqtt_client_refusal(c), MQTT_BAD_LOGIN);
    assert_string_equal(mqtt_connack_text(MQTT_BAD_LOGIN), "bad user name or password");
    mqtt_client_free(c);
}

static void test_qos1_and_qos2_publish_wait_for_their_acks(void **state)
{
    struct mqtt_client *c = client(1, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    b.ack_publish = b.ack_pubrel = 0;
    uint16_t id1, id2;
    assert_int_equal(mqtt_client_publish(c, "a/b", "x", 1, 1, 0, &id1), 0);
    mqtt_client_poll(c, 0);
    assert_true(mqtt_client_pending(c, id1));
    broker_ack(MQTT_PUBACK, id1);
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_pending(c, id1));

    assert_int_equal(mqtt_client_publish(c, "a/b", "y", 1, 2, 0, &id2), 0);
    broker_ack(MQTT_PUBREC, id2);
    mqtt_client_poll(c, 0);
    assert_int_equal(last_sent(MQTT_PUBREL)->id, id2);
    assert_true(mqtt_client_pending(c, id2));
    broker_ack(MQTT_PUBCOMP, id2);
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_pending(c, id2));
    mqtt_client_free(c);
}

/* RabbitMQ downgrades QoS 2 to 1: a PUBACK instead of PUBREC ends the exchange. */
static void test_a_puback_for_qos2_acknowledges_it(void **state)
{
    struct mqtt_client *c = client(1, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    b.ack_publish = 0;
    uint16_t id;
    assert_int_equal(mqtt_client_publish(c, "a/b", "z", 1, 2, 0, &id), 0);
    broker_ack(MQTT_PUBACK, id);
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_pending(c, id));
    assert_int_equal(count_sent(MQTT_PUBREL), 0);
    mqtt_client_free(c);
}

static void test_unacknowledged_messages_go_again_with_dup_after_a_loss(void **state)
{
    struct mqtt_client *c = client(0, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    b.ack_publish = b.ack_pubrel = 0;
    uint16_t id1, id2;
    mqtt_client_publish(c, "q/1", "a", 1, 1, 0, &id1);
    mqtt_client_publish(c, "q/2", "b", 1, 2, 0, &id2);
    broker_ack(MQTT_PUBREC, id2);
    mqtt_client_poll(c, 0);                 /* PUBREL goes out, PUBCOMP never comes */
    b.open = 0;                             /* the broker goes away */
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_connected(c));

    b.logged = 0;
    b.session_present = 1;
    b.ack_publish = b.ack_pubrel = 1;
    poll_until_connected(c);
    const struct sent *p = last_sent(MQTT_PUBLISH);
    assert_non_null(p);
    assert_true(p->dup && p->id == id1 && p->qos == 1);
    assert_int_equal(count_sent(MQTT_PUBLISH), 1);  /* the QoS 2 one is past PUBREC */
    assert_non_null(last_sent(MQTT_PUBREL));
    assert_int_equal(last_sent(MQTT_PUBREL)->id, id2);
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_pending(c, id1));
    assert_false(mqtt_client_pending(c, id2));
    mqtt_client_free(c);
}

static void test_qos2_is_delivered_once_and_qos1_acknowledged(void **state)
{
    struct mqtt_client *c = client(0, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    broker_publish("t/2", "once", 2, 77, 0);
    broker_publish("t/2", "once", 2, 77, 1);        /* again, as after a lost PUBREC */
    mqtt_client_poll(c, 0);
    assert_int_equal(got.count, 1);
    assert_string_equal(got.payload, "once");
    assert_int_equal(count_sent(MQTT_PUBREC), 2);
    broker_ack(MQTT_PUBREL, 77);
    mqtt_client_poll(c, 0);
    assert_int_equal(last_sent(MQTT_PUBCOMP)->id, 77);
    broker_publish("t/2", "next", 2, 77, 0);        /* the id is free again: a new message */
    broker_publish("t/1", "one", 1, 78, 0);
    mqtt_client_poll(c, 0);
    assert_int_equal(got.count, 3);
    assert_int_equal(last_sent(MQTT_PUBACK)->id, 78);
    mqtt_client_free(c);
}

static void test_subscriptions_are_made_again_without_a_session(void **state)
{
    struct mqtt_client *c = client(1, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    uint16_t id;
    assert_int_equal(mqtt_client_subscribe(c, "home/+/temp", 1, &id), 0);
    assert_int_equal(mqtt_client_subscribe(c, "other", 0, NULL), ERR_BUSY);
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_pending(c, id));
    assert_int_equal(mqtt_client_granted(c), 1);
    int qos;
    assert_string_equal(mqtt_client_subscription(c, 0, &qos), "home/+/temp");
    assert_int_equal(mqtt_client_subscribe(c, "bad/#/x", 0, NULL), ERR_INVAL);

    b.open = 0;
    mqtt_client_poll(c, 0);
    b.logged = 0;
    poll_until_connected(c);
    assert_string_equal(last_sent(MQTT_SUBSCRIBE)->text, "home/+/temp");

    b.open = 0;                             /* a broker that kept the session: no SUBSCRIBE */
    mqtt_client_poll(c, 0);
    b.logged = 0;
    b.session_present = 1;
    poll_until_connected(c);
    assert_int_equal(count_sent(MQTT_SUBSCRIBE), 0);
    mqtt_client_free(c);
}

static void test_the_window_and_the_size_limit(void **state)
{
    struct mqtt_client *c = client(1, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    b.ack_publish = 0;
    for (int i = 0; i < MQTT_WINDOW; i++)
        assert_int_equal(mqtt_client_publish(c, "w", "m", 1, 1, 0, NULL), 0);
    assert_int_equal(mqtt_client_publish(c, "w", "m", 1, 1, 0, NULL), ERR_AGAIN);
    char big[300];
    memset(big, 'z', sizeof big);
    assert_int_equal(mqtt_client_publish(c, "w", big, sizeof big, 0, 0, NULL), ERR_FBIG);
    assert_int_equal(mqtt_client_publish(c, "w/+", "m", 1, 0, 0, NULL), ERR_INVAL);
    /* A packet from the broker over the limit closes the connection, never cut. */
    char topic[300];
    memset(topic, 't', sizeof topic - 1);
    topic[sizeof topic - 1] = 0;
    broker_publish(topic, "", 0, 0, 0);
    assert_int_equal(mqtt_client_poll(c, 0), ERR_FBIG);
    assert_int_equal(got.count, 0);
    mqtt_client_free(c);
}

static void test_a_message_over_the_limit_is_acknowledged_not_delivered(void **state)
{
    struct mqtt_client *c = client(0, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    char big[300];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = 0;
    broker_publish("t/big", big, 1, 5, 0);
    broker_publish("t/big", big, 2, 6, 0);
    broker_publish("t/small", "ok", 1, 7, 0);
    assert_int_equal(mqtt_client_poll(c, 0), 0);
    assert_true(mqtt_client_connected(c));
    assert_int_equal(got.count, 1);
    assert_string_equal(got.topic, "t/small");
    assert_int_equal(mqtt_client_take_refused(c), 2);
    assert_int_equal(mqtt_client_take_refused(c), 0);
    assert_int_equal(count_sent(MQTT_PUBACK), 2);   /* so the broker does not send it again */
    assert_int_equal(last_sent(MQTT_PUBREC)->id, 6);
    mqtt_client_free(c);
}

static void test_keep_alive_sends_pingreq(void **state)
{
    struct mqtt_client *c = client(1, 1);
    assert_int_equal(mqtt_client_connect(c), 0);
    uint64_t end = hal_time_us() + 3000000;
    while (count_sent(MQTT_PINGREQ) == 0 && hal_time_us() < end)
        mqtt_client_poll(c, 10);
    assert_int_equal(count_sent(MQTT_PINGREQ), 1);
    mqtt_client_poll(c, 0);
    assert_false(mqtt_client_pending(c, 0));        /* PINGRESP came */
    assert_true(mqtt_client_connected(c));
    mqtt_client_free(c);
}

static void test_reconnecting_backs_off(void **state)
{
    struct mqtt_client *c = client(1, 60);
    assert_int_equal(mqtt_client_connect(c), 0);
    b.open = 0;
    b.fail_dials = 1;
    b.dials = 0;
    uint64_t end = hal_time_us() + 100000;
    while (hal_time_us() < end)
        mqtt_client_poll(c, 1);
    /* 1, 2, 4 ms then every 2 to 4 ms: about 35 tries in 100 ms, not one per poll. */
    assert_true(b.dials >= 10 && b.dials <= 60);
    b.fail_dials = 0;
    poll_until_connected(c);
    mqtt_client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connect_and_refusal),
        cmocka_unit_test(test_qos1_and_qos2_publish_wait_for_their_acks),
        cmocka_unit_test(test_a_puback_for_qos2_acknowledges_it),
        cmocka_unit_test(test_unacknowledged_messages_go_again_with_dup_after_a_loss),
        cmocka_unit_test(test_qos2_is_delivered_once_and_qos1_acknowledged),
        cmocka_unit_test(test_subscriptions_are_made_again_without_a_session),
        cmocka_unit_test(test_the_window_and_the_size_limit),
        cmocka_unit_test(test_a_message_over_the_limit_is_acknowledged_not_delivered),
        cmocka_unit_test(test_keep_alive_sends_pingreq),
        cmocka_unit_test(test_reconnecting_backs_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
