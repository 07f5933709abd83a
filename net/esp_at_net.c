#include "net/esp_at_net.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/uarts.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "net/at_modem.h"
#include "net/socket.h"

#define LINKS 5             /* ESP-AT's link ids 0..4 */
#define SOCKS 8
#define CHUNK 2048          /* the most one AT+CIPSEND or AT+CIPRECVDATA moves */
#define CMD_MS 3000         /* an ordinary command */
#define PROBE_MS 500        /* "AT" when (re)initialising */
#define JOIN_MS 15000
#define SEND_MS 10000       /* the data of one AT+CIPSEND until SEND OK */
#define SLICE_MS 20         /* a waiting caller listens this long, then lets others in */
#define REINIT_MS 2000      /* a listener tries to bring a lost modem back this often */
#define RESYNC_MS 1000      /* a reader waiting this long asks AT+CIPRECVLEN? (a lost +IPD) */

struct link {
    int8_t sock;            /* the socket on it; -1: none */
    uint8_t incoming;       /* a client of our server, not accepted yet */
    uint8_t closed;         /* CLOSED came */
    uint8_t has_data;       /* +IPD said data waits in the modem */
    uint8_t notices;        /* counts +IPD, to tell one that came during a read */
};

struct msock {
    uint8_t used, type, listening;
    int8_t link;            /* -1: none */
    int error;              /* why its link was lost (the modem failed or reset) */
    uint16_t local_port, remote_port;
    uint32_t remote_addr;
};

/* The driver's state, allocated when a board file first names a modem (664 bytes a board
 * without one, or one whose network nobody used yet, does not keep). */
static struct modem_driver {
    struct uart_setup uart;
    struct at_modem at;
    hal_mutex_t *lock, *gate;
    volatile int wanting;   /* callers about to take the lock for a command */
    struct link links[LINKS];
    struct msock socks[SOCKS];
    uint8_t ready;          /* initialised since the last reset or failure */
    uint8_t joined, sta_off;
    uint8_t stale;          /* links lost to a failure, maybe still open in the modem */
    enum hal_wifi_state state;
    char ssid[33], psk[65];
    uint16_t server_port;   /* 0: no server */
    uint32_t addr, gateway, netmask;
    uint8_t mac[6];
    uint64_t last_resync, last_init;
} *md;

static const char NAME_DEFAULT[] = AT_MODEM_DEFAULT;

/* ---- configuration and locking ---- */

static void free_link(int l)
{
    md->links[l] = (struct link){ .sock = -1 };
}

static int json_int(const struct json *obj, const char *key, int fallback)
{
    const struct json *j = json_get(obj, key);
    return j && j->type == JSON_NUMBER ? (int)j->num : fallback;
}

int esp_at_net_configure(const struct json *modem)
{
    struct uart_setup u = { 0 };
    u.id = json_int(modem, "uart", -1);
    u.baud = json_int(modem, "baud", 115200);
    u.tx = json_int(modem, "tx", -1);
    u.rx = json_int(modem, "rx", -1);
    u.rts = u.cts = -1;
    str_copy(u.name, json_get_str(modem, "name", NAME_DEFAULT), sizeof u.name);
    if (u.id < 0 || u.baud <= 0 || !uarts_valid_name(u.name))
        return ERR_INVAL;
    if (!md && !(md = calloc(1, sizeof *md)))
        return ERR_NOMEM;
    md->uart = u;
    if (!md->lock) {                             /* the first time: every link is free */
        md->lock = hal_mutex_new();
        md->gate = hal_mutex_new();
        for (int l = 0; l < LINKS; l++)
            free_link(l);
    }
    return md->lock && md->gate ? 0 : ERR_NOMEM;
}

/* Callers waiting for data or a client take the lock over and over; one that has something
 * to send says so first (wanting), and the waiters stand aside until it got the lock: a
 * mutex need not hand itself over fairly (the Cortex-M one wakes any one waiter). */
static void want(int delta)
{
    hal_mutex_lock(md->gate);
    md->wanting += delta;
    hal_mutex_unlock(md->gate);
}

static void take(void)
{
    want(1);
    hal_mutex_lock(md->lock);
    want(-1);
}

static void take_to_wait(void)
{
    for (int i = 0; md->wanting && i < 1000; i++)
        hal_sleep_us(1000);
    hal_mutex_lock(md->lock);
}

static void give(void) { hal_mutex_unlock(md->lock); }

/* ---- link state, from the modem's asynchronous lines ---- */

