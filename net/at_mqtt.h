/* MQTT through the ESP-AT modem's own MQTT client (AT+MQTTUSERCFG, AT+MQTTCONNCFG,
 * AT+MQTTCONN, AT+MQTTPUB, AT+MQTTSUB, AT+MQTTUNSUB, AT+MQTTCLEAN), on link 0, the one ESP-AT
 * has. The modem keeps the connection and reconnects by itself; its messages
 * ("+MQTTSUBRECV:0,"topic",len," and len bytes) and its state lines (+MQTTCONNECTED,
 * +MQTTDISCONNECTED) come at any time, and are heard whenever the modem's client link
 * (at_modem_clients) is read: messages wait in a bounded inbox until taken. */
#ifndef NET_AT_MQTT_H
#define NET_AT_MQTT_H

#include <stddef.h>

#include "net/at_modem.h"

#define AT_MQTT_INBOX_MESSAGES 16
#define AT_MQTT_INBOX_BYTES 4096

struct at_mqtt_config {
    const char *host, *client_id, *user, *password, *will_topic, *will_message;
    long port, keepalive;
    int persistent, will_qos, will_retain;
};

struct at_mqtt_message {
    struct at_mqtt_message *next;
    size_t topic_len, payload_len;
    char text[];                /* topic, NUL, payload, NUL */
};

/* Each call that fails says why in why[] (size AT_MQTT_WHY). */
#define AT_MQTT_WHY 96

/* Configures link 0 and connects (AT+MQTTCLEAN first when it was connected). */
enum at_status at_mqtt_connect(const struct at_mqtt_config *c, char *why);
/* 1 when the modem said +MQTTCONNECTED and not +MQTTDISCONNECTED since. */
int at_mqtt_connected(void);
enum at_status at_mqtt_publish(const char *topic, const char *data, int qos, int retain,
                               char *why);
enum at_status at_mqtt_subscribe(const char *topic, int qos, char *why);
enum at_status at_mqtt_unsubscribe(const char *topic, char *why);
/* AT+MQTTSUB?: calls each for every subscription. */
enum at_status at_mqtt_subscriptions(void (*each)(void *ctx, const char *topic, int qos),
                                     void *ctx, char *why);
enum at_status at_mqtt_close(char *why);
/* Listens for ms (messages go to the inbox); < 0 when the modem's UART failed. */
int at_mqtt_poll(int ms);
/* The oldest message of the inbox (the caller frees it), or NULL; dropped: how many the full
 * inbox lost since the last call. */
struct at_mqtt_message *at_mqtt_take(size_t *dropped);

#endif
