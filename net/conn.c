#include "net/conn.h"

#include <string.h>

#include "net/tls.h"

static int sock_read(void *impl, void *buf, size_t len, int timeout_ms)
{
    return sock_recv(impl, buf, len, timeout_ms);
}

static int sock_write(void *impl, const void *buf, size_t len)
{
    return sock_send(impl, buf, len);
}

static void sock_end(void *impl)
{
    sock_close(impl);
}

static sock_t *sock_itself(void *impl)
{
    return impl;
}

static const struct conn_ops sock_ops = { sock_read, sock_write, sock_end, sock_itself, NULL };

struct conn conn_of_sock(sock_t *s)
{
    return (struct conn){ &sock_ops, s };
}

int conn_dial(const char *host, uint16_t port, const struct tls_options *tls, int timeout_ms,
              struct conn *out)
{
    uint32_t addr;
    sock_t *s;
    tls_t *t;
    int r = sock_resolve(host, &addr);
    if (r == 0)
        r = sock_dial(addr, port, timeout_ms, &s);
    if (r < 0)
        return r;
    if (!tls) {
        *out = conn_of_sock(s);
        return 0;
    }
    struct tls_options o = *tls;
    o.timeout_ms = timeout_ms;
    if ((r = tls_connect(s, host, &o, &t)) < 0) {
        sock_close(s);
        return r;
    }
    *out = tls_as_conn(t);
    return 0;
}

int conn_read(struct conn c, void *buf, size_t len, int timeout_ms)
{
    return c.ops->read(c.impl, buf, len, timeout_ms);
}

int conn_write(struct conn c, const void *buf, size_t len)
{
    return c.ops->write(c.impl, buf, len);
}

int conn_write_text(struct conn c, const char *text)
{
    return conn_write(c, text, strlen(text));
}

int conn_readable(struct conn c)
{
    if (!c.ops)
        return 0;
    if (c.ops->pending && c.ops->pending(c.impl) > 0)
        return 1;
    sock_t *s = c.ops->socket ? c.ops->socket(c.impl) : NULL;
    return s ? sock_readable(s) : 1;
}

void conn_detach(struct conn c)
{
    sock_t *s = c.ops && c.ops->socket ? c.ops->socket(c.impl) : NULL;
    if (s)
        sock_give(s, NULL);
}

void conn_close(struct conn *c)
{
    if (c->ops)
        c->ops->close(c->impl);
    c->ops = NULL;
    c->impl = NULL;
}
