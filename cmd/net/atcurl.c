/* atcurl: an HTTP request through the modem's own HTTP client (AT+HTTPCLIENT, net/at_http.h)
 * with curl's options, the body on out or into a file (-o). The modem's client shows a
 * response's headers only for HEAD: -i asks for them with a HEAD first. An error status
 * (4xx, 5xx) is an error here, since the modem gives no body for it. */
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "net/at_http.h"

struct atcurl_opts {
    const char *method, *output;
    int include;
};

static int parse(const struct cmd_ctx *ctx, int argc, char **argv, struct atcurl_opts *o,
                 struct at_http_request *r)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (!strcmp(a, "-X") && has_value)
            o->method = argv[++i];
        else if (!strcmp(a, "-d") && has_value)
            r->data = argv[++i];
        else if (!strcmp(a, "-o") && has_value)
            o->output = argv[++i];
        else if (!strcmp(a, "-H") && has_value) {
            if (r->header_count == AT_HTTP_HEADERS_MAX)
                return cmd_error(ctx, "too many headers (%d)", AT_HTTP_HEADERS_MAX);
            r->headers[r->header_count++] = argv[++i];
        } else if (!strcmp(a, "-i"))
            o->include = 1;
        else if (a[0] == '-')
            return cmd_error(ctx, "unknown option %s (try atcurl --help)", a);
        else if (!r->url)
            r->url = a;
        else
            return cmd_error(ctx, "too many arguments");
    }
    if (!r->url)
        return cmd_error(ctx, "missing URL");
    r->method = at_http_method_named(o->method ? o->method : r->data ? "POST" : "GET");
    if (!r->method)
        return cmd_error(ctx, "%s: the modem's HTTP client has HEAD, GET, POST, PUT and "
                              "DELETE", o->method);
    return 0;
}

static int to_out(void *ctx, const uint8_t *buf, size_t len)
{
    stream_write(((proc_t *)ctx)->out, (const char *)buf, len);
    return 0;
}

/* -i: the response's headers, from a HEAD of the same URL, and a blank line. */
static enum at_status show_headers(proc_t *p, const struct at_http_request *r)
{
    struct at_http_request head = { .method = AT_HTTP_HEAD, .url = r->url, .lines = 1,
                                    .sink = to_out, .ctx = p };
    memcpy(head.headers, r->headers, sizeof head.headers);
    head.header_count = r->header_count;
    enum at_status st = at_http_client(&head);
    if (st == AT_STATUS_OK)
        proc_puts(p, "\n");
    else
        memcpy((char *)r->why, head.why, sizeof head.why);
    return st;
}

COMMAND(atcurl, "atcurl [-X METHOD] [-d DATA] [-H \"K: V\"] [-o FILE] [-i] URL\n"
        "  METHOD: HEAD, GET, POST, PUT, DELETE (-d: POST); -i: the headers of a HEAD first; "
        "a 4xx or 5xx answer is an error",
        "make an HTTP request through the modem's HTTP client (AT+HTTPCLIENT) and print the "
        "answer", RAW_ARGS, 0, MANY)
{
    struct atcurl_opts o = { 0 };
    struct at_http_request req = { 0 };
    if (parse(ctx, argc, argv, &o, &req))
        return 2;
    if (strncmp(req.url, "http://", 7) && strncmp(req.url, "https://", 8))
        return cmd_error(ctx, "%s: only http:// and https:// are supported", req.url);
    enum at_status st = AT_STATUS_OK;
    if (o.include && req.method != AT_HTTP_HEAD)
        st = show_headers(p, &req);
    if (o.include && req.method == AT_HTTP_HEAD)
        req.lines = 1;
    if (st == AT_STATUS_OK && o.output)
        st = at_http_save(&req, o.output, -1, at_http_client);
    else if (st == AT_STATUS_OK) {
        req.sink = to_out;
        req.ctx = p;
        st = at_http_client(&req);
    }
    if (st == AT_STATUS_STOPPED)
        return 130;
    if (st != AT_STATUS_OK)
        return cmd_error(ctx, "%s: %s", req.url, req.why);
    return 0;
}
