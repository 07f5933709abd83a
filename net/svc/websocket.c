/* The web terminal: GET /ws upgrades to a WebSocket (RFC 6455) driving a terminal with a
 * shell of its own, like a telnet session. Client frames carry keystrokes; the shell's output
 * goes back in binary frames (output may cut a UTF-8 character, which text frames forbid).
 * A malformed frame closes the connection with 1002, an oversized one with 1009. */
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/tty.h"
#include "lib/base64.h"
#include "lib/err.h"
#include "lib/sha1.h"
#include "net/svc/httpd.h"
#include "net/svc/remote_shell.h"

#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
#define WS_PAYLOAD_MAX 4096
#define FRAME_TIMEOUT_MS 10000
#define POLL_MS 40                /* how soon the terminal sees that its shell ended (exit) */

enum { OP_CONT = 0, OP_TEXT = 1, OP_BINARY = 2, OP_CLOSE = 8, OP_PING = 9, OP_PONG = 10,
       NO_FRAME = 16 };           /* not an opcode: nothing came within POLL_MS */
enum { CLOSE_NORMAL = 1000, CLOSE_PROTOCOL = 1002, CLOSE_TOO_BIG = 1009 };

struct ws {
    struct http_conn *c;
    struct remote_shell shell;
};

static int send_frame(struct ws *w, int opcode, const void *data, size_t len)
{
    uint8_t head[10];
    size_t n = 2;
    head[0] = (uint8_t)(0x80 | opcode);
    if (len < 126) {
        head[1] = (uint8_t)len;
    } else if (len < 65536) {
        head[1] = 126;
        head[2] = (uint8_t)(len >> 8);
        head[3] = (uint8_t)len;
        n = 4;
    } else {
        head[1] = 127;
        for (int i = 0; i < 8; i++)
            head[2 + i] = (uint8_t)((uint64_t)len >> (56 - 8 * i));
        n = 10;
    }
    hal_mutex_lock(w->shell.send_lock);     /* the shell's output and the reader's replies */
    int r = sock_send(w->c->sock, head, n);
    if (r >= 0 && len)
        r = sock_send(w->c->sock, data, len);
    hal_mutex_unlock(w->shell.send_lock);
    return r;
}

static void send_close(struct ws *w, int code)
{
    uint8_t body[2] = { (uint8_t)(code >> 8), (uint8_t)code };
    send_frame(w, OP_CLOSE, body, sizeof body);
}

static void terminal_output(void *ctx, const char *buf, size_t len)
{
    send_frame(ctx, OP_BINARY, buf, len);
}

static int read_exact(struct http_conn *c, uint8_t *buf, size_t len)
{
    uint64_t deadline = hal_time_us() + FRAME_TIMEOUT_MS * 1000ULL;
    size_t got = 0;
    while (got < len) {
        uint64_t now = hal_time_us();
        if (now >= deadline)
            return ERR_TIMEOUT;
        int n = linereader_bytes(&c->in, buf + got, len - got, (int)((deadline - now) / 1000) + 1);
        if (n <= 0)
            return n == 0 ? ERR_CLOSED : n;
        got += (size_t)n;
    }
    return 0;
}

/* Reads one frame into payload; returns its opcode (and *fin_out), or -(close code) to end
 * the connection, or NO_FRAME when there was nothing to read yet. */
static int read_frame(struct ws *w, uint8_t *payload, size_t *len, int *fin_out)
{
    uint8_t h[8];
    *len = 0;
    int n = linereader_bytes(&w->c->in, h, 1, POLL_MS);
    if (n == ERR_TIMEOUT)
        return NO_FRAME;
    if (n <= 0 || read_exact(w->c, h + 1, 1) < 0)
        return -CLOSE_NORMAL;
    int fin = h[0] & 0x80, op = h[0] & 0x0f;
    uint64_t size = h[1] & 0x7f;
    if ((h[0] & 0x70) || !(h[1] & 0x80))
        return -CLOSE_PROTOCOL;            /* reserved bits, or an unmasked client frame */
    if (size >= 126) {
        size_t extra = size == 126 ? 2 : 8;
        if (read_exact(w->c, h, extra) < 0)
            return -CLOSE_NORMAL;
        size = 0;
        for (size_t i = 0; i < extra; i++)
            size = size << 8 | h[i];
    }
    if (op >= 8 && (!fin || size > 125))
        return -CLOSE_PROTOCOL;
    *fin_out = fin != 0;
    if (size > WS_PAYLOAD_MAX)
        return -CLOSE_TOO_BIG;
    uint8_t mask[4];
    if (read_exact(w->c, mask, 4) < 0 || read_exact(w->c, payload, (size_t)size) < 0)
        return -CLOSE_NORMAL;
    for (uint64_t i = 0; i < size; i++)
        payload[i] ^= mask[i & 3];
    *len = (size_t)size;
    return op;
}

