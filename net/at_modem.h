/* The link to an ESP-AT modem on a named UART (kernel/uarts.h): sends one command, feeds what
 * comes back through the reply parser (net/at_parser.h) and ends on a final result, on the
 * text the caller expects, or at the time-out, so that a modem that stops answering never
 * holds the caller longer than it asked.
 *
 * Every event of the reply goes to the caller's callbacks; asynchronous lines and payloads
 * also go to the link's listener, at any time, so the network driver that will sit on this
 * link (behind net/socket.h) sees +IPD, CLOSED or WIFI DISCONNECT that arrive in the middle of
 * another command's reply. Bytes that arrived between commands are parsed before the next
 * one is sent, for the same reason. One command at a time: the caller serialises. */
#ifndef NET_AT_MODEM_H
#define NET_AT_MODEM_H

#include "net/at_parser.h"

/* How a command ended. The numbers are atmodem's exit statuses (docs/modem.md). */
enum at_status {
    AT_STATUS_OK = 0,           /* OK, SEND OK, or the expected text */
    AT_STATUS_ERROR = 1,        /* ERROR (or FAIL) */
    AT_STATUS_SEND_FAIL = 3,
    AT_STATUS_BUSY = 4,         /* busy p...: the modem did not take the command */
    AT_STATUS_TIMEOUT = 5,      /* no final result in time */
    AT_STATUS_LINK = 6,         /* no modem, or its UART (atmodem: or reset pin) failed */
    AT_STATUS_STOPPED = 130,    /* the process was told to stop (Ctrl-C, kill) */
};

#define AT_MODEM_DEFAULT "modem0"

/* A zeroed one is not attached yet (static storage is enough, so it takes no data). */
struct at_modem {
    int attached;
    int uart;                           /* the UART's id, once attached */
    struct at_parser parser;
    const struct at_callbacks *listener;  /* async lines and payloads; NULL: nobody */
    /* the command in progress */
    const struct at_callbacks *reply;
    const char *sent;                   /* the command: its echo matches no expected text */
    const char *expect;
    int done;
    enum at_status status;
};

/* Binds m to the UART opened under name (uart ... NAME, atmodem -c). 0, or ERR_NODEV when no
 * UART has that name. */
int at_modem_attach(struct at_modem *m, const char *name);
/* Sends cmd and "\r\n" (cmd NULL: sends nothing, only listens, as after a reset) and waits at
 * most timeout_ms for the end of the reply. expect NULL: any final result ends it; else the
 * command succeeds on the first line holding expect, fails on ERROR, SEND FAIL or busy, and
 * goes on past an OK (AT+RST answers OK, then ready). reply may be NULL. */
enum at_status at_modem_command(struct at_modem *m, const char *cmd, int timeout_ms,
                                const char *expect, const struct at_callbacks *reply);
/* As at_modem_command, for a reply that may run long (a body the modem's HTTP client
 * receives, in chunks): it fails only when nothing at all came for idle_ms. */
enum at_status at_modem_command_streamed(struct at_modem *m, const char *cmd, int idle_ms,
                                         const struct at_callbacks *reply);
/* Writes len raw bytes (the data AT+CIPSEND's ">" asks for) and waits at most timeout_ms for
 * the final result (SEND OK, SEND FAIL). */
enum at_status at_modem_send_data(struct at_modem *m, const void *data, size_t len,
                                  int timeout_ms);
/* As at_modem_send_data, for data whose answer is a line, not a final result
 * (AT+MQTTPUBRAW's "+MQTTPUB:OK"): it ends on the first line holding expect, its events going
 * to reply. */
enum at_status at_modem_send_data_until(struct at_modem *m, const void *data, size_t len,
                                        int timeout_ms, const char *expect,
                                        const struct at_callbacks *reply);
/* No command: parses what arrives within ms (at most one read's wait), for the listener.
 * Bytes read, or a negative ERR_*. */
int at_modem_listen(struct at_modem *m, int ms);
/* The link the modem's client commands share (atwget, atcurl, atmqttc): what one of them
 * hears between its commands (an MQTT message) reaches the listener another set. It is taken
 * from the heap by the first of them (about 300 bytes), so a board that never uses them
 * keeps that RAM for programs; NULL when the heap has no room. */
struct at_modem *at_modem_clients(void);

/* Appends ,"text" to the command in cmd, with ESP-AT's escapes for a string argument (\",
 * \, and \\); 0, or -1 when it does not fit size (cmd is then cut). */
int at_append_string(char *cmd, size_t size, const char *text);

/* The words for a status: "OK", "ERROR", "timed out" ... */
const char *at_status_str(enum at_status status);

#endif
