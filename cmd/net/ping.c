/* ping: ICMP echo, 4 packets of 64 bytes one second apart, then a summary. */
#include <stdlib.h>
#include <string.h>

#include "hal/net.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "net/netif.h"
#include "net/socket.h"

#define PAYLOAD 56                /* + 8 bytes of ICMP header: 64 */
#define REPLY_TIMEOUT_MS 1000

COMMAND(ping, "ping HOST [-c COUNT]", "send ICMP echo requests and show the round trips",
        RAW_ARGS, 0, MANY)
{
    const char *host = NULL;
    long count = 4;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-c") && i + 1 < argc) {
            count = strtol(argv[++i], NULL, 10);
            if (count < 1 || count > 100000)
                return cmd_error(ctx, "%s: not a count", argv[i]);
        } else if (argv[i][0] == '-') {
            return cmd_error(ctx, "unknown option %s", argv[i]);
        } else {
            host = argv[i];
        }
    }
    if (!host)
        return cmd_error(ctx, "missing host");
    uint32_t addr;
    char text[16];
    int r = sock_resolve(host, &addr);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", host, err_str(r));
    sock_addr_text(addr, text, sizeof text);
    proc_printf(p, "PING %s (%s): %d data bytes\n", host, text, PAYLOAD);
    long sent = 0, received = 0;
    double min = 0, max = 0, sum = 0;
    for (long seq = 0; seq < count; seq++) {
        if (seq && proc_sleep_ms(1000) < 0)
            break;
        uint32_t rtt;
        int ttl;
        sent++;
        r = netif()->ping(addr, (uint16_t)seq, PAYLOAD, REPLY_TIMEOUT_MS, &rtt, &ttl);
        if (r == ERR_PERM || r == ERR_NOTSUP)
            return cmd_error(ctx, "ICMP not available: %s", err_str(r));
        if (r < 0) {
            proc_printf(p, "Request timeout for icmp_seq=%ld\n", seq);
            continue;
        }
        double ms = rtt / 1000.0;
        proc_printf(p, "%d bytes from %s: icmp_seq=%ld, ttl=%d, time=%.3f ms\n", PAYLOAD + 8,
                    text, seq, ttl, ms);
        min = received == 0 || ms < min ? ms : min;
        max = ms > max ? ms : max;
        sum += ms;
        received++;
    }
    proc_printf(p, "--- %s ping statistics ---\n%ld packets transmitted, %ld packets received, "
                   "%ld%% packet loss\n", host, sent, received,
                sent ? (sent - received) * 100 / sent : 0);
    if (received)
        proc_printf(p, "round-trip min/avg/max = %.3f/%.3f/%.3f ms\n", min, sum / received, max);
    proc_set_result(p, value_int(received));
    return received ? 0 : 1;
}
