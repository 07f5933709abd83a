#include "net/socket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "lib/err.h"
#include "net/netif.h"

/* How long one wait inside a blocking call lasts: a kill is noticed within this time. */
#define SLICE_MS 100

struct sock {
    struct resource res;        /* first: the process's resource list points here */
    int handle;
};

static void release_sock(struct resource *r)
{
    struct sock *s = (struct sock *)r;
    netif()->sock_close(s->handle);
    free(s);
}

static sock_t *wrap(int handle)
{
    sock_t *s = malloc(sizeof *s);
    if (!s) {
        netif()->sock_close(handle);
        return NULL;
    }
    s->handle = handle;
    s->res.release = release_sock;
    owner_add(proc_owner(proc_current()), &s->res);
    return s;
}

int sock_open(enum hal_sock_type type, sock_t **out)
{
    int h = netif()->sock_open(type);
    if (h < 0)
        return h;
    *out = wrap(h);
    return *out ? 0 : ERR_NOMEM;
}

int sock_bind(sock_t *s, uint32_t addr, uint16_t port)
{
    return netif()->sock_bind(s->handle, addr, port);
}

int sock_listen(uint32_t addr, uint16_t port, int backlog, sock_t **out)
{
    sock_t *s;
    int r = sock_open(HAL_SOCK_TCP, &s);
    if (r < 0)
        return r;
    if ((r = netif()->sock_bind(s->handle, addr, port)) < 0 ||
        (r = netif()->sock_listen(s->handle, backlog)) < 0) {
        sock_close(s);
        return r;
    }
    *out = s;
    return 0;
}

/* A blocking HAL call that wait_in_slices makes again slice by slice, with its arguments. */
enum wait_kind { WAIT_ACCEPT, WAIT_RECV, WAIT_RECVFROM };
struct wait_call {
    enum wait_kind kind;
    void *buf;
    size_t len;
    uint32_t *addr;
    uint16_t *port;
};

static int call_once(int handle, const struct wait_call *c, int slice_ms)
{
    switch (c->kind) {
    case WAIT_ACCEPT:
        return netif()->sock_accept(handle, c->addr, c->port, slice_ms);
    case WAIT_RECV:
        return netif()->sock_recv(handle, c->buf, c->len, slice_ms);
    default:
        return netif()->sock_recvfrom(handle, c->buf, c->len, c->addr, c->port, slice_ms);
    }
}

/* Makes the call in waits of at most SLICE_MS (0 is a poll) until it gives anything but
 * ERR_TIMEOUT or timeout_ms (< 0: forever) has passed: a held process waits between slices
 * and a process told to stop gets ERR_INTR. */
static int wait_in_slices(sock_t *s, const struct wait_call *c, int timeout_ms)
{
    int forever = timeout_ms < 0;
    uint64_t deadline = hal_time_us() + (uint64_t)(forever ? 0 : timeout_ms) * 1000;
    for (;;) {
        if (proc_should_stop())
            return ERR_INTR;
        int slice = SLICE_MS;
        if (!forever) {
            uint64_t now = hal_time_us();
            uint64_t left = now >= deadline ? 0 : (deadline - now + 999) / 1000;
            slice = left < SLICE_MS ? (int)left : SLICE_MS;
        }
        int r = call_once(s->handle, c, slice);
        if (r != ERR_TIMEOUT || (!forever && hal_time_us() >= deadline))
            return r;
    }
}

int sock_accept(sock_t *s, sock_t **out, uint32_t *peer_addr, uint16_t *peer_port,
                int timeout_ms)
{
    struct wait_call c = { WAIT_ACCEPT, NULL, 0, peer_addr, peer_port };
    int h = wait_in_slices(s, &c, timeout_ms);
    if (h < 0)
        return h;
    *out = wrap(h);
    return *out ? 0 : ERR_NOMEM;
}

int sock_connect(sock_t *s, uint32_t addr, uint16_t port, int timeout_ms)
{
    if (proc_should_stop())
        return ERR_INTR;
    return netif()->sock_connect(s->handle, addr, port, timeout_ms < 0 ? 30000 : timeout_ms);
}

int sock_dial(uint32_t addr, uint16_t port, int timeout_ms, sock_t **out)
{
    sock_t *s;
    int r = sock_open(HAL_SOCK_TCP, &s);
    if (r < 0)
        return r;
    if ((r = sock_connect(s, addr, port, timeout_ms)) < 0) {
        sock_close(s);
        return r;
    }
    *out = s;
    return 0;
}

int sock_send(sock_t *s, const void *buf, size_t len)
{
    if (proc_should_stop())
        return ERR_INTR;
    return netif()->sock_send(s->handle, buf, len);
}

int sock_send_text(sock_t *s, const char *text)
{
    return sock_send(s, text, strlen(text));
}

int sock_recv(sock_t *s, void *buf, size_t len, int timeout_ms)
{
    struct wait_call c = { WAIT_RECV, buf, len, NULL, NULL };
    return wait_in_slices(s, &c, timeout_ms);
}

int sock_readable(sock_t *s)
{
    struct hal_sock_ready r = { s->handle, HAL_POLL_IN, 0 };
    return netif()->sock_poll(&r, 1, 0) != 0;        /* an error too: the read will say it */
}

int sock_sendto(sock_t *s, const void *buf, size_t len, uint32_t addr, uint16_t port)
{
    return netif()->sock_sendto(s->handle, buf, len, addr, port);
}

int sock_recvfrom(sock_t *s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                  int timeout_ms)
{
    struct wait_call c = { WAIT_RECVFROM, buf, len, addr, port };
    return wait_in_slices(s, &c, timeout_ms);
}

int sock_local(sock_t *s, uint32_t *addr, uint16_t *port)
{
    return netif()->sock_local(s->handle, addr, port);
}

int sock_close(sock_t *s)
{
    if (!s)
        return 0;
    resource_detach(&s->res);
    int r = netif()->sock_close(s->handle);
    free(s);
    return r;
}

void sock_give(sock_t *s, proc_t *to)
{
    resource_detach(&s->res);
    owner_add(proc_owner(to), &s->res);
}

int sock_resolve(const char *host, uint32_t *addr)
{
    if (sock_parse_addr(host, addr) == 0)
        return 0;
    return netif()->resolve(host, addr);
}

void sock_addr_text(uint32_t addr, char *buf, size_t size)
{
    snprintf(buf, size, "%u.%u.%u.%u", (unsigned)(addr >> 24), (unsigned)(addr >> 16 & 255),
             (unsigned)(addr >> 8 & 255), (unsigned)(addr & 255));
}

int sock_parse_addr(const char *text, uint32_t *addr)
{
    uint32_t value = 0;
    const char *p = text;
    for (int part = 0; part < 4; part++) {
        if (*p < '0' || *p > '9')
            return ERR_INVAL;
        unsigned n = 0;
        int digits = 0;
        while (*p >= '0' && *p <= '9' && digits < 4) {
            n = n * 10 + (unsigned)(*p++ - '0');
            digits++;
        }
        if (n > 255 || (part < 3 && *p++ != '.'))
            return ERR_INVAL;
        value = value << 8 | n;
    }
    if (*p)
        return ERR_INVAL;
    *addr = value;
    return 0;
}
