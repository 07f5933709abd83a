/* The network services' pure parts: telnet negotiation, FTP and HTTP parsing, SHA-1/base64. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/base64.h"
#include "lib/civil.h"
#include "lib/sha1.h"
#include "lib/err.h"
#include "lib/json.h"
#include "net/iperf3.h"
#include "net/login.h"
#include "net/socket.h"
#include "net/svc/ftp_proto.h"
#include "net/svc/http_parse.h"
#include "net/svc/multipart.h"
#include "net/svc/telnet_proto.h"

struct seen {
    char data[64];
    size_t data_len;
    uint8_t replies[64];
    size_t replies_len;
    int cols, rows, interrupts;
};

static void on_data(void *ctx, const char *buf, size_t len)
{
    struct seen *s = ctx;
    memcpy(s->data + s->data_len, buf, len);
    s->data_len += len;
}

static void on_reply(void *ctx, const uint8_t *buf, size_t len)
{
    struct seen *s = ctx;
    memcpy(s->replies + s->replies_len, buf, len);
    s->replies_len += len;
}

static void on_window(void *ctx, int cols, int rows)
{
    struct seen *s = ctx;
    s->cols = cols;
    s->rows = rows;
}

static void on_interrupt(void *ctx)
{
    ((struct seen *)ctx)->interrupts++;
}

static void feed(struct telnet *t, struct seen *s, const uint8_t *bytes, size_t len)
{
    const struct telnet_events ev = { s, on_data, on_reply, on_window, on_interrupt };
    for (size_t i = 0; i < len; i++)          /* one byte at a time: state must carry over */
        telnet_parse(t, bytes + i, 1, &ev);
}

static void telnet_negotiation_answers_changes_only(void **state)
{
    struct telnet t;
    struct seen s = { 0 };
    uint8_t offers[16];
    assert_int_equal(telnet_start(&t, offers), 9);
    /* the client agrees to what we offered: nothing to answer (no loop) */
    const uint8_t agree[] = { 255, 253, 1, 255, 253, 3, 255, 251, 31 };
    feed(&t, &s, agree, sizeof agree);
    assert_int_equal(s.replies_len, 0);
    /* an unknown option is refused once; DONT ECHO is acknowledged */
    const uint8_t ask[] = { 255, 253, 24, 255, 254, 1, 255, 254, 1 };
    feed(&t, &s, ask, sizeof ask);
    const uint8_t want[] = { 255, 252, 24, 255, 252, 1 };
    assert_int_equal(s.replies_len, sizeof want);
    assert_memory_equal(s.replies, want, sizeof want);
}

static void telnet_naws_data_and_interrupt(void **state)
{
    struct telnet t;
    struct seen s = { 0 };
    uint8_t offers[16];
    telnet_start(&t, offers);
    const uint8_t in[] = { 'a', 255, 250, 31, 0, 132, 0, 50, 255, 240, 'b', 255, 255, 'c',
                           255, 244, 255, 241, 'd' };
    feed(&t, &s, in, sizeof in);
    assert_int_equal(s.cols, 132);
    assert_int_equal(s.rows, 50);
    assert_int_equal(s.interrupts, 1);
    assert_int_equal(s.data_len, 5);
    assert_memory_equal(s.data, "ab\xff" "cd", 5);
    uint8_t out[8];
    assert_int_equal(telnet_escape("x\xffy", 3, out), 4);
    assert_memory_equal(out, "x\xff\xffy", 4);
}

