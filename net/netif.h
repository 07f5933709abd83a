/* The network the board has: the port's own (include/hal/net.h, include/hal/wifi.h) or an
 * ESP-AT modem on a UART (net/esp_at_net.h) when the board file declares one:
 *     "modem": {"uart": 1, "baud": 115200, "tx": 4, "rx": 5, "name": "modem0"}
 * Sockets (net/socket.h), WiFi, ping and the interface list reach the network through
 * netif(), so every network command and service runs unchanged on either. The members mean
 * what the HAL functions of the same names (hal_sock_open ...) mean. */
#ifndef NET_NETIF_H
#define NET_NETIF_H

#include <stddef.h>
#include <stdint.h>

#include "hal/net.h"
#include "hal/wifi.h"

struct netif_ops {
    int (*available)(void);
    int (*sock_open)(enum hal_sock_type type);
    int (*sock_bind)(int s, uint32_t addr, uint16_t port);
    int (*sock_listen)(int s, int backlog);
    int (*sock_accept)(int s, uint32_t *peer_addr, uint16_t *peer_port, int timeout_ms);
    int (*sock_connect)(int s, uint32_t addr, uint16_t port, int timeout_ms);
    int (*sock_send)(int s, const void *buf, size_t len);
    int (*sock_recv)(int s, void *buf, size_t len, int timeout_ms);
    int (*sock_sendto)(int s, const void *buf, size_t len, uint32_t addr, uint16_t port);
    int (*sock_recvfrom)(int s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                         int timeout_ms);
    int (*sock_local)(int s, uint32_t *addr, uint16_t *port);
    int (*sock_close)(int s);
    int (*resolve)(const char *host, uint32_t *addr);
    int (*ping)(uint32_t addr, uint16_t seq, size_t payload_len, int timeout_ms,
                uint32_t *rtt_us, int *ttl);
    int (*interface)(int index, struct hal_net_if *out);

    const char *(*wifi_describe)(void);
    int (*wifi_set_active)(enum hal_wifi_iface iface, int on);
    int (*wifi_is_active)(enum hal_wifi_iface iface);
    int (*wifi_scan)(struct hal_wifi_ap *out, int max);
    int (*wifi_connect)(const char *ssid, const char *psk);
    int (*wifi_disconnect)(void);
    enum hal_wifi_state (*wifi_state)(void);
    int (*wifi_get_ip)(enum hal_wifi_iface iface, struct hal_wifi_ip *ip);
    int (*wifi_set_ip)(enum hal_wifi_iface iface, const struct hal_wifi_ip *ip);
    int (*wifi_mac)(enum hal_wifi_iface iface, uint8_t mac[6]);
    int (*wifi_config_set)(int iface, const char *key, const char *value);
    int (*wifi_config_get)(int iface, const char *key, char *value, size_t size);
};

/* The network of the board file loaded now. */
const struct netif_ops *netif(void);

#endif
