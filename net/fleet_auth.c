#include "net/fleet_auth.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/sha256.h"
#include "lib/str.h"

/* Only printable ASCII: an id goes into logs and result topics as it is. */
static int id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > FLEET_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (id[i] < 0x21 || id[i] > 0x7e)
            return 0;
    return 1;
}

/* ts is signed as its decimal text, so it must be a whole number. */
static int read_ts(const struct json *obj, int64_t *ts)
{
    const struct json *t = json_get(obj, "ts");
    if (!t || t->type != JSON_NUMBER || t->num != floor(t->num) || fabs(t->num) > 1e15)
        return 0;
    *ts = (int64_t)t->num;
    return 1;
}

static int read_fields(const struct json *obj, struct fleet_request *req)
{
    const char *id = json_get_str(obj, "id", NULL);
    if (id && id_valid(id))
        str_copy(req->id, id, sizeof req->id);
    const char *cmd = json_get_str(obj, "cmd", NULL), *mac = json_get_str(obj, "hmac", NULL);
    if (!req->id[0] || !cmd || !mac || strlen(mac) != 64 || !read_ts(obj, &req->ts))
        return FLEET_MALFORMED;
    str_copy(req->hmac, mac, sizeof req->hmac);
    req->cmd = str_dup(cmd);
    return req->cmd ? FLEET_ACCEPTED : FLEET_MALFORMED;
}

int fleet_request_parse(const char *payload, size_t len, struct fleet_request *req)
{
    memset(req, 0, sizeof *req);
    char *text = malloc(len + 1);
    if (!text)
        return FLEET_MALFORMED;
    memcpy(text, payload, len);
    text[len] = '\0';
    struct json *obj = json_parse(text, NULL, 0);
    free(text);
    int r = obj && obj->type == JSON_OBJECT ? read_fields(obj, req) : FLEET_MALFORMED;
    json_free(obj);
    return r;
}

void fleet_request_free(struct fleet_request *req)
{
    free(req->cmd);
    req->cmd = NULL;
}

void fleet_sign(const char *key, const char *id, int64_t ts, const char *cmd, char hex[65])
{
    struct hmac_sha256 h;
    struct sha256 s;
    uint8_t mac[SHA256_SIZE];
    char stamp[24];
    int n = snprintf(stamp, sizeof stamp, "\n%" PRId64 "\n", ts);
    hmac_sha256_init(&h, key, strlen(key));
    /* hmac_sha256 takes one buffer: feed the three parts through a copy of the inner state */
    s = h.inner;
    sha256_update(&s, id, strlen(id));
    sha256_update(&s, stamp, (size_t)n);
    sha256_update(&s, cmd, strlen(cmd));
    sha256_final(&s, mac);
    s = h.outer;
    sha256_update(&s, mac, sizeof mac);
    sha256_final(&s, mac);
    sha256_hex(mac, hex);
}

/* Compares every character, so the time taken says nothing of where they differ. */
static int same_mac(const char *a, const char *b)
{
    unsigned diff = 0;
    for (int i = 0; i < 64; i++)
        diff |= (unsigned)(tolower((unsigned char)a[i]) ^ tolower((unsigned char)b[i]));
    return diff == 0;
}

/* ts is in milliseconds, now in seconds: a whole second of a board's clock around it. */
static int fresh(const struct fleet_guard *g, int64_t ts, int64_t now)
{
    int64_t window = (int64_t)(g->window_s > 0 ? g->window_s : FLEET_WINDOW_S) * 1000;
    if (g->seen_any && g->forgotten_ts && ts <= g->forgotten_ts)
        return 0;
    if (now >= FLEET_CLOCK_SET)
        return ts >= now * 1000 - window && ts < (now + 1) * 1000 + window;
    return !g->seen_any || ts >= g->newest_ts;
}

static int seen(const struct fleet_guard *g, const char *id)
{
    for (int i = 0; i < FLEET_IDS_KEPT; i++)
        if (!strcmp(g->ids[i], id))
            return 1;
    return 0;
}

static void remember(struct fleet_guard *g, const struct fleet_request *req)
{
    if (g->ids[g->next][0] && g->id_ts[g->next] > g->forgotten_ts)
        g->forgotten_ts = g->id_ts[g->next];
    str_copy(g->ids[g->next], req->id, sizeof g->ids[0]);
    g->id_ts[g->next] = req->ts;
    g->next = (g->next + 1) % FLEET_IDS_KEPT;
    if (!g->seen_any || req->ts > g->newest_ts)
        g->newest_ts = req->ts;
    g->seen_any = 1;
}

int fleet_check(struct fleet_guard *g, const char *key, const struct fleet_request *req,
                int64_t now)
{
    char expected[65];
    if (!key || !key[0])
        return FLEET_NO_KEY;
    if (!req->cmd)
        return FLEET_MALFORMED;
    fleet_sign(key, req->id, req->ts, req->cmd, expected);
    if (!same_mac(expected, req->hmac))
        return FLEET_BAD_HMAC;
    if (seen(g, req->id))
        return FLEET_REPLAYED;
    if (!fresh(g, req->ts, now))
        return FLEET_STALE;
    remember(g, req);
    return FLEET_ACCEPTED;
}

const char *fleet_verdict_text(int verdict)
{
    static const char *const text[] = {
        "accepted", "no fleet key configured", "not a signed request", "bad hmac",
        "timestamp outside the window", "replayed request id"
    };
    return verdict >= 0 && verdict <= FLEET_REPLAYED ? text[verdict] : "refused";
}
