/* uhttpd's request handlers: the connection loop (httpd.c) reads a request head and hands it
 * to static files (http_static.c), the JSON API (http_api.c) or the WebSocket terminal
 * (websocket.c). What they share, the connection and its replies, is in http_conn.h. */
#ifndef NET_SVC_HTTPD_H
#define NET_SVC_HTTPD_H

#include "net/svc/http_conn.h"

#define HTTP_ROOT "/www"

void http_serve_static(struct http_conn *c);
/* Sends a file (or the request's Range of it); extra: more header lines. */
struct vfs_stat;
void http_send_file(struct http_conn *c, const char *path, const struct vfs_stat *st,
                    const char *type, const char *extra);
void http_serve_api(struct http_conn *c);
void http_serve_websocket(struct http_conn *c);

#endif
