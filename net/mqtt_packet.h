/* MQTT 3.1.1 packets without the sockets: encoders that write a whole packet into a buffer,
 * a streaming decoder fed whatever byte chunks a connection delivers, and the topic rules
 * (filters with + and #, $ topics). Pure code, so it can be unit-tested and fuzzed; the client
 * (net/mqtt_client.h) puts it on a connection.
 *
 * Sizes are bounded by the caller's buffers: an encoder reports the length it needs (as
 * snprintf does), and the decoder refuses a packet longer than its buffer with ERR_FBIG
 * instead of cutting it. */
#ifndef NET_MQTT_PACKET_H
#define NET_MQTT_PACKET_H

#include <stddef.h>
#include <stdint.h>

enum mqtt_type {
    MQTT_CONNECT = 1, MQTT_CONNACK, MQTT_PUBLISH, MQTT_PUBACK, MQTT_PUBREC, MQTT_PUBREL,
    MQTT_PUBCOMP, MQTT_SUBSCRIBE, MQTT_SUBACK, MQTT_UNSUBSCRIBE, MQTT_UNSUBACK, MQTT_PINGREQ,
    MQTT_PINGRESP, MQTT_DISCONNECT
};

/* CONNACK return codes (3.2.2.3) and the SUBACK code of a refused filter. */
enum mqtt_connack_code {
    MQTT_ACCEPTED, MQTT_BAD_PROTOCOL, MQTT_ID_REJECTED, MQTT_UNAVAILABLE, MQTT_BAD_LOGIN,
    MQTT_NOT_AUTHORIZED
};
#define MQTT_SUBACK_FAILURE 0x80

#define MQTT_MAX_REMAINING 268435455u   /* the most four length bytes can say */
#define MQTT_HEADER_MAX 5               /* fixed header: type byte and up to four length bytes */

/* Bytes that need not end in NUL: into the caller's data when encoding, into the decoder's
 * buffer when decoding. ptr NULL means absent (no user name, no will). */
struct mqtt_str {
    const char *ptr;
    size_t len;
};
struct mqtt_str mqtt_str(const char *text);     /* NULL gives an absent string */

struct mqtt_connect {
    struct mqtt_str client_id, user, password;
    struct mqtt_str will_topic, will_message;   /* a will when will_topic.ptr is set */
    uint16_t keepalive_s;
    uint8_t clean_session, will_qos, will_retain;
};

struct mqtt_publish {
    struct mqtt_str topic;
    struct mqtt_str payload;
    uint16_t packet_id;                         /* QoS 1 and 2 only */
    uint8_t qos, retain, dup;
};

/* One entry of SUBSCRIBE (qos used) or UNSUBSCRIBE (qos ignored). */
struct mqtt_topic_qos {
    struct mqtt_str filter;
    uint8_t qos;
};

/* A decoded packet. Strings point into the decoder's buffer: valid during the callback. */
struct mqtt_packet {
    uint8_t type, flags;
    uint16_t packet_id;                 /* PUBLISH (QoS > 0), acks, (UN)SUBSCRIBE, (UN)SUBACK */
    uint32_t oversize;                  /* a PUBLISH over the decoder's buffer: its length;
                                         * topic and id are there, the payload is not */
    union {
        struct mqtt_connect connect;
        struct { uint8_t session_present, code; } connack;
        struct mqtt_publish publish;
        struct { const uint8_t *codes; size_t count; } suback;
        struct { const uint8_t *entries; size_t len; } filters;  /* (UN)SUBSCRIBE: see below */
    } u;
};

/* ---- encoders ----
 * Each writes one packet into buf and returns its length; when that is more than cap, nothing
 * usable was written and the caller needs a buffer of the returned size. ERR_INVAL for what
 * MQTT cannot carry (QoS 3, a string over 65535 bytes, an empty topic, no packet id). */
int mqtt_encode_connect(uint8_t *buf, size_t cap, const struct mqtt_connect *c);
int mqtt_encode_connack(uint8_t *buf, size_t cap, int session_present, int code);
int mqtt_encode_publish(uint8_t *buf, size_t cap, const struct mqtt_publish *m);
/* PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK: the type and the packet id. */
int mqtt_encode_ack(uint8_t *buf, size_t cap, enum mqtt_type type, uint16_t packet_id);
int mqtt_encode_subscribe(uint8_t *buf, size_t cap, uint16_t packet_id,
                          const struct mqtt_topic_qos *list, size_t count);
int mqtt_encode_unsubscribe(uint8_t *buf, size_t cap, uint16_t packet_id,
                            const struct mqtt_topic_qos *list, size_t count);
int mqtt_encode_suback(uint8_t *buf, size_t cap, uint16_t packet_id, const uint8_t *codes,
                       size_t count);
/* PINGREQ, PINGRESP, DISCONNECT: two bytes. */
int mqtt_encode_empty(uint8_t *buf, size_t cap, enum mqtt_type type);

/* ---- decoder ---- */
/* Called once per complete packet; a negative return stops the decoder with that error. */
typedef int (*mqtt_packet_fn)(void *ctx, const struct mqtt_packet *pkt);

struct mqtt_decoder {
    uint8_t *buf;               /* one packet's variable header and payload */
    size_t cap;
    uint32_t need, got;         /* remaining length, and how much of it has come */
    uint8_t header;             /* the first byte of the packet being read */
    uint8_t length_bytes;       /* of the remaining length read so far */
    uint8_t state;
    int error;                  /* once set, the connection is beyond repair */
};

void mqtt_decoder_init(struct mqtt_decoder *d, uint8_t *buf, size_t cap);
/* Takes len bytes (any split of the stream). 0, or the error that stopped it: ERR_FBIG for a
 * packet over cap, ERR_INVAL for a malformed one, or the callback's. The error sticks.
 * A PUBLISH over cap whose topic and id fit is skipped instead, and handed over with
 * oversize set and no payload: the receiver can refuse it and still acknowledge it, so the
 * broker does not send it again and again. */
int mqtt_decoder_feed(struct mqtt_decoder *d, const uint8_t *data, size_t len,
                      mqtt_packet_fn fn, void *ctx);
/* Decodes one packet from its first byte and its body (what follows the length). */
int mqtt_parse(uint8_t header, const uint8_t *body, size_t len, struct mqtt_packet *out);
/* Walks a decoded (UN)SUBSCRIBE's entries: 1 with the next one, 0 at the end. *pos starts 0. */
int mqtt_next_filter(const struct mqtt_packet *pkt, size_t *pos, struct mqtt_topic_qos *out);

/* ---- topics ---- */
int mqtt_topic_valid(const char *topic, size_t len);    /* a name to publish to: no + or # */
int mqtt_filter_valid(const char *filter, size_t len);  /* + whole levels, # last and whole */
/* 1 when topic matches filter (both valid). A filter starting with a wildcard does not match
 * a topic starting with '$' (4.7.2): "#" does not see "$SYS/...". */
int mqtt_topic_matches(const char *filter, size_t filter_len, const char *topic,
                       size_t topic_len);

#endif
