/* multipart/form-data bodies (RFC 7578, RFC 2046 5.1): what `curl -F file=@x` and an HTML form
 * upload send. The reader streams the first part's content and stops at the delimiter that
 * ends it, holding back only as many bytes as the delimiter is long, so a file of any size
 * passes through a fixed buffer. It reads from a callback, not a socket, so it can be tested
 * and fuzzed from memory. */
#ifndef NET_SVC_MULTIPART_H
#define NET_SVC_MULTIPART_H

#include <stddef.h>

#define MULTIPART_BOUNDARY_MAX 70     /* RFC 2046: 1 to 70 characters */
#define MULTIPART_BUF 1024            /* a part's header block must fit */

/* Reads up to len bytes of the body: >0 bytes, 0 at its end, <0 an ERR_*. */
typedef int (*multipart_source)(void *ctx, void *buf, size_t len);

struct multipart {
    multipart_source read;
    void *ctx;
    char delim[MULTIPART_BOUNDARY_MAX + 4];   /* CR LF "--" boundary */
    size_t delim_len;
    char buf[MULTIPART_BUF];
    size_t start, end;                        /* unread bytes in buf */
    int source_ended, part_ended;
};

/* The boundary parameter of a Content-Type value, into out (MULTIPART_BOUNDARY_MAX + 1 bytes).
 * 0, or ERR_INVAL when the type is not multipart/form-data or the boundary is malformed. */
int multipart_boundary(const char *content_type, char *out);
/* Skips the preamble and the first part's header fields. 0, or ERR_INVAL when the body holds
 * no part, or the source's error. */
int multipart_begin(struct multipart *m, const char *boundary, multipart_source read, void *ctx);
/* Up to len bytes of the first part's content; 0 at its end. ERR_INVAL when the body ends
 * before the delimiter (a cut-off upload). */
int multipart_read(struct multipart *m, void *out, size_t len);

#endif