/* The modem reset or stopped answering: every link is gone, and its socket says why. */
static void lose_links(int why)
{
    for (int l = 0; l < LINKS; l++) {
        int s = md->links[l].sock;
        if (s >= 0) {
            md->socks[s].link = -1;
            md->socks[s].error = why;
        }
        if (s >= 0 || md->links[l].incoming)
            md->stale |= (uint8_t)(1u << l);
        free_link(l);
    }
}

static void modem_lost(int why)
{
    md->ready = 0;
    md->joined = 0;
    lose_links(why);
}

static void on_async(void *ctx, const struct at_event *e)
{
    (void)ctx;
    int l = e->link;
    struct link *k = l >= 0 && l < LINKS ? &md->links[l] : NULL;
    switch (e->kind) {
    case AT_READY:                      /* it reset: links, server and the join are gone */
        modem_lost(ERR_IO);
        md->stale = 0;
        break;
    case AT_CONNECT:                    /* ours answer AT+CIPSTART; others come to the server */
        if (k && k->sock < 0 && md->server_port) {
            free_link(l);
            k->incoming = 1;
        }
        break;
    case AT_CLOSED:
        if (k && k->sock < 0)
            free_link(l);
        else if (k)
            k->closed = 1;
        break;
    case AT_IPD_PASSIVE:
        if (k) {
            k->has_data = 1;
            k->notices++;
        }
        break;
    case AT_WIFI_DISCONNECT:
        md->joined = 0;
        md->state = HAL_WIFI_IDLE;
        break;
    case AT_WIFI_GOT_IP:
        md->joined = 1;
        md->state = HAL_WIFI_CONNECTED;
        break;
    default:
        break;
    }
}

static const struct at_callbacks listener = { NULL, on_async, NULL };

/* ---- commands ---- */

static int status_err(enum at_status st)
{
    switch (st) {
    case AT_STATUS_OK: return 0;
    case AT_STATUS_BUSY: return ERR_BUSY;
    case AT_STATUS_TIMEOUT: return ERR_TIMEOUT;
    case AT_STATUS_LINK: return ERR_NODEV;
    case AT_STATUS_STOPPED: return ERR_INTR;
    default: return ERR_IO;
    }
}

/* A command; a modem that does not answer it in time is lost until re-initialised. */
static enum at_status run_expecting(const char *cmd, int ms, const char *expect,
                                    const struct at_callbacks *reply)
{
    enum at_status st = at_modem_command(&md->at, cmd, ms, expect, reply);
    if (st == AT_STATUS_TIMEOUT || st == AT_STATUS_LINK)
        modem_lost(ERR_IO);
    return st;
}

static enum at_status run(const char *cmd, int ms, const struct at_callbacks *reply)
{
    return run_expecting(cmd, ms, NULL, reply);
}

/* Calls fn for each information line (+CMD:...) of the reply to cmd. */
struct info_reader {
    void (*fn)(void *arg, const char *line);
    void *arg;
};

static void on_info(void *ctx, const struct at_event *e)
{
    const struct info_reader *r = ctx;
    if (e->kind == AT_INFO || e->kind == AT_TEXT)
        r->fn(r->arg, e->text);
}

static enum at_status run_reading(const char *cmd, int ms,
                                  void (*fn)(void *arg, const char *line), void *arg)
{
    struct info_reader r = { fn, arg };
    const struct at_callbacks cb = { &r, on_info, NULL };
    return run(cmd, ms, &cb);
}

/* An address in quotes or not ("192.168.4.2" or 192.168.4.2), as ESP-AT versions write. */
static uint32_t parse_quoted_addr(const char *text)
{
    char buf[16];
    size_t n = 0;
    if (*text == '"')
        text++;
    while (*text && *text != '"' && n < sizeof buf - 1)
        buf[n++] = *text++;
    buf[n] = 0;
    uint32_t a = 0;
    return sock_parse_addr(buf, &a) == 0 ? a : 0;
}

static void read_cipsta(void *arg, const char *line)
{
    (void)arg;
    static const struct { const char *key; size_t to; } keys[] = {
        { "+CIPSTA:ip:", offsetof(struct modem_driver, addr) },
        { "+CIPSTA:gateway:", offsetof(struct modem_driver, gateway) },
        { "+CIPSTA:netmask:", offsetof(struct modem_driver, netmask) },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strncmp(line, keys[i].key, strlen(keys[i].key)))
            *(uint32_t *)((char *)md + keys[i].to) = parse_quoted_addr(line + strlen(keys[i].key));
}

static int query_address(void)
{
    md->addr = md->gateway = md->netmask = 0;
    int r = status_err(run_reading("AT+CIPSTA?", CMD_MS, read_cipsta, NULL));
    if (r == 0 && md->addr) {
        md->joined = 1;
        md->state = HAL_WIFI_CONNECTED;
    }
    return r;
}

