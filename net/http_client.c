#include "net/http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/str.h"

#define HEAD_LINE_MAX 1024
#define READ_TIMEOUT_MS 30000

/* "ftp://..." and the like: a scheme this client does not speak. */
static int has_scheme(const char *text)
{
    size_t n = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+.-");
    return n > 0 && str_starts(text + n, "://");
}

int url_parse(const char *text, struct url *u)
{
    const char *p = text;
    u->tls = str_starts(p, "https://");
    if (u->tls)
        p += 8;
    else if (str_starts(p, "http://"))
        p += 7;
    else if (has_scheme(p))
        return ERR_NOTSUP;
    size_t hlen = strcspn(p, ":/?");
    if (hlen == 0 || hlen >= sizeof u->host)
        return ERR_INVAL;
    memcpy(u->host, p, hlen);
    u->host[hlen] = '\0';
    p += hlen;
    u->port = u->tls ? 443 : 80;
    if (*p == ':') {
        char *end;
        long port = strtol(p + 1, &end, 10);
        if (end == p + 1 || port < 1 || port > 65535)
            return ERR_INVAL;
        u->port = (uint16_t)port;
        p = end;
    }
    if (*p && *p != '/' && *p != '?')
        return ERR_INVAL;
    int n = snprintf(u->path, sizeof u->path, "%s%s", *p == '/' ? "" : "/", p);
    return n < (int)sizeof u->path ? 0 : ERR_NAMETOOLONG;
}

void url_file_name(const char *path, char *out, size_t size)
{
    size_t end = strcspn(path, "?#");
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (end == start) {
        str_copy(out, "index", size);
        return;
    }
    size_t n = end - start < size - 1 ? end - start : size - 1;
    memcpy(out, path + start, n);
    out[n] = '\0';
}

static int send_line(struct http_client *c, const char *line)
{
    if (c->on_request_line)
        c->on_request_line(c->ctx, line);
    int r = conn_write_text(c->conn, line);
    return r < 0 ? r : conn_write(c->conn, "\r\n", 2);
}

static int send_request(struct http_client *c, const struct url *u)
{
    char line[HEAD_LINE_MAX];
    int has_type = 0;
    snprintf(line, sizeof line, "%s %s HTTP/1.1", c->method ? c->method : "GET", u->path);
    int r = send_line(c, line);
    if (u->port == (u->tls ? 443 : 80))
        snprintf(line, sizeof line, "Host: %s", u->host);
    else
        snprintf(line, sizeof line, "Host: %s:%u", u->host, (unsigned)u->port);
    if (r >= 0)
        r = send_line(c, line);
    snprintf(line, sizeof line, "User-Agent: %s/%s", sysdata.name, sysdata.version);
    if (r >= 0)
        r = send_line(c, line);
    if (r >= 0)
        r = send_line(c, "Connection: close");
    for (int i = 0; r >= 0 && i < c->header_count; i++) {
        has_type |= str_starts(c->headers[i], "Content-Type:") ||
                    str_starts(c->headers[i], "content-type:");
        r = send_line(c, c->headers[i]);
    }
    if (r >= 0 && c->body) {
        snprintf(line, sizeof line, "Content-Length: %lu", (unsigned long)c->body_len);
        r = send_line(c, line);
        if (r >= 0 && !has_type)
            r = send_line(c, "Content-Type: application/x-www-form-urlencoded");
    }
    if (r >= 0)
        r = send_line(c, "");
    if (r >= 0 && c->body && c->body_len)
        r = conn_write(c->conn, c->body, c->body_len);
    return r < 0 ? r : 0;
}

static void read_field(struct http_client *c, const char *line)
{
    const char *colon = strchr(line, ':');
    if (!colon)
        return;
    const char *v = colon + 1;
    while (*v == ' ')
        v++;
    size_t n = (size_t)(colon - line);
    char name[32];
    if (n >= sizeof name)
        return;
    memcpy(name, line, n);
    name[n] = '\0';
    if (!str_casecmp(name, "Content-Length"))
        c->length = strtoll(v, NULL, 10);
    else if (!str_casecmp(name, "Transfer-Encoding") && str_casestr(v, "chunked"))
        c->chunked = 1;
}

