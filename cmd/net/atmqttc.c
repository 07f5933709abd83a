/* atmqttc: mqttc's words (docs/mqtt.md) over the modem's own MQTT client (net/at_mqtt.h), for
 * a board whose firmware has no TCP stack. The modem keeps the connection between calls and
 * reconnects by itself; messages for the subscriptions wait in an inbox until `atmqttc
 * listen` prints them. What the modem's client cannot do is refused by name: ping, TLS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/net/mqttc_options.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/str.h"
#include "net/at_mqtt.h"

#define POLL_MS 50
#define LINE_MAX_BYTES 1024     /* a pub -l line */

#define KEY_MAX 320
/* The options that made the modem's connection, and its host:port for messages: on the heap
 * while a connection is kept, so a board that never uses atmqttc keeps that RAM. */
static char *kept_key, *kept_where;

static void forget_connection(void)
{
    free(kept_key);
    free(kept_where);
    kept_key = kept_where = NULL;
}

static void describe(const struct mqttc_options *o, char *key, size_t size)
{
    snprintf(key, size, "%s|%ld|%s|%s|%s|%d|%ld|%s|%s|%ld|%d", o->host, o->port,
             o->user ? o->user : "", o->password ? o->password : "",
             o->client_id ? o->client_id : "", o->persistent, o->keepalive,
             o->will_topic ? o->will_topic : "", o->will_message ? o->will_message : "",
             o->will_qos, o->will_retain);
}

/* A connection as the options say: a new one when they describe another, none without -h
 * unless the modem has one. */
static int use_connection(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    char key[KEY_MAX], where[80], why[AT_MQTT_WHY];
    at_mqtt_poll(0);                /* hears a +MQTTDISCONNECTED that came since */
    if (!o->host)
        return at_mqtt_connected() || kept_key ? 0
               : cmd_error(ctx, "not connected: give the broker with -h HOST");
    describe(o, key, sizeof key);
    if (kept_key && !strcmp(key, kept_key))
        return 0;                   /* the modem reconnects this one by itself */
    struct at_mqtt_config c = {
        .host = o->host, .port = o->port ? o->port : 1883, .client_id = o->client_id,
        .user = o->user, .password = o->password, .will_topic = o->will_topic,
        .will_message = o->will_message, .keepalive = o->keepalive,
        .persistent = o->persistent, .will_qos = (int)o->will_qos,
        .will_retain = o->will_retain };
    forget_connection();
    snprintf(where, sizeof where, "%s:%ld", c.host, c.port);
    if (at_mqtt_connect(&c, why) != AT_STATUS_OK)
        return cmd_error(ctx, "connect %s: %s", where, why);
    kept_key = str_dup(key);        /* without room, the next call only connects again */
    kept_where = str_dup(where);
    return 0;
}

static int failed(const struct cmd_ctx *ctx, const struct mqttc_options *o, const char *why)
{
    const char *what = o->topic ? o->topic : kept_where ? kept_where : "";
    return cmd_error(ctx, "%s %s: %s", o->verb, what, why);
}

static int publish(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    char why[AT_MQTT_WHY];
    if (!o->lines)
        return at_mqtt_publish(o->topic, o->message, (int)o->qos, o->retain, why)
               ? failed(ctx, o, why) : 0;
    char *line = malloc(LINE_MAX_BYTES + 1);
    int r = 0;
    if (!line)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    while (!r && stream_read_line(proc_in(ctx->p), line, LINE_MAX_BYTES + 1) >= 0)
        if (at_mqtt_publish(o->topic, line, (int)o->qos, o->retain, why))
            r = failed(ctx, o, why);
    free(line);
    return r;
}

static void show_subscription(void *ctx, const char *topic, int qos)
{
    proc_printf(ctx, "%s (QoS %d)\n", topic, qos);
}