/* Writes text as a quoted AT argument: '"', ',' and '\\' take a backslash. */
static void put_quoted(char *out, size_t size, const char *text)
{
    size_t n = 0;
    if (size < 3)
        return;
    out[n++] = '"';
    for (; *text && n + 3 < size; text++) {
        if (*text == '"' || *text == ',' || *text == '\\')
            out[n++] = '\\';
        out[n++] = *text;
    }
    out[n++] = '"';
    out[n] = 0;
}

static void read_join_error(void *arg, const char *line)
{
    if (!strncmp(line, "+CWJAP:", 7))
        *(int *)arg = atoi(line + 7);
}

static int join(void)
{
    char cmd[160], ssid[70], psk[134];
    put_quoted(ssid, sizeof ssid, md->ssid);
    put_quoted(psk, sizeof psk, md->psk);
    snprintf(cmd, sizeof cmd, "AT+CWJAP=%s,%s", ssid, psk);
    int reason = 0;
    md->state = HAL_WIFI_CONNECTING;
    enum at_status st = run_reading(cmd, JOIN_MS, read_join_error, &reason);
    if (st == AT_STATUS_OK)
        return query_address();
    md->joined = 0;
    md->state = reason == 2 ? HAL_WIFI_WRONG_PASSWORD : HAL_WIFI_NO_AP;
    return st == AT_STATUS_ERROR ? ERR_IO : status_err(st);
}

static int attach(void)
{
    if (md->uart.id < 0 || !md->lock)
        return ERR_NODEV;
    if (!uarts_by_name(md->uart.name)) {
        int r = uarts_open(&md->uart);
        if (r < 0)
            return r;
    }
    md->at.listener = &listener;
    return at_modem_attach(&md->at, md->uart.name);
}

/* Links a failure left open in the modem are closed before they are used again. */
static void close_stale_links(void)
{
    for (int l = 0; l < LINKS; l++)
        if (md->stale & (1u << l)) {
            char cmd[20];
            snprintf(cmd, sizeof cmd, "AT+CIPCLOSE=%d", l);
            run(cmd, CMD_MS, NULL);
        }
    md->stale = 0;
}

static int restart_server(void)
{
    char cmd[32];
    snprintf(cmd, sizeof cmd, "AT+CIPSERVER=1,%u", (unsigned)md->server_port);
    return status_err(run(cmd, CMD_MS, NULL));
}

/* Brings the modem to station mode with several links and passive receive. */
static int initialise(void)
{
    int r = attach();
    if (r < 0)
        return r;
    if (run("AT", PROBE_MS, NULL) != AT_STATUS_OK && run("AT", PROBE_MS, NULL) != AT_STATUS_OK)
        return ERR_TIMEOUT;
    run("ATE0", CMD_MS, NULL);
    close_stale_links();
    if ((r = status_err(run("AT+CWMODE=1", CMD_MS, NULL))) < 0)
        return r;
    run("AT+CIPMUX=1", CMD_MS, NULL);          /* ERROR while links are open: it is 1 then */
    if ((r = status_err(run("AT+CIPRECVMODE=1", CMD_MS, NULL))) < 0)
        return r;
    md->ready = 1;
    query_address();
    if (md->server_port)
        restart_server();
    return 0;
}

/* Ready for traffic: initialised, and joined again when it was and the AP went away. */
static int ensure_ready(void)
{
    int r = md->ready ? 0 : initialise();
    if (r == 0 && !md->joined && md->ssid[0] && !md->sta_off)
        join();
    return r;
}

/* ---- sockets ---- */

static struct msock *sock_at(int s)
{
    return s >= 0 && s < SOCKS && md->socks[s].used ? &md->socks[s] : NULL;
}

static int open_sock(enum hal_sock_type type)
{
    for (int s = 0; s < SOCKS; s++)
        if (!md->socks[s].used) {
            md->socks[s] = (struct msock){ .used = 1, .type = (uint8_t)type, .link = -1 };
            return s;
        }
    return ERR_MFILE;
}

static int esp_sock_open(enum hal_sock_type type)
{
    if (type != HAL_SOCK_TCP && type != HAL_SOCK_UDP)
        return ERR_INVAL;
    take();
    int r = open_sock(type);
    give();
    return r;
}

static int esp_sock_bind(int s, uint32_t addr, uint16_t port)
{
    (void)addr;
    take();
    struct msock *k = sock_at(s);
    if (k)
        k->local_port = port;
    give();
    return k ? 0 : ERR_BADF;
}

