#include "net/at_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kernel/files.h"
#include "lib/err.h"
#include "lib/str.h"

#define CMD_MAX 256             /* ESP-AT's longest command line */
#define SHORT_MS 2000           /* AT+SYSLOG, and a reply with no body */
#define ERR_HTTP_BASE 0x7000    /* the modem's HTTP error codes: base + the server's status */
#define ERR_HTTP_CONNECT 0x7002


/* What one reply is collecting. */
struct reply {
    struct at_http_request *r;
    long chunk_left;            /* bytes of the current chunk still to come */
    unsigned long err_code;     /* the last "ERR CODE:0x..." (AT+SYSLOG=1), or 0 */
    long size;                  /* +HTTPGETSIZE */
};

static const char *const methods[] = { "HEAD", "GET", "POST", "PUT", "DELETE" };

enum at_http_method at_http_method_named(const char *verb)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcasecmp(verb, methods[i]) == 0)
            return (enum at_http_method)(i + AT_HTTP_HEAD);
    return 0;
}

static void to_sink(struct at_http_request *r, const uint8_t *buf, size_t len)
{
    if (r->sink_error)
        return;             /* the rest of the body still comes, and goes nowhere */
    int w = r->sink ? r->sink(r->ctx, buf, len) : 0;
    if (w < 0)
        r->sink_error = w;
    else
        r->received += (long long)len;
}

static void on_event(void *ctx, const struct at_event *e)
{
    struct reply *x = ctx;
    if (e->kind == AT_RECVDATA)
        x->chunk_left = e->len;
    else if ((e->kind == AT_TEXT || e->kind == AT_INFO) && !strncmp(e->text, "ERR CODE:", 9))
        x->err_code = strtoul(e->text + 9, NULL, 16);
    else if (e->kind == AT_INFO && !strncmp(e->text, "+HTTPGETSIZE:", 13))
        x->size = strtol(e->text + 13, NULL, 10);
}

static void on_data(void *ctx, int link, const uint8_t *buf, size_t len)
{
    struct reply *x = ctx;
    to_sink(x->r, buf, len);
    x->chunk_left -= (long)len;
    if (x->chunk_left == 0 && x->r->lines)
        to_sink(x->r, (const uint8_t *)"\n", 1);
}

/* why[] for a request that did not end in OK. */
static void explain(struct at_http_request *r, const struct reply *x, enum at_status st)
{
    unsigned code = (unsigned)(x->err_code & 0xffff);
    if (st == AT_STATUS_ERROR && code >= ERR_HTTP_BASE + 100 && code < ERR_HTTP_BASE + 600)
        snprintf(r->why, sizeof r->why, "server answered %u", code - ERR_HTTP_BASE);
    else if (st == AT_STATUS_ERROR && code == ERR_HTTP_CONNECT)
        str_copy(r->why, "cannot connect (the modem's HTTP client)", sizeof r->why);
    else if (st == AT_STATUS_ERROR && x->err_code)
        snprintf(r->why, sizeof r->why, "the modem's HTTP client failed (ERR CODE 0x%08lx)",
                 x->err_code);
    else if (st == AT_STATUS_ERROR)
        str_copy(r->why, "the modem's HTTP client failed", sizeof r->why);
    else if (st == AT_STATUS_TIMEOUT)
        snprintf(r->why, sizeof r->why, "the modem stopped answering (nothing for %d s)",
                 AT_HTTP_IDLE_MS / 1000);
    else if (st == AT_STATUS_BUSY)
        str_copy(r->why, "the modem is busy", sizeof r->why);
    else
        str_copy(r->why, at_status_str(st), sizeof r->why);
}

/* Attaches to the modem and turns its error codes on; a firmware without AT+SYSLOG still
 * works, with plainer messages. */
static enum at_status prepare(struct at_http_request *r)
{
    r->received = 0;
    r->sink_error = 0;
    r->why[0] = '\0';
    if (!at_modem_clients() || at_modem_attach(at_modem_clients(), AT_MODEM_DEFAULT) < 0) {
        str_copy(r->why, "no modem: open its UART first (atmodem -c ID BAUD TX RX)",
                 sizeof r->why);
        return AT_STATUS_LINK;
    }
    enum at_status st = at_modem_command(at_modem_clients(), "AT+SYSLOG=1", SHORT_MS, NULL, NULL);
    if (st == AT_STATUS_TIMEOUT || st == AT_STATUS_LINK || st == AT_STATUS_STOPPED) {
        explain(r, &(struct reply){ r, 0, 0, -1 }, st);
        return st;
    }
    return AT_STATUS_OK;
}

