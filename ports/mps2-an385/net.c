/* hal/net.h: no network yet. The LAN9118 at 0x40200000 will get a driver and the in-tree
 * TCP/IP stack; until then there is no interface and every socket call says ERR_NODEV. */
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
int hal_net_resolve(const char *host, uint32_t *addr) { return ERR_NODEV; }
