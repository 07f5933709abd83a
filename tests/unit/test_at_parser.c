/* The ESP-AT reply parser (net/at_parser.c): results, the prompt, information lines, async
 * lines in the middle of a reply, and +IPD payloads counted out byte by byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "net/at_parser.h"

/* What the parser reported, as text: one "KIND[link,len]:text" per event, data as "<...>". */
struct seen {
    char log[2048];
};

static const char *const names[] = {
    "OK", "ERROR", "SEND_OK", "SEND_FAIL", "BUSY", "PROMPT", "INFO", "TEXT", "RECVDATA",
    "READY", "CONNECT", "CONNECT_FAIL", "CLOSED", "WIFI_CONNECTED", "WIFI_GOT_IP",
    "WIFI_DISCONNECT", "IPD", "IPD_PASSIVE", "MQTT_RECV", "MQTT_STATE",
};

static void on_event(void *ctx, const struct at_event *e)
{
    struct seen *s = ctx;
    size_t n = strlen(s->log);
    snprintf(s->log + n, sizeof s->log - n, "%s", names[e->kind]);
    n = strlen(s->log);
    if (e->link >= 0 || e->len)
        snprintf(s->log + n, sizeof s->log - n, "[%d,%ld]", e->link, e->len);
    n = strlen(s->log);
    snprintf(s->log + n, sizeof s->log - n, ":%.*s\n", (int)e->text_len, e->text);
}

static void on_data(void *ctx, int link, const uint8_t *buf, size_t len)
{
    struct seen *s = ctx;
    size_t n = strlen(s->log);
    snprintf(s->log + n, sizeof s->log - n, "<%.*s>", (int)len, (const char *)buf);
}

/* Feeds text in pieces of step bytes (0: all at once); returns the log. */
static const char *parse(struct seen *s, const char *text, size_t step)
{
    struct at_parser p;
    const struct at_callbacks cb = { s, on_event, on_data };
    size_t len = strlen(text);
    memset(s, 0, sizeof *s);
    at_parser_init(&p);
    if (!step)
        step = len ? len : 1;
    for (size_t i = 0; i < len; i += step)
        at_parser_feed(&p, (const uint8_t *)text + i, len - i < step ? len - i : step, &cb);
    return s->log;
}

static void test_final_results(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "AT\r\r\n\r\nOK\r\n", 0), "TEXT:AT\nOK:OK\n");
    assert_string_equal(parse(&s, "\r\nERROR\r\n", 1), "ERROR:ERROR\n");
    assert_string_equal(parse(&s, "\r\nSEND OK\r\n\r\nSEND FAIL\r\n", 3),
                        "SEND_OK:SEND OK\nSEND_FAIL:SEND FAIL\n");
    assert_string_equal(parse(&s, "busy p...\r\nbusy s...\r\n", 0),
                        "BUSY:busy p...\nBUSY:busy s...\n");
    assert_string_equal(parse(&s, "FAIL\n", 0), "ERROR:FAIL\n");
    assert_true(at_kind_is_final(AT_BUSY));
    assert_false(at_kind_is_final(AT_PROMPT));
    assert_true(at_kind_is_async(AT_IPD));
    assert_false(at_kind_is_async(AT_INFO));
}

static void test_information_and_text_lines(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "AT version:2.2.0.0(s-90458f0)\r\n+CIPSTA:ip:\"10.0.0.2\"\r\n"
                                  "+CWJAP:1\r\nOK\r\n", 2),
                        "TEXT:AT version:2.2.0.0(s-90458f0)\nINFO:+CIPSTA:ip:\"10.0.0.2\"\n"
                        "INFO:+CWJAP:1\nOK:OK\n");
    /* near misses are text */
    assert_string_equal(parse(&s, "OKAY\r\nOK \r\n+NOCOLON\r\nX,CONNECT\r\n", 0),
                        "TEXT:OKAY\nTEXT:OK \nTEXT:+NOCOLON\nTEXT:X,CONNECT\n");
}

