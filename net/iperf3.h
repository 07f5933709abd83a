/* The iperf3 protocol (as iperf3 3.x speaks it on port 5201).
 * Control connection (TCP): a 37-byte cookie, state bytes, and JSON messages prefixed by their
 * 4-byte big-endian length: the client's parameters, then each side's results.
 * Data: one TCP connection that starts with the same cookie, or one UDP "connection" opened by
 * a 4-byte hello datagram and its reply; each UDP datagram starts with the sender's time
 * (seconds and microseconds) and a packet number, from which the receiver counts lost packets
 * and the jitter (RFC 1889's running estimate). */
#ifndef NET_IPERF3_H
#define NET_IPERF3_H

#include <stdint.h>

#include "net/socket.h"

#define IPERF3_PORT 5201
#define IPERF3_COOKIE 37          /* 36 characters and a NUL */
#define IPERF3_UDP_MAX_LEN 65507  /* the largest UDP payload over IPv4 */

enum iperf3_state {
    IPERF3_TEST_START = 1, IPERF3_TEST_RUNNING = 2, IPERF3_TEST_END = 4,
    IPERF3_PARAM_EXCHANGE = 9, IPERF3_CREATE_STREAMS = 10, IPERF3_SERVER_TERMINATE = 11,
    IPERF3_CLIENT_TERMINATE = 12, IPERF3_EXCHANGE_RESULTS = 13, IPERF3_DISPLAY_RESULTS = 14,
    IPERF3_IPERF_START = 15, IPERF3_IPERF_DONE = 16, IPERF3_ACCESS_DENIED = -1,
    IPERF3_SERVER_ERROR = -2,
};

struct json;

/* What the client asks for: the parameters message. */
struct iperf3_params {
    int udp, reverse;
    int seconds;
    long len;                 /* bytes per write (TCP) or per datagram (UDP) */
    double bandwidth;         /* bits per second the sender keeps to; 0: as fast as it can */
    int counters_64bit;       /* UDP packet numbers are 64-bit */
    int parallel, bidir;      /* streams; both directions at once (we refuse either) */
};

/* One side's view of the test, as the results message carries it. */
struct iperf3_stats {
    long long bytes;
    long long packets;        /* UDP: sent, or the highest number received */
    long long lost;           /* UDP receiver: packets that never came */
    double jitter_s;          /* UDP receiver */
    double seconds;
};

void iperf3_make_cookie(char cookie[IPERF3_COOKIE]);
int iperf3_read_exact(sock_t *s, void *buf, size_t len, int timeout_ms);
int iperf3_send_state(sock_t *s, int state);
/* Puts the next state byte (signed) in *state; 0, or a negative ERR_* when none came. */
int iperf3_recv_state(sock_t *s, int timeout_ms, int *state);
int iperf3_send_json(sock_t *s, const struct json *j);
/* Receives a JSON message (at most 64 KB); NULL on error. */
struct json *iperf3_recv_json(sock_t *s, int timeout_ms);

struct json *iperf3_params_to_json(const struct iperf3_params *prm);
void iperf3_params_from_json(const struct json *j, struct iperf3_params *prm);

/* {"streams":[{"id":1,"bytes":N,...,"end_time":SECS}], ...}: the results message. */
struct json *iperf3_results(const struct iperf3_stats *st, int sender);
/* Reads a results message into st; ERR_INVAL when it has no stream. */
int iperf3_results_read(const struct json *results, struct iperf3_stats *st);

/* ---- UDP streams (net/iperf3_udp.c) ---- */

/* Packet accounting on the receiving side. */
struct iperf3_udp_rx {
    uint64_t last;            /* highest packet number seen */
    long long lost, out_of_order;
    double jitter_us;
    int64_t prev_transit_us;
    int have_transit;
};

/* The bytes of the header: 4 + 4 + 4 (or 8 with 64-bit counters). */
size_t iperf3_udp_header_len(int counters_64bit);
/* Writes the header of datagram number count, sent at now_us. */
void iperf3_udp_stamp(uint8_t *dgram, uint64_t count, uint64_t now_us, int counters_64bit);
/* Accounts for one received datagram (shorter than a header: ignored). */
void iperf3_udp_received(struct iperf3_udp_rx *rx, const uint8_t *dgram, size_t len,
                         uint64_t now_us, int counters_64bit);

/* Client: a UDP socket connected to the server, after the hello and its reply. */
int iperf3_udp_dial(uint32_t addr, uint16_t port, int timeout_ms, sock_t **out);
/* Server: a UDP socket bound to port, made before the client is told to create its stream;
 * then waits for the client's hello and connects the socket to that client, answering it. */
int iperf3_udp_listen(uint16_t port, sock_t **out);
int iperf3_udp_accept(sock_t *s, int timeout_ms);

#endif