static enum at_status run(struct at_http_request *r, const char *cmd, struct reply *x)
{
    const struct at_callbacks cb = { x, on_event, on_data };
    enum at_status st = at_modem_command_streamed(at_modem_clients(), cmd, AT_HTTP_IDLE_MS, &cb);
    if (st == AT_STATUS_TIMEOUT || st == AT_STATUS_STOPPED)
        at_parser_init(&at_modem_clients()->parser);   /* a half-read chunk is lost with it */
    if (st != AT_STATUS_OK)
        explain(r, x, st);
    return st;
}

static enum at_status too_long(struct at_http_request *r)
{
    snprintf(r->why, sizeof r->why, "the request does not fit one AT command (%d bytes)",
             CMD_MAX);
    return AT_STATUS_ERROR;
}

/* AT+HTTPCLIENT's <content-type> for a Content-Type header; -1 when it is none of its four
 * (the header then goes as it is). */
static int content_type(const char *header)
{
    static const char *const types[] = { "application/x-www-form-urlencoded",
                                         "application/json", "multipart/form-data",
                                         "text/xml" };
    if (strncasecmp(header, "Content-Type:", 13))
        return -1;
    const char *v = header + 13 + strspn(header + 13, " ");
    for (int i = 0; i < 4; i++)
        if (strcasecmp(v, types[i]) == 0)
            return i;
    return -1;
}

/* AT+HTTPCPOST="url",length,header_count,"header"...: a POST whose data does not fit
 * AT+HTTPCLIENT's command line; the data follows the modem's ">". The modem answers SEND OK
 * or SEND FAIL (the server refused it, or was not reached) and hands no body back. */
static enum at_status post_long(struct at_http_request *r)
{
    char cmd[CMD_MAX + 1] = "AT+HTTPCPOST=";
    size_t len = strlen(r->data);
    if (at_append_string(cmd, sizeof cmd, r->url) < 0 || strlen(cmd) + 16 > sizeof cmd)
        return too_long(r);
    memmove(cmd + 13, cmd + 14, strlen(cmd + 14) + 1);     /* the first argument: no comma */
    snprintf(cmd + strlen(cmd), 16, ",%u,%d", (unsigned)len, r->header_count);
    for (int i = 0; i < r->header_count; i++)
        if (at_append_string(cmd, sizeof cmd, r->headers[i]) < 0)
            return too_long(r);
    enum at_status st = prepare(r);
    if (st == AT_STATUS_OK)
        st = at_modem_command(at_modem_clients(), cmd, SHORT_MS, ">", NULL);
    if (st == AT_STATUS_OK)
        st = at_modem_send_data(at_modem_clients(), r->data, len, AT_HTTP_IDLE_MS);
    if (st == AT_STATUS_SEND_FAIL)
        str_copy(r->why, "the server refused the data or was not reached (SEND FAIL)",
                 sizeof r->why);
    else if (st != AT_STATUS_OK)
        explain(r, &(struct reply){ r, 0, 0, -1 }, st);
    return st;
}

enum at_status at_http_client(struct at_http_request *r)
{
    char cmd[CMD_MAX + 1];
    int type = 0;
    for (int i = 0; i < r->header_count; i++)
        if (content_type(r->headers[i]) >= 0)
            type = content_type(r->headers[i]);
    snprintf(cmd, sizeof cmd, "AT+HTTPCLIENT=%d,%d", (int)r->method, type);
    if (at_append_string(cmd, sizeof cmd, r->url) < 0)
        return too_long(r);
    strcat(cmd, ",,,");                     /* no host, no path: the URL says them */
    strcat(cmd, strncmp(r->url, "https:", 6) ? "1" : "2");
    int with_data = r->method == AT_HTTP_POST || r->method == AT_HTTP_PUT;
    if (r->data && !with_data) {
        str_copy(r->why, "the modem's HTTP client sends data with POST and PUT only",
                 sizeof r->why);
        return AT_STATUS_ERROR;
    }
    /* the data comes before the headers even when empty */
    int fits = !with_data || at_append_string(cmd, sizeof cmd, r->data ? r->data : "") == 0;
    for (int i = 0; fits && i < r->header_count; i++)
        if (content_type(r->headers[i]) < 0)
            fits = at_append_string(cmd, sizeof cmd, r->headers[i]) == 0;
    if (!fits)
        return r->method == AT_HTTP_POST && r->data ? post_long(r) : too_long(r);
    enum at_status st = prepare(r);
    struct reply x = { r, 0, 0, -1 };
    return st != AT_STATUS_OK ? st : run(r, cmd, &x);
}