static int esp_sock_listen(int s, int backlog)
{
    (void)backlog;
    take();
    struct msock *k = sock_at(s);
    int r = !k || k->type != HAL_SOCK_TCP ? ERR_BADF : ensure_ready();
    if (r == 0 && md->server_port)              /* ESP-AT has one server */
        r = ERR_BUSY;
    if (r == 0) {
        md->server_port = k->local_port ? k->local_port : 333;   /* ESP-AT's default */
        if ((r = restart_server()) == 0)
            k->listening = 1;
        else
            md->server_port = 0;
    }
    give();
    return r;
}

/* Calls attempt until it gives anything but ERR_AGAIN, listening to the modem in between,
 * for at most timeout_ms (< 0: forever). Takes the lock for each try only, so that other
 * callers send and read between the slices. */
static int wait_for(int (*attempt)(void *arg), void *arg, int timeout_ms)
{
    uint64_t deadline = hal_time_us() + (uint64_t)(timeout_ms < 0 ? 0 : timeout_ms) * 1000;
    for (int first = 1;; first = 0) {
        take_to_wait();
        if (first)
            at_modem_listen(&md->at, 0);        /* what arrived already */
        int r = attempt(arg);
        if (r == ERR_AGAIN) {
            uint64_t now = hal_time_us();
            if (timeout_ms >= 0 && now >= deadline) {
                r = ERR_TIMEOUT;
            } else {
                uint64_t left = timeout_ms < 0 ? SLICE_MS : (deadline - now + 999) / 1000;
                if (at_modem_listen(&md->at, left < SLICE_MS ? (int)left : SLICE_MS) < 0)
                    r = ERR_NODEV;
            }
        }
        give();
        if (r != ERR_AGAIN)
            return r;
        hal_sleep_us(1000);     /* not a yield: a thread blocked on the lock must get it */
    }
}

struct peer_query {
    int link;
    struct msock *k;
};

/* +CIPSTATE:<link>,"TCP","<remote ip>",<remote port>,<local port>,<tetype> */
static void read_cipstate(void *arg, const char *line)
{
    struct peer_query *q = arg;
    if (strncmp(line, "+CIPSTATE:", 10) || atoi(line + 10) != q->link)
        return;
    const char *ip = strchr(line, ',') ? strchr(strchr(line, ',') + 1, ',') : NULL;
    if (!ip)
        return;
    q->k->remote_addr = parse_quoted_addr(ip + 1);
    const char *port = strchr(ip + 2, ',');
    if (port)
        q->k->remote_port = (uint16_t)atoi(port + 1);
}

/* Who a client of the server is: ftpd sends data only to its control peer's address. */
static void query_peer(int l, struct msock *k)
{
    struct peer_query q = { l, k };
    run_reading("AT+CIPSTATE?", CMD_MS, read_cipstate, &q);
}

struct accept_call {
    int s;
    uint32_t *addr;
    uint16_t *port;
};

static int try_accept(void *arg)
{
    struct accept_call *c = arg;
    struct msock *k = sock_at(c->s);
    if (!k || !k->listening)
        return ERR_BADF;
    for (int l = 0; l < LINKS; l++) {
        if (!md->links[l].incoming)
            continue;
        int n = open_sock(HAL_SOCK_TCP);
        if (n < 0)
            return n;
        md->links[l].incoming = 0;
        md->links[l].sock = (int8_t)n;
        md->socks[n].link = (int8_t)l;
        md->socks[n].local_port = md->server_port;
        query_peer(l, &md->socks[n]);
        if (c->addr)
            *c->addr = md->socks[n].remote_addr;
        if (c->port)
            *c->port = md->socks[n].remote_port;
        return n;
    }
    uint64_t now = hal_time_us();
    if (!md->ready && now - md->last_init > (uint64_t)REINIT_MS * 1000) {
        md->last_init = now;                     /* the modem reset: bring the server back */
        ensure_ready();
    }
    return ERR_AGAIN;
}

static int esp_sock_accept(int s, uint32_t *peer_addr, uint16_t *peer_port, int timeout_ms)
{
    struct accept_call c = { s, peer_addr, peer_port };
    return wait_for(try_accept, &c, timeout_ms);
}

static int free_link_id(void)
{
    for (int l = 0; l < LINKS; l++)
        if (md->links[l].sock < 0 && !md->links[l].incoming && !(md->stale & (1u << l)))
            return l;
    return ERR_MFILE;
}

