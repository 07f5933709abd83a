/* The network the board has: the port's own (include/hal/net.h, include/hal/wifi.h) or an
 * ESP-AT modem on a UART (net/esp_at_net.h) when the board file declares one:
 *     "modem": {"uart": 1, "baud": 115200, "tx": 4, "rx": 5, "name": "modem0"}
 * Sockets (net/socket.h), WiFi, ping and the interface list reach the network through
 * netif(), so every network command and service runs unchanged on either. The table itself,
 * struct netif_ops, is in include/hal/net.h, where Python's sockets (py/) see it too. */
#ifndef NET_NETIF_H
#define NET_NETIF_H

#include "hal/net.h"

/* The network of the board file loaded now. */
const struct netif_ops *netif(void);

#endif