enum at_status at_http_get(struct at_http_request *r)
{
    char cmd[CMD_MAX + 1] = "AT+HTTPCGET=";
    if (at_append_string(cmd, sizeof cmd, r->url) < 0)
        return too_long(r);
    memmove(cmd + 12, cmd + 13, strlen(cmd + 13) + 1);     /* the first argument: no comma */
    enum at_status st = prepare(r);
    struct reply x = { r, 0, 0, -1 };
    return st != AT_STATUS_OK ? st : run(r, cmd, &x);
}

enum at_status at_http_size(struct at_http_request *r, long *size)
{
    char cmd[CMD_MAX + 1] = "AT+HTTPGETSIZE=";
    if (at_append_string(cmd, sizeof cmd, r->url) < 0)
        return too_long(r);
    memmove(cmd + 15, cmd + 16, strlen(cmd + 16) + 1);
    enum at_status st = prepare(r);
    struct reply x = { r, 0, 0, -1 };
    if (st == AT_STATUS_OK)
        st = run(r, cmd, &x);
    *size = x.size;
    return st;
}

struct file_sink {
    vfs_file_t *f;
    size_t used;
    uint8_t buf[AT_HTTP_FILE_BUFFER];
};

static int flush_sink(struct file_sink *s)
{
    int w = s->used ? vfs_write(s->f, s->buf, s->used) : 0;
    s->used = 0;
    return w < 0 ? w : 0;
}

/* The modem's chunks come through the UART in small pieces: the flash gets them in
 * AT_HTTP_FILE_BUFFER-byte writes. */
static int write_sink(void *ctx, const uint8_t *buf, size_t len)
{
    struct file_sink *s = ctx;
    while (len > 0) {
        size_t n = sizeof s->buf - s->used < len ? sizeof s->buf - s->used : len;
        memcpy(s->buf + s->used, buf, n);
        s->used += n;
        buf += n;
        len -= n;
        if (s->used == sizeof s->buf && flush_sink(s) < 0)
            return -1;
    }
    return 0;
}

enum at_status at_http_save(struct at_http_request *r, const char *path, long long expected,
                            enum at_status (*fetch)(struct at_http_request *r))
{
    char part[VFS_PATH_MAX + 8];
    struct file_sink s = { 0 };
    int e = file_replace_open(path, part, sizeof part, &s.f);
    if (e < 0) {
        snprintf(r->why, sizeof r->why, "%s: %s", path, err_str(e));
        return AT_STATUS_ERROR;
    }
    r->sink = write_sink;
    r->ctx = &s;
    enum at_status st = fetch(r);
    int flushed = flush_sink(&s);
    int closed = vfs_close(s.f);
    if (st == AT_STATUS_OK && (r->sink_error || flushed < 0 || closed < 0)) {
        e = flushed < 0 ? flushed : closed < 0 ? closed : ERR_IO;
        snprintf(r->why, sizeof r->why, "%s: %s", path, err_str(e));
        st = AT_STATUS_ERROR;
    } else if (st == AT_STATUS_OK && expected >= 0 && r->received != expected) {
        snprintf(r->why, sizeof r->why, "the body was %lld bytes, not %lld", r->received,
                 expected);
        st = AT_STATUS_ERROR;
    }
    e = file_replace_commit(part, path, st == AT_STATUS_OK ? 0 : -1);
    if (st == AT_STATUS_OK && e < 0) {
        snprintf(r->why, sizeof r->why, "%s: %s", path, err_str(e));
        st = AT_STATUS_ERROR;
    }
    return st;
}