static void ftp_parsing(void **state)
{
    char line[] = "stor  my file.txt", *verb, *arg;
    assert_int_equal(ftp_split(line, &verb, &arg), 0);
    assert_string_equal(verb, "STOR");
    assert_string_equal(arg, " my file.txt");
    char bad[] = "STORE x";
    assert_int_not_equal(ftp_split(bad, &verb, &arg), 0);
    uint32_t a;
    uint16_t p;
    assert_int_equal(ftp_parse_port("127,0,0,1,4,210", &a, &p), 0);
    assert_int_equal(a, 0x7f000001);
    assert_int_equal(p, 4 * 256 + 210);
    assert_int_not_equal(ftp_parse_port("127,0,0,1,256,1", &a, &p), 0);
    assert_int_not_equal(ftp_parse_port("1,2,3,4,5", &a, &p), 0);
    assert_int_equal(ftp_parse_eprt("|1|10.0.0.2|2121|", &a, &p), 0);
    assert_int_equal(a, 0x0a000002);
    assert_int_equal(p, 2121);
    assert_int_not_equal(ftp_parse_eprt("|2|::1|2121|", &a, &p), 0);
    char when[16];
    ftp_time(951782400, when, sizeof when);       /* 2000-02-29, a leap day */
    assert_string_equal(when, "20000229000000");
}

static void http_parsing(void **state)
{
    struct http_request r;
    char l1[] = "GET /a%20b/../c?path=%2Fetc&x HTTP/1.1";
    assert_int_equal(http_parse_request_line(l1, &r), 0);
    assert_string_equal(r.path, "/a b/../c");
    char v[32];
    assert_int_equal(http_query_param(r.query, "path", v, sizeof v), 4);
    assert_string_equal(v, "/etc");
    assert_int_equal(http_query_param(r.query, "y", v, sizeof v), -1);
    char h1[] = "cookie: a=1; session=0123456789abcdef0123456789abcdef";
    assert_int_equal(http_parse_header(h1, &r), 0);
    assert_string_equal(r.token, "0123456789abcdef0123456789abcdef");
    char h2[] = "Connection: close";
    http_parse_header(h2, &r);
    assert_int_equal(r.keep_alive, 0);
    char h3[] = "Bad Name: x";
    assert_int_equal(http_parse_header(h3, &r), 400);
    char l2[] = "GET /%zz HTTP/1.1";
    assert_int_equal(http_parse_request_line(l2, &r), 400);
    char l3[] = "GET / HTTP/3.0";
    assert_int_equal(http_parse_request_line(l3, &r), 505);
    uint32_t first, last;
    assert_int_equal(http_parse_range("bytes=5-", 10, &first, &last), 0);
    assert_int_equal(first, 5);
    assert_int_equal(last, 9);
    assert_int_equal(http_parse_range("bytes=-3", 10, &first, &last), 0);
    assert_int_equal(first, 7);
    assert_int_equal(http_parse_range("bytes=10-", 10, &first, &last), -1);
    assert_int_equal(http_parse_range("bytes=1-2,4-5", 10, &first, &last), 1);
    long long size;
    assert_int_equal(http_parse_chunk_size("1a2B", &size), 0);
    assert_true(size == 0x1a2b);
    assert_int_equal(http_parse_chunk_size("0 ; ext=\"x\"", &size), 0);
    assert_true(size == 0);
    assert_int_equal(http_parse_chunk_size("", &size), 400);
    assert_int_equal(http_parse_chunk_size("-1", &size), 400);
    assert_int_equal(http_parse_chunk_size("12 34", &size), 400);
    assert_int_equal(http_parse_chunk_size("1000000000000", &size), 400);   /* 2^48 */
    assert_int_equal(http_parse_chunk_size("ffffffffffff", &size), 0);
}

/* Sizes from the network are bounded before any arithmetic: an absurd Content-Length is a 400,
 * not a body the server waits for (or adds to) as a clamped LLONG_MAX. */
static void http_lengths_are_bounded(void **state)
{
    struct http_request r;
    char line[] = "POST / HTTP/1.1";
    assert_int_equal(http_parse_request_line(line, &r), 0);
    char huge[] = "Content-Length: 99999999999999999999";
    assert_int_equal(http_parse_header(huge, &r), 400);
    char over[] = "Content-Length: 281474976710656";          /* 2^48 */
    assert_int_equal(http_parse_header(over, &r), 400);
    char sign[] = "Content-Length: +5";
    assert_int_equal(http_parse_header(sign, &r), 400);
    char ok[] = "Content-Length: 281474976710655";
    assert_int_equal(http_parse_header(ok, &r), 0);
    assert_true(r.content_length == 281474976710655LL);
}

