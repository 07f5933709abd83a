#include "net/iperf3.h"

#include <stdlib.h>
#include <string.h>

#include "hal/system.h"
#include "lib/err.h"
#include "lib/json.h"

#define JSON_MAX 65536

void iperf3_make_cookie(char cookie[IPERF3_COOKIE])
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    uint8_t random[IPERF3_COOKIE - 1];
    hal_random_bytes(random, sizeof random);
    for (int i = 0; i < IPERF3_COOKIE - 1; i++)
        cookie[i] = alphabet[random[i] & 31];
    cookie[IPERF3_COOKIE - 1] = '\0';
}

int iperf3_read_exact(sock_t *s, void *buf, size_t len, int timeout_ms)
{
    size_t got = 0;
    while (got < len) {
        int n = sock_recv(s, (char *)buf + got, len - got, timeout_ms);
        if (n <= 0)
            return n == 0 ? ERR_CLOSED : n;
        got += (size_t)n;
    }
    return 0;
}

int iperf3_send_state(sock_t *s, int state)
{
    int8_t b = (int8_t)state;
    return sock_send(s, &b, 1);
}

int iperf3_recv_state(sock_t *s, int timeout_ms, int *state)
{
    int8_t b;
    int r = iperf3_read_exact(s, &b, 1, timeout_ms);
    if (r < 0)
        return r;
    *state = b;
    return 0;
}

int iperf3_send_json(sock_t *s, const struct json *j)
{
    char *text = json_to_string(j, 0);
    if (!text)
        return ERR_NOMEM;
    uint32_t n = (uint32_t)strlen(text);
    uint8_t len[4] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n };
    int r = sock_send(s, len, 4);
    if (r >= 0)
        r = sock_send(s, text, n);
    free(text);
    return r < 0 ? r : 0;
}

struct json *iperf3_recv_json(sock_t *s, int timeout_ms)
{
    uint8_t len[4];
    if (iperf3_read_exact(s, len, 4, timeout_ms) < 0)
        return NULL;
    uint32_t n = (uint32_t)len[0] << 24 | (uint32_t)len[1] << 16 | (uint32_t)len[2] << 8 | len[3];
    if (n == 0 || n > JSON_MAX)
        return NULL;
    char *text = malloc(n + 1);
    if (!text || iperf3_read_exact(s, text, n, timeout_ms) < 0) {
        free(text);
        return NULL;
    }
    text[n] = '\0';
    struct json *j = json_parse(text, NULL, 0);
    free(text);
    return j;
}

static void add_num(struct json *o, const char *key, double v)
{
    json_add(o, key, json_new_num(v));
}

struct json *iperf3_results(long long bytes, double seconds, int sender)
{
    struct json *r = json_new(JSON_OBJECT), *streams = json_new(JSON_ARRAY),
                *stream = json_new(JSON_OBJECT);
    if (!r || !streams || !stream) {
        json_free(r);
        json_free(streams);
        json_free(stream);
        return NULL;
    }
    add_num(r, "cpu_util_total", 0);
    add_num(r, "cpu_util_user", 0);
    add_num(r, "cpu_util_system", 0);
    add_num(r, "sender_has_retransmits", sender ? -1 : 0);
    add_num(stream, "id", 1);
    add_num(stream, "bytes", (double)bytes);
    add_num(stream, "retransmits", -1);
    add_num(stream, "jitter", 0);
    add_num(stream, "errors", 0);
    add_num(stream, "packets", 0);
    add_num(stream, "start_time", 0);
    add_num(stream, "end_time", seconds);
    json_add(streams, NULL, stream);
    json_add(r, "streams", streams);
    return r;
}

long long iperf3_result_bytes(const struct json *results)
{
    struct json *streams = json_get(results, "streams");
    struct json *first = streams && streams->type == JSON_ARRAY ? streams->child : NULL;
    struct json *bytes = json_get(first, "bytes");
    return bytes && bytes->type == JSON_NUMBER ? (long long)bytes->num : -1;
}
