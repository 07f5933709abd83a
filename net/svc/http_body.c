/* Request bodies: framed by Content-Length, or chunked (RFC 7230 4.1: "SIZE[;ext]" CR LF,
 * SIZE bytes, CR LF, ..., a last chunk of size 0, trailer fields, an empty line). Bodies are
 * read a piece at a time, so an upload streams into its file whatever its framing. */
#include <stdlib.h>

#include "lib/err.h"
#include "net/svc/http_conn.h"

#define BODY_TIMEOUT_MS 10000     /* each piece of a body must arrive within this */
#define CHUNK_LINE_MAX 128        /* a chunk-size line with its extensions */
#define SKIP_MAX 65536            /* unread body bytes skipped to keep a connection */
#define TEXT_FIRST_SIZE 256       /* a chunked JSON body's first buffer; it doubles */

void http_body_begin(struct http_conn *c)
{
    c->body_chunked = c->req.chunked;
    c->chunk_seen = 0;
    c->body_left = !c->req.chunked && c->req.content_length > 0 ? c->req.content_length : 0;
}

int http_has_body(const struct http_conn *c)
{
    return c->body_left > 0 || c->body_chunked;
}

static int read_line(struct http_conn *c, char *line, size_t size)
{
    return linereader_line(&c->in, line, size, BODY_TIMEOUT_MS);
}

/* The trailer after the last chunk: header fields we ignore, up to the empty line. */
static int skip_trailer(struct http_conn *c, char *line, size_t size)
{
    for (int i = 0; i <= HTTP_HEADERS_MAX; i++) {
        int n = read_line(c, line, size);
        if (n <= 0)
            return n;
    }
    return ERR_INVAL;
}

/* Reads the CR LF that ends the last chunk's data and the next chunk's size line. */
static int next_chunk(struct http_conn *c)
{
    char line[CHUNK_LINE_MAX];
    long long size;
    int n;
    if (c->chunk_seen && (n = read_line(c, line, sizeof line)) != 0)
        return n < 0 ? n : ERR_INVAL;          /* more data than the chunk's size said */
    c->chunk_seen = 1;
    if ((n = read_line(c, line, sizeof line)) < 0)
        return n;
    if (http_parse_chunk_size(line, &size))
        return ERR_INVAL;
    if (size > 0) {
        c->body_left = size;
        return 0;
    }
    c->body_chunked = 0;
    return skip_trailer(c, line, sizeof line);
}

int http_read_body(struct http_conn *c, void *buf, size_t len)
{
    if (c->body_left <= 0 && c->body_chunked) {
        int r = next_chunk(c);
        if (r < 0) {
            c->body_chunked = 0;
            c->close_after = 1;
            return r;
        }
    }
    if (c->body_left <= 0)
        return 0;
    if ((long long)len > c->body_left)
        len = (size_t)c->body_left;
    int n = linereader_bytes(&c->in, buf, len, BODY_TIMEOUT_MS);
    if (n == 0)
        n = ERR_CLOSED;
    if (n > 0)
        c->body_left -= n;
    else
        c->close_after = 1;
    return n;
}

/* Room for more of a body whose length is not known yet: doubles, up to limit + 1 bytes (one
 * more than allowed, to see that a body is too long). */
static char *grow(char *text, size_t *cap, size_t limit)
{
    size_t more = *cap * 2 > limit + 1 ? limit + 1 : *cap * 2;
    char *bigger = realloc(text, more + 1);
    if (bigger)
        *cap = more;
    return bigger;
}

char *http_read_body_text(struct http_conn *c, size_t limit, int *status)
{
    if (!c->body_chunked && c->body_left > (long long)limit) {
        *status = 413;
        return NULL;
    }
    size_t cap = c->body_chunked ? TEXT_FIRST_SIZE : (size_t)c->body_left, got = 0;
    char *text = malloc(cap + 1), *bigger;
    *status = 500;
    while (text) {
        if (got == cap && c->body_chunked) {
            if (cap > limit) {
                *status = 413;
                break;
            }
            if (!(bigger = grow(text, &cap, limit)))
                break;
            text = bigger;
        }
        int n = got < cap ? http_read_body(c, text + got, cap - got) : 0;
        if (n == 0) {
            text[got] = '\0';
            return text;
        }
        if (n < 0) {
            *status = 400;
            break;
        }
        got += (size_t)n;
    }
    free(text);
    return NULL;
}

void http_skip_body(struct http_conn *c)
{
    char buf[512];
    long long skipped = 0;
    if (c->body_left > SKIP_MAX) {
        c->close_after = 1;
        return;
    }
    while (!c->close_after) {
        int n = http_read_body(c, buf, sizeof buf);
        if (n <= 0 || (skipped += n) > SKIP_MAX) {
            c->close_after |= n != 0;
            return;
        }
    }
}
