#include "net/mqtt_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/system.h"
#include "hal/time.h"
#include "lib/err.h"

/* A QoS 1/2 message of ours until the broker has acknowledged it. */
enum out_state { OUT_FREE, OUT_PUBACK, OUT_PUBREC, OUT_PUBCOMP };
struct outgoing {
    uint8_t *packet;            /* the PUBLISH as first sent; NULL once PUBREC came */
    size_t len;
    uint16_t id;
    uint8_t state;
};

struct subscription {
    struct subscription *next;
    uint8_t qos;
    char filter[];
};

struct mqtt_client {
    struct mqtt_config cfg;     /* its strings point into text */
    char *text;
    size_t text_len;
    mqtt_message_fn on_message;
    void *ctx;

    struct conn conn;           /* ops NULL while not connected */
    int up;                     /* CONNACK accepted on this connection */
    int wanted;                 /* reconnect when lost (after the first connect) */
    int refusal, session_present;
    struct mqtt_decoder decoder;
    uint8_t *rx;

    struct outgoing out[MQTT_WINDOW];
    uint16_t in_qos2[MQTT_WINDOW];      /* QoS 2 ids delivered, waiting for PUBREL */
    uint16_t next_id, ctl_id;           /* ctl: the (UN)SUBSCRIBE waiting for its answer */
    char *ctl_filter;                   /* the filter being subscribed */
    uint8_t ctl_qos, granted;
    unsigned refused;                   /* messages over max_packet, not delivered */
    struct subscription *subs;

    uint64_t last_sent_ms, ping_sent_ms;        /* ping_sent 0: no PINGREQ out */
    uint64_t retry_at_ms;
    uint32_t backoff_ms, rng;
};

static uint64_t now_ms(void)
{
    return hal_time_us() / 1000 + 1;    /* never 0: 0 means "not set" */
}

/* ---- settings ---- */

static size_t text_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copies s into *pos and makes *field point there (NULL stays NULL). */
static void keep(const char **field, char **pos)
{
    if (!*field)
        return;
    size_t n = strlen(*field) + 1;
    memcpy(*pos, *field, n);
    *field = *pos;
    *pos += n;
}

static void default_client_id(char *buf, size_t size)
{
    uint8_t id[8];
    size_t n = hal_unique_id(id, sizeof id);
    int at = snprintf(buf, size, "upyos-");
    for (size_t i = n > 4 ? n - 4 : 0; i < n && at + 2 < (int)size; i++)
        at += snprintf(buf + at, size - (size_t)at, "%02x", id[i]);
}

static void fill_defaults(struct mqtt_config *cfg)
{
    if (!cfg->port)
        cfg->port = cfg->tls ? 8883 : 1883;
    if (!cfg->keepalive_s)
        cfg->keepalive_s = 60;
    if (!cfg->max_packet)
        cfg->max_packet = MQTT_DEFAULT_MAX_PACKET;
    if (!cfg->connect_timeout_ms)
        cfg->connect_timeout_ms = 5000;
    if (!cfg->backoff_min_ms)
        cfg->backoff_min_ms = 500;
    if (!cfg->backoff_max_ms)
        cfg->backoff_max_ms = 30000;
    if (!cfg->dial)
        cfg->dial = mqtt_dial;
}

