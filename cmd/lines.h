/* A line reader over a file or a stream (grep, head, vi). */
#ifndef CMD_LINES_H
#define CMD_LINES_H

#include <stddef.h>

#include "fs/vfs.h"
#include "kernel/stream.h"

/* The longest line taken, its line end included: the buffer starts at LINES_FIRST_BUFFER and
 * grows up to this; a longer line is an error (ERR_LINE_TOO_LONG), never cut. */
#define LINES_FIRST_BUFFER 4096
#define LINES_MAX_BYTES 16384

/* Lines of a file or a stream, without their "\n" (a "\r" before it is kept out too, unless
 * keep_cr is set). */
struct lines {
    vfs_file_t *file;          /* one of file, stream */
    stream_t *stream;
    char *buf;
    size_t cap, len, pos;
    int ended;
    int keep_cr;               /* set after lines_open to keep a "\r" before "\n" in the line */
    int had_newline;           /* the last line returned ended with "\n" (else the input ended) */
};
/* Opens abs (or, with abs NULL, uses stream). 0 or a negative ERR_*. */
int lines_open(struct lines *l, const char *abs, stream_t *stream);
/* 1 and the line (NUL-terminated with room for one byte more at len, valid until the next
 * call), 0 at the end, or ERR_* (ERR_LINE_TOO_LONG past LINES_MAX_BYTES). */
int lines_next(struct lines *l, char **line, size_t *len);
void lines_close(struct lines *l);

#endif
