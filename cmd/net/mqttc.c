/* mqttc: an MQTT client at the prompt and in scripts, with upyOS's interface. One connection
 * is kept between calls (the options that made it are remembered, so later calls may leave
 * out -h), and messages for its subscriptions wait in a bounded inbox until `mqttc listen`
 * prints them. Nothing runs between calls: the next call notices a lost connection and
 * reconnects, and a persistent session (-s) makes the broker keep what came meanwhile.
 * `mqttc listen &` keeps one background job servicing it instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/net/mqttc_options.h"
#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/evloop.h"
#include "kernel/lazy_mutex.h"
#include "lib/err.h"
#include "lib/str.h"
#include "net/mqtt_client.h"
#include "net/tls.h"

#define INBOX_MAX_MESSAGES 32
#define INBOX_MAX_BYTES 8192
#define ACK_TIMEOUT_S 10
#define POLL_MS 10
#define LISTEN_BURST_MS 100             /* the longest a listener reads on without a turn */

/* A message that came while nobody was listening, or before listen printed it. */
struct message {
    struct message *next;
    size_t topic_len, payload_len;
    char text[];                /* topic, NUL, payload, NUL */
};

struct listener;
static void print_inbox(struct listener *l);

#define KEY_MAX 384

/* The connection kept between calls, shared by the shell and background listeners. Its names
 * are allocated with the client: a board that never ran mqttc keeps 40 bytes here, not 500. */
static struct {
    lazy_mutex_t lock;
    struct mqtt_client *client;
    char *key;                  /* the options that made it (with client) */
    char *where;                /* "host:port" for messages (with client) */
    struct message *first, *last;
    size_t messages, bytes, dropped;
    struct listener *listener;  /* polling now: messages go to it as they come */
} kept;

/* ---- the inbox ---- */

static void drop_oldest(void)
{
    struct message *m = kept.first;
    kept.first = m->next;
    if (!kept.first)
        kept.last = NULL;
    kept.messages--;
    kept.bytes -= m->topic_len + m->payload_len;
    free(m);
}

/* Called by the client for each message that comes: kept until listen takes it. When the
 * inbox is full the oldest goes, and listen says how many went. */
static void on_message(void *ctx, const struct mqtt_publish *pub)
{
    struct message *m = malloc(sizeof *m + pub->topic.len + pub->payload.len + 2);
    if (!m) {
        kept.dropped++;
        return;
    }
    m->next = NULL;
    m->topic_len = pub->topic.len;
    m->payload_len = pub->payload.len;
    memcpy(m->text, pub->topic.ptr, pub->topic.len);
    m->text[pub->topic.len] = '\0';
    memcpy(m->text + pub->topic.len + 1, pub->payload.ptr, pub->payload.len);
    m->text[pub->topic.len + 1 + pub->payload.len] = '\0';
    while (kept.first && (kept.messages >= INBOX_MAX_MESSAGES ||
                          kept.bytes + m->topic_len + m->payload_len > INBOX_MAX_BYTES)) {
        drop_oldest();
        kept.dropped++;
    }
    if (kept.last)
        kept.last->next = m;
    else
        kept.first = m;
    kept.last = m;
    kept.messages++;
    kept.bytes += m->topic_len + m->payload_len;
    if (kept.listener)          /* else a burst bigger than the inbox would lose its start */
        print_inbox(kept.listener);
}

static void empty_inbox(void)
{
    while (kept.first)
        drop_oldest();
    kept.dropped = 0;
}

/* ---- options ---- */

/* --ca or --insecure mean TLS too; the port is MQTT's for the transport unless -p said. */
static int tls_settings(const struct cmd_ctx *ctx, struct mqttc_options *o)
{
    o->tls |= o->ca_file || o->insecure;
    if (o->tls && !tls_available())
        return cmd_error(ctx, "this build has no TLS");
    if (!o->port)
        o->port = o->tls ? 8883 : 1883;
    return 0;
}

