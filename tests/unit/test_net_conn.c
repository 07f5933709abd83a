/* Connections as byte streams (net/conn.h): the line reader over any conn, URLs with their
 * schemes, and the TLS calls' failures that need no peer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hal/thread.h"
#include "lib/err.h"
#include "net/conn.h"
#include "net/http_client.h"
#include "net/linereader.h"
#include "net/socket.h"
#include "net/tls.h"

/* A connection that gives its text a few bytes at a time, as a network does. */
struct trickle {
    const char *text;
    size_t pos, step;
    int closed;
};

static int trickle_read(void *impl, void *buf, size_t len, int timeout_ms)
{
    struct trickle *t = impl;
    (void)timeout_ms;
    size_t left = strlen(t->text) - t->pos;
    size_t n = left < t->step ? left : t->step;
    n = n < len ? n : len;
    memcpy(buf, t->text + t->pos, n);
    t->pos += n;
    return (int)n;
}

static int trickle_write(void *impl, const void *buf, size_t len)
{
    (void)impl, (void)buf;
    return (int)len;
}

static void trickle_close(void *impl)
{
    ((struct trickle *)impl)->closed = 1;
}

static const struct conn_ops trickle_ops = { trickle_read, trickle_write, trickle_close, NULL,
                                             NULL };

static void the_line_reader_reads_any_connection(void **state)
{
    (void)state;
    struct trickle t = { "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody", 0, 3, 0 };
    struct conn c = { &trickle_ops, &t };
    struct linereader r;
    char line[64], body[8] = { 0 };
    linereader_init_conn(&r, c);
    assert_int_equal(linereader_line(&r, line, sizeof line, 1000), 15);
    assert_string_equal(line, "HTTP/1.1 200 OK");
    assert_int_equal(linereader_line(&r, line, sizeof line, 1000), 4);
    assert_int_equal(linereader_line(&r, line, sizeof line, 1000), 0);
    int n = linereader_bytes(&r, body, sizeof body - 1, 1000);
    assert_true(n > 0);
    assert_int_equal(strncmp(body, "body", (size_t)n), 0);
    assert_int_equal(linereader_line(&r, line, sizeof line, 1000), ERR_CLOSED);
    assert_int_equal(conn_write_text(c, "GET"), 3);
    conn_close(&c);
    assert_true(t.closed);
    assert_null(c.ops);
    conn_close(&c);                                  /* closing twice is harmless */
}

static void urls_say_their_scheme_and_port(void **state)
{
    (void)state;
    struct url u;
    assert_int_equal(url_parse("https://example.org/a?b", &u), 0);
    assert_true(u.tls);
    assert_int_equal(u.port, 443);
    assert_string_equal(u.host, "example.org");
    assert_string_equal(u.path, "/a?b");
    assert_int_equal(url_parse("https://localhost:8443", &u), 0);
    assert_int_equal(u.port, 8443);
    assert_string_equal(u.path, "/");
    assert_int_equal(url_parse("http://h/x", &u), 0);
    assert_false(u.tls);
    assert_int_equal(u.port, 80);
    assert_int_equal(url_parse("h:81", &u), 0);
    assert_false(u.tls);
    assert_int_equal(url_parse("ftp://h/x", &u), ERR_NOTSUP);
    assert_int_equal(url_parse("https://", &u), ERR_INVAL);
}

static void tls_errors_have_words(void **state)
{
    (void)state;
    assert_string_equal(err_str(ERR_TLS_CERT), "certificate verify failed");
    assert_string_equal(err_str(ERR_TLS_NAME), "certificate name mismatch");
    assert_string_equal(err_str(ERR_TLS), "TLS handshake failed");
    assert_string_not_equal(err_str(ERR_TLS_CA), "unknown error");
}

/* Fails before it touches the socket: everything it set up is freed (the sanitizer build
 * checks), and the option's file is the one named. */
static void a_missing_ca_file_fails_cleanly(void **state)
{
    (void)state;
    struct tls_options o = { "/no/such/ca.pem", 0, 1000 };
    char path[64];
    tls_t *t = NULL;
    tls_ca_path(&o, path, sizeof path);
    assert_string_equal(path, "/no/such/ca.pem");
    int r = tls_connect(NULL, "localhost", &o, &t);
    assert_int_equal(r, tls_available() ? ERR_TLS_CA : ERR_NOTSUP);
    assert_null(t);
    tls_close(NULL);
}

static size_t held;
static size_t held_bytes(void *impl)
{
    (void)impl;
    return held;
}

static const struct conn_ops holding_ops = { trickle_read, trickle_write, trickle_close, NULL,
                                             held_bytes };

/* What an event loop's watch asks: bytes the connection holds (TLS), or its socket's input. */
static void readable_says_when_a_read_would_not_wait(void **state)
{
    (void)state;
    struct conn none = { 0 };
    assert_int_equal(conn_readable(none), 0);
    struct trickle t = { "", 0, 1, 0 };
    struct conn holding = { &holding_ops, &t };
    held = 5;
    assert_int_equal(conn_readable(holding), 1);

    sock_t *listener, *client, *server;
    uint32_t addr, local;
    uint16_t port;
    assert_int_equal(sock_parse_addr("127.0.0.1", &addr), 0);
    assert_int_equal(sock_listen(addr, 0, 1, &listener), 0);
    assert_int_equal(sock_local(listener, &local, &port), 0);
    assert_int_equal(sock_dial(addr, port, 1000, &client), 0);
    assert_int_equal(sock_accept(listener, &server, NULL, NULL, 1000), 0);
    struct conn c = conn_of_sock(server);
    assert_int_equal(conn_readable(c), 0);
    assert_int_equal(sock_send(client, "x", 1), 1);
    for (int i = 0; i < 100 && !conn_readable(c); i++)  /* loopback: at once, or nearly */
        hal_sleep_us(10000);
    assert_int_equal(conn_readable(c), 1);
    char byte;
    assert_int_equal(conn_read(c, &byte, 1, 0), 1);
    assert_int_equal(conn_readable(c), 0);
    sock_close(client);                                 /* the end is input too */
    for (int i = 0; i < 100 && !conn_readable(c); i++)
        hal_sleep_us(10000);
    assert_int_equal(conn_readable(c), 1);
    conn_close(&c);
    sock_close(listener);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_line_reader_reads_any_connection),
        cmocka_unit_test(readable_says_when_a_read_would_not_wait),
        cmocka_unit_test(urls_say_their_scheme_and_port),
        cmocka_unit_test(tls_errors_have_words),
        cmocka_unit_test(a_missing_ca_file_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