/* Opens a link of k's type to addr:port (AT+CIPSTART); the lock is held. */
static int start_link(int s, uint32_t addr, uint16_t port, int timeout_ms)
{
    struct msock *k = &md->socks[s];
    int r = ensure_ready();
    if (r < 0)
        return r;
    int l = free_link_id();
    if (l < 0)
        return l;
    char ip[16], cmd[64];
    sock_addr_text(addr, ip, sizeof ip);
    snprintf(cmd, sizeof cmd, "AT+CIPSTART=%d,\"%s\",\"%s\",%u", l,
             k->type == HAL_SOCK_TCP ? "TCP" : "UDP", ip, (unsigned)port);
    free_link(l);
    md->links[l].sock = (int8_t)s;               /* its CONNECT is ours, not a client's */
    enum at_status st = run(cmd, timeout_ms, NULL);
    if (st != AT_STATUS_OK) {
        if (md->links[l].sock == s)
            free_link(l);
        return st == AT_STATUS_ERROR ? ERR_CONNREFUSED : status_err(st);
    }
    k->link = (int8_t)l;
    k->error = 0;
    k->remote_addr = addr;
    k->remote_port = port;
    return 0;
}

static int esp_sock_connect(int s, uint32_t addr, uint16_t port, int timeout_ms)
{
    take();
    struct msock *k = sock_at(s);
    int r = !k ? ERR_BADF : k->link >= 0 ? ERR_BUSY : start_link(s, addr, port, timeout_ms);
    give();
    return r;
}

/* k's link, or why it has none. */
static int link_of(const struct msock *k)
{
    if (k->link >= 0)
        return k->link;
    return k->error ? k->error : ERR_CLOSED;
}

static int send_chunk(int l, const uint8_t *buf, size_t n)
{
    char cmd[32];
    snprintf(cmd, sizeof cmd, "AT+CIPSEND=%d,%u", l, (unsigned)n);
    enum at_status st = run_expecting(cmd, CMD_MS, ">", NULL);
    if (st == AT_STATUS_OK) {
        st = at_modem_send_data(&md->at, buf, n, SEND_MS);
        if (st == AT_STATUS_TIMEOUT || st == AT_STATUS_LINK)
            modem_lost(ERR_IO);
    }
    return st == AT_STATUS_OK ? 0 : status_err(st);
}

static int esp_sock_send(int s, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    size_t done = 0;
    int r = 0;
    while (r == 0 && done < len) {
        take();
        struct msock *k = sock_at(s);
        int l = k ? link_of(k) : ERR_BADF;
        if (l >= 0 && md->links[l].closed)
            l = ERR_CLOSED;
        size_t n = len - done < CHUNK ? len - done : CHUNK;
        r = l < 0 ? l : send_chunk(l, p + done, n);
        if (r == ERR_IO && k && k->link >= 0 && md->links[k->link].closed)
            r = ERR_CLOSED;                     /* SEND FAIL: the far end went away */
        give();
        done += n;
    }
    return r < 0 ? r : (int)len;
}

/* AT+CIPRECVDATA's payload, into the reader's buffer. */
struct rx {
    uint8_t *buf;
    size_t cap, got;
};

static void on_rx_data(void *ctx, int link, const uint8_t *data, size_t len)
{
    (void)link;
    struct rx *x = ctx;
    size_t n = len < x->cap - x->got ? len : x->cap - x->got;
    memcpy(x->buf + x->got, data, n);
    x->got += n;
}

static void read_recvlen(void *arg, const char *line)
{
    (void)arg;
    if (strncmp(line, "+CIPRECVLEN:", 12))
        return;
    const char *p = line + 12;
    for (int l = 0; l < LINKS && *p; l++) {
        if (atol(p) > 0)
            md->links[l].has_data = 1;
        while (*p && *p != ',')
            p++;
        if (*p == ',')
            p++;
    }
}

/* Reads what link l holds in the modem: bytes, ERR_AGAIN when nothing, or an error. */
static int read_link(int l, uint8_t *buf, size_t len)
{
    struct link *k = &md->links[l];
    uint8_t notices = k->notices;
    struct rx x = { buf, len < CHUNK ? len : CHUNK, 0 };
    char cmd[32];
    snprintf(cmd, sizeof cmd, "AT+CIPRECVDATA=%d,%u", l, (unsigned)x.cap);
    const struct at_callbacks cb = { &x, NULL, on_rx_data };
    enum at_status st = run(cmd, CMD_MS, &cb);
    if (st != AT_STATUS_OK && st != AT_STATUS_ERROR)   /* ERR_TIMEOUT would mean "wait on" */
        return st == AT_STATUS_TIMEOUT ? ERR_IO : status_err(st);
    if (x.got < x.cap && k->notices == notices)    /* all it had, and no more came since */
        k->has_data = 0;
    return x.got ? (int)x.got : ERR_AGAIN;
}

struct recv_call {
    int s;
    uint8_t *buf;
    size_t len;
};

