/* A connection as a byte stream: a plain TCP socket, or a TLS connection over one
 * (net/tls.h). Code that only reads and writes a connection (the line reader, the HTTP
 * client, the MQTT client) takes a struct conn and so works the same over both; only the code
 * that opens the connection knows which it is.
 *
 * The calls behave as the socket's (net/socket.h) for both kinds:
 *   read   bytes received (> 0), 0 when the peer closed, ERR_TIMEOUT when nothing came within
 *          timeout_ms (SOCK_FOREVER: no limit), ERR_INTR when the process was told to stop,
 *          or another negative ERR_*;
 *   write  all of len, or a negative ERR_*;
 *   close  ends the connection and frees it (a TLS one sends its close notification first).
 * A new kind of connection supplies a struct conn_ops and a function that makes its conn. */
#ifndef NET_CONN_H
#define NET_CONN_H

#include <stddef.h>
#include <stdint.h>

#include "net/socket.h"

struct tls_options;

struct conn_ops {
    int (*read)(void *impl, void *buf, size_t len, int timeout_ms);
    int (*write)(void *impl, const void *buf, size_t len);
    void (*close)(void *impl);
    sock_t *(*socket)(void *impl);    /* the TCP socket it runs on; NULL when there is none */
    size_t (*pending)(void *impl);    /* bytes it holds already (TLS's record); NULL: never */
};

struct conn {
    const struct conn_ops *ops;
    void *impl;                   /* the socket, the TLS connection ... */
};

/* A plain socket as a conn; conn_close closes the socket. */
struct conn conn_of_sock(sock_t *s);
/* The usual client start: resolves host, connects to port and, when tls is not NULL, makes a
 * TLS handshake for host over the socket (net/tls.h). timeout_ms bounds the connect and the
 * handshake each. 0 or a negative ERR_*; nothing is left open on failure. */
int conn_dial(const char *host, uint16_t port, const struct tls_options *tls, int timeout_ms,
              struct conn *out);

int conn_read(struct conn c, void *buf, size_t len, int timeout_ms);
int conn_write(struct conn c, const void *buf, size_t len);
int conn_write_text(struct conn c, const char *text);
/* 1 when conn_read would not wait: bytes the connection holds, or data, the peer's end or an
 * error on its socket (a connection with no socket to ask says 1: its read tells). For an
 * event loop's watch (kernel/evloop.h), so that a reader sleeps until there is input. */
int conn_readable(struct conn c);
/* Hands the connection's socket to no process, so that it outlives the one that opened it
 * (a connection kept between commands, as mqttc keeps one); conn_close still ends it. */
void conn_detach(struct conn c);
/* Closes it when it is open (ops set); a zeroed conn is fine. */
void conn_close(struct conn *c);

#endif
