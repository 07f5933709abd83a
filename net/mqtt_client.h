/* An MQTT 3.1.1 client on one connection: CONNECT with a will and credentials, keep-alive,
 * PUBLISH and receive at QoS 0, 1 and 2 with a bounded in-flight window, SUBSCRIBE and
 * UNSUBSCRIBE, and reconnection with exponential back-off and jitter that re-sends what was
 * not acknowledged (with DUP) and re-subscribes when the broker kept no session.
 *
 * It owns no thread. Whoever holds it drives it by calling mqtt_client_poll: a command in its
 * own loop, or a timer on the process's event loop (kernel/evloop.h). Between calls the
 * connection simply waits in the network stack; a call notices what happened meanwhile
 * (the broker closed it, a keep-alive is due) and acts. Not locked: one thread at a time.
 *
 *     struct mqtt_config cfg = { .host = "10.0.0.2", .port = 1883, .client_id = "board1" };
 *     mqtt_client_new(&cfg, on_message, ctx, &c);
 *     mqtt_client_connect(c);
 *     mqtt_client_subscribe(c, "home/+/temp", 1, &id);
 *     for (;;) mqtt_client_poll(c, 100);             // on_message runs from here
 *
 * The connection is a struct conn (net/conn.h): plain TCP, or TLS when the settings ask for it
 * (MQTT over TLS, port 8883), dialled by conn_dial. */
#ifndef NET_MQTT_CLIENT_H
#define NET_MQTT_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "net/conn.h"
#include "net/mqtt_packet.h"

#define MQTT_WINDOW 8                   /* QoS 1/2 messages in flight each way */
#define MQTT_DEFAULT_MAX_PACKET 1024    /* largest packet sent or received, header included */

struct mqtt_config;
/* Opens the connection to the broker the settings name, or returns a negative ERR_*. */
typedef int (*mqtt_dial_fn)(const struct mqtt_config *cfg, struct conn *out);
/* The usual one: conn_dial, with TLS when cfg->tls, detached when cfg->detached. */
int mqtt_dial(const struct mqtt_config *cfg, struct conn *out);

struct mqtt_config {
    const char *host;
    uint16_t port;                      /* 0: 1883, or 8883 with tls */
    const char *client_id;              /* NULL or "": made from the chip's id */
    const char *user, *password;        /* NULL: none */
    const char *will_topic, *will_message;
    uint8_t will_qos, will_retain;
    uint8_t clean_session;
    uint8_t detached;                   /* the connection belongs to no process, so that it
                                           outlives the command that opened it */
    uint8_t tls;                        /* 1: over TLS (the port's default is then 8883) */
    uint8_t tls_insecure;               /* no certificate check (the caller warns) */
    const char *ca_file;                /* NULL: system.conf "ca", else /etc/ca.pem */
    uint16_t keepalive_s;               /* 0: 60; the broker drops us after 1.5 times this */
    uint32_t max_packet;                /* 0: MQTT_DEFAULT_MAX_PACKET */
    uint32_t connect_timeout_ms;        /* 0: 5000; also the wait for CONNACK */
    uint32_t backoff_min_ms, backoff_max_ms;   /* 0: 500 and 30000 */
    mqtt_dial_fn dial;                  /* NULL: mqtt_dial */
};

/* A message that came in: topic and payload are valid during the call. */
typedef void (*mqtt_message_fn)(void *ctx, const struct mqtt_publish *m);

struct mqtt_client;

/* Copies what cfg points to; connects only when told. ERR_NOMEM or ERR_INVAL. */
int mqtt_client_new(const struct mqtt_config *cfg, mqtt_message_fn on_message, void *ctx,
                    struct mqtt_client **out);
/* Closes without DISCONNECT (the will fires), drops what was in flight. NULL is fine. */
void mqtt_client_free(struct mqtt_client *c);

/* Dials and waits for CONNACK. ERR_ACCES when the broker refused the login (the code is in
 * mqtt_client_refusal), else the connection's error. Afterwards the client reconnects on its
 * own, from mqtt_client_poll, whenever the connection is lost. */
int mqtt_client_connect(struct mqtt_client *c);
/* Sends DISCONNECT and closes (the will does not fire); no reconnecting after. */
void mqtt_client_disconnect(struct mqtt_client *c);
int mqtt_client_connected(const struct mqtt_client *c);
/* The broker's CONNACK code when it refused us, with words for it. */
int mqtt_client_refusal(const struct mqtt_client *c);
const char *mqtt_connack_text(int code);
int mqtt_client_session_present(const struct mqtt_client *c);

/* Receives for up to timeout_ms, handles what came (messages go to on_message), sends a
 * PINGREQ when one is due and reconnects when the back-off allows. 0, or the error that
 * closed the connection (it is then retried later). */
int mqtt_client_poll(struct mqtt_client *c, int timeout_ms);
/* 1 when input waits on the connection (mqtt_client_poll would not wait for it): what an
 * event loop's watch asks, so that the holder sleeps until the broker says something. Keep-
 * alive and reconnecting still need mqtt_client_poll now and then (a timer). */
int mqtt_client_readable(const struct mqtt_client *c);

/* Queues and sends a message. QoS 1/2 get a packet id (*id, may be NULL) and stay in flight
 * until acknowledged, across reconnects; mqtt_client_pending tells when. ERR_FBIG: the packet
 * would be over max_packet; ERR_AGAIN: the window is full (poll and try again); ERR_CLOSED:
 * QoS 0 while not connected; ERR_INVAL: a bad topic. */
int mqtt_client_publish(struct mqtt_client *c, const char *topic, const void *payload,
                        size_t len, int qos, int retain, uint16_t *id);
/* Subscriptions are kept and made again after a reconnect that found no session. One
 * (un)subscription waits for its answer at a time (ERR_BUSY otherwise). */
int mqtt_client_subscribe(struct mqtt_client *c, const char *filter, int qos, uint16_t *id);
int mqtt_client_unsubscribe(struct mqtt_client *c, const char *filter, uint16_t *id);
/* The QoS the broker granted for the last SUBSCRIBE, or MQTT_SUBACK_FAILURE. */
int mqtt_client_granted(const struct mqtt_client *c);
/* Sends a PINGREQ now; mqtt_client_pending(c, 0) is 1 until the PINGRESP. */
int mqtt_client_ping(struct mqtt_client *c);
/* 1 while the packet id (0: the last PINGREQ) waits for its acknowledgement. */
int mqtt_client_pending(const struct mqtt_client *c, uint16_t id);
/* Walks the kept subscriptions: index 0.. until NULL. */
const char *mqtt_client_subscription(const struct mqtt_client *c, int index, int *qos);

/* How many messages over max_packet came (and were acknowledged, not delivered) since the
 * last call. */
unsigned mqtt_client_take_refused(struct mqtt_client *c);

/* Memory the client holds: its record, its receive buffer and its copies of the settings. */
size_t mqtt_client_memory(const struct mqtt_client *c);

#endif
