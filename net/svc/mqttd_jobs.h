/* mqttd's commands (net/svc/mqttd.c): each accepted request runs as a shell line in a session
 * and thread of its own, as the HTTP API's do, so a long one holds up neither the shell nor
 * other requests. What comes of it (and of a request refused) waits in a queue until the
 * daemon's thread, the only one that touches the MQTT client, publishes it. */
#ifndef NET_SVC_MQTTD_JOBS_H
#define NET_SVC_MQTTD_JOBS_H

#include "net/mqtt_client.h"

#define MQTTD_JOBS_MAX 4            /* commands running at once; more are answered busy */
#define MQTTD_OUTPUT_LIMIT 2048     /* bytes of a command's output that are kept */
#define MQTTD_MAX_PACKET 4096       /* a request, and a result (its output cut to fit) */
#define MQTTD_TOPIC_MAX 96

/* Before a daemon starts: commands may run again. */
void mqttd_jobs_reset(void);
/* Runs line for request id; its result is queued when it ends ("busy" at once when
 * MQTTD_JOBS_MAX run already). */
void mqttd_run(const char *id, const char *line);
/* Queues {id, sid, status, output}: status is the exit status, or word when not NULL. */
void mqttd_result(const char *id, int status, const char *word, const char *output);
/* 1 when results wait to be published. */
int mqttd_results_waiting(void);
/* Publishes queued results on topic at QoS 1 while the client's window has room. */
void mqttd_publish_results(struct mqtt_client *c, const char *topic);
/* Ends the running commands and waits (bounded) for their threads. */
void mqttd_stop_jobs(void);
void mqttd_drop_results(void);
int mqttd_jobs_running(void);

#endif
