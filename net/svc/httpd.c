/* uhttpd: HTTP/1.1 with keep-alive. A connection's requests are read here, one head at a time
 * within a deadline (so a slow client cannot hold a session forever), and routed. */
#include "net/svc/httpd.h"

#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "lib/err.h"
#include "lib/str.h"
#include "net/svc/services.h"

#define HTTP_PORT 80
#define HTTP_SESSIONS 16
#define HEAD_TIMEOUT_MS 10000     /* a request head must arrive within this */

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
