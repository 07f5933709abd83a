/* SHA-256, HMAC-SHA256, PBKDF2 and the stored password form, against published vectors; and
 * the padding SHA-1 shares with SHA-256 (lib/md_pad.c) at the lengths where it changes shape. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/password.h"
#include "lib/sha1.h"
#include "lib/sha256.h"

static void hex_of(const void *data, size_t len, char *out)
{
    uint8_t d[SHA256_SIZE];
    sha256(data, len, d);
    sha256_hex(d, out);
}

static void test_fips_vectors(void **state)
{
    char hex[65];
    hex_of("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex_of("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex_of(two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_a_million_a_in_odd_pieces(void **state)
{
    static char a[1000];
    memset(a, 'a', sizeof a);
    struct sha256 s;
    uint8_t d[SHA256_SIZE];
    char hex[65];
    sha256_init(&s);
    size_t done = 0, piece = 1;
    while (done < 1000000) {           /* pieces that straddle block ends */
        size_t n = piece < 1000000 - done ? piece : 1000000 - done;
        n = n > sizeof a ? sizeof a : n;
        sha256_update(&s, a, n);
        done += n;
        piece = piece * 7 % 997 + 1;
    }
    sha256_final(&s, d);
    sha256_hex(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* 55 bytes: the padding fits the block; 56 and 63: it spills into a second; 64: a whole
 * block of message, then a block of padding. Digests from Python's hashlib. */
static void test_lengths_at_the_padding_edges(void **state)
{
    static const struct {
        size_t len;
        const char *sha256, *sha1;
    } want[] = {
        { 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
          "c1c8bbdc22796e28c0e15163d20899b65621d65a" },
        { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
          "c2db330f6083854c99d4b5bfb6e8f29f201be699" },
        { 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
          "03f09f5b158a7a8cdad920bddc29b81c18a551f5" },
        { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
          "0098ba824b5c16427bd7a1122a5a442a25ec644d" },
    };
    char a[64], hex[65];
    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        hex_of(a, want[i].len, hex);
        assert_string_equal(hex, want[i].sha256);
        struct sha1 s;
        uint8_t d[20];
        sha1_init(&s);
        sha1_update(&s, a, want[i].len);
        sha1_final(&s, d);
        for (int k = 0; k < 20; k++)
            snprintf(hex + 2 * k, 3, "%02x", d[k]);
        assert_string_equal(hex, want[i].sha1);
    }
}

static void test_hmac_rfc4231(void **state)
{
    struct hmac_sha256 key;
    uint8_t mac[SHA256_SIZE], k[20];
    char hex[65];
    memset(k, 0x0b, sizeof k);
    hmac_sha256_init(&key, k, sizeof k);
    hmac_sha256(&key, "Hi There", 8, mac);
    sha256_hex(mac, hex);
    assert_string_equal(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    hmac_sha256_init(&key, "Jefe", 4);
    hmac_sha256(&key, "what do ya want for nothing?", 28, mac);
    sha256_hex(mac, hex);
    assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    uint8_t long_key[131];                 /* longer than a block: hashed first */
    memset(long_key, 0xaa, sizeof long_key);
    hmac_sha256_init(&key, long_key, sizeof long_key);
    const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";
    hmac_sha256(&key, msg, strlen(msg), mac);
    sha256_hex(mac, hex);
    assert_string_equal(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void test_pbkdf2_vectors(void **state)
{
    uint8_t out[40];
    char hex[65];
    pbkdf2_sha256("password", 8, "salt", 4, 1, out, 32);
    sha256_hex(out, hex);
    assert_string_equal(hex, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    pbkdf2_sha256("password", 8, "salt", 4, 4096, out, 32);
    sha256_hex(out, hex);
    assert_string_equal(hex, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    /* 40 bytes: a second block of output */
    pbkdf2_sha256("passwordPASSWORDpassword", 24, "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36,
                  4096, out, 40);
    static const uint8_t want[40] = {
        0x34, 0x8c, 0x89, 0xdb, 0xcb, 0xd3, 0x2b, 0x2f, 0x32, 0xd8, 0x14, 0xb8, 0x11, 0x6e,
        0x84, 0xcf, 0x2b, 0x17, 0x34, 0x7e, 0xbc, 0x18, 0x00, 0x18, 0x1c, 0x4e, 0x2a, 0x1f,
        0xb8, 0xdd, 0x53, 0xe1, 0xc6, 0x35, 0x51, 0x8c, 0x7d, 0xac, 0x47, 0xe9 };
    assert_memory_equal(out, want, sizeof want);
}

static void test_password_hash_and_verify(void **state)
{
    const uint8_t salt[PASSWORD_SALT] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    char stored[PASSWORD_HASH_TEXT];
    assert_int_equal(password_hash("s3cret", salt, sizeof salt, 1000, stored, sizeof stored), 0);
    assert_true(strncmp(stored, "pbkdf2-sha256$1000$0102030405060708090a0b0c0d0e0f10$", 52) == 0);
    assert_int_equal(strlen(stored), 52 + 64);
    assert_true(password_verify("s3cret", stored));
    assert_false(password_verify("s3creT", stored));
    assert_false(password_verify("", stored));
    char tampered[PASSWORD_HASH_TEXT];
    strcpy(tampered, stored);
    tampered[strlen(tampered) - 1] ^= 1;
    assert_false(password_verify("s3cret", tampered));
    assert_false(password_verify("s3cret", ""));
    assert_false(password_verify("s3cret", "pbkdf2-sha256$0$00$00"));
    assert_false(password_verify("s3cret", "pbkdf2-sha256$99999999$0102$ab"));
    assert_false(password_verify("s3cret", "sha1$abc"));
    char small[40];
    assert_int_not_equal(password_hash("x", salt, sizeof salt, 1, small, sizeof small), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_vectors),
        cmocka_unit_test(test_a_million_a_in_odd_pieces),
        cmocka_unit_test(test_lengths_at_the_padding_edges),
        cmocka_unit_test(test_hmac_rfc4231),
        cmocka_unit_test(test_pbkdf2_vectors),
        cmocka_unit_test(test_password_hash_and_verify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
