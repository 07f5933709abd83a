#include "kernel/stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/proc.h"
#include "lib/err.h"
#include "lib/str.h"

stream_t *stream_new(const struct stream_ops *ops, void *ctx)
{
    stream_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ops = ops;
    s->ctx = ctx;
    atomic_init(&s->refs, 1);
    return s;
}

stream_t *stream_ref(stream_t *s)
{
    if (s)
        atomic_fetch_add(&s->refs, 1);
    return s;
}

void stream_unref(stream_t *s)
{
    if (!s)
        return;
    if (atomic_fetch_add(&s->refs, -1) != 1)   /* fetch_add: the one ARMv6-M's port supplies */
        return;
    if (s->ops->release)
        s->ops->release(s);
    free(s);
}

int stream_read(stream_t *s, char *buf, size_t len)
{
    if (!s || !s->ops->read)
        return 0;
    return s->ops->read(s, buf, len);
}

const char *stream_name(stream_t *s)
{
    return s && s->name ? s->name : "output";
}

int stream_write(stream_t *s, const char *buf, size_t len)
{
    if (!s || !s->ops->write)
        return (int)len;
    /* A hold point, so a held program that only prints pauses too. Not a stop point: what a
     * stopping program says on its way out (and the shell's "Done") must still be seen. */
    proc_should_stop();
    return s->ops->write(s, buf, len);
}

int stream_readable(stream_t *s)
{
    return !s || !s->readable || s->readable(s);
}

int stream_puts(stream_t *s, const char *text)
{
    return stream_write(s, text, strlen(text));
}

int stream_vprintf(stream_t *s, const char *fmt, va_list ap)
{
    char small[256];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0)
        return ERR_INVAL;
    if ((size_t)n < sizeof small)
        return stream_write(s, small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return ERR_NOMEM;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    int r = stream_write(s, big, (size_t)n);
    free(big);
    return r;
}

int stream_printf(stream_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = stream_vprintf(s, fmt, ap);
    va_end(ap);
    return r;
}

int stream_read_line(stream_t *s, char *buf, size_t size)
{
    size_t n = 0;
    while (n + 1 < size) {
        char c;
        int r = stream_read(s, &c, 1);
        if (r < 0)
            return r;
        if (r == 0) {
            if (n == 0)
                return -1;
            break;
        }
        if (c == '\n')
            break;
        buf[n++] = c;
    }
    if (n && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return (int)n;
}

/* ---- the null stream ---- */

static int null_read(stream_t *s, char *buf, size_t len)
{
    return 0;
}

static int null_write(stream_t *s, const char *buf, size_t len)
{
    return (int)len;
}

static const struct stream_ops null_ops = { null_read, null_write, NULL };

stream_t *stream_null(void)
{
    return stream_new(&null_ops, NULL);
}

/* ---- capture into memory ---- */

struct capture {
    struct strbuf text;
    size_t limit;
    int overflowed;            /* some output was dropped */
};

static int capture_write(stream_t *s, const char *buf, size_t len)
{
    struct capture *c = s->ctx;
    size_t room = c->limit > c->text.len ? c->limit - c->text.len : 0;
    strbuf_add(&c->text, buf, len < room ? len : room);
    if (len > room || c->text.failed)
        c->overflowed = 1;
    return (int)len;   /* past the limit output is dropped, the writer goes on */
}

static void capture_release(stream_t *s)
{
    struct capture *c = s->ctx;
    strbuf_free(&c->text);
    free(c);
}

static const struct stream_ops capture_ops = { null_read, capture_write, capture_release };

stream_t *stream_capture(size_t limit)
{
    struct capture *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    strbuf_init(&c->text);
    c->limit = limit;
    stream_t *s = stream_new(&capture_ops, c);
    if (!s)
        free(c);
    return s;
}

const char *stream_capture_text(stream_t *s, size_t *len)
{
    struct capture *c = s->ctx;
    if (len)
        *len = c->text.len;
    return c->text.data ? c->text.data : "";
}

int stream_capture_overflowed(stream_t *s)
{
    struct capture *c = s->ctx;
    return c->overflowed;
}
