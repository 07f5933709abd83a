/* hal/net.h: no network on the Cortex-M ports yet (the MPS2's LAN9118 at 0x40200000 will get
 * a driver and the in-tree TCP/IP stack, the Pico an ESP-AT modem on UART1); until then there
 * is no interface and every socket call says ERR_NODEV. */
#include "hal/net.h"

#include "lib/err.h"

int hal_net_available(void) { return 0; }
int hal_sock_open(enum hal_sock_type type) { return ERR_NODEV; }
int hal_sock_bind(int s, uint32_t addr, uint16_t port) { return ERR_NODEV; }
int hal_sock_listen(int s, int backlog) { return ERR_NODEV; }
int hal_sock_accept(int s, uint32_t *peer_addr, uint16_t *peer_port, int timeout_ms)
{
    return ERR_NODEV;
}
int hal_sock_connect(int s, uint32_t addr, uint16_t port, int timeout_ms) { return ERR_NODEV; }
int hal_sock_send(int s, const void *buf, size_t len) { return ERR_NODEV; }
int hal_sock_recv(int s, void *buf, size_t len, int timeout_ms) { return ERR_NODEV; }
int hal_sock_sendto(int s, const void *buf, size_t len, uint32_t addr, uint16_t port)
{
    return ERR_NODEV;
}
int hal_sock_recvfrom(int s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                      int timeout_ms)
{
    return ERR_NODEV;
}
int hal_sock_local(int s, uint32_t *addr, uint16_t *port) { return ERR_NODEV; }
int hal_sock_close(int s) { return ERR_NODEV; }
int hal_sock_poll(struct hal_sock_ready *set, size_t n, int timeout_ms) { return ERR_NODEV; }
int hal_net_resolve(const char *host, uint32_t *addr) { return ERR_NODEV; }
int hal_net_ping(uint32_t addr, uint16_t seq, size_t payload_len, int timeout_ms,
                 uint32_t *rtt_us, int *ttl)
{
    return ERR_NODEV;
}
int hal_net_interface(int index, struct hal_net_if *out) { return ERR_NOENT; }

/* hal/wifi.h: the board has no radio (an ESP-AT modem on a UART would bring one). */
#include "hal/wifi.h"

const char *hal_wifi_describe(void) { return NULL; }
int hal_wifi_set_active(enum hal_wifi_iface iface, int on) { return ERR_NODEV; }
int hal_wifi_is_active(enum hal_wifi_iface iface) { return 0; }
int hal_wifi_scan(struct hal_wifi_ap *out, int max) { return ERR_NODEV; }
int hal_wifi_connect(const char *ssid, const char *psk) { return ERR_NODEV; }
int hal_wifi_disconnect(void) { return ERR_NODEV; }
enum hal_wifi_state hal_wifi_state(void) { return HAL_WIFI_IDLE; }
int hal_wifi_get_ip(enum hal_wifi_iface iface, struct hal_wifi_ip *ip) { return ERR_NODEV; }
int hal_wifi_set_ip(enum hal_wifi_iface iface, const struct hal_wifi_ip *ip) { return ERR_NODEV; }
int hal_wifi_mac(enum hal_wifi_iface iface, uint8_t mac[6]) { return ERR_NODEV; }
int hal_wifi_config_set(int iface, const char *key, const char *value) { return ERR_NODEV; }
int hal_wifi_config_get(int iface, const char *key, char *value, size_t size)
{
    return ERR_NODEV;
}