/* ---- the connection ---- */

static void lock(void)
{
    lazy_mutex_lock(&kept.lock);
}

static void unlock(void)
{
    lazy_mutex_unlock(&kept.lock);
}

static void forget_connection(int say_goodbye)
{
    if (say_goodbye && kept.client)
        mqtt_client_disconnect(kept.client);
    mqtt_client_free(kept.client);
    kept.client = NULL;
    free(kept.key);
    free(kept.where);
    kept.key = kept.where = NULL;
    empty_inbox();
}

static void describe(const struct mqttc_options *o, char *key, size_t size)
{
    snprintf(key, size, "%s|%ld|%d|%d|%s|%s|%s|%s|%d|%ld|%s|%s|%ld|%d", o->host, o->port,
             o->tls, o->insecure, o->ca_file ? o->ca_file : "",
             o->user ? o->user : "", o->password ? o->password : "",
             o->client_id ? o->client_id : "", o->persistent, o->keepalive,
             o->will_topic ? o->will_topic : "", o->will_message ? o->will_message : "",
             o->will_qos, o->will_retain);
}

static int new_client(const struct cmd_ctx *ctx, const struct mqttc_options *o, const char *key)
{
    struct mqtt_config cfg = {
        .host = o->host, .port = (uint16_t)o->port, .client_id = o->client_id,
        .user = o->user, .password = o->password, .will_topic = o->will_topic,
        .will_message = o->will_message, .will_qos = (uint8_t)o->will_qos,
        .will_retain = (uint8_t)o->will_retain, .clean_session = !o->persistent,
        .detached = 1, .keepalive_s = (uint16_t)o->keepalive, .tls = (uint8_t)o->tls,
        .tls_insecure = (uint8_t)o->insecure, .ca_file = o->ca_file };
    forget_connection(1);
    if (o->insecure)
        stream_printf(ctx->p->err, "mqttc: warning: not checking the broker's certificate "
                                   "(--insecure)\n");
    int r = mqtt_client_new(&cfg, on_message, NULL, &kept.client);
    if (r < 0)
        return cmd_error(ctx, "%s", r == ERR_INVAL ? "bad will topic or QoS" : err_str(r));
    char where[80];
    snprintf(where, sizeof where, "%s:%ld", o->host, o->port);
    kept.key = str_dup(key);
    kept.where = str_dup(where);
    if (!kept.key || !kept.where) {
        forget_connection(0);
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    }
    return 0;
}

static int connect_error(const struct cmd_ctx *ctx, int r)
{
    if (r == ERR_ACCES)
        return cmd_error(ctx, "connect %s: refused by the broker: %s", kept.where,
                         mqtt_connack_text(mqtt_client_refusal(kept.client)));
    return cmd_error(ctx, "connect %s: %s", kept.where, err_str(r));
}

/* Lets the client handle what came, waiting at most timeout_ms for something (lock held). A
 * message over the limit is refused whole (never cut): say so, wherever it happened. */
static void poll_kept(proc_t *p, int timeout_ms)
{
    if (mqtt_client_poll(kept.client, timeout_ms) == ERR_FBIG)
        proc_error(p, "mqttc", "a packet over %d bytes came: refused, reconnecting",
                   MQTT_DEFAULT_MAX_PACKET);
    unsigned refused = mqtt_client_take_refused(kept.client);
    if (refused)
        proc_error(p, "mqttc", "%u message%s over %d bytes refused", refused,
                   refused == 1 ? "" : "s", MQTT_DEFAULT_MAX_PACKET);
}

/* Makes sure a connection is up, as the options ask (called with the lock held). A connection
 * the options do not describe replaces the kept one; no -h means the kept one. */
