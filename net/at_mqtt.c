#include "net/at_mqtt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/str.h"

#define CMD_MAX 256
#define COMMAND_MS 5000         /* a publish or subscription waits for the broker's ack */
#define CONNECT_MS 10000

static struct {
    int listening;              /* our listener is on the link */
    int connected;
    struct at_mqtt_message *first, *last, *filling;
    size_t messages, bytes, filled, dropped;
} mq;

static void drop_oldest(void)
{
    struct at_mqtt_message *m = mq.first;
    mq.first = m->next;
    if (!mq.first)
        mq.last = NULL;
    mq.messages--;
    mq.bytes -= m->topic_len + m->payload_len;
    free(m);
}

/* A whole message into the inbox; the oldest go when it is full. */
static void keep(struct at_mqtt_message *m)
{
    size_t size = m->topic_len + m->payload_len;
    while (mq.first && (mq.messages == AT_MQTT_INBOX_MESSAGES ||
                        mq.bytes + size > AT_MQTT_INBOX_BYTES)) {
        drop_oldest();
        mq.dropped++;
    }
    if (size > AT_MQTT_INBOX_BYTES) {
        free(m);
        mq.dropped++;
        return;
    }
    if (mq.last)
        mq.last->next = m;
    else
        mq.first = m;
    mq.last = m;
    mq.messages++;
    mq.bytes += size;
}

/* +MQTTSUBRECV:0,"topic",len, : the message's bytes follow through on_data. */
static void start_message(const struct at_event *e)
{
    const char *open = strchr(e->text, '"'), *close = strrchr(e->text, '"');
    free(mq.filling);
    mq.filling = NULL;
    size_t topic_len = (size_t)(close - open - 1);
    struct at_mqtt_message *m = malloc(sizeof *m + topic_len + (size_t)e->len + 2);
    if (!m) {
        mq.dropped++;
        return;
    }
    m->next = NULL;
    m->topic_len = topic_len;
    m->payload_len = (size_t)e->len;
    memcpy(m->text, open + 1, topic_len);
    m->text[topic_len] = '\0';
    m->text[topic_len + 1 + m->payload_len] = '\0';
    mq.filling = m;
    mq.filled = 0;
    if (e->len == 0) {
        keep(m);
        mq.filling = NULL;
    }
}

static void on_async(void *ctx, const struct at_event *e)
{
    if (e->kind == AT_MQTT_RECV)
        start_message(e);
    else if (e->kind == AT_MQTT_STATE)
        mq.connected = strncmp(e->text, "+MQTTCONNECTED:", 15) == 0;
    else if (e->kind == AT_READY)
        mq.connected = 0;       /* the modem reset: its client is gone */
}

static void on_data(void *ctx, int link, const uint8_t *buf, size_t len)
{
    struct at_mqtt_message *m = mq.filling;
    if (!m)
        return;
    memcpy(m->text + m->topic_len + 1 + mq.filled, buf, len);
    mq.filled += len;
    if (mq.filled == m->payload_len) {
        mq.filling = NULL;
        keep(m);
    }
}

static const struct at_callbacks listener = { NULL, on_async, on_data };

static enum at_status attach(char *why)
{
    if (!at_modem_clients() || at_modem_attach(at_modem_clients(), AT_MODEM_DEFAULT) < 0) {
        str_copy(why, "no modem: open its UART first (atmodem -c ID BAUD TX RX)", AT_MQTT_WHY);
        return AT_STATUS_LINK;
    }
    at_modem_clients()->listener = &listener;
    return AT_STATUS_OK;
}

/* One command; on failure why says what the modem answered. */
static enum at_status command(const char *cmd, int ms, const struct at_callbacks *reply,
                              char *why)
{
    enum at_status st = attach(why);
    if (st != AT_STATUS_OK)
        return st;
    st = at_modem_command(at_modem_clients(), cmd, ms, NULL, reply);
    if (st == AT_STATUS_TIMEOUT)
        snprintf(why, AT_MQTT_WHY, "the modem did not answer in %d s", ms / 1000);
    else if (st != AT_STATUS_OK)
        snprintf(why, AT_MQTT_WHY, "the modem answered %s", at_status_str(st));
    return st;
}

