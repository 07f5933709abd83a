/* The replies of an Espressif ESP-AT modem, byte by byte, as they come off the UART.
 *
 * A modem answers a command with lines ("\r\n" ends each) and one final result (OK, ERROR,
 * SEND OK, SEND FAIL, or "busy p..." when it is still busy with the previous command). Between
 * and inside those replies it sends lines of its own at any time: "ready" after a reset,
 * "[id,]CONNECT", "[id,]CLOSED", "WIFI CONNECTED", "WIFI GOT IP", "WIFI DISCONNECT", and
 * "+IPD" for received data. Two things are not lines: the prompt ">" that asks for the data of
 * AT+CIPSEND has no line end, and the payload after "+IPD,[id,]len[,ip,port]:",
 * "+CIPRECVDATA:len," (or the HTTP client's "+HTTPCGET:len," and "+HTTPCLIENT:len,", the MQTT
 * client's "+MQTTSUBRECV:link,"topic",len,") is len raw bytes, "\r\n" and "OK" among them
 * maybe. So the parser counts those bytes out instead of looking for line ends, and
 * recognises the prompt at the start of a line.
 *
 * Pure code (no UART, no clock), fed in pieces of any size, so that it can be fuzzed; the
 * modem link (net/at_modem.h) and the network driver over it decide what an event means for
 * the command in progress. A line longer than AT_LINE_MAX is cut (the rest is dropped) and
 * reported as text, never as a result; so is one holding a NUL. AT+CIPDINFO must stay 0 for
 * passive receive: with it, +CIPRECVDATA puts the address before the data and the parser
 * would count it as data. */
#ifndef NET_AT_PARSER_H
#define NET_AT_PARSER_H

#include <stddef.h>
#include <stdint.h>

#define AT_LINE_MAX 256

enum at_kind {
    /* final results: the command is over */
    AT_OK,
    AT_ERROR,             /* also FAIL, as old ESP8266 firmware ends a failed join */
    AT_SEND_OK,
    AT_SEND_FAIL,
    AT_BUSY,              /* "busy p..." / "busy s...": the command was not taken */
    /* the rest of a reply */
    AT_PROMPT,            /* ">": send the data of AT+CIPSEND now */
    AT_INFO,              /* "+CMD:...": an information line */
    AT_TEXT,              /* any other line: the echo, AT+GMR's lines, "Recv 4 bytes" */
    AT_RECVDATA,          /* "+CIPRECVDATA:len,", "+HTTPCGET:len,", "+HTTPCLIENT:len,": len
                             bytes follow through data (the text says whose) */
    /* asynchronous: at any time, also in the middle of a reply */
    AT_READY,             /* the modem (re)started */
    AT_CONNECT,           /* link opened (ours, or a client of AT+CIPSERVER) */
    AT_CONNECT_FAIL,
    AT_CLOSED,            /* link closed */
    AT_WIFI_CONNECTED,
    AT_WIFI_GOT_IP,
    AT_WIFI_DISCONNECT,
    AT_IPD,               /* len bytes of link follow through the data callback */
    AT_IPD_PASSIVE,       /* len bytes of link wait in the modem (AT+CIPRECVMODE=1) */
    AT_MQTT_RECV,         /* "+MQTTSUBRECV:link,"topic",len,": len bytes follow through data */
    AT_MQTT_STATE,        /* "+MQTTCONNECTED:..." or "+MQTTDISCONNECTED:link" */
};

struct at_event {
    enum at_kind kind;
    int link;             /* the link id of CONNECT, CLOSED, +IPD; -1 when none is given */
    long len;             /* the byte count of +IPD and +CIPRECVDATA */
    const char *text;     /* the line as received, without "\r\n" (">" for the prompt) */
    size_t text_len;
};

struct at_callbacks {
    void *ctx;
    void (*event)(void *ctx, const struct at_event *e);
    /* Payload bytes of the last AT_IPD or AT_RECVDATA, in as many pieces as they came. */
    void (*data)(void *ctx, int link, const uint8_t *buf, size_t len);
};

struct at_parser {
    char line[AT_LINE_MAX + 1];
    size_t len;
    uint8_t garbled;      /* longer than AT_LINE_MAX, or holding a NUL: only text */
    uint8_t quotes;       /* '"' seen in the line: a ':' inside quotes ends no +IPD header */
    int data_link;
    long data_left;       /* payload bytes still to count out */
};

void at_parser_init(struct at_parser *p);
void at_parser_feed(struct at_parser *p, const uint8_t *buf, size_t len,
                    const struct at_callbacks *cb);
/* 1 for the results that end a command (OK ... AT_BUSY). */
int at_kind_is_final(enum at_kind kind);
/* 1 for the lines that may come at any time (AT_READY ... AT_IPD_PASSIVE). */
int at_kind_is_async(enum at_kind kind);

#endif
