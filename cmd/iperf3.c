/* iperf3: TCP throughput, interoperating with iperf3 3.x (the control protocol is in
 * net/iperf3.c). `-s` serves clients one after another until Ctrl-C (-1: one test);
 * `-c HOST` sends for -t seconds. One stream, TCP only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/command.h"
#include "lib/err.h"
#include "lib/json.h"
#include "net/iperf3.h"

#define BLOCK 16384
#define STEP_TIMEOUT_MS 10000

struct meter {
    proc_t *p;
    uint64_t start, mark;         /* µs: test start, start of the current interval */
    long long total, interval;
};

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

static void report(proc_t *p, double from, double to, long long bytes, const char *role)
{
    char size[24], rate[24];
    double secs = to - from > 0 ? to - from : 1e-9;
    human((double)bytes, "Bytes", 1024, size, sizeof size);
    human(bytes * 8.0 / secs, "bits/sec", 1000, rate, sizeof rate);
    proc_printf(p, "[  5] %6.2f-%-6.2f sec  %12s  %16s  %s\n", from, to, size, rate, role);
}

static void count(struct meter *m, int n)
{
    m->total += n;
    m->interval += n;
    uint64_t now = hal_time_us();
    if (now - m->mark >= 1000000) {
        report(m->p, (m->mark - m->start) / 1e6, (now - m->start) / 1e6, m->interval, "");
        m->mark = now;
        m->interval = 0;
    }
}

static void meter_start(struct meter *m, proc_t *p)
{
    memset(m, 0, sizeof *m);
    m->p = p;
    m->start = m->mark = hal_time_us();
    proc_puts(p, "[ ID] Interval           Transfer     Bitrate\n");
}

/* ---- client ---- */

static struct json *client_params(int seconds)
{
    struct json *j = json_new(JSON_OBJECT);
    if (!j)
        return NULL;
    struct json *yes = json_new(JSON_BOOL);
    if (yes)
        yes->boolean = 1;
    json_add(j, "tcp", yes);
    json_add(j, "omit", json_new_num(0));
    json_add(j, "time", json_new_num(seconds));
    json_add(j, "num", json_new_num(0));
    json_add(j, "blockcount", json_new_num(0));
    json_add(j, "parallel", json_new_num(1));
    json_add(j, "len", json_new_num(BLOCK));
    json_add(j, "pacing_timer", json_new_num(1000));
    json_add(j, "client_version", json_new_str("3.9"));
    return j;
}

static int send_for(proc_t *p, sock_t *data, int seconds, struct meter *m)
{
    char *block = calloc(1, BLOCK);
    if (!block)
        return ERR_NOMEM;
    meter_start(m, p);
    uint64_t end = m->start + (uint64_t)seconds * 1000000;
    int r = 0;
    while (hal_time_us() < end && !(r = proc_should_stop() ? ERR_INTR : 0)) {
        if ((r = sock_send(data, block, BLOCK)) < 0)
            break;
        count(m, BLOCK);
        r = 0;
    }
    free(block);
    return r;
}

static int client_step(proc_t *p, sock_t *ctrl, sock_t **data, int state, const char *cookie,
                       uint32_t addr, uint16_t port, int seconds, struct meter *m)
{
    switch (state) {
    case IPERF3_PARAM_EXCHANGE: {
        struct json *params = client_params(seconds);
        int r = params ? iperf3_send_json(ctrl, params) : ERR_NOMEM;
        json_free(params);
        return r;
    }
    case IPERF3_CREATE_STREAMS: {
        int r = sock_dial(addr, port, STEP_TIMEOUT_MS, data);
        return r < 0 ? r : sock_send(*data, cookie, IPERF3_COOKIE);
    }
    case IPERF3_TEST_START:
        return 0;
    case IPERF3_TEST_RUNNING: {
        if (!*data)
            return ERR_IO;
        int r = send_for(p, *data, seconds, m);
        if (r == ERR_INTR)
            return r;
        return iperf3_send_state(ctrl, IPERF3_TEST_END);
    }
    case IPERF3_EXCHANGE_RESULTS: {
        double secs = (hal_time_us() - m->start) / 1e6;
        struct json *mine = iperf3_results(m->total, secs, 1), *theirs;
        int r = mine ? iperf3_send_json(ctrl, mine) : ERR_NOMEM;
        json_free(mine);
        if (r < 0 || !(theirs = iperf3_recv_json(ctrl, STEP_TIMEOUT_MS)))
            return r < 0 ? r : ERR_IO;
        proc_puts(p, "- - - - - - - - - - - - - - - - - - - - - - - - -\n");
        report(p, 0, secs, m->total, "sender");
        report(p, 0, secs, iperf3_result_bytes(theirs), "receiver");
        json_free(theirs);
        return 0;
    }
    case IPERF3_DISPLAY_RESULTS:
        return iperf3_send_state(ctrl, IPERF3_IPERF_DONE);
    default:
        proc_error(p, "iperf3", "the server refused the test (state %d)", state);
        return ERR_ACCES;
    }
}

