/* iperf3's UDP streams: the datagram header, the receiver's loss and jitter accounting, and
 * the hello exchange that stands in for a connection. */
#include <string.h>

#include "lib/err.h"
#include "net/iperf3.h"

/* The hello and its reply. iperf3 3.12 writes them as host-order 32-bit numbers (0x36373839
 * and 0x39383736); iperf3 runs little-endian wherever we meet it, so these are the bytes on
 * the wire, the same as it sends. */
static const uint8_t hello[4] = { 0x39, 0x38, 0x37, 0x36 };
static const uint8_t reply[4] = { 0x36, 0x37, 0x38, 0x39 };

#define HELLO_TRIES 3

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

size_t iperf3_udp_header_len(int counters_64bit)
{
    return counters_64bit ? 16 : 12;
}

void iperf3_udp_stamp(uint8_t *dgram, uint64_t count, uint64_t now_us, int counters_64bit)
{
    put_be32(dgram, (uint32_t)(now_us / 1000000));
    put_be32(dgram + 4, (uint32_t)(now_us % 1000000));
    if (counters_64bit) {
        put_be32(dgram + 8, (uint32_t)(count >> 32));
        put_be32(dgram + 12, (uint32_t)count);
    } else {
        put_be32(dgram + 8, (uint32_t)count);
    }
}

static void count_packet(struct iperf3_udp_rx *rx, uint64_t number)
{
    if (number > rx->last) {
        rx->lost += (long long)(number - rx->last - 1);
        rx->last = number;
    } else {
        /* a late packet, already counted as lost */
        rx->out_of_order++;
        if (rx->lost > 0)
            rx->lost--;
    }
}

/* RFC 1889 section 6.3.1: J += (|D| - J) / 16, D the change in transit time. The clocks of
 * the two sides need not agree: only differences of transit times count. */
static void count_jitter(struct iperf3_udp_rx *rx, int64_t transit_us)
{
    if (rx->have_transit) {
        int64_t d = transit_us - rx->prev_transit_us;
        rx->jitter_us += ((double)(d < 0 ? -d : d) - rx->jitter_us) / 16.0;
    }
    rx->prev_transit_us = transit_us;
    rx->have_transit = 1;
}

void iperf3_udp_received(struct iperf3_udp_rx *rx, const uint8_t *dgram, size_t len,
                         uint64_t now_us, int counters_64bit)
{
    if (len < iperf3_udp_header_len(counters_64bit))
        return;
    uint64_t sent_us = (uint64_t)get_be32(dgram) * 1000000 + get_be32(dgram + 4);
    uint64_t number = counters_64bit ? (uint64_t)get_be32(dgram + 8) << 32 | get_be32(dgram + 12)
                                     : get_be32(dgram + 8);
    count_packet(rx, number);
    count_jitter(rx, (int64_t)(now_us - sent_us));
}

int iperf3_udp_dial(uint32_t addr, uint16_t port, int timeout_ms, sock_t **out)
{
    sock_t *s;
    uint8_t answer[4];
    int r = sock_open(HAL_SOCK_UDP, &s);
    if (r < 0)
        return r;
    if ((r = sock_connect(s, addr, port, timeout_ms)) < 0) {
        sock_close(s);
        return r;
    }
    /* A datagram can be lost: say hello again when no reply comes. */
    for (int i = 0; i < HELLO_TRIES; i++) {
        if ((r = sock_send(s, hello, sizeof hello)) < 0)
            break;
        r = sock_recv(s, answer, sizeof answer, timeout_ms / HELLO_TRIES);
        if (r != ERR_TIMEOUT)
            break;
    }
    if (r < 0) {
        sock_close(s);
        return r;
    }
    *out = s;
    return 0;
}

int iperf3_udp_listen(uint16_t port, sock_t **out)
{
    sock_t *s;
    int r = sock_open(HAL_SOCK_UDP, &s);
    if (r < 0)
        return r;
    if ((r = sock_bind(s, SOCK_ADDR_ANY, port)) < 0) {
        sock_close(s);
        return r;
    }
    *out = s;
    return 0;
}

int iperf3_udp_accept(sock_t *s, int timeout_ms)
{
    uint8_t buf[64];
    uint32_t addr;
    uint16_t port;
    int r = sock_recvfrom(s, buf, sizeof buf, &addr, &port, timeout_ms);
    if (r >= 0 && r != (int)sizeof hello)
        r = ERR_INVAL;              /* not an iperf3 hello */
    if (r >= 0)
        r = sock_connect(s, addr, port, timeout_ms);
    if (r >= 0)
        r = sock_send(s, reply, sizeof reply);
    return r < 0 ? r : 0;
}
