/* iperf3: throughput against iperf3 3.x, over TCP or UDP, in either direction (-R), one stream.
 * The protocol is in net/iperf3.c and net/iperf3_udp.c; this file runs a test from either
 * end. `-s` serves clients one after another until Ctrl-C (-1: one test); `-c HOST` tests
 * for -t seconds. Whoever sends keeps to the bandwidth the client asked for (-b; UDP's
 * default is 1 Mbit/s, as iperf3's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/json.h"
#include "net/iperf3.h"

#define TCP_BLOCK 16384
#define UDP_DEFAULT_LEN 1460
#define UDP_DEFAULT_RATE (1024.0 * 1024)
#define STEP_TIMEOUT_MS 10000
#define CONTROL_CHECK_US 20000     /* how often a server in a test looks for TEST_END */

/* ---- what the test prints ---- */

static void human(double value, const char *unit, int k, char *buf, size_t size)
{
    static const char *const prefixes[] = { "", "K", "M", "G" };
    int i = 0;
    while (value >= k && i < 3) {
        value /= k;
        i++;
    }
    snprintf(buf, size, "%.2f %s%s", value, prefixes[i], unit);
}

static void report(proc_t *p, double from, double to, long long bytes)
{
    char size[24], rate[24];
    double secs = to - from > 0 ? to - from : 1e-9;
    human((double)bytes, "Bytes", 1024, size, sizeof size);
    human(bytes * 8.0 / secs, "bits/sec", 1000, rate, sizeof rate);
    proc_printf(p, "[  5] %6.2f-%-6.2f sec  %12s  %16s", from, to, size, rate);
}

static void header(proc_t *p, int udp)
{
    proc_printf(p, "[ ID] Interval           Transfer     Bitrate%s\n",
                udp ? "           Jitter    Lost/Total Datagrams" : "");
}

static void summary_line(proc_t *p, const struct iperf3_stats *st, int udp, const char *role)
{
    report(p, 0, st->seconds, st->bytes);
    if (udp) {
        double percent = st->packets > 0 ? 100.0 * (double)st->lost / (double)st->packets : 0;
        proc_printf(p, "  %7.3f ms  %lld/%lld (%.2g%%)", st->jitter_s * 1000, st->lost,
                    st->packets, percent);
    }
    proc_printf(p, "  %s\n", role);
}

static void summary(proc_t *p, int udp, const struct iperf3_stats *sender,
                    const struct iperf3_stats *receiver)
{
    proc_puts(p, "- - - - - - - - - - - - - - - - - - - - - - - - -\n");
    header(p, udp);
    summary_line(p, sender, udp, "sender");
    summary_line(p, receiver, udp, "receiver");
}

/* ---- the data phase, from either side ---- */

struct transfer {
    proc_t *p;
    sock_t *ctrl, *data;
    struct iperf3_params prm;
    int sending;                   /* this side writes the data */
    int timed;                     /* this side ends the test when the time is up: the client */
    uint8_t *buf;
    size_t block;                  /* bytes per write, or the largest datagram */
    uint64_t start, mark, next_check;
    long long total, interval, packets;
    struct iperf3_udp_rx rx;
};

static void count(struct transfer *t, int n)
{
    t->total += n;
    t->interval += n;
    uint64_t now = hal_time_us();
    if (now - t->mark >= 1000000) {
        report(t->p, (t->mark - t->start) / 1e6, (now - t->start) / 1e6, t->interval);
        proc_puts(t->p, "\n");
        t->mark = now;
        t->interval = 0;
    }
}

/* Waits while the sender is ahead of the bandwidth; 1 when it may send now. */
static int paced(struct transfer *t, int *r)
{
    if (t->prm.bandwidth <= 0)
        return 1;
    uint64_t due = t->start + (uint64_t)((double)t->total * 8e6 / t->prm.bandwidth);
    uint64_t now = hal_time_us();
    if (now >= due)
        return 1;
    uint64_t wait = due - now;
    *r = proc_sleep_us(wait < CONTROL_CHECK_US ? wait : CONTROL_CHECK_US);
    return 0;
}

