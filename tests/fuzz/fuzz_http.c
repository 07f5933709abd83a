/* libFuzzer target: the HTTP request-head parser, chunk-size lines, ranges, query parameters,
 * percent-decoding. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/svc/http_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
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
        char value[64];
        uint32_t a, b;
        http_query_param(r.query, "path", value, sizeof value);
        http_parse_range(r.range, (uint32_t)size, &a, &b);
        http_parse_range(r.range, 0, &a, &b);
    }
    char out[32];
    http_decode((const char *)data, size, out, sizeof out, 1);
    free(text);
    return 0;
}
