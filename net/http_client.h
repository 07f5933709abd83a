/* A small HTTP/1.1 client for wget, curl and upgrades: one request per connection
 * (Connection: close), bodies by Content-Length, chunked or until close. http:// only. */
#ifndef NET_HTTP_CLIENT_H
#define NET_HTTP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/proc.h"
#include "net/linereader.h"

struct url {
    char host[64];
    uint16_t port;
    char path[256];               /* with the query; "/" at least */
};

/* Parses "http://host[:port][/path]" (the scheme may be left out). ERR_NOTSUP for https. */
int url_parse(const char *text, struct url *u);

struct http_client {
    /* the request */
    const char *method;           /* "GET" when NULL */
    const char *const *headers;   /* "Name: value" lines */
    int header_count;
    const char *body;
    size_t body_len;
    /* called for each line of the response head (status line first) when set */
    void (*on_head_line)(void *ctx, const char *line);
    /* called with each line of the request as sent (for curl -v) when set */
    void (*on_request_line)(void *ctx, const char *line);
    void *ctx;

    /* the response */
    int status;
    long long length;             /* -1: unknown */

    /* state */
    sock_t *sock;
    struct linereader in;
    int chunked;
    long long chunk_left;
    int done;
};

/* Connects, sends the request and reads the response head. 0 or a negative ERR_*. */
int http_client_open(struct http_client *c, const struct url *u, int timeout_ms);
/* Body bytes: > 0, 0 at the end, or a negative ERR_*. */
int http_client_read(struct http_client *c, void *buf, size_t len);
void http_client_close(struct http_client *c);

#endif