/* An Origin is the same site only when it is http(s):// and the request's own Host. */
static void origins_must_match_the_host(void **state)
{
    struct http_request r;
    char line[] = "POST /api/cmd/run HTTP/1.1";
    assert_int_equal(http_parse_request_line(line, &r), 0);
    assert_true(http_same_origin(&r));                           /* no Origin: not a browser */
    char host[] = "Host: Board.local:8080";
    assert_int_equal(http_parse_header(host, &r), 0);
    char same[] = "Origin: http://board.LOCAL:8080";
    assert_int_equal(http_parse_header(same, &r), 0);
    assert_true(http_same_origin(&r));
    static const char *const others[] = {
        "Origin: http://attacker.example", "Origin: null", "Origin: http://board.local:8081",
        "Origin: http://board.local:8080.attacker.example", "Origin: ftp://board.local:8080",
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        char h[160];
        strcpy(h, others[i]);
        assert_int_equal(http_parse_header(h, &r), 0);
        assert_false(http_same_origin(&r));
    }
    char h[300] = "Origin: http://";                               /* too long to keep */
    memset(h + 15, 'a', 200);
    h[215] = '\0';
    assert_int_equal(http_parse_header(h, &r), 0);
    assert_false(http_same_origin(&r));
    char type[] = "Content-Type: application/json; charset=utf-8";
    assert_int_equal(http_parse_header(type, &r), 0);
    assert_true(r.has_type && r.type_json);
    char jsonish[] = "Content-Type: application/jsonp";
    assert_int_equal(http_parse_header(jsonish, &r), 0);
    assert_false(r.type_json);
}

/* A file name goes into Content-Disposition quoted and RFC 5987-encoded: CR LF or a quote in
 * it cannot end the header or the quoted string. */
static void attachment_names_cannot_inject_headers(void **state)
{
    char out[HTTP_ATTACHMENT_HEADER_MAX];
    int n = http_attachment_header("a\r\nSet-Cookie: x=\"1\"", out, sizeof out);
    assert_int_equal(n, (int)strlen(out));
    assert_string_equal(out, "Content-Disposition: attachment; filename=\"a__Set-Cookie: x=_1_\"; "
                             "filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D%221%22\r\n");
    http_attachment_header("caf\xc3\xa9.txt", out, sizeof out);
    assert_string_equal(out, "Content-Disposition: attachment; filename=\"caf__.txt\"; "
                             "filename*=UTF-8''caf%C3%A9.txt\r\n");
    char name[VFS_NAME_MAX + 1];
    memset(name, '\n', VFS_NAME_MAX);
    name[VFS_NAME_MAX] = '\0';
    assert_true(http_attachment_header(name, out, sizeof out) > 0);
    assert_int_equal(http_attachment_header(name, out, 100), -1);
}

/* The back-off: two failures free, then a second more per failure, never more than 8 s. */
static void login_backoff_grows_to_its_cap(void **state)
{
    assert_int_equal(login_backoff_ms(0), 0);
    assert_int_equal(login_backoff_ms(2), 0);
    assert_int_equal(login_backoff_ms(3), 1000);
    assert_int_equal(login_backoff_ms(9), 7000);
    assert_int_equal(login_backoff_ms(10), 8000);
    assert_int_equal(login_backoff_ms(11), 8000);
    assert_int_equal(login_backoff_ms(1 << 30), 8000);
}

/* A full address table makes room by dropping the address with the fewest failures, not the
 * one guessing hardest; and every failure also counts against the (single) account. */
static void login_table_keeps_the_addresses_that_fail(void **state)
{
    uint32_t guesser = 0x0a000001;
    for (int i = 0; i < 5; i++)
        login_failed(guesser);
    for (uint32_t a = 2; a < 2 + 3 * LOGIN_TRACKED; a++)  /* rotating addresses, once each */
        login_failed(0x0a000000 + a);
    assert_int_equal(login_failures(guesser), 5);
    assert_int_equal(login_delay_ms(0x0b000001), LOGIN_DELAY_MAX_MS);   /* a fresh address */
    login_passed(guesser);
    assert_int_equal(login_failures(guesser), 0);
    assert_int_equal(login_delay_ms(0x0b000001), 0);
}

