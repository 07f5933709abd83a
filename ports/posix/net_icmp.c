/* ICMP echo on posix: an unprivileged ICMP datagram socket where the host allows it
 * (net.ipv4.ping_group_range), else a raw socket (root). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "hal/net.h"
#include "lib/err.h"

#define ECHO_REQUEST 8
#define ECHO_REPLY 0
#define MAX_PAYLOAD 1024

static uint64_t now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000 + (uint64_t)t.tv_nsec / 1000;
}

static uint16_t checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)(p[len - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static int open_icmp(int *raw)
{
    int s = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
    *raw = 0;
    if (s < 0) {
        s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
        *raw = 1;
    }
    if (s < 0)
        return errno == EPERM || errno == EACCES ? ERR_PERM : ERR_NOTSUP;
    int one = 1;
    setsockopt(s, IPPROTO_IP, IP_RECVTTL, &one, sizeof one);
    return s;
}

/* Reads one datagram; the ICMP message starts at *icmp. The TTL comes from the IP header
 * (raw) or the IP_TTL control message (datagram socket). */
static int receive(int s, int raw, uint8_t *buf, size_t size, uint8_t **icmp, int *ttl)
{
    char control[64];
    struct iovec iov = { buf, size };
    struct msghdr msg = { 0 };
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = recvmsg(s, &msg, 0);
    if (n < 0)
        return ERR_IO;
    *icmp = buf;
    if (raw) {
        size_t header = (size_t)(buf[0] & 15) * 4;
        if ((size_t)n < header + 8)
            return ERR_IO;
        *ttl = buf[8];
        *icmp = buf + header;
        return (int)(n - (ssize_t)header);
    }
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
            memcpy(ttl, CMSG_DATA(c), sizeof *ttl);
    return (int)n;
}

int hal_net_ping(uint32_t addr, uint16_t seq, size_t payload_len, int timeout_ms,
                 uint32_t *rtt_us, int *ttl)
{
    uint8_t packet[8 + MAX_PAYLOAD], reply[60 + 8 + MAX_PAYLOAD];
    int raw;
    if (payload_len > MAX_PAYLOAD)
        return ERR_INVAL;
    int s = open_icmp(&raw);
    if (s < 0)
        return s;
    uint16_t id = (uint16_t)getpid();
    memset(packet, 0, 8);
    packet[0] = ECHO_REQUEST;
    packet[4] = (uint8_t)(id >> 8);
    packet[5] = (uint8_t)id;
    packet[6] = (uint8_t)(seq >> 8);
    packet[7] = (uint8_t)seq;
    for (size_t i = 0; i < payload_len; i++)
        packet[8 + i] = (uint8_t)i;
    uint16_t sum = checksum(packet, 8 + payload_len);
    packet[2] = (uint8_t)(sum >> 8);
    packet[3] = (uint8_t)sum;
    struct sockaddr_in to = { 0 };
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(addr);
    uint64_t start = now_us();
    if (sendto(s, packet, 8 + payload_len, 0, (struct sockaddr *)&to, sizeof to) < 0) {
        close(s);
        return errno == EPERM || errno == EACCES ? ERR_PERM : ERR_IO;
    }
    int result = ERR_TIMEOUT;
    for (;;) {
        int64_t left = (int64_t)timeout_ms * 1000 - (int64_t)(now_us() - start);
        struct pollfd p = { s, POLLIN, 0 };
        if (left <= 0 || poll(&p, 1, (int)((left + 999) / 1000)) <= 0)
            break;
        uint8_t *icmp;
        *ttl = 64;
        int n = receive(s, raw, reply, sizeof reply, &icmp, ttl);
        /* datagram sockets rewrite the id; raw ones see every ICMP message */
        if (n >= 8 && icmp[0] == ECHO_REPLY && (icmp[6] << 8 | icmp[7]) == seq &&
            (!raw || (icmp[4] << 8 | icmp[5]) == id)) {
            *rtt_us = (uint32_t)(now_us() - start);
            result = 0;
            break;
        }
    }
    close(s);
    return result;
}