/* Prints what the inbox holds, as many as are still wanted (left < 0: all). */
static void print_inbox(proc_t *p, long *left)
{
    size_t dropped;
    struct at_mqtt_message *m;
    while (*left != 0 && (m = at_mqtt_take(&dropped)) != NULL) {
        if (dropped)
            proc_error(p, "atmqttc", "%zu messages dropped: the inbox was full", dropped);
        const char *payload = m->text + m->topic_len + 1;
        proc_printf(p, "%s: %s\n", m->text, payload);
        proc_set_result(p, value_str(payload));
        free(m);
        if (*left > 0)
            (*left)--;
    }
}

/* Prints messages as the modem hands them over, until COUNT, SECS or Ctrl-C. */
static int listen(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    char why[AT_MQTT_WHY];
    if (o->topic && at_mqtt_subscribe(o->topic, (int)o->qos, why))
        return failed(ctx, o, why);
    long left = o->count ? o->count : -1;
    uint64_t deadline = o->wait_s ? hal_time_us() + (uint64_t)o->wait_s * 1000000u : 0;
    for (;;) {
        print_inbox(ctx->p, &left);
        if (left == 0 || (deadline && hal_time_us() >= deadline) || proc_should_stop())
            break;
        if (at_mqtt_poll(POLL_MS) < 0)
            return cmd_error(ctx, "listen: the modem's UART failed");
    }
    if (o->count && left && !proc_should_stop())
        return cmd_error(ctx, "listen: %ld of %ld messages came in %ld s", o->count - left,
                         o->count, o->wait_s);
    return left && o->count ? 1 : 0;
}

static int run_verb(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    char why[AT_MQTT_WHY];
    const char *v = o->verb;
    if (!strcmp(v, "pub"))
        return publish(ctx, o);
    if (!strcmp(v, "sub"))
        return at_mqtt_subscribe(o->topic, (int)o->qos, why) ? failed(ctx, o, why) : 0;
    if (!strcmp(v, "unsub"))
        return at_mqtt_unsubscribe(o->topic, why) ? failed(ctx, o, why) : 0;
    if (!strcmp(v, "listsub"))
        return at_mqtt_subscriptions(show_subscription, ctx->p, why) ? failed(ctx, o, why) : 0;
    return listen(ctx, o);
}

COMMAND(atmqttc, "atmqttc pub|sub|unsub|listsub|close|listen -h HOST [-p 1883] [-u USER] "
                 "[-P PASS] [-i CLIENTID] [-t TOPIC] [-m MSG | -l] [-q QOS] [-r]\n"
                 "      [-s] [-k KEEPALIVE] [-n COUNT] [-w SECS] [--will TOPIC] "
                 "[--will-msg MSG] [--will-qos QOS] [--will-retain]\n"
                 "  mqttc's words over the modem's MQTT client (AT+MQTT...): the modem keeps "
                 "the connection;\n  no ping, no TLS; a message too long for AT+MQTTPUB goes "
                 "by AT+MQTTPUBRAW",
        "publish and subscribe through the modem's MQTT client", RAW_ARGS, 0, MANY)
{
    struct mqttc_options o;
    char why[AT_MQTT_WHY];
    if (mqttc_parse(ctx, argc, argv, &o) || mqttc_check_verb(ctx, &o))
        return 2;
    if (o.tls || o.ca_file || o.insecure || !strcmp(o.verb, "ping")) {
        cmd_error(ctx, "%s: not through the modem's MQTT client (use mqttc)",
                  !strcmp(o.verb, "ping") ? "ping" : "TLS");
        return 2;
    }
    if (!strcmp(o.verb, "close")) {
        int had = kept_key || at_mqtt_connected();
        forget_connection();
        if (at_mqtt_close(why))
            return cmd_error(ctx, "close: %s", why);
        return had ? 0 : cmd_error(ctx, "not connected");
    }
    int r = use_connection(ctx, &o);
    return r ? r : run_verb(ctx, &o);
}