static void test_the_prompt_has_no_line_end(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "AT+CIPSEND=0,4\r\n\r\nOK\r\n\r\n>", 1),
                        "TEXT:AT+CIPSEND=0,4\nOK:OK\nPROMPT:>\n");
    /* old firmware: "> " and then the result */
    assert_string_equal(parse(&s, "> \r\nRecv 4 bytes\r\n\r\nSEND OK\r\n", 0),
                        "PROMPT:>\nTEXT:Recv 4 bytes\nSEND_OK:SEND OK\n");
    /* a '>' inside a line is text */
    assert_string_equal(parse(&s, "a>b\r\n", 0), "TEXT:a>b\n");
}

static void test_async_lines_inside_a_reply(void **state)
{
    struct seen s;
    const char *reply = "AT+CWJAP=\"sim\",\"pw\"\r\nWIFI DISCONNECT\r\nWIFI CONNECTED\r\n"
                        "WIFI GOT IP\r\n0,CONNECT\r\n\r\nready\r\n1,CLOSED\r\nCLOSED\r\n"
                        "2,CONNECT FAIL\r\n\r\nOK\r\n";
    const char *want = "TEXT:AT+CWJAP=\"sim\",\"pw\"\nWIFI_DISCONNECT:WIFI DISCONNECT\n"
                       "WIFI_CONNECTED:WIFI CONNECTED\nWIFI_GOT_IP:WIFI GOT IP\n"
                       "CONNECT[0,0]:0,CONNECT\nREADY:ready\nCLOSED[1,0]:1,CLOSED\n"
                       "CLOSED:CLOSED\nCONNECT_FAIL[2,0]:2,CONNECT FAIL\nOK:OK\n";
    for (size_t step = 0; step < 8; step++)
        assert_string_equal(parse(&s, reply, step), want);
}

static void test_ipd_payload_is_counted_not_parsed(void **state)
{
    struct seen s;
    /* the payload holds "\r\nOK\r\n" and a '>': none of it is a line */
    const char *in = "AT+GMR\r\n+IPD,0,8:\r\nOK\r\n>x\r\nAT version:2\r\n\r\nOK\r\n";
    for (size_t step = 0; step < 5; step++) {
        parse(&s, in, step);
        assert_non_null(strstr(s.log, "IPD[0,8]:+IPD,0,8:\n"));
        assert_null(strstr(s.log, "PROMPT"));
        const char *tail = "x>TEXT:AT version:2\nOK:OK\n";
        assert_string_equal(s.log + strlen(s.log) - strlen(tail), tail);
    }
    assert_string_equal(parse(&s, "+IPD,5:hello\r\n", 0), "IPD[-1,5]:+IPD,5:\n<hello>");
    /* with AT+CIPDINFO=1, an IPv6 address's ':' does not end the header */
    assert_string_equal(parse(&s, "+IPD,1,2,\"fe80::1\",8080:hi", 0),
                        "IPD[1,2]:+IPD,1,2,\"fe80::1\",8080:\n<hi>");
    assert_string_equal(parse(&s, "+IPD,3,\"10.0.0.1\",80:abc", 0),
                        "IPD[-1,3]:+IPD,3,\"10.0.0.1\",80:\n<abc>");
    assert_string_equal(parse(&s, "+IPD,0,0:\r\nOK\r\n", 0), "IPD[0,0]:+IPD,0,0:\nOK:OK\n");
}

static void test_passive_receive(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "+IPD,0,295\r\n", 1), "IPD_PASSIVE[0,295]:+IPD,0,295\n");
    assert_string_equal(parse(&s, "+CIPRECVDATA:6,OK\r\n>!\r\nOK\r\n", 1),
                        "RECVDATA[-1,6]:+CIPRECVDATA:6,\n<O><K><\r><\n><>><!>OK:OK\n");
    assert_string_equal(parse(&s, "+CIPRECVDATA:x,OK\r\n", 0), "INFO:+CIPRECVDATA:x,OK\n");
}