static int read_head(struct http_client *c)
{
    char line[HEAD_LINE_MAX];
    int n = linereader_line(&c->in, line, sizeof line, READ_TIMEOUT_MS);
    if (n < 0)
        return n == ERR_CLOSED ? ERR_IO : n;
    if (c->on_head_line)
        c->on_head_line(c->ctx, line);
    if (!str_starts(line, "HTTP/1.") || strlen(line) < 12)
        return ERR_IO;
    c->status = atoi(line + 9);
    while ((n = linereader_line(&c->in, line, sizeof line, READ_TIMEOUT_MS)) > 0) {
        if (c->on_head_line)
            c->on_head_line(c->ctx, line);
        read_field(c, line);
    }
    if (c->on_head_line && n == 0)
        c->on_head_line(c->ctx, "");
    return n < 0 && n != ERR_NAMETOOLONG ? n : 0;
}

int http_client_open(struct http_client *c, const struct url *u, int timeout_ms)
{
    c->status = 0;
    c->length = -1;
    c->chunked = 0;
    c->chunk_left = 0;
    c->done = 0;
    c->conn = (struct conn){ 0 };
    int r = conn_dial(u->host, u->port, u->tls ? &c->tls : NULL, timeout_ms, &c->conn);
    if (r < 0)
        return r;
    linereader_init_conn(&c->in, c->conn);
    if ((r = send_request(c, u)) == 0)
        r = read_head(c);
    if (r < 0) {
        http_client_close(c);
        return r;
    }
    if (c->chunked)
        c->length = -1;
    if (!strcmp(c->method ? c->method : "GET", "HEAD") || c->status == 204 || c->status == 304)
        c->done = 1;
    return 0;
}

/* The size line of the next chunk; 0 for the last one. */
static int next_chunk(struct http_client *c)
{
    char line[64];
    int n = linereader_line(&c->in, line, sizeof line, READ_TIMEOUT_MS);
    if (n == 0)                            /* the CRLF after the previous chunk */
        n = linereader_line(&c->in, line, sizeof line, READ_TIMEOUT_MS);
    if (n < 0)
        return n;
    char *end;
    long long size = strtoll(line, &end, 16);
    if (end == line || size < 0)
        return ERR_IO;
    c->chunk_left = size;
    if (size == 0)
        c->done = 1;
    return 0;
}

int http_client_read(struct http_client *c, void *buf, size_t len)
{
    if (c->done)
        return 0;
    if (c->chunked && c->chunk_left == 0) {
        int r = next_chunk(c);
        if (r < 0 || c->done)
            return r;
    }
    long long left = c->chunked ? c->chunk_left : c->length;
    if (left >= 0 && (long long)len > left)
        len = (size_t)left;
    if (left == 0) {
        c->done = 1;
        return 0;
    }
    int n = linereader_bytes(&c->in, buf, len, READ_TIMEOUT_MS);
    if (n == 0 || n == ERR_CLOSED) {
        c->done = 1;
        return left > 0 ? ERR_CLOSED : 0;  /* cut short, or the end of a body without length */
    }
    if (n > 0) {
        if (c->chunked)
            c->chunk_left -= n;
        else if (c->length >= 0)
            c->length -= n;
    }
    return n;
}

void http_client_error_text(const struct http_client *c, int err, char *buf, size_t size)
{
    char ca[128];
    if (err == ERR_TLS_CA) {
        tls_ca_path(&c->tls, ca, sizeof ca);
        snprintf(buf, size, "%s: %s (-k skips the check)", ca, err_str(err));
    } else if (err == ERR_NOTSUP && !tls_available()) {
        str_copy(buf, "this build has no TLS", size);
    } else {
        str_copy(buf, err_str(err), size);
    }
}

void http_client_close(struct http_client *c)
{
    conn_close(&c->conn);
}
