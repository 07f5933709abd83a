/* The network over an Espressif ESP-AT modem on a named UART (kernel/uarts.h), through the
 * modem link (net/at_modem.h), for boards whose radio is a modem: net/netif.h picks it when
 * the board file says "modem": {"uart": ID, "baud": B, "tx": T, "rx": R, "name": "modem0"}.
 *
 * Station mode (AT+CWMODE=1), joins (AT+CWJAP, AT+CWLAP for scans, AT+CIPSTA? and AT+CIFSR
 * for the address), DNS (AT+CIPDOMAIN), TCP and UDP sockets on the modem's five links
 * (AT+CIPMUX=1, AT+CIPSTART, AT+CIPSEND, passive receive: AT+CIPRECVMODE=1 and
 * AT+CIPRECVDATA, so data waits in the modem until a reader asks), one TCP server
 * (AT+CIPSERVER: ESP-AT has one, so one service listens at a time), ping (AT+PING).
 *
 * No thread of its own: a caller waiting for data or a connection listens to the UART in
 * short slices, and whatever it hears (+IPD, CONNECT, CLOSED, WIFI DISCONNECT, ready) updates
 * the state every caller sees. A modem that stops answering or garbles a reply fails the
 * command in progress at its time-out; one that resets says "ready". Either way its links are
 * lost (their sockets get ERR_TIMEOUT or ERR_IO), and the next call re-initialises the modem
 * and joins the access point again. */
#ifndef NET_ESP_AT_NET_H
#define NET_ESP_AT_NET_H

#include "net/netif.h"

struct json;

extern const struct netif_ops esp_at_network;

/* Takes the UART settings from the board file's "modem" object; 0, or ERR_INVAL. */
int esp_at_net_configure(const struct json *modem);

#endif