/* A message is a text or binary frame, then continuations up to the one with FIN (RFC 6455
 * 5.4): a continuation with no message started, or a new message before the last one
 * ended, is a protocol error. */
static int data_frame_in_order(int *in_message, int op, int fin)
{
    if ((op == OP_CONT) != *in_message)
        return 0;
    *in_message = !fin;
    return 1;
}

/* The answer to a close frame: 1000, or 1002 for a code no endpoint may send (RFC 6455 7.4:
 * below 1000, 1004-1006, 1015, unassigned 1016-2999, 5000 and above) or a 1-byte body. */
static int close_answer(const uint8_t *payload, size_t len)
{
    if (len == 0)
        return CLOSE_NORMAL;
    if (len < 2)
        return CLOSE_PROTOCOL;
    int code = payload[0] << 8 | payload[1];
    int sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
                   (code >= 3000 && code <= 4999);
    return sendable ? CLOSE_NORMAL : CLOSE_PROTOCOL;
}

static void talk(struct ws *w)
{
    uint8_t *payload = malloc(WS_PAYLOAD_MAX);
    int code = CLOSE_NORMAL, in_message = 0, fin = 1;
    while (payload && !remote_shell_over(&w->shell)) {
        size_t len;
        int op = read_frame(w, payload, &len, &fin);
        if (op < 0) {
            code = -op;
            break;
        }
        if (op == NO_FRAME)
            continue;
        if (op == OP_CONT || op == OP_TEXT || op == OP_BINARY) {
            if (!data_frame_in_order(&in_message, op, fin)) {
                code = CLOSE_PROTOCOL;
                break;
            }
            if (len)
                tty_input(w->shell.tty, (const char *)payload, len);
        } else if (op == OP_PING) {
            send_frame(w, OP_PONG, payload, len);
        } else if (op == OP_CLOSE) {
            code = close_answer(payload, len);
            break;
        } else if (op != OP_PONG) {
            code = CLOSE_PROTOCOL;
            break;
        }
    }
    send_close(w, code);
    free(payload);
}

static int handshake(struct http_conn *c)
{
    const struct http_request *r = &c->req;
    if (strcmp(r->method, "GET") || !r->upgrade_websocket || !r->connection_upgrade ||
        r->ws_version != 13 || strlen(r->ws_key) != 24) {
        http_send(c, 400, "text/plain", "WebSocket handshake expected\n", 29,
                  "Sec-WebSocket-Version: 13\r\n");
        return -1;
    }
    if (!http_same_origin(r)) {           /* a page on another site opening a shell */
        http_send_error(c, 403);
        return -1;
    }
    if (!http_authorized(c)) {
        http_send_error(c, 401);
        return -1;
    }
    struct sha1 s;
    uint8_t digest[20];
    char accept[32], extra[128];
    sha1_init(&s);
    sha1_update(&s, r->ws_key, strlen(r->ws_key));
    sha1_update(&s, WS_GUID, strlen(WS_GUID));
    sha1_final(&s, digest);
    base64_encode(digest, sizeof digest, accept);
    strcpy(extra, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ");
    strcat(extra, accept);
    strcat(extra, "\r\n");
    return http_send_head(c, 101, NULL, -1, extra) < 0 ? -1 : 0;
}

void http_serve_websocket(struct http_conn *c)
{
    c->close_after = 1;                   /* the connection is the terminal's from now on */
    if (handshake(c) < 0)
        return;
    struct ws *w = calloc(1, sizeof *w);
    if (!w)
        return;
    w->c = c;
    w->shell.peer = c->peer;
    if (remote_shell_start(&w->shell, c->self, "sh (web)", terminal_output, w) == 0) {
        talk(w);
        remote_shell_end(&w->shell);
    }
    free(w);
}
