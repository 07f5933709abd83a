#include "net/sntp.h"

#include <string.h>

#include "hal/time.h"
#include "lib/err.h"
#include "net/socket.h"

#define NTP_UNIX_OFFSET 2208988800ULL   /* seconds from 1900 to 1970 */
#define PACKET 48

static uint64_t read_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* An NTP timestamp that only we know: the server must echo it as the originate time. */
static void put_nonce(uint8_t *p, int64_t now_s, uint64_t mono_us)
{
    uint64_t ts = ((uint64_t)now_s + NTP_UNIX_OFFSET) << 32 | (uint32_t)(mono_us * 4295);
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(ts >> (56 - 8 * i));
}

static int valid_answer(const uint8_t *a, int n, const uint8_t *request)
{
    int mode = a[0] & 7, version = a[0] >> 3 & 7, leap = a[0] >> 6;
    return n >= PACKET && (mode == 4 || mode == 5) && version >= 1 && leap != 3 &&
           a[1] != 0 /* stratum 0: kiss-o'-death */ && !memcmp(a + 24, request + 40, 8);
}

int sntp_query(uint32_t addr, uint16_t port, int timeout_ms, int64_t *unix_s, uint32_t *usec,
               uint32_t *round_trip_us)
{
    uint8_t req[PACKET] = { 0 }, ans[PACKET + 16];
    sock_t *s;
    int r = sock_open(HAL_SOCK_UDP, &s);
    if (r < 0)
        return r;
    req[0] = 0 << 6 | 4 << 3 | 3;            /* no leap warning, version 4, client */
    uint64_t sent = hal_time_us();
    put_nonce(req + 40, hal_rtc_get(), sent);
    r = sock_sendto(s, req, sizeof req, addr, port);
    uint32_t from;
    uint16_t from_port;
    while (r >= 0) {
        r = sock_recvfrom(s, ans, sizeof ans, &from, &from_port, timeout_ms);
        if (r < 0)
            break;
        if (from == addr && from_port == port && valid_answer(ans, r, req))
            break;
        r = 0;                                /* not our answer: wait for the real one */
        if (hal_time_us() - sent > (uint64_t)timeout_ms * 1000)
            r = ERR_TIMEOUT;
    }
    sock_close(s);
    if (r < 0)
        return r == ERR_TIMEOUT || r == ERR_INTR ? r : ERR_IO;
    uint64_t rtt = hal_time_us() - sent;
    uint64_t transmit = read_be64(ans + 40);   /* when the server sent its answer */
    uint64_t secs = transmit >> 32;
    if (secs < NTP_UNIX_OFFSET)
        return ERR_IO;
    uint64_t micros = ((transmit & 0xffffffffu) * 1000000) >> 32;
    micros += rtt / 2;
    *unix_s = (int64_t)(secs - NTP_UNIX_OFFSET + micros / 1000000);
    *usec = (uint32_t)(micros % 1000000);
    *round_trip_us = (uint32_t)rtt;
    return 0;
}