static int send_block(struct transfer *t)
{
    int r = 0;
    if (!paced(t, &r))
        return r;
    if (t->prm.udp)
        iperf3_udp_stamp(t->buf, (uint64_t)t->packets + 1, hal_time_us(), t->prm.counters_64bit);
    if ((r = sock_send(t->data, t->buf, t->block)) < 0)
        return r;
    t->packets++;
    count(t, (int)t->block);
    return 0;
}

static int receive_block(struct transfer *t, int timeout_ms)
{
    int n = sock_recv(t->data, t->buf, t->block, timeout_ms);
    if (n == ERR_TIMEOUT)
        return 0;
    if (n == 0 && !t->prm.udp)
        return ERR_CLOSED;
    if (n <= 0)
        return n;
    if (t->prm.udp)
        iperf3_udp_received(&t->rx, t->buf, (size_t)n, hal_time_us(), t->prm.counters_64bit);
    count(t, n);
    return n;
}

/* The client ends the test by time; the server when the client says TEST_END. */
static int test_over(struct transfer *t, int *over)
{
    uint64_t now = hal_time_us();
    if (t->timed) {
        *over = now >= t->start + (uint64_t)t->prm.seconds * 1000000;
        return 0;
    }
    if (now < t->next_check)
        return 0;
    t->next_check = now + CONTROL_CHECK_US;
    int8_t b;
    int c = sock_recv(t->ctrl, &b, 1, 0);
    if (c == 1)
        *over = b == IPERF3_TEST_END;
    return c == ERR_TIMEOUT || c == 1 ? 0 : (c < 0 ? c : ERR_CLOSED);
}

static int run_transfer(struct transfer *t)
{
    t->block = t->prm.udp ? (size_t)t->prm.len : TCP_BLOCK;
    if (!(t->buf = calloc(1, t->block)))
        return ERR_NOMEM;
    header(t->p, 0);
    t->start = t->mark = hal_time_us();
    int over = 0, r = 0;
    while (!over && r >= 0) {
        r = t->sending ? send_block(t) : receive_block(t, 50);
        if (r >= 0)
            r = test_over(t, &over);
    }
    if (r >= 0 && t->timed)
        r = iperf3_send_state(t->ctrl, IPERF3_TEST_END);
    while (r >= 0 && !t->sending && receive_block(t, 20) > 0)
        ;                          /* what was still on its way */
    if (t->interval > 0) {         /* the last, shorter interval */
        report(t->p, (t->mark - t->start) / 1e6, (hal_time_us() - t->start) / 1e6, t->interval);
        proc_puts(t->p, "\n");
    }
    free(t->buf);
    t->buf = NULL;
    return r < 0 ? r : 0;
}

static void my_stats(const struct transfer *t, struct iperf3_stats *st)
{
    memset(st, 0, sizeof *st);
    st->bytes = t->total;
    st->seconds = (hal_time_us() - t->start) / 1e6;
    if (t->sending) {
        st->packets = t->packets;
    } else {
        st->packets = (long long)t->rx.last;
        st->lost = t->rx.lost;
        st->jitter_s = t->rx.jitter_us / 1e6;
    }
}

/* Sends this side's results and takes the other's (in the order each side does it), then
 * prints both. */
