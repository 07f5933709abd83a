/* The iperf3 control protocol (as iperf3 3.x speaks it on port 5201): a 37-byte cookie, state
 * bytes, and JSON messages prefixed by their 4-byte big-endian length. */
#ifndef NET_IPERF3_H
#define NET_IPERF3_H

#include <stdint.h>

#include "net/socket.h"

#define IPERF3_PORT 5201
#define IPERF3_COOKIE 37          /* 36 characters and a NUL */

enum iperf3_state {
    IPERF3_TEST_START = 1, IPERF3_TEST_RUNNING = 2, IPERF3_TEST_END = 4,
    IPERF3_PARAM_EXCHANGE = 9, IPERF3_CREATE_STREAMS = 10, IPERF3_SERVER_TERMINATE = 11,
    IPERF3_CLIENT_TERMINATE = 12, IPERF3_EXCHANGE_RESULTS = 13, IPERF3_DISPLAY_RESULTS = 14,
    IPERF3_IPERF_START = 15, IPERF3_IPERF_DONE = 16, IPERF3_ACCESS_DENIED = -1,
    IPERF3_SERVER_ERROR = -2,
};

struct json;

void iperf3_make_cookie(char cookie[IPERF3_COOKIE]);
int iperf3_read_exact(sock_t *s, void *buf, size_t len, int timeout_ms);
int iperf3_send_state(sock_t *s, int state);
/* The next state byte (signed), or a negative ERR_* (as ERR_* < -16 never collide with
 * the protocol's -1/-2, callers check with iperf3_is_error). */
int iperf3_recv_state(sock_t *s, int timeout_ms, int *state);
int iperf3_send_json(sock_t *s, const struct json *j);
/* Receives a JSON message (at most 64 KB); NULL on error. */
struct json *iperf3_recv_json(sock_t *s, int timeout_ms);
/* {"streams":[{"id":1,"bytes":N,...,"end_time":SECS}], ...}: the results message. */
struct json *iperf3_results(long long bytes, double seconds, int sender);
/* The bytes a results message reports for its first stream; -1 when absent. */
long long iperf3_result_bytes(const struct json *results);

#endif
