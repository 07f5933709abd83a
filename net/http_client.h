/* A small HTTP/1.1 client for wget, curl and upgrades: one request per connection
 * (Connection: close), bodies by Content-Length, chunked or until close. http://, and
 * https:// over net/tls.h (the body is read through a struct conn, either kind alike). */
#ifndef NET_HTTP_CLIENT_H
#define NET_HTTP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/proc.h"
#include "net/conn.h"
#include "net/linereader.h"
#include "net/tls.h"

struct url {
    char host[64];
    uint16_t port;
    char path[256];               /* with the query; "/" at least */
    int tls;                      /* 1 for https:// */
};

/* Parses "http[s]://host[:port][/path]" (the scheme may be left out: http). ERR_NOTSUP for
 * another scheme, ERR_INVAL for what is not a URL. */
int url_parse(const char *text, struct url *u);
/* The file name a URL's path suggests: its last segment without the query, or "index". */
void url_file_name(const char *path, char *out, size_t size);

struct http_client {
    /* the request */
    const char *method;           /* "GET" when NULL */
    const char *const *headers;   /* "Name: value" lines */
    int header_count;
    const char *body;
    size_t body_len;
    struct tls_options tls;       /* for https: the CA file, insecure (timeout: the open's) */
    /* called for each line of the response head (status line first) when set */
    void (*on_head_line)(void *ctx, const char *line);
    /* called with each line of the request as sent (for curl -v) when set */
    void (*on_request_line)(void *ctx, const char *line);
    void *ctx;

    /* the response */
    int status;
    long long length;             /* -1: unknown */

    /* state */
    struct conn conn;
    struct linereader in;
    int chunked;
    long long chunk_left;
    int done;
};

/* Connects (with TLS for https), sends the request and reads the response head. 0 or a
 * negative ERR_* (net/tls.h says which a TLS connection gives). */
int http_client_open(struct http_client *c, const struct url *u, int timeout_ms);
/* Body bytes: > 0, 0 at the end, or a negative ERR_*. */
int http_client_read(struct http_client *c, void *buf, size_t len);
void http_client_close(struct http_client *c);
/* What to print after "URL: " when http_client_open failed with err: err_str's words, with
 * the CA file's path when that was the trouble. */
void http_client_error_text(const struct http_client *c, int err, char *buf, size_t size);

#endif
