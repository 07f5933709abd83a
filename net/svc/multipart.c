#include "net/svc/multipart.h"

#include <string.h>

#include "lib/err.h"
#include "lib/str.h"

int multipart_boundary(const char *content_type, char *out)
{
    static const char type[] = "multipart/form-data";
    if (str_casestr(content_type, type) != content_type)
        return ERR_INVAL;
    const char *p = str_casestr(content_type + sizeof type - 1, "boundary=");
    if (!p)
        return ERR_INVAL;
    p += 9;
    int quoted = *p == '"';
    p += quoted;
    size_t n = quoted ? strcspn(p, "\"") : strcspn(p, "; \t");
    if (n == 0 || n > MULTIPART_BOUNDARY_MAX || (quoted && p[n] != '"'))
        return ERR_INVAL;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

/* Tops the buffer up from the source, moving what is unread to its start. */
static int fill(struct multipart *m)
{
    if (m->start > 0) {
        memmove(m->buf, m->buf + m->start, m->end - m->start);
        m->end -= m->start;
        m->start = 0;
    }
    while (!m->source_ended && m->end < sizeof m->buf) {
        int n = m->read(m->ctx, m->buf + m->end, sizeof m->buf - m->end);
        if (n < 0)
            return n;
        if (n == 0)
            m->source_ended = 1;
        m->end += (size_t)n;
        if (n > 0)
            break;                 /* enough to look at; read more when needed */
    }
    return 0;
}

/* Where what (len bytes) starts in the unread bytes; -1 when it is not there (yet). */
static long find(const struct multipart *m, const char *what, size_t len)
{
    for (size_t i = m->start; i + len <= m->end; i++)
        if (m->buf[i] == what[0] && !memcmp(m->buf + i, what, len))
            return (long)(i - m->start);
    return -1;
}

/* Consumes bytes up to and including what; ERR_INVAL when the body ends first or what does
 * not come within a buffer's length. */
static int skip_past(struct multipart *m, const char *what, size_t len)
{
    for (;;) {
        long at = find(m, what, len);
        if (at >= 0) {
            m->start += (size_t)at + len;
            return 0;
        }
        size_t before = m->end - m->start;
        if (m->source_ended || before == sizeof m->buf)
            return ERR_INVAL;
        int r = fill(m);
        if (r < 0)
            return r;
    }
}

/* Makes sure at least n unread bytes are there unless the body ends first. */
static int want(struct multipart *m, size_t n)
{
    while (m->end - m->start < n && !m->source_ended) {
        int r = fill(m);
        if (r < 0)
            return r;
    }
    return m->end - m->start >= n ? 0 : ERR_INVAL;
}

static int starts_with(const struct multipart *m, const char *what)
{
    size_t n = strlen(what);
    return m->end - m->start >= n && !memcmp(m->buf + m->start, what, n);
}

/* The part's header fields (we need none of them), up to the empty line that ends them. */
static int skip_part_headers(struct multipart *m)
{
    int r;
    for (int lines = 0; lines < 32; lines++) {
        if ((r = want(m, 2)) < 0)
            return r;
        if (starts_with(m, "\r\n")) {
            m->start += 2;
            return 0;
        }
        if ((r = skip_past(m, "\r\n", 2)) < 0)
            return r;
    }
    return ERR_INVAL;
}

int multipart_begin(struct multipart *m, const char *boundary, multipart_source read, void *ctx)
{
    memset(m, 0, sizeof *m);
    m->read = read;
    m->ctx = ctx;
    /* The body's first delimiter has no CR LF before it: pretend there was one. */
    m->delim_len = strlen(boundary) + 4;
    memcpy(m->delim, "\r\n--", 4);
    memcpy(m->delim + 4, boundary, m->delim_len - 4);
    memcpy(m->buf, "\r\n", 2);
    m->end = 2;
    int r = skip_past(m, m->delim, m->delim_len);
    if (r == 0 && (r = want(m, 2)) == 0 && starts_with(m, "--"))
        r = ERR_INVAL;                           /* the closing delimiter: no part at all */
    if (r == 0)
        r = skip_past(m, "\r\n", 2);             /* the rest of the delimiter line */
    return r < 0 ? r : skip_part_headers(m);
}

int multipart_read(struct multipart *m, void *out, size_t len)
{
    while (!m->part_ended) {
        long at = find(m, m->delim, m->delim_len);
        size_t unread = m->end - m->start;
        size_t safe = at >= 0 ? (size_t)at
                    : unread >= m->delim_len ? unread - (m->delim_len - 1) : 0;
        if (at < 0 && m->source_ended)
            return ERR_INVAL;                    /* the body ended inside the part */
        if (safe > 0) {
            size_t n = safe < len ? safe : len;
            memcpy(out, m->buf + m->start, n);
            m->start += n;
            return (int)n;
        }
        if (at >= 0) {
            m->part_ended = 1;
            break;
        }
        int r = fill(m);
        if (r < 0)
            return r;
    }
    return 0;
}
