/* mqttc's options and verbs (docs/mqtt.md), parsed the same for mqttc (its own MQTT client)
 * and atmqttc (the modem's). */
#ifndef CMD_NET_MQTTC_OPTIONS_H
#define CMD_NET_MQTTC_OPTIONS_H

#include "kernel/command.h"

struct mqttc_options {
    const char *verb, *host, *user, *password, *client_id, *topic, *message;
    const char *will_topic, *will_message, *ca_file;
    long port, qos, keepalive, count, wait_s, will_qos;
    int retain, persistent, will_retain, message_given, tls, insecure, lines;
};

/* The words after the command's name into o; 0, or the status of a usage error (said). The
 * port stays 0 when -p is not given: the transport decides. */
int mqttc_parse(const struct cmd_ctx *ctx, int argc, char **argv, struct mqttc_options *o);
/* What the verb needs besides a connection (a topic, a message); 0 or a status (said). */
int mqttc_check_verb(const struct cmd_ctx *ctx, const struct mqttc_options *o);

#endif
