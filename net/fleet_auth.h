/* Fleet requests (docs/mqtt.md, "Fleet control"): who may run a command on a board through
 * the broker. A request is the JSON object {id, ts, cmd, hmac}; hmac is HMAC-SHA256 with the
 * fleet's shared key over "id\nts\ncmd" (ts: the sender's Unix time in milliseconds, in
 * decimal), in hex. The broker's login decides who may publish; the key decides whose
 * commands run, so a broker account alone, or a copy of an old request, runs nothing.
 *
 * Freshness: with a real clock (set by ntpupdate or the RTC), ts must lie within the window
 * around it. Without one (a clock still before 2020), the first signed request is taken and
 * later ones must not go back in time. In both cases an id seen before is refused, and a ts
 * no newer than that of an id pushed out of the remembered list is refused too: such a
 * request could not be checked for replay (milliseconds make that a matter of more than
 * FLEET_IDS_KEPT requests within one millisecond, not of a busy second).
 * Pure code: unit-tested without a broker. */
#ifndef NET_FLEET_AUTH_H
#define NET_FLEET_AUTH_H

#include <stddef.h>
#include <stdint.h>

#define FLEET_ID_MAX 40                /* characters of a request id */
#define FLEET_IDS_KEPT 32              /* ids remembered against replay */
#define FLEET_WINDOW_S 60
#define FLEET_CLOCK_SET 1577836800     /* 2020-01-01: a clock before it was never set */

enum fleet_verdict {
    FLEET_ACCEPTED, FLEET_NO_KEY, FLEET_MALFORMED, FLEET_BAD_HMAC, FLEET_STALE, FLEET_REPLAYED
};

struct fleet_request {
    char id[FLEET_ID_MAX + 1];
    int64_t ts;                        /* milliseconds */
    char *cmd;                         /* malloc'd; fleet_request_free */
    char hmac[2 * 32 + 1];
};

/* What a board remembers between requests. Zeroed: nothing seen yet. */
struct fleet_guard {
    char ids[FLEET_IDS_KEPT][FLEET_ID_MAX + 1];
    int64_t id_ts[FLEET_IDS_KEPT];
    int next;                          /* the slot the next id goes to */
    int64_t forgotten_ts;              /* newest ts of an id pushed out of ids */
    int64_t newest_ts;                 /* newest ts accepted */
    int seen_any;
    int window_s;                      /* 0: FLEET_WINDOW_S */
};

/* Reads a request; FLEET_MALFORMED when it is not one (the id is kept when it was readable,
 * so a refusal can name it). */
int fleet_request_parse(const char *payload, size_t len, struct fleet_request *req);
void fleet_request_free(struct fleet_request *req);

/* The hmac field a request with these fields needs. */
void fleet_sign(const char *key, const char *id, int64_t ts, const char *cmd, char hex[65]);

/* Decides on a parsed request at time now (the board's clock, Unix seconds) and, when it is
 * accepted, remembers its id. key NULL or "": FLEET_NO_KEY, always. */
int fleet_check(struct fleet_guard *g, const char *key, const struct fleet_request *req,
                int64_t now);
const char *fleet_verdict_text(int verdict);

#endif
