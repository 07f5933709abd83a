/* The plain TCP connection of the MQTT client, on net/socket.h. A TLS connection is another
 * dial function with the same ops. */
#include "net/mqtt_client.h"

#include "lib/err.h"
#include "net/socket.h"

static int tcp_send(void *conn, const void *buf, size_t len)
{
    return sock_send(conn, buf, len);
}

static int tcp_recv(void *conn, void *buf, size_t len, int timeout_ms)
{
    return sock_recv(conn, buf, len, timeout_ms);
}

static void tcp_close(void *conn)
{
    sock_close(conn);
}

static const struct mqtt_conn_ops tcp_ops = { tcp_send, tcp_recv, tcp_close };

int mqtt_tcp_dial(const char *host, uint16_t port, int timeout_ms, int detached,
                  const struct mqtt_conn_ops **ops, void **conn)
{
    uint32_t addr;
    sock_t *s;
    int r = sock_resolve(host, &addr);
    if (r < 0)
        return r;
    if ((r = sock_dial(addr, port, timeout_ms, &s)) < 0)
        return r;
    if (detached)
        sock_give(s, NULL);
    *ops = &tcp_ops;
    *conn = s;
    return 0;
}