static int try_recv(void *arg)
{
    struct recv_call *c = arg;
    struct msock *k = sock_at(c->s);
    if (!k)
        return ERR_BADF;
    int l = link_of(k);
    if (l < 0)
        return l == ERR_CLOSED ? 0 : l;
    if (md->links[l].has_data) {
        int n = read_link(l, c->buf, c->len);
        if (n != ERR_AGAIN)
            return n;
    }
    if (md->links[l].closed)
        return 0;
    uint64_t now = hal_time_us();
    if (now - md->last_resync > (uint64_t)RESYNC_MS * 1000) {  /* a +IPD may have been lost */
        md->last_resync = now;
        run_reading("AT+CIPRECVLEN?", CMD_MS, read_recvlen, NULL);
    }
    return ERR_AGAIN;
}

static int esp_sock_recv(int s, void *buf, size_t len, int timeout_ms)
{
    struct recv_call c = { s, buf, len };
    return wait_for(try_recv, &c, timeout_ms);
}

static int esp_sock_sendto(int s, const void *buf, size_t len, uint32_t addr, uint16_t port)
{
    take();
    struct msock *k = sock_at(s);
    int r = k ? 0 : ERR_BADF;
    if (r == 0 && (k->link < 0 || k->remote_addr != addr || k->remote_port != port)) {
        if (k->link >= 0) {                     /* a UDP link has one peer: start another */
            char cmd[20];
            snprintf(cmd, sizeof cmd, "AT+CIPCLOSE=%d", k->link);
            run(cmd, CMD_MS, NULL);
            free_link(k->link);
            k->link = -1;
        }
        r = start_link(s, addr, port, CMD_MS);
    }
    give();
    return r < 0 ? r : esp_sock_send(s, buf, len);
}

static int esp_sock_recvfrom(int s, void *buf, size_t len, uint32_t *addr, uint16_t *port,
                             int timeout_ms)
{
    int r = esp_sock_recv(s, buf, len, timeout_ms);
    take();
    struct msock *k = sock_at(s);
    if (r >= 0 && k) {
        if (addr)
            *addr = k->remote_addr;
        if (port)
            *port = k->remote_port;
    }
    give();
    return r;
}

static int esp_sock_local(int s, uint32_t *addr, uint16_t *port)
{
    take();
    struct msock *k = sock_at(s);
    if (k && addr)
        *addr = md->addr;
    if (k && port)
        *port = k->local_port;
    give();
    return k ? 0 : ERR_BADF;
}

/* What a poll entry's socket is ready for now (HAL_POLL_*): a listening socket reads when a
 * client waits to be accepted; a linked one reads when passive data waits in the modem or
 * the link closed (the read then gives 0), and writes while the link is up. */
static short readiness(const struct hal_sock_ready *e)
{
    const struct msock *k = sock_at(e->sock);
    short ready = 0;
    if (!k)
        return HAL_POLL_ERR;
    if (k->listening) {
        for (int l = 0; l < LINKS; l++)
            if (md->links[l].incoming)
                ready = HAL_POLL_IN;
        return ready & e->events;
    }
    int l = link_of(k);
    if (l == ERR_CLOSED)                        /* no link yet: UDP starts one on sendto */
        return k->type == HAL_SOCK_UDP ? HAL_POLL_OUT & e->events : HAL_POLL_HUP;
    if (l < 0)
        return HAL_POLL_ERR;
    if (md->links[l].has_data || md->links[l].closed)
        ready |= HAL_POLL_IN;
    ready = (short)(ready | (md->links[l].closed ? HAL_POLL_HUP : HAL_POLL_OUT));
    return (short)(ready & (e->events | HAL_POLL_ERR | HAL_POLL_HUP));
}

struct poll_call {
    struct hal_sock_ready *set;
    size_t n;
};

static int try_poll(void *arg)
{
    struct poll_call *c = arg;
    int count = 0;
    for (size_t i = 0; i < c->n; i++) {
        c->set[i].revents = readiness(&c->set[i]);
        count += c->set[i].revents != 0;
    }
    return count ? count : ERR_AGAIN;
}

static int esp_sock_poll(struct hal_sock_ready *set, size_t n, int timeout_ms)
{
    if (n > HAL_SOCK_POLL_MAX)
        return ERR_INVAL;
    struct poll_call c = { set, n };
    int r = wait_for(try_poll, &c, timeout_ms);
    return r == ERR_TIMEOUT ? 0 : r;
}

static void close_link(int l)
{
    if (md->ready && !md->links[l].closed) {
        char cmd[20];
        snprintf(cmd, sizeof cmd, "AT+CIPCLOSE=%d", l);
        run(cmd, CMD_MS, NULL);
    }
    free_link(l);
}

