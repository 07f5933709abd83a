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

static void add_true(struct json *o, const char *key)
{
    struct json *yes = json_new(JSON_BOOL);
    if (yes)
        yes->boolean = 1;
    json_add(o, key, yes);
}

struct json *iperf3_params_to_json(const struct iperf3_params *prm)
{
    struct json *j = json_new(JSON_OBJECT);
    if (!j)
        return NULL;
    add_true(j, prm->udp ? "udp" : "tcp");
    if (prm->reverse)
        add_true(j, "reverse");
    add_num(j, "omit", 0);
    add_num(j, "time", prm->seconds);
    add_num(j, "num", 0);
    add_num(j, "blockcount", 0);
    add_num(j, "parallel", 1);
    add_num(j, "len", (double)prm->len);
    if (prm->bandwidth > 0)
        add_num(j, "bandwidth", prm->bandwidth);
    if (prm->counters_64bit)
        add_num(j, "udp_counters_64bit", 1);
    add_num(j, "pacing_timer", 1000);
    json_add(j, "client_version", json_new_str("3.12"));
    return j;
}

/* A member that is true, or a non-zero number (iperf3 writes flags either way). */
static int flag(const struct json *j, const char *key)
{
    const struct json *m = json_get(j, key);
    return m && ((m->type == JSON_BOOL && m->boolean) || (m->type == JSON_NUMBER && m->num != 0));
}

static double number(const struct json *j, const char *key, double fallback)
{
    const struct json *m = json_get(j, key);
    return m && m->type == JSON_NUMBER ? m->num : fallback;
}

void iperf3_params_from_json(const struct json *j, struct iperf3_params *prm)
{
    memset(prm, 0, sizeof *prm);
    prm->udp = flag(j, "udp");
    prm->reverse = flag(j, "reverse");
    prm->bidir = flag(j, "bidirectional");
    prm->counters_64bit = flag(j, "udp_counters_64bit");
    prm->seconds = (int)number(j, "time", 10);
    prm->len = (long)number(j, "len", 0);
    prm->bandwidth = number(j, "bandwidth", 0);
    prm->parallel = (int)number(j, "parallel", 1);
}

struct json *iperf3_results(const struct iperf3_stats *st, int sender)
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
    /* 0: this sender counts no retransmits; -1: a receiver, which cannot know */
    add_num(r, "sender_has_retransmits", sender ? 0 : -1);
    add_num(stream, "id", 1);
    add_num(stream, "bytes", (double)st->bytes);
    add_num(stream, "retransmits", -1);
    add_num(stream, "jitter", st->jitter_s);
    add_num(stream, "errors", (double)st->lost);
    add_num(stream, "packets", (double)st->packets);
    add_num(stream, "start_time", 0);
    add_num(stream, "end_time", st->seconds);
    json_add(streams, NULL, stream);
    json_add(r, "streams", streams);
    return r;
}

int iperf3_results_read(const struct json *results, struct iperf3_stats *st)
{
    const struct json *streams = json_get(results, "streams");
    const struct json *first = streams && streams->type == JSON_ARRAY ? streams->child : NULL;
    memset(st, 0, sizeof *st);
    if (!first || !json_get(first, "bytes"))
        return ERR_INVAL;
    st->bytes = (long long)number(first, "bytes", 0);
    st->packets = (long long)number(first, "packets", 0);
    st->lost = (long long)number(first, "errors", 0);
    st->jitter_s = number(first, "jitter", 0);
    st->seconds = number(first, "end_time", 0) - number(first, "start_time", 0);
    return 0;
}
