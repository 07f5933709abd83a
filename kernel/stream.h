/* Streams: where a process reads and writes. A stream is a terminal, a file, a pipe end, a
 * capture into memory (for `> var` and the HTTP API) or nothing. Redirection, pipes, several
 * telnet users and the web terminal are all the same mechanism: giving a process other streams. */
#ifndef KERNEL_STREAM_H
#define KERNEL_STREAM_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>

typedef struct stream stream_t;
struct tty;

struct stream_ops {
    /* Blocking read: bytes read, 0 at end of input, or a negative ERR_* (ERR_INTR when the
     * process was told to stop). Each call is a hold point and a stop point. */
    int (*read)(stream_t *s, char *buf, size_t len);
    int (*write)(stream_t *s, const char *buf, size_t len);
    void (*release)(stream_t *s);      /* the last reference went */
};

struct stream {
    const struct stream_ops *ops;
    void *ctx;
    struct tty *tty;                   /* set when the stream is a terminal */
    /* 1 when a read would not wait (input waiting, or the end reached). NULL: reads never
     * wait (files, null, capture). Set by streams whose reads block; for event loops. */
    int (*readable)(stream_t *s);
    _Atomic int refs;                  /* each process takes three: atomic, no lock */
    const char *name;                  /* what it writes to, for errors (NULL: "output") */
};

stream_t *stream_new(const struct stream_ops *ops, void *ctx);
stream_t *stream_ref(stream_t *s);
void stream_unref(stream_t *s);

int stream_read(stream_t *s, char *buf, size_t len);
int stream_write(stream_t *s, const char *buf, size_t len);
int stream_readable(stream_t *s);
/* What s writes to, for error messages: a file stream's path, else "output". */
const char *stream_name(stream_t *s);
int stream_puts(stream_t *s, const char *text);
int stream_printf(stream_t *s, const char *fmt, ...);
int stream_vprintf(stream_t *s, const char *fmt, va_list ap);
/* Reads one line without its end (\n, \r\n). Returns its length, -1 at end of input, or a
 * negative ERR_*. A line longer than size-1 is cut there; the rest comes with the next call. */
int stream_read_line(stream_t *s, char *buf, size_t size);

stream_t *stream_null(void);
/* Capture: everything written is kept in memory; stream_capture_text() returns it (owned by
 * the stream, valid until it is released). Reading gives end of input. */
stream_t *stream_capture(size_t limit);
const char *stream_capture_text(stream_t *s, size_t *len);
/* 1 when output past the limit (or past what memory allowed) was dropped. */
int stream_capture_overflowed(stream_t *s);

#endif