static enum at_status too_long(char *why)
{
    snprintf(why, AT_MQTT_WHY, "does not fit one AT command (%d bytes)", CMD_MAX);
    return AT_STATUS_ERROR;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

enum at_status at_mqtt_connect(const struct at_mqtt_config *c, char *why)
{
    char cmd[CMD_MAX + 1];
    enum at_status st;
    if (mq.connected && (st = at_mqtt_close(why)) != AT_STATUS_OK)
        return st;
    /* scheme 1: MQTT over TCP; no certificates; no path (a websocket's) */
    strcpy(cmd, "AT+MQTTUSERCFG=0,1");
    if (at_append_string(cmd, sizeof cmd, c->client_id ? c->client_id : "upyos") < 0 ||
        at_append_string(cmd, sizeof cmd, or_empty(c->user)) < 0 ||
        at_append_string(cmd, sizeof cmd, or_empty(c->password)) < 0 ||
        strlen(cmd) + 8 > sizeof cmd)
        return too_long(why);
    strcat(cmd, ",0,0,\"\"");
    if ((st = command(cmd, COMMAND_MS, NULL, why)) != AT_STATUS_OK)
        return st;
    snprintf(cmd, sizeof cmd, "AT+MQTTCONNCFG=0,%ld,%d", c->keepalive, c->persistent);
    if (at_append_string(cmd, sizeof cmd, or_empty(c->will_topic)) < 0 ||
        at_append_string(cmd, sizeof cmd, or_empty(c->will_message)) < 0 ||
        strlen(cmd) + 5 > sizeof cmd)
        return too_long(why);
    snprintf(cmd + strlen(cmd), 6, ",%d,%d", c->will_qos, c->will_retain);
    if ((st = command(cmd, COMMAND_MS, NULL, why)) != AT_STATUS_OK)
        return st;
    strcpy(cmd, "AT+MQTTCONN=0");
    if (at_append_string(cmd, sizeof cmd, c->host) < 0 || strlen(cmd) + 10 > sizeof cmd)
        return too_long(why);
    /* reconnect 1: the modem reconnects by itself, as mqttc's client does */
    snprintf(cmd + strlen(cmd), 10, ",%ld,1", c->port);
    st = command(cmd, CONNECT_MS, NULL, why);
    if (st == AT_STATUS_OK)
        mq.connected = 1;
    else if (st == AT_STATUS_ERROR)
        snprintf(why, AT_MQTT_WHY, "the modem could not connect to %s:%ld", c->host, c->port);
    return st;
}

int at_mqtt_connected(void)
{
    return mq.connected;
}

/* +MQTTPUB:OK or +MQTTPUB:FAIL into an int: 1 or 0 (-1 until it comes). */
static void on_published(void *ctx, const struct at_event *e)
{
    if (!strncmp(e->text, "+MQTTPUB:", 9))
        *(int *)ctx = strcmp(e->text + 9, "OK") == 0;
}

/* AT+MQTTPUBRAW=0,"topic",length,qos,retain: a message too long for AT+MQTTPUB's command
 * line; it follows the modem's ">", which answers +MQTTPUB:OK or +MQTTPUB:FAIL. */
static enum at_status publish_raw(const char *topic, const char *data, int qos, int retain,
                                  char *why)
{
    char cmd[CMD_MAX + 1] = "AT+MQTTPUBRAW=0";
    size_t len = strlen(data);
    if (at_append_string(cmd, sizeof cmd, topic) < 0 || strlen(cmd) + 16 > sizeof cmd)
        return too_long(why);
    snprintf(cmd + strlen(cmd), 16, ",%u,%d,%d", (unsigned)len, qos, retain);
    enum at_status st = attach(why);
    if (st == AT_STATUS_OK)
        st = at_modem_command(at_modem_clients(), cmd, COMMAND_MS, ">", NULL);
    int published = -1;
    const struct at_callbacks cb = { &published, on_published, NULL };
    if (st == AT_STATUS_OK)
        st = at_modem_send_data_until(at_modem_clients(), data, len, COMMAND_MS, "+MQTTPUB:",
                                      &cb);
    if (st == AT_STATUS_OK && published == 0)
        st = AT_STATUS_ERROR;
    if (st == AT_STATUS_TIMEOUT)
        snprintf(why, AT_MQTT_WHY, "the modem did not answer in %d s", COMMAND_MS / 1000);
    else if (st != AT_STATUS_OK)
        snprintf(why, AT_MQTT_WHY, "the modem answered %s",
                 published == 0 ? "+MQTTPUB:FAIL" : at_status_str(st));
    return st;
}

enum at_status at_mqtt_publish(const char *topic, const char *data, int qos, int retain,
                               char *why)
{
    char cmd[CMD_MAX + 1] = "AT+MQTTPUB=0";
    if (at_append_string(cmd, sizeof cmd, topic) < 0 ||
        at_append_string(cmd, sizeof cmd, data) < 0 || strlen(cmd) + 4 > sizeof cmd)
        return publish_raw(topic, data, qos, retain, why);
    snprintf(cmd + strlen(cmd), 5, ",%d,%d", qos, retain);
    return command(cmd, COMMAND_MS, NULL, why);
}

enum at_status at_mqtt_subscribe(const char *topic, int qos, char *why)
{
    char cmd[CMD_MAX + 1] = "AT+MQTTSUB=0";
    if (at_append_string(cmd, sizeof cmd, topic) < 0 || strlen(cmd) + 2 > sizeof cmd)
        return too_long(why);
    snprintf(cmd + strlen(cmd), 3, ",%d", qos);
    return command(cmd, COMMAND_MS, NULL, why);
}

enum at_status at_mqtt_unsubscribe(const char *topic, char *why)
{
    char cmd[CMD_MAX + 1] = "AT+MQTTUNSUB=0";
    if (at_append_string(cmd, sizeof cmd, topic) < 0)
        return too_long(why);
    return command(cmd, COMMAND_MS, NULL, why);
}

struct listing {
    void (*each)(void *ctx, const char *topic, int qos);
    void *ctx;
};

/* +MQTTSUB:0,state,"topic",qos */
static void on_subscription(void *ctx, const struct at_event *e)
{
    const struct listing *l = ctx;
    const char *open = strchr(e->text, '"'), *close = strrchr(e->text, '"');
    char topic[CMD_MAX];
    if (e->kind != AT_INFO || strncmp(e->text, "+MQTTSUB:", 9) || !open || close <= open ||
        (size_t)(close - open) > sizeof topic)
        return;
    memcpy(topic, open + 1, (size_t)(close - open - 1));
    topic[close - open - 1] = '\0';
    l->each(l->ctx, topic, close[1] == ',' ? atoi(close + 2) : 0);
}

enum at_status at_mqtt_subscriptions(void (*each)(void *ctx, const char *topic, int qos),
                                     void *ctx, char *why)
{
    struct listing l = { each, ctx };
    const struct at_callbacks cb = { &l, on_subscription, NULL };
    return command("AT+MQTTSUB?", COMMAND_MS, &cb, why);
}

enum at_status at_mqtt_close(char *why)
{
    enum at_status st = command("AT+MQTTCLEAN=0", COMMAND_MS, NULL, why);
    mq.connected = 0;
    while (mq.first)
        drop_oldest();
    mq.dropped = 0;
    return st;
}

int at_mqtt_poll(int ms)
{
    char why[AT_MQTT_WHY];
    if (attach(why) != AT_STATUS_OK)
        return -1;
    return at_modem_listen(at_modem_clients(), ms);
}

struct at_mqtt_message *at_mqtt_take(size_t *dropped)
{
    struct at_mqtt_message *m = mq.first;
    *dropped = mq.dropped;
    mq.dropped = 0;
    if (m) {
        mq.first = m->next;
        if (!mq.first)
            mq.last = NULL;
        mq.messages--;
        mq.bytes -= m->topic_len + m->payload_len;
        m->next = NULL;
    }
    return m;
}
