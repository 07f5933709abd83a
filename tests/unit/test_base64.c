/* Base64 (lib/base64.c) both ways against RFC 4648's vectors, and what decoding refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/base64.h"

static const char *const plain[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
static const char *const coded[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
                                     "Zm9vYmFy" };

static void test_rfc4648_vectors_both_ways(void **state)
{
    char text[16], bytes[16];
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        base64_encode(plain[i], strlen(plain[i]), text);
        assert_string_equal(text, coded[i]);
        long n = base64_decode(coded[i], strlen(coded[i]), bytes);
        assert_int_equal(n, strlen(plain[i]));
        assert_memory_equal(bytes, plain[i], (size_t)n);
    }
}

static void test_padding_may_be_left_out(void **state)
{
    char bytes[8];
    assert_int_equal(base64_decode("Zm9vYg", 6, bytes), 4);
    assert_memory_equal(bytes, "foob", 4);
    assert_int_equal(base64_decode("Zm9vYmE", 7, bytes), 5);
    assert_memory_equal(bytes, "fooba", 5);
}

static void test_what_is_not_base64(void **state)
{
    static const char *const bad[] = { "Z", "Zm9v!", "Zg=", "====", "Zm 9", "Zm9vY===" };
    char bytes[16];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(base64_decode(bad[i], strlen(bad[i]), bytes), -1);
}

static void test_every_byte_survives(void **state)
{
    uint8_t all[256], back[256];
    char text[4 * 86 + 1];
    for (int i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    base64_encode(all, sizeof all, text);
    assert_int_equal(base64_decode(text, strlen(text), back), 256);
    assert_memory_equal(all, back, 256);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors_both_ways),
        cmocka_unit_test(test_padding_may_be_left_out),
        cmocka_unit_test(test_what_is_not_base64),
        cmocka_unit_test(test_every_byte_survives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
