#include "net/at_modem.h"

#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "hal/uart.h"
#include "kernel/proc.h"
#include "kernel/uarts.h"
#include "lib/err.h"

/* How long one UART read may block: the time-out and a stop request are checked this often. */
#define POLL_MS 50

struct at_modem *at_modem_clients(void)
{
    static struct at_modem *link;
    if (!link)
        link = calloc(1, sizeof *link);
    return link;
}

int at_append_string(char *cmd, size_t size, const char *text)
{
    size_t n = strlen(cmd);
    if (n + 2 >= size)
        return -1;
    cmd[n++] = ',';
    cmd[n++] = '"';
    for (const char *c = text; *c; c++) {
        if ((*c == '"' || *c == ',' || *c == '\\') && n + 1 < size)
            cmd[n++] = '\\';
        if (n + 1 >= size)
            return -1;
        cmd[n++] = *c;
    }
    if (n + 1 >= size)
        return -1;
    cmd[n++] = '"';
    cmd[n] = '\0';
    return 0;
}

int at_modem_attach(struct at_modem *m, const char *name)
{
    const struct uart_setup *u = uarts_by_name(name);
    if (!u)
        return ERR_NODEV;
    if (!m->attached || m->uart != u->id)   /* what was half parsed belongs to the old UART */
        at_parser_init(&m->parser);
    m->uart = u->id;
    m->attached = 1;
    return 0;
}

static void finish(struct at_modem *m, enum at_status status)
{
    m->done = 1;
    m->status = status;
}

/* Does e end the command in progress, and how? */
static void judge(struct at_modem *m, const struct at_event *e)
{
    int echo = e->kind == AT_TEXT && m->sent && strcmp(e->text, m->sent) == 0;
    if (m->expect && !echo && strstr(e->text, m->expect)) {   /* ATE1 echoes the command */
        finish(m, AT_STATUS_OK);
        return;
    }
    switch (e->kind) {
    case AT_OK:
    case AT_SEND_OK:
        if (!m->expect)
            finish(m, AT_STATUS_OK);
        break;
    case AT_ERROR: finish(m, AT_STATUS_ERROR); break;
    case AT_SEND_FAIL: finish(m, AT_STATUS_SEND_FAIL); break;
    case AT_BUSY: finish(m, AT_STATUS_BUSY); break;
    default: break;
    }
}

static void on_event(void *ctx, const struct at_event *e)
{
    struct at_modem *m = ctx;
    if (m->listener && m->listener->event && at_kind_is_async(e->kind))
        m->listener->event(m->listener->ctx, e);
    if (m->done)
        return;
    if (m->reply && m->reply->event)
        m->reply->event(m->reply->ctx, e);
    judge(m, e);
}

static void on_data(void *ctx, int link, const uint8_t *buf, size_t len)
{
    struct at_modem *m = ctx;
    if (m->listener && m->listener->data)
        m->listener->data(m->listener->ctx, link, buf, len);
    if (!m->done && m->reply && m->reply->data)
        m->reply->data(m->reply->ctx, link, buf, len);
}

/* Reads and parses what comes within ms; returns the bytes read, or a negative ERR_*. */
static int pump(struct at_modem *m, int ms)
{
    const struct at_callbacks cb = { m, on_event, on_data };
    uint8_t buf[128];
    int n = hal_uart_read(m->uart, buf, sizeof buf, ms);
    if (n > 0)
        at_parser_feed(&m->parser, buf, (size_t)n, &cb);
    return n;
}

/* What came in since the last command: the listener still hears it, no reply does. */
static int drain(struct at_modem *m)
{
    int n;
    m->reply = NULL;
    m->done = 1;
    while ((n = pump(m, 0)) > 0)
        ;
    return n;
}

static int send_line(int uart, const char *cmd)
{
    int r = hal_uart_write(uart, cmd, strlen(cmd));
    return r < 0 ? r : hal_uart_write(uart, "\r\n", 2);
}

/* Reads until the reply set up in m ends, or timeout_ms has passed: since the command was
 * sent, or (idle) since the last byte came. */
static enum at_status wait_reply(struct at_modem *m, int timeout_ms, int idle)
{
    uint64_t deadline = hal_time_us() + (uint64_t)timeout_ms * 1000u;
    while (!m->done) {
        uint64_t now = hal_time_us();
        if (now >= deadline)
            return AT_STATUS_TIMEOUT;
        if (proc_should_stop())
            return AT_STATUS_STOPPED;
        uint64_t left_ms = (deadline - now + 999) / 1000;
        int n = pump(m, left_ms < POLL_MS ? (int)left_ms : POLL_MS);
        if (n < 0)
            return AT_STATUS_LINK;
        if (n > 0 && idle)
            deadline = hal_time_us() + (uint64_t)timeout_ms * 1000u;
    }
    return m->status;
}

static void expect_reply(struct at_modem *m, const char *cmd, const char *expect,
                         const struct at_callbacks *reply)
{
    m->reply = reply;
    m->sent = cmd;
    m->expect = expect && expect[0] ? expect : NULL;
    m->done = 0;
}

enum at_status at_modem_command(struct at_modem *m, const char *cmd, int timeout_ms,
                                const char *expect, const struct at_callbacks *reply)
{
    if (!m->attached || drain(m) < 0 || (cmd && send_line(m->uart, cmd) < 0))
        return AT_STATUS_LINK;
    expect_reply(m, cmd, expect, reply);
    return wait_reply(m, timeout_ms, 0);
}

enum at_status at_modem_command_streamed(struct at_modem *m, const char *cmd, int idle_ms,
                                         const struct at_callbacks *reply)
{
    if (!m->attached || drain(m) < 0 || send_line(m->uart, cmd) < 0)
        return AT_STATUS_LINK;
    expect_reply(m, cmd, NULL, reply);
    return wait_reply(m, idle_ms, 1);
}

enum at_status at_modem_send_data(struct at_modem *m, const void *data, size_t len,
                                  int timeout_ms)
{
    return at_modem_send_data_until(m, data, len, timeout_ms, NULL, NULL);
}

enum at_status at_modem_send_data_until(struct at_modem *m, const void *data, size_t len,
                                        int timeout_ms, const char *expect,
                                        const struct at_callbacks *reply)
{
    if (!m->attached)
        return AT_STATUS_LINK;
    /* set up before writing: the modem may answer before the write returns */
    expect_reply(m, NULL, expect, reply);
    if (hal_uart_write(m->uart, data, len) < 0)
        return AT_STATUS_LINK;
    return wait_reply(m, timeout_ms, 0);
}

int at_modem_listen(struct at_modem *m, int ms)
{
    if (!m->attached)
        return ERR_NODEV;
    m->reply = NULL;
    m->done = 1;
    int n = pump(m, ms);
    if (n < 0)
        return n;
    int more = drain(m);
    return more < 0 ? more : n;
}

const char *at_status_str(enum at_status status)
{
    switch (status) {
    case AT_STATUS_OK: return "OK";
    case AT_STATUS_ERROR: return "ERROR";
    case AT_STATUS_SEND_FAIL: return "SEND FAIL";
    case AT_STATUS_BUSY: return "busy";
    case AT_STATUS_TIMEOUT: return "no answer in time";
    case AT_STATUS_LINK: return "the modem's UART failed";
    case AT_STATUS_STOPPED: return "stopped";
    }
    return "?";
}
