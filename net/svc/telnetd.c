/* utelnetd: a shell for each telnet client. The session thread reads the connection and
 * feeds the terminal (so Ctrl-C reaches a busy command); the shell runs in a thread of its
 * own (net/svc/remote_shell.c). */
#include <stdlib.h>

#include "hal/thread.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "net/svc/remote_shell.h"
#include "net/svc/services.h"
#include "net/svc/telnet_proto.h"

#define TELNET_PORT 23
#define TELNET_SESSIONS 4
#define READ_SLICE_MS 40          /* how soon a session sees that its shell ended (exit) */

struct telnet_session {
    sock_t *sock;
    struct telnet proto;
    struct remote_shell shell;
    const struct session_info *who;
};

/* The shell's output and the protocol replies both send. */
static void send_raw(struct telnet_session *s, const uint8_t *buf, size_t len)
{
    hal_mutex_lock(s->shell.send_lock);
    sock_send(s->sock, buf, len);
    hal_mutex_unlock(s->shell.send_lock);
}

/* The terminal's output: IAC bytes in the data are doubled. */
static void terminal_output(void *ctx, const char *buf, size_t len)
{
    struct telnet_session *s = ctx;
    uint8_t chunk[256];
    while (len) {
        size_t n = len > sizeof chunk / 2 ? sizeof chunk / 2 : len;
        send_raw(s, chunk, telnet_escape(buf, n, chunk));
        buf += n;
        len -= n;
    }
}

static void on_data(void *ctx, const char *buf, size_t len)
{
    struct telnet_session *s = ctx;
    tty_input(s->shell.tty, buf, len);
}

static void on_reply(void *ctx, const uint8_t *buf, size_t len)
{
    send_raw(ctx, buf, len);
}

static void on_window(void *ctx, int cols, int rows)
{
    struct telnet_session *s = ctx;
    s->shell.tty->cols = cols;
    s->shell.tty->rows = rows;
}

static void on_interrupt(void *ctx)
{
    struct telnet_session *s = ctx;
    tty_input(s->shell.tty, "\003", 1);
}

/* Reads the connection until the client leaves, the shell ends or the login time is up. Until
 * the login, the session may be evicted for a new client when every slot is taken. */
static void pump(struct telnet_session *s)
{
    const struct telnet_events ev = { s, on_data, on_reply, on_window, on_interrupt };
    uint8_t buf[256];
    int awaiting_login = 1;           /* until then the session may be evicted (idle) */
    while (!remote_shell_over(&s->shell)) {
        if (awaiting_login && s->shell.logged_in) {
            awaiting_login = 0;
            session_idle(s->who, 0);
        }
        int n = sock_recv(s->sock, buf, sizeof buf, READ_SLICE_MS);
        if (n == ERR_TIMEOUT)
            continue;
        if (n <= 0)
            break;
        telnet_parse(&s->proto, buf, (size_t)n, &ev);
    }
}

static void telnet_session(proc_t *self, sock_t *client, const struct session_info *who)
{
    struct telnet_session *s = calloc(1, sizeof *s);
    if (!s)
        return;
    s->sock = client;
    s->who = who;
    uint8_t offers[16];         /* before the shell starts: nothing else sends yet */
    sock_send(client, offers, telnet_start(&s->proto, offers));
    s->shell.peer = who->peer;
    s->shell.ask_login = 1;
    if (remote_shell_start(&s->shell, self, "sh (telnet)", terminal_output, s) == 0) {
        pump(s);
        remote_shell_end(&s->shell);
    }
    free(s);
}

struct service telnetd_service = {
    .name = "utelnetd",
    .default_port = TELNET_PORT,
    .max_sessions = TELNET_SESSIONS,
    .session = telnet_session,
    .busy_reply = "Too many sessions, try later.\r\n",
};
