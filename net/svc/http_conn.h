/* An HTTP connection and what a request handler does with it: send a response
 * (http_send.c), read the request's body (http_body.c), check the web login (http_session.c).
 * The handlers (httpd.h) and the connection loop (httpd.c) both stand on this, so neither
 * depends on the other. */
#ifndef NET_SVC_HTTP_CONN_H
#define NET_SVC_HTTP_CONN_H

#include <stddef.h>

#include "kernel/proc.h"
#include "net/linereader.h"
#include "net/svc/http_parse.h"

#define HTTP_BODY_MAX 16384       /* JSON bodies; file uploads are streamed */

struct json;

struct http_conn {
    proc_t *self;
    sock_t *sock;
    struct linereader in;
    uint32_t peer;
    struct http_request req;
    long long body_left;          /* bytes not read yet of the body, or of its current chunk */
    int body_chunked;             /* more chunks may follow (http_body.c) */
    int chunk_seen;               /* a chunk's data came: its CR LF is next */
    int close_after;              /* end the connection after this response */
};

const char *http_reason(int status);
/* Status line and headers; extra is more header lines, each ending in CRLF (may be NULL). */
/* The head, blank line included, into buf: its length, or ERR_NAMETOOLONG if it does not fit. */
int http_format_head(struct http_conn *c, int status, const char *type, long long length,
                     const char *extra, char *buf, size_t size);
int http_send_head(struct http_conn *c, int status, const char *type, long long length,
                   const char *extra);
int http_send(struct http_conn *c, int status, const char *type, const char *body, size_t len,
              const char *extra);
int http_send_error(struct http_conn *c, int status);
/* Sends j (and frees it). */
int http_send_json(struct http_conn *c, int status, struct json *j, const char *extra);
int http_send_json_error(struct http_conn *c, int status, const char *message);
/* Request bodies (http_body.c): with a Content-Length or chunked. */
void http_body_begin(struct http_conn *c);
int http_has_body(const struct http_conn *c);
/* Up to len bytes of the body; 0 when it is all read; a negative ERR_* when the client broke
 * off or sent a malformed chunk (the connection then closes after the response). */
int http_read_body(struct http_conn *c, void *buf, size_t len);
/* The whole body, NUL-terminated (malloc'd); NULL and *status 413/400 when it cannot be. */
char *http_read_body_text(struct http_conn *c, size_t limit, int *status);
/* Skips what the handler left of the body, so the next request starts where it should; a
 * body too large to skip closes the connection instead. */
void http_skip_body(struct http_conn *c);

/* Web logins: random tokens kept in a small table. */
int http_session_new(char *token);                  /* token: HTTP_TOKEN_LEN + 1 bytes */
void http_session_drop(const char *token);
/* 1 when no password is set, or the request carries a live session token. */
int http_authorized(const struct http_conn *c);
/* The process running this session's API command (for /api/cmd/interrupt); 0: none. */
void http_session_set_command(const char *token, int pid);
int http_session_command(const char *token);

#endif
