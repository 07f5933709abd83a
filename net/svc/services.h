/* The network services, started and stopped by the commands in cmd/net/services.c. */
#ifndef NET_SVC_SERVICES_H
#define NET_SVC_SERVICES_H

#include "net/svc/service.h"

extern struct service telnetd_service;
extern struct service ftpd_service;
extern struct service httpd_service;

/* mqttd start|stop|restart|status: fleet control through an MQTT broker (net/svc/mqttd.c).
 * Not a listening service: one client connection, configured by system.conf "mqttd". */
int mqttd_command(proc_t *p, int argc, char **argv);

#endif
