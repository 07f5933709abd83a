/* Release manifests (lib/manifest.h): what is accepted, where a refusal points, version order;
 * and release signatures (lib/signature.h) against a signature made by tools/release-sign
 * (the same as `openssl dgst -sha256 -sign`). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/err.h"
#include "lib/manifest.h"
#include "lib/signature.h"

#define H1 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define H2 "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"

static int check(const char *text, int *line)
{
    struct manifest_head h;
    return manifest_check(text, strlen(text), &h, line);
}

static void test_a_signed_manifest_reads_back(void **state)
{
    const char *m = "#upyOS,2.0.1,2026-12-06\n#key,d656e01525df0a69\n"
                    "/etc/init.sh,0," H1 ",\n/etc/upgrade.pub,3," H2 ",protected\n#files,2\n";
    struct manifest_head h;
    int line;
    assert_int_equal(manifest_check(m, strlen(m), &h, &line), 0);
    assert_int_equal(line, 0);
    assert_string_equal(h.version, "2.0.1");
    assert_string_equal(h.date, "2026-12-06");
    assert_string_equal(h.key_id, "d656e01525df0a69");
    assert_int_equal(h.files, 2);
    struct manifest_reader r;
    struct manifest_entry e;
    manifest_begin(&r, m, strlen(m));
    assert_int_equal(manifest_next(&r, &e), 1);
    assert_string_equal(e.path, "/etc/init.sh");
    assert_int_equal(e.size, 0);
    assert_int_equal(e.sha256[0], 0xe3);
    assert_int_equal(e.flags, 0);
    assert_int_equal(manifest_next(&r, &e), 1);
    assert_int_equal(e.flags, MANIFEST_PROTECTED);
    assert_int_equal(e.sha256[31], 0xad);
    assert_int_equal(manifest_next(&r, &e), 0);
    assert_int_equal(manifest_find(m, strlen(m), "/etc/upgrade.pub", &e), 1);
    assert_int_equal(e.size, 3);
    assert_int_equal(manifest_find(m, strlen(m), "/etc", &e), 0);
}

static void test_older_forms_are_read(void **state)
{
    struct manifest_head h;
    const char *no_key = "#upyOS-C,1.0,2024-01-01\r\n/a,1," H1 ",\r\n#files,1";
    assert_int_equal(manifest_check(no_key, strlen(no_key), &h, NULL), 0);
    assert_string_equal(h.key_id, "");
    assert_int_equal(h.files, 1);
}

/* Each refused text, and the line the refusal names. */
static void test_malformed_manifests_name_their_line(void **state)
{
    static const struct {
        const char *text;
        int line;
    } bad[] = {
        { "", 1 },
        { "#upyOS,1.0\n#files,0\n", 1 },
        { "#upyOS,,2024-01-01\n#files,0\n", 1 },
        { "#upyOS,1.0,2024-01-01,x\n#files,0\n", 1 },
        { "#upyOS,1.0,2024-01-01\n#key,abc\n#files,0\n", 2 },
        { "#upyOS,1.0,2024-01-01\n#key,d656e01525df0a6z\n#files,0\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,1," H1 ",\n#files,2\n", 3 },
        { "#upyOS,1.0,2024-01-01\n/a,1," H1 ",\n", 3 },
        { "#upyOS,1.0,2024-01-01\n#files,0\nextra\n", 3 },
        { "#upyOS,1.0,2024-01-01\na,1," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a/../b,1," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a//b,1," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a/,1," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/./a,1," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,-1," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,99999999999," H1 ",\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,1,abc,\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,1," H1 "\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,1," H1 ",x\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,1," H1 ",,\n#files,1\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a,1," H1 ",\n/a,1," H1 ",\n#files,2\n", 2 },
        { "#upyOS,1.0,2024-01-01\n/a\tb,1," H1 ",\n#files,1\n", 2 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int line = -1;
        if (check(bad[i].text, &line) != ERR_INVAL || line != bad[i].line)
            fail_msg("case %zu: line %d, expected a refusal at line %d", i, line, bad[i].line);
    }
    const char nul[] = "#upyOS,1.0,2024-01-01\n/a\0b,1," H1 ",\n#files,1\n";
    struct manifest_head h;
    assert_int_equal(manifest_check(nul, sizeof nul - 1, &h, NULL), ERR_INVAL);
}

static void test_versions_order_by_number(void **state)
{
    assert_true(manifest_version_cmp("1.2.10", "1.2.9") > 0);
    assert_true(manifest_version_cmp("1.2.9", "1.2.10") < 0);
    assert_int_equal(manifest_version_cmp("1.0", "1.0"), 0);
    assert_int_equal(manifest_version_cmp("1.01", "1.1"), 0);
    assert_true(manifest_version_cmp("1.0", "1.0.1") < 0);
    assert_true(manifest_version_cmp("2", "10") < 0);
    assert_true(manifest_version_cmp("1.0b", "1.0a") > 0);
    assert_true(manifest_version_cmp("0.9", "0.1.0") > 0);
}

/* Made by tools/release-sign --keygen and tools/release-sign MANIFEST KEY. */
static const char manifest[] = "#upyOS,1.0,2026-01-01\n#key,d656e01525df0a69\n#files,0\n";
static const char signature_hex[] =
    "3045022100a96e8af9f7fb45cfb6a8fad9a94bab91cd803641e5c50ebbe975923e1e3b72ca022073475d34"
    "dc93bcaf65f20b8d23f4ca5b12e4d92291f352a1edf50d528bde1f98";
static const char key[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+PhiQhqhhvfjyAbHJvso78SR+OGV\n"
    "Uxrywait9yRgUEGXBWjprSkfWhctdvDKGq4AKBgE1PoTfLyur6hJNX6wgA==\n"
    "-----END PUBLIC KEY-----\n";
static const char other_key[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJP/4Qs45inylX/TkXovPeqcBMSfX\n"
    "2FE9bWduo+z4LEGedy3i+A7jklTIgberjJptqac1GhFoP7yXj0/+LD2m3w==\n"
    "-----END PUBLIC KEY-----\n";

static size_t signature(uint8_t *out)
{
    size_t n = strlen(signature_hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(signature_hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
    return n;
}

static void test_signatures_are_checked(void **state)
{
    uint8_t sig[80];
    size_t n = signature(sig);
    char id[SIGNATURE_KEY_ID_LEN + 1];
    if (!signature_supported()) {
        assert_int_equal(signature_verify(manifest, strlen(manifest), sig, n, key, strlen(key)),
                         ERR_NOTSUP);
        skip();
    }
    assert_int_equal(signature_verify(manifest, strlen(manifest), sig, n, key, strlen(key)), 0);
    assert_int_equal(signature_key_id(key, strlen(key), id), 0);
    assert_string_equal(id, "d656e01525df0a69");
    char changed[sizeof manifest];
    memcpy(changed, manifest, sizeof manifest);
    changed[8] = '1';                                   /* version 1.1 */
    assert_int_equal(signature_verify(changed, strlen(changed), sig, n, key, strlen(key)),
                     ERR_ACCES);
    assert_int_equal(signature_verify(manifest, strlen(manifest), sig, n, other_key,
                                      strlen(other_key)), ERR_ACCES);
    sig[n - 1] ^= 1;
    assert_int_equal(signature_verify(manifest, strlen(manifest), sig, n, key, strlen(key)),
                     ERR_ACCES);
    assert_int_equal(signature_verify(manifest, strlen(manifest), sig, 0, key, strlen(key)),
                     ERR_ACCES);
    assert_int_equal(signature_verify(manifest, strlen(manifest), sig, n, "not a key", 9),
                     ERR_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_signed_manifest_reads_back),
        cmocka_unit_test(test_older_forms_are_read),
        cmocka_unit_test(test_malformed_manifests_name_their_line),
        cmocka_unit_test(test_versions_order_by_number),
        cmocka_unit_test(test_signatures_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