int mqtt_client_new(const struct mqtt_config *cfg, mqtt_message_fn on_message, void *ctx,
                    struct mqtt_client **out)
{
    char id[24];
    struct mqtt_config k = *cfg;
    if (!k.host || k.will_qos > 2 || (k.will_topic && !mqtt_topic_valid(k.will_topic,
                                                                         strlen(k.will_topic))))
        return ERR_INVAL;
    if (!k.client_id || !*k.client_id) {
        default_client_id(id, sizeof id);
        k.client_id = id;
    }
    fill_defaults(&k);
    struct mqtt_client *c = calloc(1, sizeof *c);
    size_t n = text_size(k.host) + text_size(k.client_id) + text_size(k.user) +
               text_size(k.password) + text_size(k.will_topic) + text_size(k.will_message) +
               text_size(k.ca_file);
    if (c && (c->text_len = n) != 0)
        c->text = malloc(n);
    if (c && c->text)
        c->rx = malloc(k.max_packet);
    if (!c || !c->text || !c->rx) {
        mqtt_client_free(c);
        return ERR_NOMEM;
    }
    char *pos = c->text;
    keep(&k.host, &pos);
    keep(&k.client_id, &pos);
    keep(&k.user, &pos);
    keep(&k.password, &pos);
    keep(&k.will_topic, &pos);
    keep(&k.will_message, &pos);
    keep(&k.ca_file, &pos);
    c->cfg = k;
    c->on_message = on_message;
    c->ctx = ctx;
    c->rng = (uint32_t)hal_time_us() | 1;
    c->backoff_ms = k.backoff_min_ms;
    *out = c;
    return 0;
}

size_t mqtt_client_memory(const struct mqtt_client *c)
{
    return sizeof *c + c->cfg.max_packet + c->text_len;
}

/* ---- the connection ---- */

static void drop_connection(struct mqtt_client *c)
{
    conn_close(&c->conn);
    c->up = 0;
    c->ping_sent_ms = 0;
}

/* The next attempt after a loss: the back-off doubles up to its maximum, and the wait is
 * drawn from its upper half, so that boards that lost the same broker do not all come back
 * in the same instant. */
static void schedule_retry(struct mqtt_client *c)
{
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 17;
    c->rng ^= c->rng << 5;
    uint32_t half = c->backoff_ms / 2;
    c->retry_at_ms = now_ms() + half + c->rng % (half + 1);
    c->backoff_ms = c->backoff_ms >= c->cfg.backoff_max_ms / 2 ? c->cfg.backoff_max_ms
                                                               : c->backoff_ms * 2;
}

/* The connection failed: close it and come back later (when reconnecting is wanted). */
static int lose(struct mqtt_client *c, int err)
{
    drop_connection(c);
    schedule_retry(c);
    return err;
}

static int send_bytes(struct mqtt_client *c, const void *buf, size_t len)
{
    if (!c->conn.ops)
        return ERR_CLOSED;
    int r = conn_write(c->conn, buf, len);
    if (r < 0)
        return lose(c, r);
    c->last_sent_ms = now_ms();
    return 0;
}

static int send_ack(struct mqtt_client *c, enum mqtt_type type, uint16_t id)
{
    uint8_t buf[4];
    mqtt_encode_ack(buf, sizeof buf, type, id);
    return send_bytes(c, buf, sizeof buf);
}

/* Encodes into a buffer of its own size and sends it (packets up to max_packet). */
typedef int (*encode_fn)(uint8_t *buf, size_t cap, const void *arg);

static int send_encoded(struct mqtt_client *c, encode_fn encode, const void *arg)
{
    int n = encode(NULL, 0, arg);
    if (n < 0)
        return n;
    if ((uint32_t)n > c->cfg.max_packet)
        return ERR_FBIG;
    uint8_t *buf = malloc((size_t)n);
    if (!buf)
        return ERR_NOMEM;
    encode(buf, (size_t)n, arg);
    int r = send_bytes(c, buf, (size_t)n);
    free(buf);
    return r;
}

static int encode_connect(uint8_t *buf, size_t cap, const void *arg)
{
    const struct mqtt_config *k = arg;
    struct mqtt_connect m = {
        .client_id = mqtt_str(k->client_id), .user = mqtt_str(k->user),
        .password = mqtt_str(k->password), .will_topic = mqtt_str(k->will_topic),
        .will_message = mqtt_str(k->will_message ? k->will_message : (k->will_topic ? "" : NULL)),
        .keepalive_s = k->keepalive_s, .clean_session = k->clean_session,
        .will_qos = k->will_qos, .will_retain = k->will_retain };
    return mqtt_encode_connect(buf, cap, &m);
}

struct one_filter {
    uint16_t id;
    int subscribe;
    struct mqtt_topic_qos entry;
};