static int esp_sock_close(int s)
{
    take();
    struct msock *k = sock_at(s);
    if (k && k->link >= 0)
        close_link(k->link);
    if (k && k->listening) {
        for (int l = 0; l < LINKS; l++)         /* clients nobody accepted */
            if (md->links[l].incoming)
                close_link(l);
        if (md->ready)
            run("AT+CIPSERVER=0", CMD_MS, NULL);
        md->server_port = 0;
    }
    if (k)
        k->used = 0;
    give();
    return k ? 0 : ERR_BADF;
}

static int esp_available(void)
{
    return 0;                                   /* no wired interface: the modem is WiFi */
}

static void read_domain(void *arg, const char *line)
{
    if (!strncmp(line, "+CIPDOMAIN:", 11))
        *(uint32_t *)arg = parse_quoted_addr(line + 11);
}

static int esp_resolve(const char *host, uint32_t *addr)
{
    if (strchr(host, '"') || strlen(host) > 100)
        return ERR_INVAL;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "AT+CIPDOMAIN=\"%s\"", host);
    uint32_t found = 0;
    take();
    int r = ensure_ready();
    if (r == 0) {
        enum at_status st = run_reading(cmd, CMD_MS * 3, read_domain, &found);
        r = st == AT_STATUS_ERROR || (st == AT_STATUS_OK && !found) ? ERR_NOTFOUND_HOST
                                                                      : status_err(st);
    }
    give();
    if (r == 0)
        *addr = found;
    return r;
}

static void read_ping(void *arg, const char *line)
{
    if (!strncmp(line, "+PING:", 6) && line[6] >= '0' && line[6] <= '9')
        *(long *)arg = atol(line + 6);
}

static int esp_ping(uint32_t addr, uint16_t seq, size_t payload_len, int timeout_ms,
                    uint32_t *rtt_us, int *ttl)
{
    (void)seq;
    (void)payload_len;
    char ip[16], cmd[40];
    sock_addr_text(addr, ip, sizeof ip);
    snprintf(cmd, sizeof cmd, "AT+PING=\"%s\"", ip);
    long ms = -1;
    take();
    int r = ensure_ready();
    if (r == 0) {
        enum at_status st = run_reading(cmd, timeout_ms + CMD_MS, read_ping, &ms);
        r = st == AT_STATUS_ERROR || (st == AT_STATUS_OK && ms < 0) ? ERR_TIMEOUT
                                                                      : status_err(st);
    }
    give();
    if (r == 0) {
        *rtt_us = (uint32_t)ms * 1000u;
        *ttl = 0;                               /* AT+PING does not tell */
    }
    return r;
}

static int esp_interface(int index, struct hal_net_if *out)
{
    (void)index;
    (void)out;
    return ERR_NOENT;
}

/* ---- WiFi ---- */

static const char *esp_wifi_describe(void)
{
    static char text[48];
    snprintf(text, sizeof text, "ESP-AT modem on UART %d (%s)", md->uart.id, md->uart.name);
    return text;
}

static int esp_wifi_set_active(enum hal_wifi_iface iface, int on)
{
    if (iface != HAL_WIFI_STA)
        return ERR_NOTSUP;
    take();
    md->sta_off = !on;
    int r = on ? ensure_ready() : 0;
    if (!on && md->ready) {
        run("AT+CWQAP", CMD_MS, NULL);
        md->joined = 0;
        md->state = HAL_WIFI_IDLE;
    }
    give();
    return r;
}

static int esp_wifi_is_active(enum hal_wifi_iface iface)
{
    return iface == HAL_WIFI_STA && !md->sta_off;
}

struct scan {
    struct hal_wifi_ap *out;
    int max, n;
};

static const char *const auth_names[] = { "OPEN", "WEP", "WPA", "WPA2", "WPA/WPA2",
                                          "WPA2-ENT", "WPA3", "WPA2/WPA3" };

/* +CWLAP:(ecn,"ssid",rssi,"mac",channel,...) */
static void read_cwlap(void *arg, const char *line)
{
    struct scan *sc = arg;
    if (strncmp(line, "+CWLAP:(", 8) || sc->n >= sc->max)
        return;
    struct hal_wifi_ap *ap = &sc->out[sc->n];
    memset(ap, 0, sizeof *ap);
    const char *p = line + 8;
    int ecn = atoi(p);
    str_copy(ap->auth, ecn >= 0 && ecn < 8 ? auth_names[ecn] : "?", sizeof ap->auth);
    if (!(p = strchr(p, '"')))
        return;
    size_t n = 0;
    for (p++; *p && *p != '"'; p++)
        if (n < sizeof ap->ssid - 1)
            ap->ssid[n++] = *p;
    if (*p != '"' || p[1] != ',')
        return;
    ap->rssi = atoi(p + 2);
    const char *mac = strchr(p + 2, '"');
    unsigned b[6];
    if (!mac || sscanf(mac + 1, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
                       &b[5]) != 6)
        return;
    for (int i = 0; i < 6; i++)
        ap->bssid[i] = (uint8_t)b[i];
    const char *after = strchr(mac + 1, '"');
    ap->channel = after && after[1] == ',' ? atoi(after + 2) : 0;
    sc->n++;
}

