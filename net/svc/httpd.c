/* uhttpd: HTTP/1.1 with keep-alive. A connection's requests are read here, one head at a time
 * within a deadline (so a slow client cannot hold a session forever), and routed. */
#include "net/svc/httpd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "net/svc/services.h"

#define HTTP_PORT 80
#define HTTP_SESSIONS 16
#define HEAD_TIMEOUT_MS 10000     /* a request head must arrive within this */

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

int http_send_head(struct http_conn *c, int status, const char *type, long long length,
                   const char *extra)
{
    char head[512];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nServer: %s\r\n", status,
                     http_reason(status), sysdata.name);
    if (type)
        n += snprintf(head + n, sizeof head - (size_t)n, "Content-Type: %s\r\n", type);
    if (length >= 0)
        n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %lld\r\n", length);
    if (status >= 400 && status != 401 && status != 404 && status != 405 && status != 416)
        c->close_after = 1;     /* the request may not have been read to its end */
    if (status != 101)
        n += snprintf(head + n, sizeof head - (size_t)n, "Connection: %s\r\n",
                      c->close_after ? "close" : "keep-alive");
    if ((size_t)n >= sizeof head)
        return ERR_NAMETOOLONG;
    int r = sock_send(c->sock, head, (size_t)n);
    if (r >= 0 && extra)
        r = sock_send_text(c->sock, extra);
    return r < 0 ? r : sock_send(c->sock, "\r\n", 2);
}

int http_send(struct http_conn *c, int status, const char *type, const char *body, size_t len,
              const char *extra)
{
    int r = http_send_head(c, status, type, (long long)len, extra);
    if (r >= 0 && len && strcmp(c->req.method, "HEAD"))
        r = sock_send(c->sock, body, len);
    return r;
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

/* ---- one request ---- */

static int read_head(struct http_conn *c, char *line)
{
    uint64_t deadline = hal_time_us() + HEAD_TIMEOUT_MS * 1000ULL;
    int n;
    do {                                    /* empty lines before a request are allowed */
        n = linereader_line(&c->in, line, HTTP_LINE_MAX + 1, HEAD_TIMEOUT_MS);
    } while (n == 0);
    if (n == ERR_TIMEOUT)
        return 408;
    if (n == ERR_NAMETOOLONG)
        return 414;
    if (n < 0)
        return -1;
    int status = http_parse_request_line(line, &c->req);
    while (status == 0) {
        uint64_t now = hal_time_us();
        if (now >= deadline)
            return 408;
        n = linereader_line(&c->in, line, HTTP_LINE_MAX + 1, (int)((deadline - now) / 1000) + 1);
        if (n == 0)
            break;
        if (n == ERR_NAMETOOLONG)
            return 431;
        if (n == ERR_TIMEOUT)
            return 408;
        if (n < 0)
            return -1;
        status = http_parse_header(line, &c->req);
    }
    return status;
}

static void route(struct http_conn *c)
{
    const char *path = c->req.path;
    if (!strcmp(path, "/ws"))
        http_serve_websocket(c);
    else if (str_starts(path, "/api/"))
        http_serve_api(c);
    else
        http_serve_static(c);
}

static void http_session(proc_t *self, sock_t *client, const struct session_info *who)
{
    struct http_conn *c = calloc(1, sizeof *c);
    char *line = malloc(HTTP_LINE_MAX + 1);
    if (!c || !line) {
        free(c);
        free(line);
        return;
    }
    c->self = self;
    c->sock = client;
    c->peer = who->peer;
    linereader_init(&c->in, client);
    while (!c->close_after) {
        session_idle(who, 1);         /* until a whole head has come, the pool may take it back */
        int status = read_head(c, line);
        session_idle(who, 0);
        if (status < 0)
            break;
        c->close_after = !c->req.keep_alive;
        if (status == 0)
            status = http_check_framing(&c->req);
        http_body_begin(c);
        if (status) {
            c->close_after = 1;
            http_send_error(c, status);
            break;
        }
        route(c);
        http_skip_body(c);
    }
    free(line);
    free(c);
}

struct service httpd_service = {
    .name = "uhttpd",
    .default_port = HTTP_PORT,
    .max_sessions = HTTP_SESSIONS,
    .session = http_session,
    .busy_reply = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                  "Connection: close\r\nRetry-After: 1\r\n\r\n",
};