static int encode_filter(uint8_t *buf, size_t cap, const void *arg)
{
    const struct one_filter *f = arg;
    return f->subscribe ? mqtt_encode_subscribe(buf, cap, f->id, &f->entry, 1)
                        : mqtt_encode_unsubscribe(buf, cap, f->id, &f->entry, 1);
}

static int encode_publish(uint8_t *buf, size_t cap, const void *arg)
{
    return mqtt_encode_publish(buf, cap, arg);
}

static uint16_t new_id(struct mqtt_client *c)
{
    if (++c->next_id == 0)
        c->next_id = 1;
    return c->next_id;
}

static int send_filter(struct mqtt_client *c, const char *filter, int qos, int subscribe,
                       uint16_t id)
{
    struct one_filter f = { id, subscribe, { mqtt_str(filter), (uint8_t)qos } };
    return send_encoded(c, encode_filter, &f);
}

/* After a reconnect: what the broker has not acknowledged goes again, PUBLISH marked DUP
 * (3.3.1.1) and PUBREL as it was; without a session, the subscriptions are made again. */
static int resume_session(struct mqtt_client *c)
{
    int r = 0;
    for (int i = 0; i < MQTT_WINDOW && r == 0; i++) {
        struct outgoing *o = &c->out[i];
        if (o->state == OUT_PUBCOMP) {
            r = send_ack(c, MQTT_PUBREL, o->id);
        } else if (o->state != OUT_FREE) {
            o->packet[0] |= 0x08;
            r = send_bytes(c, o->packet, o->len);
        }
    }
    if (c->session_present)
        return r;
    memset(c->in_qos2, 0, sizeof c->in_qos2);  /* a new session: no PUBREL will come */
    for (struct subscription *s = c->subs; s && r == 0; s = s->next)
        r = send_filter(c, s->filter, s->qos, 1, new_id(c));
    return r;
}

/* ---- receiving ---- */

static int find_out(struct mqtt_client *c, uint16_t id, int state)
{
    for (int i = 0; i < MQTT_WINDOW; i++)
        if (c->out[i].state == state && c->out[i].id == id)
            return i;
    return -1;
}

static void free_out(struct outgoing *o)
{
    free(o->packet);
    memset(o, 0, sizeof *o);
}

/* 1 when the QoS 2 id was delivered already; else *free_slot is where to note it (or -1). */
static int qos2_seen(struct mqtt_client *c, uint16_t id, int *free_slot)
{
    *free_slot = -1;
    for (int i = 0; i < MQTT_WINDOW; i++) {
        if (c->in_qos2[i] == id)
            return 1;
        if (!c->in_qos2[i] && *free_slot < 0)
            *free_slot = i;
    }
    return 0;
}

/* A message over max_packet is refused: counted instead of delivered, and acknowledged like
 * any other so that the broker does not offer it again at every reconnect. */
static void deliver(struct mqtt_client *c, const struct mqtt_packet *pkt)
{
    if (pkt->oversize)
        c->refused++;
    else
        c->on_message(c->ctx, &pkt->u.publish);
}

/* A QoS 2 message is delivered when its PUBLISH first comes, and its id remembered until
 * PUBREL, so a PUBLISH sent again (DUP) is answered but not delivered twice (4.3.3). */
static int receive_publish(struct mqtt_client *c, const struct mqtt_packet *pkt)
{
    const struct mqtt_publish *m = &pkt->u.publish;
    if (m->qos == 2) {
        int slot;
        if (!qos2_seen(c, m->packet_id, &slot)) {
            if (slot < 0)
                return ERR_BUSY;        /* the broker exceeds our window: let it resend */
            c->in_qos2[slot] = m->packet_id;
            deliver(c, pkt);
        }
        return send_ack(c, MQTT_PUBREC, m->packet_id);
    }
    deliver(c, pkt);
    return m->qos ? send_ack(c, MQTT_PUBACK, m->packet_id) : 0;
}

static int receive_pubrel(struct mqtt_client *c, uint16_t id)
{
    for (int i = 0; i < MQTT_WINDOW; i++)
        if (c->in_qos2[i] == id)
            c->in_qos2[i] = 0;
    return send_ack(c, MQTT_PUBCOMP, id);
}

