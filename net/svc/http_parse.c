#include "net/svc/http_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/str.h"

int http_parse_request_line(char *line, struct http_request *r)
{
    memset(r, 0, sizeof *r);
    r->content_length = -1;
    char *target = strchr(line, ' ');
    if (!target)
        return 400;
    *target++ = '\0';
    char *version = strchr(target, ' ');
    if (!version)
        return 400;
    *version++ = '\0';
    size_t mlen = strlen(line);
    if (mlen == 0 || mlen >= sizeof r->method)
        return 501;
    for (size_t i = 0; i < mlen; i++)
        if (line[i] < 'A' || line[i] > 'Z')
            return 400;
    memcpy(r->method, line, mlen + 1);
    if (!str_starts(version, "HTTP/1.") || !version[7] || version[8])
        return str_starts(version, "HTTP/") ? 505 : 400;
    if (version[7] < '0' || version[7] > '9')
        return 400;
    r->minor = version[7] - '0';
    r->keep_alive = r->minor >= 1;
    if (target[0] != '/')
        return 400;
    char *q = strchr(target, '?');
    size_t plen = q ? (size_t)(q - target) : strlen(target);
    if (q) {
        if (strlen(q + 1) >= sizeof r->query)
            return 414;
        str_copy(r->query, q + 1, sizeof r->query);
    }
    if (http_decode(target, plen, r->path, sizeof r->path, 0) < 0)
        return plen >= sizeof r->path ? 414 : 400;
    return 0;
}

static int same_name(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y || !x)
            return 0;
    }
    return 1;
}

/* The trimmed value when line is the header field name (names ignore case). */
static char *header_value(char *line, const char *name)
{
    size_t n = strlen(name);
    if (!same_name(line, name, n) || line[n] != ':')
        return NULL;
    char *v = line + n + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    str_trim_end(v);
    return v;
}

static int has_token(const char *list, const char *token)
{
    return str_casestr(list, token) != NULL;
}

static void read_cookie(const char *v, struct http_request *r)
{
    const char *p = v;
    while ((p = strstr(p, "session=")) != NULL) {
        if (p == v || p[-1] == ' ' || p[-1] == ';') {
            p += 8;
            size_t n = strcspn(p, "; ");
            if (n == HTTP_TOKEN_LEN) {
                memcpy(r->token, p, n);
                r->token[n] = '\0';
            }
            return;
        }
        p += 8;
    }
}

/* Digits only, and no more than a chunk may hold: an absurd length ("99999999999999999999",
 * which strtoll would clamp to LLONG_MAX) is a malformed request, not a body to wait for. */
static int read_length(const char *v, struct http_request *r)
{
    long long n = 0;
    if (*v < '0' || *v > '9')
        return 400;
    for (; *v >= '0' && *v <= '9'; v++) {
        n = n * 10 + (*v - '0');
        if (n > HTTP_LENGTH_MAX)
            return 400;
    }
    if (*v || (r->content_length >= 0 && r->content_length != n))
        return 400;
    r->content_length = n;
    return 0;
}

/* Only "chunked" on its own: a request's codings must end in chunked (RFC 7230 3.3.1) and we
 * decode no other (gzip, ...), so anything else is 501. */
static int read_transfer_encoding(const char *v, struct http_request *r)
{
    if (r->chunked || strlen(v) != 7 || !same_name(v, "chunked", 7))
        return 501;
    r->chunked = 1;
    return 0;
}

/* A value kept whole or not at all: a cut Origin or Host could match what it is not. One too
 * long to keep becomes unmatchable instead (too_long), so http_same_origin refuses it. */
static int keep_value(char *out, size_t size, const char *v, const char *too_long)
{
    str_copy(out, strlen(v) < size ? v : too_long, size);
    return 0;
}