static int use_connection(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    char key[KEY_MAX];
    int fresh = 0;
    if (!o->host && !kept.client)
        return cmd_error(ctx, "not connected: give the broker with -h HOST");
    if (o->host) {
        describe(o, key, sizeof key);
        if (!kept.client || strcmp(key, kept.key)) {
            int r = new_client(ctx, o, key);
            if (r)
                return r;
            fresh = 1;
        }
    }
    poll_kept(ctx->p, 0);               /* notices a connection lost since the last call */
    if (mqtt_client_connected(kept.client))
        return 0;
    int r = mqtt_client_connect(kept.client);
    if (r < 0) {
        int status = connect_error(ctx, r);
        if (fresh)
            forget_connection(0);       /* one that never worked is not kept; an old one
                                         * keeps its unacknowledged messages and retries */
        return status;
    }
    return 0;
}

/* Polls (releasing the lock in between, so a background listener gets its turn) until the
 * packet id is acknowledged. The wait is in the read, so the answer is taken as it comes.
 * 0, ERR_TIMEOUT, or ERR_INTR on Ctrl-C. */
static int wait_for_ack(proc_t *p, uint16_t id, long timeout_s)
{
    uint64_t deadline = hal_time_us() + (uint64_t)timeout_s * 1000000;
    for (;;) {
        int pending = 0;
        lock();
        if (kept.client && (pending = mqtt_client_pending(kept.client, id))) {
            poll_kept(p, POLL_MS);
            pending = mqtt_client_pending(kept.client, id);
        }
        unlock();
        if (!pending)
            return 0;
        if (hal_time_us() >= deadline)
            return ERR_TIMEOUT;
        if (proc_should_stop())
            return ERR_INTR;
        if (!kept.client || !mqtt_client_connected(kept.client))
            if (proc_sleep_ms(POLL_MS) < 0)     /* reconnecting: the read does not wait */
                return ERR_INTR;
    }
}

/* ---- the verbs ---- */

/* Hands one message to the client, waiting while the window is full. 0 or a status. */
static int send_message(const struct cmd_ctx *ctx, const struct mqttc_options *o, const char *text,
                        size_t len, uint16_t *id)
{
    uint64_t deadline = hal_time_us() + ACK_TIMEOUT_S * 1000000ull;
    int r;
    for (;;) {                          /* a full window empties as acks come */
        lock();
        r = kept.client ? mqtt_client_publish(kept.client, o->topic, text, len, (int)o->qos,
                                              o->retain, id)
                        : ERR_CLOSED;
        if (r == ERR_AGAIN)
            poll_kept(ctx->p, POLL_MS);     /* waits in the read for an ack to free a slot */
        unlock();
        if (r != ERR_AGAIN || hal_time_us() >= deadline || proc_should_stop())
            break;
        if (!kept.client || !mqtt_client_connected(kept.client))
            proc_sleep_ms(POLL_MS);         /* reconnecting: the read does not wait */
    }
    if (r == ERR_FBIG)
        return cmd_error(ctx, "message of %zu bytes is over the limit (%d bytes a packet, "
                         "topic included)", len, MQTT_DEFAULT_MAX_PACKET);
    if (r == ERR_INVAL)
        return cmd_error(ctx, "%s: not a topic to publish to", o->topic);
    if (r < 0)
        return cmd_error(ctx, "publish to %s: %s", o->topic, err_str(r));
    return 0;
}

static int wait_acknowledged(const struct cmd_ctx *ctx, const struct mqttc_options *o, uint16_t id)
{
    int r = o->qos ? wait_for_ack(ctx->p, id, o->wait_s ? o->wait_s : ACK_TIMEOUT_S) : 0;
    if (r < 0)
        return cmd_error(ctx, "publish to %s: no acknowledgement: %s", o->topic, err_str(r));
    return 0;
}

/* pub -l: each line of the input is a message, sent while the window has room (as
 * mosquitto_pub -l does); at the end it waits for the acknowledgements still owed. */