static int exchange_results(struct transfer *t, int theirs_first)
{
    struct iperf3_stats mine, theirs;
    my_stats(t, &mine);
    struct json *out = iperf3_results(&mine, t->sending), *in = NULL;
    int r = out ? 0 : ERR_NOMEM;
    if (r == 0 && !theirs_first)
        r = iperf3_send_json(t->ctrl, out);
    if (r == 0 && !(in = iperf3_recv_json(t->ctrl, STEP_TIMEOUT_MS)))
        r = ERR_IO;
    if (r == 0 && theirs_first)
        r = iperf3_send_json(t->ctrl, out);
    if (r == 0 && iperf3_results_read(in, &theirs) < 0)
        r = ERR_IO;
    json_free(out);
    json_free(in);
    if (r == 0)
        summary(t->p, t->prm.udp, t->sending ? &mine : &theirs, t->sending ? &theirs : &mine);
    return r;
}

/* ---- client ---- */

struct client {
    const struct cmd_ctx *ctx;     /* for errors */
    uint32_t addr;
    uint16_t port;
    char cookie[IPERF3_COOKIE];
    struct transfer t;
};

static int open_stream(struct client *c)
{
    struct transfer *t = &c->t;
    if (t->prm.udp)
        return iperf3_udp_dial(c->addr, c->port, STEP_TIMEOUT_MS, &t->data);
    int r = sock_dial(c->addr, c->port, STEP_TIMEOUT_MS, &t->data);
    return r < 0 ? r : sock_send(t->data, c->cookie, IPERF3_COOKIE);
}

static int client_step(struct client *c, int state)
{
    struct transfer *t = &c->t;
    switch (state) {
    case IPERF3_PARAM_EXCHANGE: {
        struct json *params = iperf3_params_to_json(&t->prm);
        int r = params ? iperf3_send_json(t->ctrl, params) : ERR_NOMEM;
        json_free(params);
        return r;
    }
    case IPERF3_CREATE_STREAMS:
        return open_stream(c);
    case IPERF3_TEST_START:
        return 0;
    case IPERF3_TEST_RUNNING:
        return t->data ? run_transfer(t) : ERR_IO;
    case IPERF3_EXCHANGE_RESULTS:
        return exchange_results(t, 0);
    case IPERF3_DISPLAY_RESULTS:
        return iperf3_send_state(t->ctrl, IPERF3_IPERF_DONE);
    default:
        cmd_error(c->ctx, "the server refused the test (state %d)", state);
        return ERR_ACCES;
    }
}

static int run_client(const struct cmd_ctx *ctx, const char *host, uint16_t port,
                      const struct iperf3_params *prm)
{
    proc_t *p = ctx->p;
    struct client c = { .ctx = ctx, .port = port, .t = { .p = p, .prm = *prm, .timed = 1 } };
    c.t.sending = !prm->reverse;
    int r = sock_resolve(host, &c.addr);
    if (r == 0)
        r = sock_dial(c.addr, port, STEP_TIMEOUT_MS, &c.t.ctrl);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", host, err_str(r));
    proc_printf(p, "Connecting to host %s, port %u%s\n", host, (unsigned)port,
                prm->reverse ? " (the server sends)" : "");
    iperf3_make_cookie(c.cookie);
    r = sock_send(c.t.ctrl, c.cookie, IPERF3_COOKIE);
    int state = 0;
    while (r >= 0 && state != IPERF3_DISPLAY_RESULTS) {
        if ((r = iperf3_recv_state(c.t.ctrl, prm->seconds * 1000 + STEP_TIMEOUT_MS, &state)) < 0)
            break;
        r = client_step(&c, state);
    }
    sock_close(c.t.data);
    sock_close(c.t.ctrl);
    if (r == ERR_ACCES)
        return 1;
    if (r < 0)
        return cmd_error(ctx, "%s", err_str(r));
    proc_puts(p, "\niperf Done.\n");
    return 0;
}

/* ---- server ---- */

static int refuse(proc_t *p, sock_t *ctrl, const char *why)
{
    iperf3_send_state(ctrl, IPERF3_ACCESS_DENIED);
    proc_printf(p, "iperf3: refused a test: %s\n", why);
    return ERR_NOTSUP;
}