static int receive_pubrec(struct mqtt_client *c, uint16_t id)
{
    int i = find_out(c, id, OUT_PUBREC);
    if (i >= 0) {
        free(c->out[i].packet);         /* the broker has it: only PUBREL is sent again */
        c->out[i].packet = NULL;
        c->out[i].state = OUT_PUBCOMP;
    }
    return send_ack(c, MQTT_PUBREL, id);
}

static void keep_subscription(struct mqtt_client *c, const char *filter, uint8_t qos)
{
    for (struct subscription *s = c->subs; s; s = s->next)
        if (!strcmp(s->filter, filter)) {
            s->qos = qos;
            return;
        }
    size_t n = strlen(filter) + 1;
    struct subscription *s = malloc(sizeof *s + n);
    if (!s)
        return;                         /* subscribed now, only not again after a loss */
    memcpy(s->filter, filter, n);
    s->qos = qos;
    s->next = c->subs;
    c->subs = s;
}

static void receive_suback(struct mqtt_client *c, const struct mqtt_packet *pkt)
{
    if (pkt->packet_id != c->ctl_id)
        return;                         /* one of a re-subscription */
    c->granted = pkt->u.suback.codes[0];
    if (c->ctl_filter && c->granted != MQTT_SUBACK_FAILURE)
        keep_subscription(c, c->ctl_filter, c->ctl_qos);
    free(c->ctl_filter);
    c->ctl_filter = NULL;
    c->ctl_id = 0;
}

static void receive_connack(struct mqtt_client *c, const struct mqtt_packet *pkt)
{
    c->refusal = pkt->u.connack.code;
    c->session_present = pkt->u.connack.session_present;
    c->up = c->refusal == MQTT_ACCEPTED;
}

static int on_packet(void *ctx, const struct mqtt_packet *pkt)
{
    struct mqtt_client *c = ctx;
    int i;
    switch (pkt->type) {
    case MQTT_CONNACK:
        receive_connack(c, pkt);
        return 0;
    case MQTT_PUBLISH:
        return receive_publish(c, pkt);
    case MQTT_PUBACK:
        /* RabbitMQ's MQTT plugin takes QoS 2 as QoS 1 and answers it with PUBACK: the
         * message was stored once or more, and waiting for a PUBREC would never end */
        if ((i = find_out(c, pkt->packet_id, OUT_PUBACK)) >= 0 ||
            (i = find_out(c, pkt->packet_id, OUT_PUBREC)) >= 0)
            free_out(&c->out[i]);
        return 0;
    case MQTT_PUBREC:
        return receive_pubrec(c, pkt->packet_id);
    case MQTT_PUBREL:
        return receive_pubrel(c, pkt->packet_id);
    case MQTT_PUBCOMP:
        if ((i = find_out(c, pkt->packet_id, OUT_PUBCOMP)) >= 0)
            free_out(&c->out[i]);
        return 0;
    case MQTT_SUBACK:
        receive_suback(c, pkt);
        return 0;
    case MQTT_UNSUBACK:
        if (pkt->packet_id == c->ctl_id)
            c->ctl_id = 0;
        return 0;
    case MQTT_PINGRESP:
        c->ping_sent_ms = 0;
        return 0;
    default:
        return ERR_INVAL;               /* a broker never sends the others */
    }
}

/* Reads what has come, up to a few buffers, so one poll empties a burst. */
static int receive(struct mqtt_client *c, int timeout_ms)
{
    uint8_t buf[256];
    for (int round = 0; round < 16 && c->conn.ops; round++) {
        int n = conn_read(c->conn, buf, sizeof buf, round ? 0 : timeout_ms);
        if (n == ERR_TIMEOUT)
            return 0;
        if (n <= 0)
            return lose(c, n ? n : ERR_CLOSED);
        int r = mqtt_decoder_feed(&c->decoder, buf, (size_t)n, on_packet, c);
        if (r < 0)
            return lose(c, r);
    }
    return 0;
}