static int publish_lines(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    uint16_t ids[MQTT_WINDOW];          /* the last ones sent: the others were acknowledged */
    int sent = 0, n, r = 0;
    char *line = malloc(MQTT_DEFAULT_MAX_PACKET);
    if (!line)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    while (!r && (n = stream_read_line(proc_in(ctx->p), line, MQTT_DEFAULT_MAX_PACKET)) >= 0)
        r = send_message(ctx, o, line, (size_t)n, &ids[sent++ % MQTT_WINDOW]);
    free(line);
    for (int i = 0; !r && o->qos && i < sent && i < MQTT_WINDOW; i++)
        r = wait_acknowledged(ctx, o, ids[i]);
    return r;
}

static int publish(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    if (o->lines)
        return publish_lines(ctx, o);
    uint16_t id = 0;
    int r = send_message(ctx, o, o->message, strlen(o->message), &id);
    return r ? r : wait_acknowledged(ctx, o, id);
}

static int subscription(const struct cmd_ctx *ctx, const struct mqttc_options *o, int subscribe)
{
    uint16_t id = 0;
    lock();
    int r = !kept.client ? ERR_CLOSED
            : subscribe  ? mqtt_client_subscribe(kept.client, o->topic, (int)o->qos, &id)
                         : mqtt_client_unsubscribe(kept.client, o->topic, &id);
    unlock();
    if (r == ERR_INVAL)
        return cmd_error(ctx, "%s: not a topic filter", o->topic);
    if (r == 0)
        r = wait_for_ack(ctx->p, id, o->wait_s ? o->wait_s : ACK_TIMEOUT_S);
    if (r < 0)
        return cmd_error(ctx, "%s %s: %s", o->verb, o->topic, err_str(r));
    lock();
    int refused = subscribe && kept.client &&
                  mqtt_client_granted(kept.client) == MQTT_SUBACK_FAILURE;
    unlock();
    if (refused)
        return cmd_error(ctx, "sub %s: refused by the broker", o->topic);
    return 0;
}

static int list_subscriptions(proc_t *p)
{
    int qos;
    const char *filter;
    lock();
    for (int i = 0; kept.client && (filter = mqtt_client_subscription(kept.client, i, &qos)); i++)
        proc_printf(p, "%s (QoS %d)\n", filter, qos);
    unlock();
    return 0;
}

static int ping(const struct cmd_ctx *ctx, proc_t *p)
{
    uint64_t start = hal_time_us();
    char where[80];
    lock();
    int r = kept.client ? mqtt_client_ping(kept.client) : ERR_CLOSED;
    str_copy(where, kept.where ? kept.where : "", sizeof where);
    unlock();
    if (r == 0)
        r = wait_for_ack(p, 0, ACK_TIMEOUT_S);
    if (r < 0)
        return cmd_error(ctx, "ping %s: %s", where, err_str(r));
    proc_printf(p, "pong from %s in %.1f ms\n", where, (hal_time_us() - start) / 1000.0);
    return 0;
}

/* ---- listen: on the process's event loop ---- */

struct listener {
    proc_t *p;
    long left;                  /* messages still to print; < 0: no limit */
    uint64_t deadline_us;       /* 0: none */
    int printed, lost;
};

/* Prints what the inbox holds (or as many as are still wanted). Lock held. */
static void print_inbox(struct listener *l)
{
    if (kept.dropped) {
        proc_error(l->p, "mqttc", "%zu messages dropped: the inbox was full", kept.dropped);
        kept.dropped = 0;
    }
    while (kept.first && l->left != 0) {
        struct message *m = kept.first;
        const char *payload = m->text + m->topic_len + 1;
        proc_printf(l->p, "%s: %s\n", m->text, payload);
        proc_set_result(l->p, value_str(payload));
        l->printed++;
        if (l->left > 0)
            l->left--;
        drop_oldest();
    }
}