int http_parse_header(char *line, struct http_request *r)
{
    if (++r->header_count > HTTP_HEADERS_MAX)
        return 431;
    char *colon = strchr(line, ':');
    if (!colon || colon == line || line[0] == ' ' || line[0] == '\t')
        return 400;
    for (char *c = line; c < colon; c++)
        if (*c == ' ' || *c == '\t')
            return 400;           /* no white space before the colon (RFC 7230 3.2.4) */
    char *v;
    if ((v = header_value(line, "Content-Length")))
        return read_length(v, r);
    if ((v = header_value(line, "Transfer-Encoding")))
        return read_transfer_encoding(v, r);
    if ((v = header_value(line, "Content-Type"))) {
        r->has_type = 1;
        r->type_json = str_casestr(v, "application/json") == v &&
                       (v[16] == '\0' || v[16] == ';' || v[16] == ' ');
        return str_casestr(v, "multipart/") == v && multipart_boundary(v, r->boundary) < 0 ? 400 : 0;
    }
    if ((v = header_value(line, "Origin")))
        return keep_value(r->origin, sizeof r->origin, v, "?");
    if ((v = header_value(line, "Host")))
        return keep_value(r->host, sizeof r->host, v, "");
    if ((v = header_value(line, "Connection"))) {
        if (has_token(v, "close"))
            r->keep_alive = 0;
        if (has_token(v, "keep-alive"))
            r->keep_alive = 1;
        r->connection_upgrade = has_token(v, "upgrade");
    } else if ((v = header_value(line, "Upgrade")))
        r->upgrade_websocket = has_token(v, "websocket");
    else if ((v = header_value(line, "Sec-WebSocket-Key")))
        str_copy(r->ws_key, v, sizeof r->ws_key);
    else if ((v = header_value(line, "Sec-WebSocket-Version")))
        r->ws_version = atoi(v);
    else if ((v = header_value(line, "Cookie")))
        read_cookie(v, r);
    else if ((v = header_value(line, "Range")))
        str_copy(r->range, v, sizeof r->range);
    return 0;
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
           c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int http_decode(const char *in, size_t len, char *out, size_t size, int form)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c == '%') {
            int hi = i + 2 < len ? hex(in[i + 1]) : -1;
            int lo = hi >= 0 ? hex(in[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return -1;
            c = (char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+' && form) {
            c = ' ';
        }
        if (c == '\0' || n + 1 >= size)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    return (int)n;
}

int http_query_param(const char *query, const char *name, char *out, size_t size)
{
    size_t nlen = strlen(name);
    const char *p = query;
    while (*p) {
        size_t len = strcspn(p, "&");
        if (len > nlen && !strncmp(p, name, nlen) && p[nlen] == '=')
            return http_decode(p + nlen + 1, len - nlen - 1, out, size, 1);
        if (len == nlen && !strncmp(p, name, nlen))
            return http_decode("", 0, out, size, 1);
        p += len;
        if (*p)
            p++;
    }
    return -1;
}

static int read_number(const char **s, uint32_t *out)
{
    if (**s < '0' || **s > '9')
        return -1;
    unsigned long long n = 0;
    while (**s >= '0' && **s <= '9') {
        n = n * 10 + (unsigned)(*(*s)++ - '0');
        if (n > 0xffffffffu)
            return -1;
    }
    *out = (uint32_t)n;
    return 0;
}

int http_parse_range(const char *spec, uint32_t size, uint32_t *first, uint32_t *last)
{
    if (!str_starts(spec, "bytes="))
        return 1;
    const char *s = spec + 6;
    uint32_t a, b;
    if (*s == '-') {                    /* the last N bytes */
        s++;
        if (read_number(&s, &b) < 0 || *s)
            return 1;
        if (b == 0 || size == 0)
            return -1;
        *first = b >= size ? 0 : size - b;
        *last = size - 1;
        return 0;
    }
    if (read_number(&s, &a) < 0 || *s++ != '-')
        return 1;
    if (*s == '\0')
        b = size ? size - 1 : 0;
    else if (read_number(&s, &b) < 0 || *s || b < a)
        return 1;                       /* several ranges or nonsense: send it all */
    if (a >= size)
        return -1;
    *first = a;
    *last = b >= size ? size - 1 : b;
    return 0;
}

int http_same_origin(const struct http_request *r)
{
    const char *site = r->origin;
    if (!site[0])
        return 1;
    if (str_starts(site, "http://"))
        site += 7;
    else if (str_starts(site, "https://"))
        site += 8;
    else
        return 0;                       /* "null" (a sandboxed page, a file) and the like */
    size_t n = strlen(site);
    return r->host[0] && n == strlen(r->host) && same_name(site, r->host, n);
}

int http_check_framing(const struct http_request *r)
{
    /* Both framings at once is how requests are smuggled past proxies (RFC 7230 3.3.3). */
    return r->chunked && r->content_length >= 0 ? 400 : 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

int http_parse_chunk_size(const char *line, long long *size)
{
    long long n = 0;
    int digits = 0, d;
    for (; (d = hex_digit(*line)) >= 0; line++) {
        if (++digits > HTTP_CHUNK_DIGITS_MAX)
            return 400;
        n = n * 16 + d;
    }
    while (*line == ' ' || *line == '\t')
        line++;
    if (!digits || (*line && *line != ';'))      /* extensions after ';' are ignored */
        return 400;
    *size = n;
    return 0;
}

/* RFC 5987 attr-char: what may stand unencoded in an ext-value. */
static int attr_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$&+-.^_`|~", c));
}

int http_attachment_header(const char *name, char *out, size_t size)
{
    static const char hexdigits[] = "0123456789ABCDEF";
    size_t n = 0, len = strlen(name);
    if (size < sizeof "Content-Disposition: attachment; filename=\"\"; filename*=UTF-8''\r\n" +
               len * 4)
        return -1;
    n += (size_t)snprintf(out, size, "Content-Disposition: attachment; filename=\"");
    for (size_t i = 0; i < len; i++) {     /* the plain fallback: printable ASCII only */
        unsigned char c = (unsigned char)name[i];
        out[n++] = c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? '_' : (char)c;
    }
    n += (size_t)snprintf(out + n, size - n, "\"; filename*=UTF-8''");
    for (size_t i = 0; i < len; i++) {     /* the exact name, percent-encoded (RFC 6266) */
        unsigned char c = (unsigned char)name[i];
        if (attr_char(c)) {
            out[n++] = (char)c;
        } else {
            out[n++] = '%';
            out[n++] = hexdigits[c >> 4];
            out[n++] = hexdigits[c & 15];
        }
    }
    memcpy(out + n, "\r\n", 3);
    return (int)(n + 2);
}
