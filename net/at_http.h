/* HTTP through the ESP-AT modem's own HTTP client (AT+HTTPCLIENT, AT+HTTPGETSIZE,
 * AT+HTTPCGET), not through the socket driver: for a board whose firmware has no TCP stack
 * but whose modem speaks HTTP itself. The modem makes the request and sends the body back in
 * chunks ("+HTTPCGET:len," and len bytes, as many as it takes), which go to the caller's sink
 * as they come: nothing here holds a whole body.
 *
 * A request fails on the modem's ERROR, on its silence (no byte for AT_HTTP_IDLE_MS), or when
 * the modem is busy or missing; why[] then says which in words. The modem is asked for its
 * error codes (AT+SYSLOG=1), so that a server's 404 (code 0x7000 + 404) and a connection the
 * server refused (0x7002) read as such. One request at a time, on the UART named modem0. */
#ifndef NET_AT_HTTP_H
#define NET_AT_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "net/at_modem.h"

#define AT_HTTP_IDLE_MS 8000     /* the modem's own network time-out is 5 s */
#define AT_HTTP_HEADERS_MAX 4

/* AT+HTTPCLIENT's <opt>. */
enum at_http_method {
    AT_HTTP_HEAD = 1, AT_HTTP_GET, AT_HTTP_POST, AT_HTTP_PUT, AT_HTTP_DELETE,
};

struct at_http_request {
    enum at_http_method method;
    const char *url;
    const char *data;               /* POST/PUT body, or NULL */
    const char *headers[AT_HTTP_HEADERS_MAX];   /* "Key: value" */
    int header_count;
    int lines;                      /* each chunk is a line (HEAD's headers): a '\n' after it */
    /* the body, in pieces; a negative return (a write error) keeps the rest from it */
    int (*sink)(void *ctx, const uint8_t *buf, size_t len);
    void *ctx;
    /* results */
    long long received;             /* body bytes the sink took */
    int sink_error;                 /* the sink's first negative return, or 0 */
    char why[96];                   /* what went wrong, in words */
};

/* The method an HTTP verb names (GET, POST ...); 0 when the modem has none for it. */
enum at_http_method at_http_method_named(const char *verb);
/* AT+HTTPCLIENT: any method, with data and headers; the command line is at most 256 bytes.
 * A POST whose data does not fit goes by AT+HTTPCPOST, which hands no answer back. */
enum at_status at_http_client(struct at_http_request *r);
/* AT+HTTPCGET: r->url's body (GET only). */
enum at_status at_http_get(struct at_http_request *r);
/* AT+HTTPGETSIZE: the size of r->url's body. */
enum at_status at_http_size(struct at_http_request *r, long *size);

/* The body goes to a file through a buffer of this many bytes (on the caller's stack). */
#define AT_HTTP_FILE_BUFFER 512
/* Runs fetch (at_http_get, at_http_client) with a sink into path, all or nothing: the body
 * goes into path's part file, which replaces path only when the request succeeded and, when
 * expected >= 0, brought exactly expected bytes; else it is removed and path stays as it
 * was. r->sink is set here. */
enum at_status at_http_save(struct at_http_request *r, const char *path, long long expected,
                            enum at_status (*fetch)(struct at_http_request *r));

#endif