/* The modem's HTTP client: a body comes in chunks whose bytes are counted out, so a body
 * holding "\r\nOK\r\n" does not end the command; AT+HTTPGETSIZE's line is information. */
static void test_http_client_chunks(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "+HTTPCGET:4,OK\r\n\r\n+HTTPCGET:2,ab\r\nOK\r\n", 1),
                        "RECVDATA[-1,4]:+HTTPCGET:4,\n<O><K><\r><\n>"
                        "RECVDATA[-1,2]:+HTTPCGET:2,\n<a><b>OK:OK\n");
    assert_string_equal(parse(&s, "+HTTPCLIENT:5,ERROR\r\nOK\r\n", 0),
                        "RECVDATA[-1,5]:+HTTPCLIENT:5,\n<ERROR>OK:OK\n");
    assert_string_equal(parse(&s, "+HTTPGETSIZE:1024\r\nOK\r\n", 0),
                        "INFO:+HTTPGETSIZE:1024\nOK:OK\n");
    assert_string_equal(parse(&s, "+HTTPCGET:,x\r\n", 0), "INFO:+HTTPCGET:,x\n");
}

/* The modem's MQTT client: a message's bytes are counted out after its topic, whose commas
 * (inside the quotes) end nothing; its state lines may come at any time. */
static void test_mqtt_messages_and_state(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "+MQTTSUBRECV:0,\"a,b\",4,OK\r\n\r\nOK\r\n", 1),
                        "MQTT_RECV[0,4]:+MQTTSUBRECV:0,\"a,b\",4,\n<O><K><\r><\n>OK:OK\n");
    assert_string_equal(parse(&s, "+MQTTSUBRECV:0,\"t\",x,y\r\n", 0),
                        "INFO:+MQTTSUBRECV:0,\"t\",x,y\n");
    assert_string_equal(parse(&s, "+MQTTDISCONNECTED:0\r\n", 0),
                        "MQTT_STATE:+MQTTDISCONNECTED:0\n");
    assert_string_equal(parse(&s, "+MQTTCONNECTED:0,1,\"h\",\"1883\",\"\",1\r\n", 0),
                        "MQTT_STATE:+MQTTCONNECTED:0,1,\"h\",\"1883\",\"\",1\n");
}

static void test_bad_headers_and_long_lines_are_text(void **state)
{
    struct seen s;
    assert_string_equal(parse(&s, "+IPD,a,b:\r\n", 0), "INFO:+IPD,a,b:\n");
    assert_string_equal(parse(&s, "+IPD,0,999999:x\r\n", 0), "INFO:+IPD,0,999999:x\n");
    assert_string_equal(parse(&s, "+IPD,1,2,3,4,5:x\r\n", 0), "INFO:+IPD,1,2,3,4,5:x\n");
    char line[AT_LINE_MAX + 16];
    memset(line, 'O', sizeof line);
    memcpy(line + sizeof line - 5, "K\r\n", 4);
    parse(&s, line, 7);
    assert_int_equal(strncmp(s.log, "TEXT:OOO", 8), 0);
    assert_int_equal(strlen(s.log), 5 + AT_LINE_MAX + 1);
    /* a NUL makes a line no result */
    struct at_parser p;
    const struct at_callbacks cb = { &s, on_event, on_data };
    memset(&s, 0, sizeof s);
    at_parser_init(&p);
    at_parser_feed(&p, (const uint8_t *)"O\0K\r\nOK\r\n", 9, &cb);
    assert_string_equal(s.log, "TEXT:OK\nOK:OK\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_final_results),
        cmocka_unit_test(test_information_and_text_lines),
        cmocka_unit_test(test_the_prompt_has_no_line_end),
        cmocka_unit_test(test_async_lines_inside_a_reply),
        cmocka_unit_test(test_ipd_payload_is_counted_not_parsed),
        cmocka_unit_test(test_passive_receive),
        cmocka_unit_test(test_http_client_chunks),
        cmocka_unit_test(test_mqtt_messages_and_state),
        cmocka_unit_test(test_bad_headers_and_long_lines_are_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
