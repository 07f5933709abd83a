/* libFuzzer target: the HTTP request-head parser, chunk-size lines, ranges, query parameters,
 * percent-decoding, Origin checks, attachment headers, and the multipart/form-data reader
 * (the input as a body, fed in pieces of varying size, must never yield more bytes than it
 * holds). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/svc/http_parse.h"

struct memory_body {
    const uint8_t *data;
    size_t size, at;
};

static int read_memory(void *ctx, void *buf, size_t len)
{
    struct memory_body *b = ctx;
    size_t piece = 1 + (b->at * 7) % 61;       /* pieces of 1 to 61 bytes */
    if (len > piece)
        len = piece;
    if (len > b->size - b->at)
        len = b->size - b->at;
    memcpy(buf, b->data + b->at, len);
    b->at += len;
    return (int)len;
}

static void fuzz_multipart(const uint8_t *data, size_t size)
{
    static struct multipart m;
    struct memory_body body = { data, size, 0 };
    char out[100];
    size_t total = 0;
    int n;
    if (multipart_begin(&m, "b0undary", read_memory, &body) < 0)
        return;
    while ((n = multipart_read(&m, out, sizeof out)) > 0)
        if ((total += (size_t)n) > size)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_multipart(data, size);
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct http_request r;
    char *line = text, *next;
    int status = -1;
    /* lines as the server sees them: the request line, then header fields */
    for (int first = 1; line; line = next, first = 0) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        if (strlen(line) > HTTP_LINE_MAX)
            break;
        long long chunk;
        if (http_parse_chunk_size(line, &chunk) == 0 && (chunk < 0 || chunk >= 1LL << 48))
            abort();
        status = first ? http_parse_request_line(line, &r) : http_parse_header(line, &r);
        if (status)
            break;
    }
    if (status == 0)
        status = http_check_framing(&r);
    if (status == 0) {
        char value[64], header[HTTP_ATTACHMENT_HEADER_MAX];
        uint32_t a, b;
        if (r.content_length > HTTP_LENGTH_MAX)
            abort();
        http_same_origin(&r);
        /* a name (the path's last part, at most VFS_NAME_MAX) never ends the header early */
        const char *name = strrchr(r.path, '/') ? strrchr(r.path, '/') + 1 : r.path;
        if (strlen(name) <= VFS_NAME_MAX) {
            int n = http_attachment_header(name, header, sizeof header);
            if (n < 0 || (size_t)n != strlen(header) || strstr(header, "\r\n") != header + n - 2)
                abort();
        }
        http_query_param(r.query, "path", value, sizeof value);
        http_parse_range(r.range, (uint32_t)size, &a, &b);
        http_parse_range(r.range, 0, &a, &b);
    }
    char out[32];
    http_decode((const char *)data, size, out, sizeof out, 1);
    free(text);
    return 0;
}
