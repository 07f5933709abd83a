/* Sockets: the small TCP/UDP interface the network backends provide. Services do not call it
 * directly; they use net/socket.h, which adds process ownership and hold/stop points.
 * Addresses are IPv4 in host byte order. Every call returns >= 0 or a negative ERR_*. */
#ifndef HAL_NET_H
#define HAL_NET_H

#include <stddef.h>
#include <stdint.h>

#include "hal/wifi.h"

enum hal_sock_type { HAL_SOCK_TCP = 1, HAL_SOCK_UDP = 2 };

int hal_net_available(void);   /* 0 when the port has no network interface */
int hal_sock_open(enum hal_sock_type type);
int hal_sock_bind(int s, uint32_t addr, uint16_t port);
int hal_sock_listen(int s, int backlog);
/* timeout_ms < 0 waits forever; ERR_TIMEOUT on time-out */
int hal_sock_accept(int s, uint32_t *peer_addr, uint16_t *peer_port, int timeout_ms);
/* On ERR_TIMEOUT the attempt goes on: a call again with the same address waits for it more
 * (so a caller can wait in slices). */
int hal_sock_connect(int s, uint32_t addr, uint16_t port, int timeout_ms);
int hal_sock_send(int s, const void *buf, size_t len);
int hal_sock_recv(int s, void *buf, size_t len, int timeout_ms); /* 0: peer closed */
int hal_sock_sendto(int s, const void *buf, size_t len, uint32_t addr, uint16_t port);
int hal_sock_recvfrom(int s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                      int timeout_ms);
int hal_sock_local(int s, uint32_t *addr, uint16_t *port);
int hal_sock_close(int s);

/* Readiness of several sockets, as poll(2) gives it: each entry's events (HAL_POLL_IN: data,
 * a connection or the peer's end to read; HAL_POLL_OUT: room to send) come back in revents
 * when ready, with HAL_POLL_ERR and HAL_POLL_HUP, which are reported unasked. Waits up to
 * timeout_ms (< 0: forever) for one; returns how many entries have revents, 0 on time-out.
 * The values are those of POSIX and MicroPython's select module. */
enum { HAL_POLL_IN = 1, HAL_POLL_OUT = 4, HAL_POLL_ERR = 8, HAL_POLL_HUP = 16 };
#define HAL_SOCK_POLL_MAX 32       /* entries one call takes */
struct hal_sock_ready {
    int sock;
    short events, revents;
};
int hal_sock_poll(struct hal_sock_ready *set, size_t n, int timeout_ms);
int hal_net_resolve(const char *host, uint32_t *addr);

/* ICMP echo (ping): sends one request with payload_len bytes and waits for its reply.
 * Gives the round trip in microseconds and the reply's TTL. ERR_TIMEOUT when none came,
 * ERR_PERM when the port may not send ICMP, ERR_NOTSUP without ICMP. */
int hal_net_ping(uint32_t addr, uint16_t seq, size_t payload_len, int timeout_ms,
                 uint32_t *rtt_us, int *ttl);

/* Network interfaces, for ifconfig: index 0.. until ERR_NOENT. */
struct hal_net_if {
    char name[16];
    uint32_t addr, netmask, gateway, dns;
    uint8_t mac[6];
    int up;
};
int hal_net_interface(int index, struct hal_net_if *out);

/* A network implementation: the port's (these hal_* functions and hal/wifi.h's) or a driver
 * in the core (an ESP-AT modem, net/esp_at_net.c). The members mean what the HAL functions
 * of the same names mean. The core picks the board's with netif() (net/netif.h); py/ gets
 * it from its embedder (py_io.net). */
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
    int (*sock_poll)(struct hal_sock_ready *set, size_t n, int timeout_ms);
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

#endif
