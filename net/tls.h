/* TLS client connections over a connected TCP socket (net/socket.h), on mbedTLS.
 *
 * What a connection checks: the server's certificate chain against the CA certificates of a
 * PEM file on the board's filesystem (tls_options.ca_file, else system.conf "ca", else
 * TLS_CA_DEFAULT), and the server's name (the host given, also sent as SNI) against the
 * certificate's names. Insecure mode checks neither: the caller must warn its user.
 *
 * The seam: tls_as_conn gives the connection as a struct conn (net/conn.h), the {read, write,
 * close} that a plain socket provides too, so code that reads and writes a stream (the line
 * reader, the HTTP client, an MQTT client) takes either and never knows which. Only the
 * opener chooses: conn_dial with TLS options or without (or sock_dial, then tls_connect).
 *
 * The type is opaque, so callers need no mbedTLS header. A build without TLS (UPYOS_TLS off:
 * the MCU ports for now) has the same calls; tls_connect then returns ERR_NOTSUP.
 *
 * Errors are negative ERR_* with err_str words: ERR_TLS_CERT (the chain does not lead to a
 * trusted CA, or a certificate is expired or unusable), ERR_TLS_NAME (the certificate is not
 * the host's), ERR_TLS_CA (the CA file is missing or holds no certificate), ERR_TLS (the
 * handshake or a record failed), ERR_TIMEOUT (the peer said nothing in time), ERR_INTR. */
#ifndef NET_TLS_H
#define NET_TLS_H

#include <stddef.h>

#include "net/conn.h"
#include "net/socket.h"

#define TLS_CA_DEFAULT "/etc/ca.pem"
#define TLS_CA_CONFIG_KEY "ca"          /* system.conf: {"ca": "/path/to/ca.pem"} */
#define TLS_CA_FILE_MAX (256 * 1024)    /* a whole CA bundle fits */

typedef struct tls tls_t;

struct tls_options {
    const char *ca_file;          /* NULL: system.conf "ca", else TLS_CA_DEFAULT */
    int insecure;                 /* 1: no certificate or name check (say so to the user) */
    int timeout_ms;               /* for the whole handshake; SOCK_FOREVER: no limit */
};

/* 1 when this build has TLS. */
int tls_available(void);
/* The CA file a connection with these options reads (for messages). */
void tls_ca_path(const struct tls_options *o, char *buf, size_t size);

/* Makes the handshake over s, a connected TCP socket, for host (SNI and name check). On
 * success *out owns s: tls_close closes both. On failure s stays the caller's. */
int tls_connect(sock_t *s, const char *host, const struct tls_options *o, tls_t **out);
/* As sock_recv: bytes (> 0), 0 when the peer closed, or a negative ERR_*. */
int tls_read(tls_t *t, void *buf, size_t len, int timeout_ms);
/* As sock_send: all of len, or a negative ERR_*. */
int tls_write(tls_t *t, const void *buf, size_t len);
/* Sends the close notification, frees the connection and closes its socket. NULL is fine. */
void tls_close(tls_t *t);

/* The TCP socket the connection runs on. */
sock_t *tls_socket(tls_t *t);
/* Bytes already received and decrypted, that tls_read gives without reading the socket (the
 * rest of a record): the socket alone does not tell that input is waiting. */
size_t tls_pending(tls_t *t);
/* The connection as a struct conn; conn_close then calls tls_close. */
struct conn tls_as_conn(tls_t *t);

#endif