/* Datagrams 1, 2, 4, 5, 3 arrive: 3 is counted lost, then found; the transit time changes by
 * 16 µs once, so the jitter moves 1 µs towards it. */
static void iperf3_udp_loss_and_jitter(void **state)
{
    struct iperf3_udp_rx rx = { 0 };
    uint8_t d[16];
    static const uint64_t order[] = { 1, 2, 4, 5 };
    for (size_t i = 0; i < 4; i++) {
        iperf3_udp_stamp(d, order[i], 5000000 + i * 1000, 0);
        iperf3_udp_received(&rx, d, 12, 7000000 + i * 1000, 0);
    }
    assert_int_equal(rx.last, 5);
    assert_int_equal(rx.lost, 1);
    assert_true(rx.jitter_us == 0);
    iperf3_udp_stamp(d, 3, 6000000, 0);
    iperf3_udp_received(&rx, d, 12, 8000016, 0);
    assert_int_equal(rx.lost, 0);
    assert_int_equal(rx.out_of_order, 1);
    assert_true(rx.jitter_us > 0.99 && rx.jitter_us < 1.01);
    /* 64-bit counters, and a datagram too short to carry a header */
    iperf3_udp_stamp(d, (uint64_t)1 << 33, 0, 1);
    iperf3_udp_received(&rx, d, 16, 0, 1);
    assert_true(rx.last == (uint64_t)1 << 33);
    iperf3_udp_received(&rx, d, 11, 0, 0);
    assert_true(rx.last == (uint64_t)1 << 33);
}

/* The parameters and results survive a trip through JSON as iperf3 writes it. */
static void iperf3_messages_round_trip(void **state)
{
    struct iperf3_params in = { .udp = 1, .reverse = 1, .seconds = 3, .len = 1200,
                                .bandwidth = 2e6 }, out;
    struct json *j = iperf3_params_to_json(&in);
    iperf3_params_from_json(j, &out);
    json_free(j);
    assert_true(out.udp && out.reverse && out.seconds == 3 && out.len == 1200);
    assert_true(out.bandwidth == 2e6 && out.parallel == 1 && !out.bidir);
    j = json_parse("{\"tcp\":true,\"parallel\":4,\"bidirectional\":1}", NULL, 0);
    iperf3_params_from_json(j, &out);
    json_free(j);
    assert_true(!out.udp && out.parallel == 4 && out.bidir && out.seconds == 10);

    struct iperf3_stats st = { .bytes = 123456, .packets = 99, .lost = 2, .jitter_s = 0.5,
                               .seconds = 2 }, back;
    j = iperf3_results(&st, 0);
    assert_int_equal(iperf3_results_read(j, &back), 0);
    json_free(j);
    assert_true(back.bytes == 123456 && back.packets == 99 && back.lost == 2);
    assert_true(back.jitter_s == 0.5 && back.seconds == 2);
    j = json_parse("{\"streams\":[]}", NULL, 0);
    assert_int_equal(iperf3_results_read(j, &back), ERR_INVAL);
    json_free(j);
}

struct memory_body {
    const char *data;
    size_t size, at, piece;
};

static int read_memory(void *ctx, void *buf, size_t len)
{
    struct memory_body *b = ctx;
    if (len > b->piece)
        len = b->piece;
    if (len > b->size - b->at)
        len = b->size - b->at;
    memcpy(buf, b->data + b->at, len);
    b->at += len;
    return (int)len;
}

/* The first part of body, read from pieces of the given size; its length, or the error. */
static int first_part(const char *body, size_t piece, char *out, size_t size)
{
    struct multipart m;
    struct memory_body b = { body, strlen(body), 0, piece };
    int r = multipart_begin(&m, "XyZ", read_memory, &b), got = 0, n;
    if (r < 0)
        return r;
    while ((n = multipart_read(&m, out + got, size - (size_t)got - 1)) > 0)
        got += n;
    out[got] = '\0';
    return n < 0 ? n : got;
}