/* ---- connecting ---- */

/* A refusal counts even when the broker closed right after it, as brokers do. */
static int wait_connack(struct mqtt_client *c)
{
    uint64_t deadline = now_ms() + c->cfg.connect_timeout_ms;
    while (!c->up) {
        uint64_t now = now_ms();
        if (c->refusal != MQTT_ACCEPTED)
            return lose(c, ERR_ACCES);
        if (!c->conn.ops)
            return ERR_CLOSED;
        if (now >= deadline)
            return lose(c, ERR_TIMEOUT);
        int r = receive(c, (int)(deadline - now));
        if (r < 0 && c->refusal == MQTT_ACCEPTED)
            return r;
    }
    return 0;
}

int mqtt_client_connect(struct mqtt_client *c)
{
    drop_connection(c);
    c->refusal = MQTT_ACCEPTED;
    mqtt_decoder_init(&c->decoder, c->rx, c->cfg.max_packet);
    int r = c->cfg.dial(&c->cfg, &c->conn);
    if (r < 0) {
        c->conn = (struct conn){ 0 };
        return lose(c, r);
    }
    if ((r = send_encoded(c, encode_connect, &c->cfg)) < 0 || (r = wait_connack(c)) < 0)
        return r;
    c->wanted = 1;
    c->backoff_ms = c->cfg.backoff_min_ms;
    return resume_session(c);
}

void mqtt_client_disconnect(struct mqtt_client *c)
{
    if (c->up) {
        uint8_t buf[2];
        mqtt_encode_empty(buf, sizeof buf, MQTT_DISCONNECT);
        send_bytes(c, buf, sizeof buf);
    }
    drop_connection(c);
    c->wanted = 0;
}

void mqtt_client_free(struct mqtt_client *c)
{
    if (!c)
        return;
    drop_connection(c);
    for (int i = 0; i < MQTT_WINDOW; i++)
        free(c->out[i].packet);
    while (c->subs) {
        struct subscription *s = c->subs;
        c->subs = s->next;
        free(s);
    }
    free(c->ctl_filter);
    free(c->rx);
    free(c->text);
    free(c);
}

int mqtt_client_readable(const struct mqtt_client *c)
{
    return c->conn.ops && conn_readable(c->conn);
}

int mqtt_client_connected(const struct mqtt_client *c)
{
    return c->up;
}

int mqtt_client_refusal(const struct mqtt_client *c)
{
    return c->refusal;
}

int mqtt_client_session_present(const struct mqtt_client *c)
{
    return c->session_present;
}

const char *mqtt_connack_text(int code)
{
    static const char *const text[] = {
        "accepted", "unacceptable protocol version", "client id rejected",
        "server unavailable", "bad user name or password", "not authorized" };
    return code >= 0 && code <= MQTT_NOT_AUTHORIZED ? text[code] : "refused";
}

/* ---- driving it ---- */

/* The keep-alive (3.1.2.10): a PINGREQ when we have been quiet for the interval, and the
 * connection counts as dead when its answer has not come within another one. */
static int keep_alive(struct mqtt_client *c)
{
    uint64_t now = now_ms(), interval = (uint64_t)c->cfg.keepalive_s * 1000;
    if (c->ping_sent_ms && now - c->ping_sent_ms >= interval)
        return lose(c, ERR_TIMEOUT);
    if (!c->ping_sent_ms && now - c->last_sent_ms >= interval)
        return mqtt_client_ping(c);
    return 0;
}

int mqtt_client_poll(struct mqtt_client *c, int timeout_ms)
{
    if (!c->up) {
        if (!c->wanted || now_ms() < c->retry_at_ms)
            return 0;
        int r = mqtt_client_connect(c);
        if (r < 0)
            return r;
    }
    int r = receive(c, timeout_ms);
    return r < 0 || !c->up ? r : keep_alive(c);
}