static int run_client(proc_t *p, const char *host, uint16_t port, int seconds)
{
    uint32_t addr;
    char cookie[IPERF3_COOKIE];
    sock_t *ctrl, *data = NULL;
    struct meter m = { 0 };
    int r = sock_resolve(host, &addr);
    if (r == 0)
        r = sock_dial(addr, port, STEP_TIMEOUT_MS, &ctrl);
    if (r < 0)
        return proc_error(p, "iperf3", "%s: %s", host, err_str(r));
    proc_printf(p, "Connecting to host %s, port %u\n", host, (unsigned)port);
    iperf3_make_cookie(cookie);
    r = sock_send(ctrl, cookie, IPERF3_COOKIE);
    int state = 0;
    while (r >= 0 && state != IPERF3_DISPLAY_RESULTS) {
        if ((r = iperf3_recv_state(ctrl, seconds * 1000 + STEP_TIMEOUT_MS, &state)) < 0)
            break;
        r = client_step(p, ctrl, &data, state, cookie, addr, port, seconds, &m);
    }
    sock_close(data);
    sock_close(ctrl);
    if (r == ERR_ACCES)
        return 1;
    if (r < 0)
        return proc_error(p, "iperf3", "%s", err_str(r));
    proc_puts(p, "\niperf Done.\n");
    return 0;
}

/* ---- server ---- */

/* Counts what arrives on data until the client says TEST_END on ctrl. */
static int receive_test(proc_t *p, sock_t *ctrl, sock_t *data, struct meter *m)
{
    char *buf = malloc(BLOCK);
    int state = 0, r = 0;
    if (!buf)
        return ERR_NOMEM;
    meter_start(m, p);
    uint64_t next_check = 0;
    while (state != IPERF3_TEST_END) {
        int n = sock_recv(data, buf, BLOCK, 50);
        if (n > 0)
            count(m, n);
        else if (n != ERR_TIMEOUT) {
            r = n < 0 ? n : ERR_CLOSED;
            break;
        }
        if (n > 0 && hal_time_us() < next_check)
            continue;                  /* look at the control connection now and then */
        next_check = hal_time_us() + 20000;
        int8_t b;
        int c = sock_recv(ctrl, &b, 1, 0);
        if (c == 1)
            state = b;
        else if (c != ERR_TIMEOUT) {
            r = c < 0 ? c : ERR_CLOSED;
            break;
        }
    }
    for (int n; r == 0 && (n = sock_recv(data, buf, BLOCK, 20)) > 0;)
        count(m, n);                   /* what was still on its way */
    free(buf);
    return r;
}

static int refuse(proc_t *p, sock_t *ctrl, const char *why)
{
    iperf3_send_state(ctrl, IPERF3_ACCESS_DENIED);
    proc_printf(p, "iperf3: refused a test: %s\n", why);
    return ERR_NOTSUP;
}

