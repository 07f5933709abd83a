#include "net/linereader.h"

#include <string.h>

#include "hal/time.h"
#include "lib/err.h"

void linereader_init(struct linereader *r, sock_t *sock)
{
    linereader_init_conn(r, conn_of_sock(sock));
}

void linereader_init_conn(struct linereader *r, struct conn conn)
{
    r->conn = conn;
    r->start = r->end = 0;
}

static int fill(struct linereader *r, uint64_t deadline_us)
{
    if (r->start == r->end)
        r->start = r->end = 0;
    if (r->end == sizeof r->buf) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    uint64_t now = hal_time_us();
    if (now >= deadline_us)
        return ERR_TIMEOUT;
    int n = conn_read(r->conn, r->buf + r->end, sizeof r->buf - r->end,
                      (int)((deadline_us - now + 999) / 1000));
    if (n == 0)
        return ERR_CLOSED;
    if (n > 0)
        r->end += (size_t)n;
    return n;
}

int linereader_line(struct linereader *r, char *out, size_t size, int timeout_ms)
{
    uint64_t deadline = hal_time_us() + (uint64_t)timeout_ms * 1000;
    size_t len = 0;
    int too_long = 0;
    for (;;) {
        while (r->start < r->end) {
            char c = r->buf[r->start++];
            if (c == '\n') {
                if (len && out[len - 1] == '\r')
                    len--;
                out[len] = '\0';
                return too_long ? ERR_NAMETOOLONG : (int)len;
            }
            if (len + 1 < size)
                out[len++] = c;
            else
                too_long = 1;
        }
        int n = fill(r, deadline);
        if (n < 0)
            return n;
    }
}

int linereader_bytes(struct linereader *r, void *out, size_t len, int timeout_ms)
{
    size_t have = r->end - r->start;
    if (have) {
        size_t n = have < len ? have : len;
        memcpy(out, r->buf + r->start, n);
        r->start += n;
        return (int)n;
    }
    return conn_read(r->conn, out, len, timeout_ms);
}