int mqtt_client_publish(struct mqtt_client *c, const char *topic, const void *payload,
                        size_t len, int qos, int retain, uint16_t *id)
{
    struct mqtt_publish m = { mqtt_str(topic), { payload, len }, 0, (uint8_t)qos,
                              (uint8_t)(retain != 0), 0 };
    if (!mqtt_topic_valid(topic, strlen(topic)) || qos < 0 || qos > 2)
        return ERR_INVAL;
    if (qos == 0)
        return c->up ? send_encoded(c, encode_publish, &m) : ERR_CLOSED;
    int slot = find_out(c, 0, OUT_FREE);
    if (slot < 0)
        return ERR_AGAIN;
    m.packet_id = new_id(c);
    int n = mqtt_encode_publish(NULL, 0, &m);
    if (n < 0 || (uint32_t)n > c->cfg.max_packet)
        return n < 0 ? n : ERR_FBIG;
    struct outgoing *o = &c->out[slot];
    if (!(o->packet = malloc((size_t)n)))
        return ERR_NOMEM;
    mqtt_encode_publish(o->packet, (size_t)n, &m);
    o->len = (size_t)n;
    o->id = m.packet_id;
    o->state = qos == 1 ? OUT_PUBACK : OUT_PUBREC;
    if (id)
        *id = m.packet_id;
    /* Not connected: it waits in the window and goes with the next connection. */
    return c->up ? send_bytes(c, o->packet, o->len) : 0;
}

static int start_ctl(struct mqtt_client *c, const char *filter, int qos, int subscribe,
                     uint16_t *id)
{
    if (!mqtt_filter_valid(filter, strlen(filter)) || qos < 0 || qos > 2)
        return ERR_INVAL;
    if (c->ctl_id)
        return ERR_BUSY;
    if (!c->up)
        return ERR_CLOSED;
    uint16_t pid = new_id(c);
    int r = send_filter(c, filter, qos, subscribe, pid);
    if (r < 0)
        return r;
    c->ctl_id = pid;
    c->ctl_qos = (uint8_t)qos;
    if (id)
        *id = pid;
    return 0;
}

int mqtt_client_subscribe(struct mqtt_client *c, const char *filter, int qos, uint16_t *id)
{
    int r = start_ctl(c, filter, qos, 1, id);
    if (r == 0 && !(c->ctl_filter = malloc(strlen(filter) + 1)))
        return 0;                       /* subscribed, only not kept for a reconnect */
    if (r == 0)
        strcpy(c->ctl_filter, filter);
    return r;
}

int mqtt_client_unsubscribe(struct mqtt_client *c, const char *filter, uint16_t *id)
{
    int r = start_ctl(c, filter, 0, 0, id);
    if (r < 0)
        return r;
    for (struct subscription **link = &c->subs; *link; link = &(*link)->next)
        if (!strcmp((*link)->filter, filter)) {
            struct subscription *s = *link;
            *link = s->next;
            free(s);
            break;
        }
    return 0;
}

unsigned mqtt_client_take_refused(struct mqtt_client *c)
{
    unsigned n = c->refused;
    c->refused = 0;
    return n;
}

int mqtt_client_granted(const struct mqtt_client *c)
{
    return c->granted;
}

int mqtt_client_ping(struct mqtt_client *c)
{
    uint8_t buf[2];
    mqtt_encode_empty(buf, sizeof buf, MQTT_PINGREQ);
    int r = send_bytes(c, buf, sizeof buf);
    if (r == 0)
        c->ping_sent_ms = now_ms();
    return r;
}

int mqtt_client_pending(const struct mqtt_client *c, uint16_t id)
{
    if (!id)
        return c->ping_sent_ms != 0;
    if (id == c->ctl_id)
        return 1;
    for (int i = 0; i < MQTT_WINDOW; i++)
        if (c->out[i].state != OUT_FREE && c->out[i].id == id)
            return 1;
    return 0;
}

const char *mqtt_client_subscription(const struct mqtt_client *c, int index, int *qos)
{
    const struct subscription *s = c->subs;
    while (s && index-- > 0)
        s = s->next;
    if (s && qos)
        *qos = s->qos;
    return s ? s->filter : NULL;
}