/* Why this server cannot run the test the client asks for; NULL when it can. */
static const char *unsupported(const struct iperf3_params *prm)
{
    if (prm->parallel > 1)
        return "only one stream is supported (no -P)";
    if (prm->bidir)
        return "--bidir is not supported";
    if (prm->udp && (prm->len < (long)iperf3_udp_header_len(prm->counters_64bit) ||
                     prm->len > IPERF3_UDP_MAX_LEN))
        return "bad UDP datagram length";
    return NULL;
}

/* The client's data stream: a TCP connection carrying the test's cookie, or a UDP hello. */
static int accept_stream(struct transfer *t, sock_t *listener, uint16_t port, const char *cookie)
{
    char data_cookie[IPERF3_COOKIE];
    int r;
    if (t->prm.udp) {
        if ((r = iperf3_udp_listen(port, &t->data)) < 0 ||
            (r = iperf3_send_state(t->ctrl, IPERF3_CREATE_STREAMS)) < 0)
            return r;
        return iperf3_udp_accept(t->data, STEP_TIMEOUT_MS);
    }
    if ((r = iperf3_send_state(t->ctrl, IPERF3_CREATE_STREAMS)) < 0 ||
        (r = sock_accept(listener, &t->data, NULL, NULL, STEP_TIMEOUT_MS)) < 0 ||
        (r = iperf3_read_exact(t->data, data_cookie, IPERF3_COOKIE, STEP_TIMEOUT_MS)) < 0)
        return r;
    return memcmp(cookie, data_cookie, IPERF3_COOKIE) ? refuse(t->p, t->ctrl, "a stream from another test")
                                                       : 0;
}

static int read_params(struct transfer *t)
{
    int r = iperf3_send_state(t->ctrl, IPERF3_PARAM_EXCHANGE);
    struct json *params = r < 0 ? NULL : iperf3_recv_json(t->ctrl, STEP_TIMEOUT_MS);
    if (!params)
        return r < 0 ? r : ERR_IO;
    iperf3_params_from_json(params, &t->prm);
    json_free(params);
    const char *why = unsupported(&t->prm);
    return why ? refuse(t->p, t->ctrl, why) : 0;
}

static int serve_test(proc_t *p, sock_t *listener, uint16_t port, sock_t *ctrl)
{
    char cookie[IPERF3_COOKIE];
    struct transfer t = { .p = p, .ctrl = ctrl };
    int r = iperf3_read_exact(ctrl, cookie, IPERF3_COOKIE, STEP_TIMEOUT_MS);
    if (r >= 0)
        r = read_params(&t);
    t.sending = t.prm.reverse;
    if (r >= 0)
        r = accept_stream(&t, listener, port, cookie);
    if (r >= 0 && (r = iperf3_send_state(ctrl, IPERF3_TEST_START)) >= 0 &&
        (r = iperf3_send_state(ctrl, IPERF3_TEST_RUNNING)) >= 0)
        r = run_transfer(&t);
    sock_close(t.data);
    if (r >= 0 && (r = iperf3_send_state(ctrl, IPERF3_EXCHANGE_RESULTS)) >= 0)
        r = exchange_results(&t, 1);
    if (r >= 0) {
        int done;
        iperf3_send_state(ctrl, IPERF3_DISPLAY_RESULTS);
        iperf3_recv_state(ctrl, STEP_TIMEOUT_MS, &done);
    }
    return r;
}

