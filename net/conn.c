#include "net/conn.h"

#include <string.h>

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

static const struct conn_ops sock_ops = { sock_read, sock_write, sock_end };

struct conn conn_of_sock(sock_t *s)
{
    return (struct conn){ &sock_ops, s };
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

void conn_close(struct conn *c)
{
    if (c->ops)
        c->ops->close(c->impl);
    c->ops = NULL;
    c->impl = NULL;
}