static void listen_tick(evloop_t *loop, void *arg)
{
    struct listener *l = arg;
    lock();
    if (kept.client) {
        print_inbox(l);
        kept.listener = l;              /* what comes now is printed as it comes */
        /* A poll reads at most a few KB: while messages keep coming, read on rather than
         * wait for the next tick (a stream would go no faster than a poll each tick) */
        uint64_t until = hal_time_us() + LISTEN_BURST_MS * 1000;
        int before;
        do {
            before = l->printed;
            poll_kept(l->p, POLL_MS);
        } while (kept.client && l->printed != before && l->left != 0 && hal_time_us() < until);
        kept.listener = NULL;
    } else {
        l->lost = 1;                    /* `mqttc close` from elsewhere */
    }
    unlock();
    if (l->lost || l->left == 0 || (l->deadline_us && hal_time_us() >= l->deadline_us))
        evloop_stop(loop);
}

static int listen(const struct cmd_ctx *ctx, proc_t *p, const struct mqttc_options *o)
{
    if (o->topic && subscription(ctx, o, 1))
        return 1;
    struct listener l = { p, o->count ? o->count : -1, 0, 0, 0 };
    if (o->wait_s)
        l.deadline_us = hal_time_us() + (uint64_t)o->wait_s * 1000000;
    evloop_t *loop = evloop_new();
    if (!loop || evloop_timer(loop, 0, POLL_MS, listen_tick, &l) < 0) {
        evloop_free(loop);
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    }
    int r = evloop_run(loop);
    evloop_free(loop);
    if (l.lost)
        return cmd_error(ctx, "listen: the connection was closed");
    if (o->count && l.left)             /* fewer than asked for: timed out or interrupted */
        return r == ERR_INTR ? 1 : cmd_error(ctx, "listen: %ld of %ld messages came in %ld s",
                                             o->count - l.left, o->count, o->wait_s);
    return 0;
}

static int run_verb(const struct cmd_ctx *ctx, proc_t *p, const struct mqttc_options *o)
{
    const char *v = o->verb;
    if (!strcmp(v, "pub"))
        return publish(ctx, o);
    if (!strcmp(v, "sub") || !strcmp(v, "unsub"))
        return subscription(ctx, o, !strcmp(v, "sub"));
    if (!strcmp(v, "listsub"))
        return list_subscriptions(p);
    if (!strcmp(v, "ping"))
        return ping(ctx, p);
    return listen(ctx, p, o);
}

COMMAND(mqttc, "mqttc pub|sub|unsub|listsub|ping|close|listen -h HOST [-p 1883] [-u USER] "
               "[-P PASS] [-i CLIENTID] [-t TOPIC] [-m MSG | -l] [-q QOS] [-r]\n"
               "      [-s] [-k KEEPALIVE] [-n COUNT] [-w SECS] [--will TOPIC] "
               "[--will-msg MSG] [--will-qos QOS] [--will-retain]\n"
               "      [--tls] [--ca FILE] [--insecure]\n"
               "  the connection is kept between calls: later ones may leave out -h;\n"
               "  pub -l: each line of the input is a message;\n"
               "  --tls: over TLS (port 8883), the broker checked against --ca FILE, else the\n"
               "  system's CA file (/etc/ca.pem); --insecure does not check it (warns);\n"
               "  -s persistent session; listen prints 'topic: message' until Ctrl-C, COUNT\n"
               "  messages or SECS seconds; `mqttc listen -n 1 > var` keeps the message",
        "publish and subscribe through an MQTT 3.1.1 broker", RAW_ARGS, 0, MANY,
        .stack = 8192)
{
    struct mqttc_options o;
    if (mqttc_parse(ctx, argc, argv, &o) || tls_settings(ctx, &o) || mqttc_check_verb(ctx, &o))
        return 2;
    if (!strcmp(o.verb, "close")) {
        lock();
        int had = kept.client != NULL;
        forget_connection(1);
        unlock();
        return had ? 0 : cmd_error(ctx, "not connected");
    }
    if (!strcmp(o.verb, "listsub"))
        return list_subscriptions(p);
    lock();
    int r = use_connection(ctx, &o);
    unlock();
    return r ? r : run_verb(ctx, p, &o);
}