static int serve_test(proc_t *p, sock_t *listener, sock_t *ctrl)
{
    char cookie[IPERF3_COOKIE], data_cookie[IPERF3_COOKIE];
    sock_t *data = NULL;
    struct meter m;
    int r = iperf3_read_exact(ctrl, cookie, IPERF3_COOKIE, STEP_TIMEOUT_MS);
    if (r == 0)
        r = iperf3_send_state(ctrl, IPERF3_PARAM_EXCHANGE);
    struct json *params = r < 0 ? NULL : iperf3_recv_json(ctrl, STEP_TIMEOUT_MS);
    if (!params)
        return r < 0 ? r : ERR_IO;
    struct json *udp = json_get(params, "udp"), *reverse = json_get(params, "reverse"),
                *parallel = json_get(params, "parallel");
    int unsupported = (udp && udp->boolean) || (reverse && reverse->boolean) ||
                      (parallel && parallel->type == JSON_NUMBER && parallel->num > 1);
    json_free(params);
    if (unsupported)
        return refuse(p, ctrl, "only one TCP stream from the client is supported");
    if ((r = iperf3_send_state(ctrl, IPERF3_CREATE_STREAMS)) < 0 ||
        (r = sock_accept(listener, &data, NULL, NULL, STEP_TIMEOUT_MS)) < 0 ||
        (r = iperf3_read_exact(data, data_cookie, IPERF3_COOKIE, STEP_TIMEOUT_MS)) < 0) {
        sock_close(data);
        return r;
    }
    if (memcmp(cookie, data_cookie, IPERF3_COOKIE)) {
        sock_close(data);
        return refuse(p, ctrl, "a stream from another test");
    }
    if ((r = iperf3_send_state(ctrl, IPERF3_TEST_START)) >= 0 &&
        (r = iperf3_send_state(ctrl, IPERF3_TEST_RUNNING)) >= 0)
        r = receive_test(p, ctrl, data, &m);
    sock_close(data);
    double secs = (hal_time_us() - m.start) / 1e6;
    struct json *theirs = NULL, *mine = NULL;
    if (r >= 0 && (r = iperf3_send_state(ctrl, IPERF3_EXCHANGE_RESULTS)) >= 0 &&
        (theirs = iperf3_recv_json(ctrl, STEP_TIMEOUT_MS)) && (mine = iperf3_results(m.total, secs, 0)))
        r = iperf3_send_json(ctrl, mine);
    else if (r >= 0)
        r = ERR_IO;
    if (r >= 0) {
        int done;
        iperf3_send_state(ctrl, IPERF3_DISPLAY_RESULTS);
        iperf3_recv_state(ctrl, STEP_TIMEOUT_MS, &done);
        proc_puts(p, "- - - - - - - - - - - - - - - - - - - - - - - - -\n");
        report(p, 0, secs, iperf3_result_bytes(theirs), "sender");
        report(p, 0, secs, m.total, "receiver");
    }
    json_free(theirs);
    json_free(mine);
    return r;
}

static int run_server(proc_t *p, uint16_t port, int once)
{
    sock_t *listener;
    int r = sock_listen(SOCK_ADDR_ANY, port, 2, &listener);
    if (r < 0)
        return proc_error(p, "iperf3", "port %u: %s", (unsigned)port, err_str(r));
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
        r = serve_test(p, listener, ctrl);
        sock_close(ctrl);
        if (r < 0 && r != ERR_NOTSUP && r != ERR_INTR)
            proc_error(p, "iperf3", "test ended early: %s", err_str(r));
    } while (!once && r != ERR_INTR);
    sock_close(listener);
    return r == ERR_INTR || r >= 0 || r == ERR_NOTSUP ? 0 : 1;
}

COMMAND(iperf3, "iperf3 -s [-1] [-p PORT] | -c HOST [-p PORT] [-t SECS]",
        "measure TCP throughput against iperf3 (server or client)")
{
    const char *host = NULL;
    int server = 0, once = 0;
    long port = IPERF3_PORT, seconds = 10;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-s"))
            server = 1;
        else if (!strcmp(a, "-1"))
            once = 1;
        else if (!strcmp(a, "-c") && i + 1 < argc)
            host = argv[++i];
        else if (!strcmp(a, "-p") && i + 1 < argc)
            port = strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "-t") && i + 1 < argc)
            seconds = strtol(argv[++i], NULL, 10);
        else
            return proc_error(p, "iperf3", "%s: unexpected argument", a);
    }
    if (port < 1 || port > 65535 || seconds < 1 || seconds > 3600)
        return proc_error(p, "iperf3", "bad port or time");
    if (server == !!host)
        return proc_error(p, "iperf3", "give -s or -c HOST");
    return server ? run_server(p, (uint16_t)port, once)
                  : run_client(p, host, (uint16_t)port, (int)seconds);
}
