/* The socket API that services and network commands use. It wraps include/hal/net.h and adds
 * what the kernel promises for every blocking call:
 *  - a socket belongs to the process that opened it (or was given it) and is closed when that
 *    process ends or is killed;
 *  - accept, connect and receive wait in short slices, so a held process waits and a process
 *    told to stop gets ERR_INTR instead of blocking forever.
 * Addresses are IPv4 in host byte order, as in the HAL. */
#ifndef NET_SOCKET_H
#define NET_SOCKET_H

#include <stddef.h>
#include <stdint.h>

#include "hal/net.h"
#include "kernel/proc.h"

#define SOCK_FOREVER (-1)
#define SOCK_ADDR_ANY 0u
#define SOCK_ADDR_LOOPBACK 0x7f000001u

typedef struct sock sock_t;

/* A new socket owned by the current process. */
int sock_open(enum hal_sock_type type, sock_t **out);
/* A TCP socket listening on addr:port (port 0: any free port; see sock_local). */
int sock_listen(uint32_t addr, uint16_t port, int backlog, sock_t **out);
/* Waits for a connection; the new socket belongs to the current process. */
int sock_accept(sock_t *s, sock_t **out, uint32_t *peer_addr, uint16_t *peer_port,
                int timeout_ms);
int sock_connect(sock_t *s, uint32_t addr, uint16_t port, int timeout_ms);
/* Opens a TCP socket and connects it: the usual client start. */
int sock_dial(uint32_t addr, uint16_t port, int timeout_ms, sock_t **out);
int sock_bind(sock_t *s, uint32_t addr, uint16_t port);

int sock_send(sock_t *s, const void *buf, size_t len);          /* all of it, or an error */
int sock_send_text(sock_t *s, const char *text);
/* Bytes received, 0 when the peer closed, ERR_TIMEOUT, ERR_INTR or another error. */
int sock_recv(sock_t *s, void *buf, size_t len, int timeout_ms);
/* 1 when sock_recv would not wait (data, the peer's end, or an error), else 0. */
int sock_readable(sock_t *s);
int sock_sendto(sock_t *s, const void *buf, size_t len, uint32_t addr, uint16_t port);
int sock_recvfrom(sock_t *s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                  int timeout_ms);

int sock_local(sock_t *s, uint32_t *addr, uint16_t *port);
int sock_close(sock_t *s);                                      /* NULL is fine */
/* Hands the socket to another process (a session started for a connection). */
void sock_give(sock_t *s, proc_t *to);

/* Names and dotted quads */
int sock_resolve(const char *host, uint32_t *addr);
void sock_addr_text(uint32_t addr, char *buf, size_t size);     /* "127.0.0.1" */
int sock_parse_addr(const char *text, uint32_t *addr);          /* dotted quad only */

#endif
