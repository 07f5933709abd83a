/* curl: an HTTP request with the body on out; -i shows the response head, -v the exchange. */
#include <string.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "net/http_client.h"

#define MAX_HEADERS 8

struct curl_opts {
    const char *method, *data, *url;
    const char *headers[MAX_HEADERS];
    int header_count, include, verbose;
    struct tls_options tls;
};

static void show_request_line(void *ctx, const char *line)
{
    stream_printf(((proc_t *)ctx)->err, "> %s\n", line);
}

static void show_head_line_verbose(void *ctx, const char *line)
{
    stream_printf(((proc_t *)ctx)->err, "< %s\n", line);
}

static void show_head_line(void *ctx, const char *line)
{
    proc_printf(ctx, "%s\n", line);
}

static int parse(const struct cmd_ctx *ctx, int argc, char **argv, struct curl_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (!strcmp(a, "-X") && has_value)
            o->method = argv[++i];
        else if (!strcmp(a, "-d") && has_value)
            o->data = argv[++i];
        else if (!strcmp(a, "-H") && has_value) {
            if (o->header_count == MAX_HEADERS)
                return cmd_error(ctx, "too many headers");
            o->headers[o->header_count++] = argv[++i];
        } else if (!strcmp(a, "-i"))
            o->include = 1;
        else if (!strcmp(a, "-v"))
            o->verbose = 1;
        else if (!strcmp(a, "-k") || !strcmp(a, "--insecure"))
            o->tls.insecure = 1;
        else if (!strcmp(a, "--cacert") && has_value)
            o->tls.ca_file = argv[++i];
        else if (a[0] == '-')
            return cmd_error(ctx, "unknown option %s", a);
        else if (!o->url)
            o->url = a;
        else
            return cmd_error(ctx, "too many arguments");
    }
    if (!o->url)
        return cmd_error(ctx, "missing URL");
    return 0;
}

/* The request as the options say; the response callbacks print for -i and -v. */
static void set_request(struct http_client *c, const struct curl_opts *o, proc_t *p)
{
    c->method = o->method ? o->method : o->data ? "POST" : "GET";
    c->headers = o->headers;
    c->header_count = o->header_count;
    c->body = o->data;
    c->body_len = o->data ? strlen(o->data) : 0;
    c->tls = o->tls;
    c->ctx = p;
    if (o->verbose) {
        c->on_request_line = show_request_line;
        c->on_head_line = show_head_line_verbose;
    } else if (o->include) {
        c->on_head_line = show_head_line;
    }
}

COMMAND(curl, "curl [-X METHOD] [-H \"K: V\"] [-d DATA] [-i] [-v] [-k] [--cacert FILE] URL",
        "make an HTTP or HTTPS request and print the answer", RAW_ARGS, 0, MANY)
{
    struct curl_opts o = { 0 };
    struct url u;
    if (parse(ctx, argc, argv, &o))
        return 2;
    int r = url_parse(o.url, &u);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", o.url,
                         r == ERR_NOTSUP ? "only http:// and https:// are supported"
                                         : "not a URL");
    struct http_client c = { 0 };
    set_request(&c, &o, p);
    if (u.tls && o.tls.insecure)
        stream_printf(p->err, "curl: warning: not checking the server's certificate (-k)\n");
    if ((r = http_client_open(&c, &u, 10000)) < 0) {
        char why[192];
        http_client_error_text(&c, r, why, sizeof why);
        return cmd_error(ctx, "%s: %s", o.url, why);
    }
    char buf[1024];
    int n;
    while ((n = http_client_read(&c, buf, sizeof buf)) > 0)
        stream_write(p->out, buf, (size_t)n);
    http_client_close(&c);
    if (n < 0)
        return cmd_error(ctx, "%s: %s", o.url, err_str(n));
    return 0;                            /* like curl without -f: an HTTP error is an answer */
}
