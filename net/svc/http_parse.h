/* HTTP/1.1 request heads (RFC 7230-7233) without the sockets, so they can be fuzzed: the
 * request line, the header fields the server uses, percent-decoding, query parameters and
 * byte ranges. Errors are the HTTP status to answer with. */
#ifndef NET_SVC_HTTP_PARSE_H
#define NET_SVC_HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vfs.h"
#include "net/svc/multipart.h"

#define HTTP_LINE_MAX 1024        /* longer lines: 431 (or 414 for the request line) */
#define HTTP_HEADERS_MAX 48       /* more header fields: 431 */
#define HTTP_TOKEN_LEN 32         /* session token: hex characters */
#define HTTP_CHUNK_DIGITS_MAX 12  /* a chunk of up to 2^48 bytes */
#define HTTP_LENGTH_MAX ((1LL << 48) - 1) /* a larger Content-Length: 400 */

struct http_request {
    char method[8];
    char path[VFS_PATH_MAX];      /* percent-decoded, without the query */
    char query[256];              /* still encoded */
    int minor;                    /* HTTP/1.minor */
    long long content_length;     /* -1: none given */
    int chunked;                  /* Transfer-Encoding: chunked (other codings: 501) */
    int keep_alive;
    int upgrade_websocket;        /* Upgrade: websocket + Connection: upgrade */
    int connection_upgrade;
    char ws_key[32];
    int ws_version;
    char token[HTTP_TOKEN_LEN + 1]; /* the "session" cookie */
    char range[64];
    char boundary[MULTIPART_BOUNDARY_MAX + 1]; /* a multipart/form-data body's; "" otherwise */
    int header_count;
    char origin[96];              /* Origin: the page a browser sends the request from */
    char host[96];                /* Host */
    int has_type, type_json;      /* a Content-Type came; it is application/json */
};

/* Resets r and parses "METHOD TARGET HTTP/1.x". Returns 0 or 400, 414, 501, 505. */
int http_parse_request_line(char *line, struct http_request *r);
/* One "Name: value" line. Returns 0 or 400, 431. */
int http_parse_header(char *line, struct http_request *r);
/* After the last header: 400 when the body's framing is ambiguous, else 0. */
int http_check_framing(const struct http_request *r);
/* 1 unless a browser sends the request from another site: no Origin (not a browser, or a
 * same-origin GET), or an Origin that is http(s):// and the request's own Host. */
int http_same_origin(const struct http_request *r);
/* A chunked body's "SIZE[;ext]" line (RFC 7230 4.1). Returns 0 or 400. */
int http_parse_chunk_size(const char *line, long long *size);
/* Decodes %XX (and '+' as space when form is set). Returns the length, or -1 when malformed,
 * holding a NUL, or too long. */
int http_decode(const char *in, size_t len, char *out, size_t size, int form);
/* The decoded value of name in a query string; -1 when absent or malformed. */
int http_query_param(const char *query, const char *name, char *out, size_t size);
/* "bytes=a-b" against a file of size: 0 and the inclusive range, 1 when the header is to be
 * ignored (serve everything), -1 when unsatisfiable (416). */
int http_parse_range(const char *spec, uint32_t size, uint32_t *first, uint32_t *last);
/* A Content-Disposition header line (with its CR LF) offering name as an attachment: a plain
 * ASCII fallback and the exact name RFC 5987-encoded, so no byte of name can end the header.
 * Returns its length, or -1 when size (at least 80 + 4 * strlen(name)) is too small. */
int http_attachment_header(const char *name, char *out, size_t size);
#define HTTP_ATTACHMENT_HEADER_MAX (80 + 4 * VFS_NAME_MAX)

#endif