static void multipart_first_part(void **state)
{
    char boundary[MULTIPART_BOUNDARY_MAX + 1], out[256];
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=XyZ", boundary), 0);
    assert_string_equal(boundary, "XyZ");
    assert_int_equal(multipart_boundary("Multipart/Form-Data;boundary=\"a b\"; x=1", boundary), 0);
    assert_string_equal(boundary, "a b");
    assert_int_equal(multipart_boundary("text/plain; boundary=x", boundary), ERR_INVAL);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"open", boundary), ERR_INVAL);
    assert_int_equal(multipart_boundary("multipart/form-data", boundary), ERR_INVAL);

    static const char body[] =
        "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
        "line1\r\n--XyQ not the end\r\n--Xy\r\nlast\r\n--XyZ\r\n"
        "Content-Disposition: form-data; name=\"g\"\r\n\r\nsecond\r\n--XyZ--\r\n";
    static const char want[] = "line1\r\n--XyQ not the end\r\n--Xy\r\nlast";
    for (size_t piece = 1; piece < 40; piece += 3) {
        assert_int_equal(first_part(body, piece, out, sizeof out), (int)strlen(want));
        assert_string_equal(out, want);
    }
    /* no headers, an empty part */
    assert_int_equal(first_part("--XyZ\r\n\r\n\r\n--XyZ--", 5, out, sizeof out), 0);
    /* cut off inside the part, no part at all, not multipart */
    assert_int_equal(first_part("--XyZ\r\n\r\nhalf a fi", 4, out, sizeof out), ERR_INVAL);
    assert_int_equal(first_part("--XyZ--\r\n", 4, out, sizeof out), ERR_INVAL);
    assert_int_equal(first_part("just bytes", 4, out, sizeof out), ERR_INVAL);
}

static void sha1_base64_and_addresses(void **state)
{
    /* RFC 6455's own example handshake */
    const char *key = "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    struct sha1 s;
    uint8_t d[20];
    char out[32];
    sha1_init(&s);
    sha1_update(&s, key, strlen(key));
    sha1_final(&s, d);
    base64_encode(d, sizeof d, out);
    assert_string_equal(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    base64_encode("ab", 2, out);
    assert_string_equal(out, "YWI=");
    uint32_t a;
    assert_int_equal(sock_parse_addr("192.168.1.20", &a), 0);
    assert_int_equal(a, 0xc0a80114);
    assert_int_not_equal(sock_parse_addr("1.2.3.256", &a), 0);
    assert_int_not_equal(sock_parse_addr("1.2.3", &a), 0);
    sock_addr_text(a, out, sizeof out);
    assert_string_equal(out, "192.168.1.20");
    struct civil c;
    civil_from_unix(0, &c);
    assert_int_equal(c.weekday, 4);
    civil_from_unix(1700000000, &c);            /* 2023-11-14 22:13:20 Tuesday */
    assert_int_equal(c.year, 2023);
    assert_int_equal(c.month, 11);
    assert_int_equal(c.day, 14);
    assert_int_equal(c.hour, 22);
    assert_int_equal(c.weekday, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(telnet_negotiation_answers_changes_only),
        cmocka_unit_test(telnet_naws_data_and_interrupt),
        cmocka_unit_test(ftp_parsing),
        cmocka_unit_test(http_parsing),
        cmocka_unit_test(http_lengths_are_bounded),
        cmocka_unit_test(origins_must_match_the_host),
        cmocka_unit_test(login_backoff_grows_to_its_cap),
        cmocka_unit_test(login_table_keeps_the_addresses_that_fail),
        cmocka_unit_test(attachment_names_cannot_inject_headers),
        cmocka_unit_test(iperf3_udp_loss_and_jitter),
        cmocka_unit_test(iperf3_messages_round_trip),
        cmocka_unit_test(multipart_first_part),
        cmocka_unit_test(sha1_base64_and_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
