/* libFuzzer target: fleet requests (net/fleet_auth.h), what any publisher on the broker can put
 * on a board's command topic. The bytes are the payload; the parser must answer without reading
 * outside them, and whatever it reads must go through the check without a crash: a request the
 * fuzzer cannot sign is never accepted, and one signed here with the check's own key is. */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/fleet_auth.h"

#define KEY "fuzz-fleet-key"
#define NOW_S 1800000000LL        /* a set clock: 2027 */

/* Hex digits compare in either case, as the check reads them. */
static int same_hex(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *payload = malloc(size ? size : 1);      /* exactly the input: no NUL after it */
    if (!payload)
        return 0;
    memcpy(payload, data, size);
    struct fleet_request req;
    memset(&req, 0, sizeof req);
    int parsed = fleet_request_parse(payload, size, &req);
    if (parsed == FLEET_ACCEPTED) {
        struct fleet_guard guard;
        memset(&guard, 0, sizeof guard);
        if (fleet_check(&guard, KEY, &req, NOW_S) == FLEET_ACCEPTED) {
            char want[65];                        /* accepted: its hmac must be the right one */
            fleet_sign(KEY, req.id, req.ts, req.cmd, want);
            if (!same_hex(want, req.hmac))
                abort();
        }
        if (fleet_check(&guard, NULL, &req, NOW_S) != FLEET_NO_KEY)
            abort();                              /* no key: nothing runs, ever */
        fleet_sign(KEY, req.id, NOW_S * 1000, req.cmd, req.hmac);
        req.ts = NOW_S * 1000;
        memset(&guard, 0, sizeof guard);
        if (fleet_check(&guard, KEY, &req, NOW_S) != FLEET_ACCEPTED ||
            fleet_check(&guard, KEY, &req, NOW_S) != FLEET_REPLAYED)
            abort();                              /* signed and fresh: once, and only once */
    }
    fleet_request_free(&req);
    free(payload);
    return 0;
}
