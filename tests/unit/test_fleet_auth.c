/* Fleet requests (net/fleet_auth.c): the signature a host tool makes with Python's hmac, and
 * the refusals: no key, a wrong key, a stale or replayed request, with and without a clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "net/fleet_auth.h"

#define KEY "fleet-key"
#define NOW 1700000000          /* the board's clock, seconds */
#define MS(s) ((int64_t)(s) * 1000)

/* hmac.new(b"fleet-key", b"r1\n1700000000123\nfree", hashlib.sha256).hexdigest() */
static const char python_mac[] =
    "88b176da0e5d2af35fa96e50f0772b69992cb3360643c3c71313911455c8ff10";

/* A request signed with key, parsed as the board parses it. */
static void request(struct fleet_request *req, const char *key, const char *id, int64_t ts,
                    const char *cmd)
{
    char mac[65], json[256];
    fleet_sign(key, id, ts, cmd, mac);
    snprintf(json, sizeof json, "{\"id\":\"%s\",\"ts\":%lld,\"cmd\":\"%s\",\"hmac\":\"%s\"}", id,
             (long long)ts, cmd, mac);
    assert_int_equal(fleet_request_parse(json, strlen(json), req), FLEET_ACCEPTED);
}

/* ts in seconds here, for short tests: sent as milliseconds */
static int check(struct fleet_guard *g, const char *key, const char *id, int64_t ts,
                 int64_t now)
{
    struct fleet_request req;
    request(&req, KEY, id, MS(ts), "free");
    int verdict = fleet_check(g, key, &req, now);
    fleet_request_free(&req);
    return verdict;
}

static void test_the_signature_is_pythons_hmac(void **state)
{
    char mac[65];
    fleet_sign(KEY, "r1", MS(NOW) + 123, "free", mac);
    assert_string_equal(mac, python_mac);
}

static void test_a_signed_fresh_request_is_accepted_once(void **state)
{
    struct fleet_guard g = { 0 };
    assert_int_equal(check(&g, KEY, "r1", NOW, NOW + 5), FLEET_ACCEPTED);
    assert_int_equal(check(&g, KEY, "r1", NOW, NOW + 6), FLEET_REPLAYED);
    assert_int_equal(check(&g, KEY, "r2", NOW, NOW + 6), FLEET_ACCEPTED);
}

static void test_no_key_runs_nothing(void **state)
{
    struct fleet_guard g = { 0 };
    assert_int_equal(check(&g, NULL, "r1", NOW, NOW), FLEET_NO_KEY);
    assert_int_equal(check(&g, "", "r1", NOW, NOW), FLEET_NO_KEY);
}

static void test_a_forged_or_altered_request_is_refused(void **state)
{
    struct fleet_guard g = { 0 };
    assert_int_equal(check(&g, "another key", "r1", NOW, NOW), FLEET_BAD_HMAC);
    struct fleet_request req;
    request(&req, KEY, "r1", MS(NOW), "free");
    req.cmd[0] = 'F';                           /* the command changed on the way */
    assert_int_equal(fleet_check(&g, KEY, &req, NOW), FLEET_BAD_HMAC);
    fleet_request_free(&req);
}

static void test_outside_the_window_is_stale(void **state)
{
    struct fleet_guard g = { 0 };
    assert_int_equal(check(&g, KEY, "old", NOW - FLEET_WINDOW_S - 1, NOW), FLEET_STALE);
    assert_int_equal(check(&g, KEY, "future", NOW + FLEET_WINDOW_S + 1, NOW), FLEET_STALE);
    g.window_s = 300;
    assert_int_equal(check(&g, KEY, "old", NOW - 200, NOW), FLEET_ACCEPTED);
}

static void test_without_a_clock_ts_must_not_go_back(void **state)
{
    struct fleet_guard g = { 0 };
    int64_t uptime = 42;                        /* the board's clock was never set */
    assert_int_equal(check(&g, KEY, "a", NOW, uptime), FLEET_ACCEPTED);
    assert_int_equal(check(&g, KEY, "b", NOW, uptime), FLEET_ACCEPTED);
    assert_int_equal(check(&g, KEY, "c", NOW - 1, uptime), FLEET_STALE);
    assert_int_equal(check(&g, KEY, "d", NOW + 3600, uptime), FLEET_ACCEPTED);
}

static void test_a_busy_second_is_no_replay(void **state)
{
    struct fleet_guard g = { 0 };
    struct fleet_request req;
    char id[16];
    for (int i = 0; i < 3 * FLEET_IDS_KEPT; i++) {   /* a push: many requests in a second */
        snprintf(id, sizeof id, "c%d", i);
        request(&req, KEY, id, MS(NOW) + i, "free");
        assert_int_equal(fleet_check(&g, KEY, &req, NOW), FLEET_ACCEPTED);
        fleet_request_free(&req);
    }
}

static void test_a_forgotten_id_cannot_come_back(void **state)
{
    struct fleet_guard g = { 0 };
    char id[16];
    for (int i = 0; i <= FLEET_IDS_KEPT; i++) {  /* one more than remembered: r0 goes */
        snprintf(id, sizeof id, "r%d", i);
        assert_int_equal(check(&g, KEY, id, NOW - 10 + (i == 0 ? 0 : 1), NOW), FLEET_ACCEPTED);
    }
    assert_int_equal(check(&g, KEY, "r0", NOW - 10, NOW), FLEET_STALE);
    assert_int_equal(check(&g, KEY, "new", NOW, NOW), FLEET_ACCEPTED);
}

static void test_what_is_not_a_request(void **state)
{
    static const char *const bad[] = {
        "", "[]", "{\"id\":\"r1\",\"ts\":1,\"cmd\":\"free\"}",
        "{\"id\":\"r1\",\"ts\":1.5,\"cmd\":\"free\",\"hmac\":\"" "045f62f778c743ef247267e92a18a4fc"
        "ae0a76a8324abd973996ca8fe389e200\"}",
        "{\"id\":\"has space\",\"ts\":1,\"cmd\":\"free\",\"hmac\":\"x\"}",
    };
    struct fleet_request req;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(fleet_request_parse(bad[i], strlen(bad[i]), &req), FLEET_MALFORMED);
        fleet_request_free(&req);
    }
    struct fleet_guard g = { 0 };
    assert_int_equal(fleet_check(&g, KEY, &req, NOW), FLEET_MALFORMED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_signature_is_pythons_hmac),
        cmocka_unit_test(test_a_signed_fresh_request_is_accepted_once),
        cmocka_unit_test(test_no_key_runs_nothing),
        cmocka_unit_test(test_a_forged_or_altered_request_is_refused),
        cmocka_unit_test(test_outside_the_window_is_stale),
        cmocka_unit_test(test_without_a_clock_ts_must_not_go_back),
        cmocka_unit_test(test_a_busy_second_is_no_replay),
        cmocka_unit_test(test_a_forgotten_id_cannot_come_back),
        cmocka_unit_test(test_what_is_not_a_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
