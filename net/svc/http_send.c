/* Responses: the status line and headers every reply starts with, and the small whole
 * replies (text, JSON, errors) that the handlers and the connection loop send. */
#include "net/svc/http_conn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "net/socket.h"

const char *http_reason(int status)
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

int http_format_head(struct http_conn *c, int status, const char *type, long long length,
                     const char *extra, char *buf, size_t size)
{
    int n = snprintf(buf, size, "HTTP/1.1 %d %s\r\nServer: %s\r\n", status,
                     http_reason(status), sysdata.name);
    if (type)
        n += snprintf(buf + n, size - (size_t)n, "Content-Type: %s\r\n", type);
    if (length >= 0)
        n += snprintf(buf + n, size - (size_t)n, "Content-Length: %lld\r\n", length);
    if (status >= 400 && status != 401 && status != 404 && status != 405 && status != 416)
        c->close_after = 1;     /* the request may not have been read to its end */
    if (status != 101)
        n += snprintf(buf + n, size - (size_t)n, "Connection: %s\r\n",
                      c->close_after ? "close" : "keep-alive");
    if ((size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "%s\r\n", extra ? extra : "");
    return (size_t)n < size ? n : ERR_NAMETOOLONG;
}

/* The head and as much of body as fits go out in one send: with Nagle off, every send is a
 * segment of its own, and a small reply in one segment is one wake-up for the client. */
static int send_head_and_body(struct http_conn *c, int status, const char *type,
                              long long length, const char *extra, const char *body,
                              size_t len)
{
    char head[512];
    int n = http_format_head(c, status, type, length, extra, head, sizeof head);
    if (n < 0) {                /* long extra headers: the head in three parts, as before */
        n = http_format_head(c, status, type, length, NULL, head, sizeof head);
        if (n < 0)
            return n;
        int r = sock_send(c->sock, head, (size_t)n - 2);
        if (r >= 0)
            r = sock_send_text(c->sock, extra);
        if (r >= 0)
            r = sock_send(c->sock, "\r\n", 2);
        return r < 0 || !len ? r : sock_send(c->sock, body, len);
    }
    size_t fits = sizeof head - (size_t)n < len ? 0 : len;
    if (fits)
        memcpy(head + n, body, fits);
    int r = sock_send(c->sock, head, (size_t)n + fits);
    return r < 0 || fits == len ? r : sock_send(c->sock, body, len);
}

int http_send_head(struct http_conn *c, int status, const char *type, long long length,
                   const char *extra)
{
    return send_head_and_body(c, status, type, length, extra, NULL, 0);
}

int http_send(struct http_conn *c, int status, const char *type, const char *body, size_t len,
              const char *extra)
{
    size_t sent = strcmp(c->req.method, "HEAD") ? len : 0;
    return send_head_and_body(c, status, type, (long long)len, extra, body, sent);
}

int http_send_error(struct http_conn *c, int status)
{
    char body[96];
    int n = snprintf(body, sizeof body, "%d %s\n", status, http_reason(status));
    return http_send(c, status, "text/plain", body, (size_t)n,
                     status == 405 ? "Allow: GET, HEAD\r\n" : NULL);
}

int http_send_json(struct http_conn *c, int status, struct json *j, const char *extra)
{
    char *text = j ? json_to_string(j, 0) : NULL;
    json_free(j);
    if (!text)
        return http_send_error(c, 500);
    int r = http_send(c, status, "application/json", text, strlen(text), extra);
    free(text);
    return r;
}

int http_send_json_error(struct http_conn *c, int status, const char *message)
{
    struct json *j = json_new(JSON_OBJECT);
    if (j)
        json_add(j, "error", json_new_str(message));
    return http_send_json(c, status, j, NULL);
}
