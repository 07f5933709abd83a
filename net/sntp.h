/* SNTP (RFC 4330): asks a time server for the time, over UDP. */
#ifndef NET_SNTP_H
#define NET_SNTP_H

#include <stdint.h>

#define SNTP_PORT 123

/* The server's time in Unix seconds and microseconds, corrected by half the round trip.
 * Returns 0, or ERR_TIMEOUT, ERR_IO (a bad or refusing answer), or another ERR_*. */
int sntp_query(uint32_t addr, uint16_t port, int timeout_ms, int64_t *unix_s, uint32_t *usec,
               uint32_t *round_trip_us);

#endif