static int run_server(const struct cmd_ctx *ctx, uint16_t port, int once)
{
    proc_t *p = ctx->p;
    sock_t *listener;
    int r = sock_listen(SOCK_ADDR_ANY, port, 2, &listener);
    if (r < 0)
        return cmd_error(ctx, "port %u: %s", (unsigned)port, err_str(r));
    do {
        proc_printf(p, "-----------------------------------------------------------\n"
                       "Server listening on %u\n"
                       "-----------------------------------------------------------\n",
                    (unsigned)port);
        sock_t *ctrl;
        uint32_t peer;
        uint16_t peer_port;
        if ((r = sock_accept(listener, &ctrl, &peer, &peer_port, SOCK_FOREVER)) < 0)
            break;
        char addr[16];
        sock_addr_text(peer, addr, sizeof addr);
        proc_printf(p, "Accepted connection from %s, port %u\n", addr, (unsigned)peer_port);
        r = serve_test(p, listener, port, ctrl);
        sock_close(ctrl);
        if (r < 0 && r != ERR_NOTSUP && r != ERR_INTR)
            cmd_error(ctx, "test ended early: %s", err_str(r));
    } while (!once && r != ERR_INTR);
    sock_close(listener);
    return r == ERR_INTR || r >= 0 || r == ERR_NOTSUP ? 0 : 1;
}

/* ---- options ---- */

/* "100", "10K", "1.5M", "1G": a number with an optional decimal (1000s) suffix. */
static int parse_rate(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || v < 0)
        return ERR_INVAL;
    if (*end == 'k' || *end == 'K')
        v *= 1e3, end++;
    else if (*end == 'm' || *end == 'M')
        v *= 1e6, end++;
    else if (*end == 'g' || *end == 'G')
        v *= 1e9, end++;
    *out = v;
    return *end ? ERR_INVAL : 0;
}

/* Fills in what the client did not say, as iperf3 would. */
static const char *complete_params(struct iperf3_params *prm, int have_rate)
{
    if (!prm->len)
        prm->len = prm->udp ? UDP_DEFAULT_LEN : TCP_BLOCK;
    if (prm->udp && !have_rate)
        prm->bandwidth = UDP_DEFAULT_RATE;
    if (prm->udp && (prm->len < (long)iperf3_udp_header_len(0) || prm->len > IPERF3_UDP_MAX_LEN))
        return "-l: a UDP datagram holds 12 to 65507 bytes";
    if (prm->len < 1 || prm->len > 1024 * 1024)
        return "-l: 1 byte to 1 MB";
    if (prm->seconds < 1 || prm->seconds > 3600)
        return "-t: 1 to 3600 seconds";
    return NULL;
}

COMMAND(iperf3, "iperf3 -s [-1] [-p PORT] | -c HOST [-p PORT] [-t SECS] [-u] [-b RATE] [-l LEN] [-R]",
        "measure TCP or UDP throughput against iperf3 (server or client); -u UDP, -b bits/s "
        "(K/M/G; UDP default 1M), -l bytes per write or datagram, -R the server sends",
        RAW_ARGS, 0, MANY)
{
    const char *host = NULL, *why;
    int server = 0, once = 0, have_rate = 0;
    long port = IPERF3_PORT;
    struct iperf3_params prm = { .seconds = 10, .parallel = 1 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-s"))
            server = 1;
        else if (!strcmp(a, "-1"))
            once = 1;
        else if (!strcmp(a, "-u"))
            prm.udp = 1;
        else if (!strcmp(a, "-R"))
            prm.reverse = 1;
        else if (!strcmp(a, "-c") && value)
            host = argv[++i];
        else if (!strcmp(a, "-p") && value)
            port = strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "-t") && value)
            prm.seconds = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "-l") && value)
            prm.len = strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "-b") && value) {
            if (parse_rate(argv[++i], &prm.bandwidth) < 0)
                return cmd_error(ctx, "-b %s: not a rate", argv[i]);
            have_rate = 1;
        } else
            return cmd_error(ctx, "%s: unexpected argument", a);
    }
    if (port < 1 || port > 65535)
        return cmd_error(ctx, "-p: bad port");
    if (server == !!host)
        return cmd_error(ctx, "give -s or -c HOST");
    if (server)
        return run_server(ctx, (uint16_t)port, once);
    if ((why = complete_params(&prm, have_rate)))
        return cmd_error(ctx, "%s", why);
    return run_client(ctx, host, (uint16_t)port, &prm);
}