static int esp_wifi_scan(struct hal_wifi_ap *out, int max)
{
    if (md->sta_off)
        return ERR_BUSY;
    struct scan sc = { out, max, 0 };
    take();
    int r = ensure_ready();
    if (r == 0)
        r = status_err(run_reading("AT+CWLAP", JOIN_MS, read_cwlap, &sc));
    give();
    return r < 0 ? r : sc.n;
}

static int esp_wifi_connect(const char *ssid, const char *psk)
{
    if (md->sta_off)
        return ERR_BUSY;
    if (strlen(ssid) >= sizeof md->ssid || strlen(psk) >= sizeof md->psk)
        return ERR_INVAL;
    take();
    str_copy(md->ssid, ssid, sizeof md->ssid);
    str_copy(md->psk, psk, sizeof md->psk);
    int r = md->ready ? 0 : initialise();
    if (r == 0)
        join();                 /* how it went is in the state */
    else
        md->state = HAL_WIFI_IDLE;
    give();
    return r;
}

static int esp_wifi_disconnect(void)
{
    take();
    md->ssid[0] = md->psk[0] = 0;                 /* no joining again by itself */
    if (md->ready)
        run("AT+CWQAP", CMD_MS, NULL);
    md->joined = 0;
    md->state = HAL_WIFI_IDLE;
    give();
    return 0;
}

static enum hal_wifi_state esp_wifi_state(void)
{
    return md->state;
}

static int esp_wifi_get_ip(enum hal_wifi_iface iface, struct hal_wifi_ip *ip)
{
    memset(ip, 0, sizeof *ip);
    if (iface != HAL_WIFI_STA)
        return ERR_NOTSUP;
    take();
    int r = md->ready ? 0 : initialise();
    if (r == 0)
        r = query_address();
    ip->addr = md->addr;
    ip->netmask = md->netmask;
    ip->gateway = md->gateway;
    give();
    return r;
}

static int esp_wifi_set_ip(enum hal_wifi_iface iface, const struct hal_wifi_ip *ip)
{
    (void)iface;
    (void)ip;
    return ERR_NOTSUP;
}

static void read_cifsr(void *arg, const char *line)
{
    (void)arg;
    unsigned b[6];
    if (sscanf(line, "+CIFSR:STAMAC,\"%x:%x:%x:%x:%x:%x\"", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5]) == 6)
        for (int i = 0; i < 6; i++)
            md->mac[i] = (uint8_t)b[i];
}

static int esp_wifi_mac(enum hal_wifi_iface iface, uint8_t mac[6])
{
    if (iface != HAL_WIFI_STA)
        return ERR_NOTSUP;
    take();
    int r = md->ready ? 0 : initialise();
    if (r == 0)
        r = status_err(run_reading("AT+CIFSR", CMD_MS, read_cifsr, NULL));
    memcpy(mac, md->mac, 6);
    give();
    return r;
}

static int esp_wifi_config_set(int iface, const char *key, const char *value)
{
    if (iface == HAL_WIFI_STA && !strcmp(key, "ssid"))
        return 0;                               /* the join recorded it */
    (void)value;
    return ERR_NOTSUP;
}

static int esp_wifi_config_get(int iface, const char *key, char *value, size_t size)
{
    if (iface != HAL_WIFI_STA || strcmp(key, "ssid"))
        return ERR_NOTSUP;
    str_copy(value, md->ssid, size);
    return 0;
}

const struct netif_ops esp_at_network = {
    esp_available, esp_sock_open, esp_sock_bind, esp_sock_listen, esp_sock_accept,
    esp_sock_connect, esp_sock_send, esp_sock_recv, esp_sock_sendto, esp_sock_recvfrom,
    esp_sock_local, esp_sock_close, esp_sock_poll, esp_resolve, esp_ping, esp_interface,
    esp_wifi_describe, esp_wifi_set_active, esp_wifi_is_active, esp_wifi_scan,
    esp_wifi_connect, esp_wifi_disconnect, esp_wifi_state, esp_wifi_get_ip, esp_wifi_set_ip,
    esp_wifi_mac, esp_wifi_config_set, esp_wifi_config_get,
};
