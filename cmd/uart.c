/* screen and uart: the board's other serial ports. On the posix simulator they are loopback
 * ports (what is sent comes back) that the board control interface can also feed. */
#include <stdlib.h>
#include <string.h>

#include "hal/uart.h"
#include "kernel/command.h"
#include "kernel/tty.h"
#include "lib/err.h"

#define CTRL_Q 0x11
#define DEFAULT_BAUD 115200

/* What `uart ID BAUD TX RX NAME` (upyOS's form) said about an open UART: its name, for the
 * other commands (uart write modem0 ..., screen modem0), and the pins, which the ports here
 * cannot route but show. */
#define NAMED_MAX 4
#define NAME_MAX_LEN 15

static struct named_uart {
    int used;
    int id;
    long baud;
    int tx, rx;                 /* -1: not given */
    char name[NAME_MAX_LEN + 1];
} named[NAMED_MAX];

static struct named_uart *named_of_id(int id)
{
    for (int i = 0; i < NAMED_MAX; i++)
        if (named[i].used && named[i].id == id)
            return &named[i];
    return NULL;
}

static struct named_uart *free_slot(void)
{
    for (int i = 0; i < NAMED_MAX; i++)
        if (!named[i].used)
            return &named[i];
    return NULL;
}

static struct named_uart *named_of_name(const char *name)
{
    for (int i = 0; i < NAMED_MAX; i++)
        if (named[i].used && named[i].name[0] && strcmp(named[i].name, name) == 0)
            return &named[i];
    return NULL;
}

/* A UART by number, or by the name it was opened under. */
static int parse_uart(const struct cmd_ctx *ctx, const char *text, long *id)
{
    char *end;
    struct named_uart *u = named_of_name(text);
    if (u) {
        *id = u->id;
        return 0;
    }
    *id = strtol(text, &end, 10);
    if (!*text || *end || *id < 0 || *id >= hal_uart_count())
        return hal_uart_count()
                   ? cmd_error(ctx, "%s: no such UART (0..%d)", text, hal_uart_count() - 1)
                   : cmd_error(ctx, "%s: no such UART (this board has none)", text);
    return 0;
}

static int parse_baud(const struct cmd_ctx *ctx, const char *text, long *baud)
{
    char *end;
    *baud = strtol(text, &end, 10);
    if (*end || *baud < 300 || *baud > 4000000)
        return cmd_error(ctx, "%s: not a baud rate", text);
    return 0;
}

/* Copies what arrives on the UART to the terminal until Ctrl-Q, and keys to the UART. */
static int relay(proc_t *p, int id)
{
    struct tty *t = p->in ? p->in->tty : NULL;
    char buf[128];
    for (;;) {
        int n = hal_uart_read(id, buf, sizeof buf, 0);
        if (n > 0)
            stream_write(p->out, buf, (size_t)n);
        n = t ? tty_read_timeout(t, buf, sizeof buf, 20) : stream_read(p->in, buf, sizeof buf);
        if (n < 0 || (!t && n == 0))
            return n == ERR_INTR ? 130 : 0;
        char *quit = memchr(buf, CTRL_Q, (size_t)n);
        if (n > 0 && (quit ? quit - buf : n) > 0)
            hal_uart_write(id, buf, quit ? (size_t)(quit - buf) : (size_t)n);
        if (quit)
            return 0;
    }
}

COMMAND(screen, "screen UART [BAUD]",
        "a raw terminal to a UART: keys go out, what comes in is shown; Ctrl-Q leaves",
        RAW_ARGS, 1, 2, .missing = "missing UART")
{
    long id, baud = DEFAULT_BAUD;
    if (parse_uart(ctx, argv[1], &id) || (argc == 3 && parse_baud(ctx, argv[2], &baud)))
        return 1;
    int r = hal_uart_open((int)id, (uint32_t)baud);
    if (r < 0)
        return cmd_error(ctx, "UART %ld: %s", id, err_str(r));
    proc_printf(p, "Connected to UART %ld at %ld baud; Ctrl-Q leaves.\n", id, baud);
    int status = relay(p, (int)id);
    hal_uart_close((int)id);
    proc_puts(p, "\nDisconnected.\n");
    return status;
}

static int uart_read(const struct cmd_ctx *ctx, int id, const char *timeout_text)
{
    long ms = 100;
    char *end, buf[256];
    if (timeout_text && ((ms = strtol(timeout_text, &end, 10)) < 0 || *end))
        return cmd_error(ctx, "%s: not a time-out in ms", timeout_text);
    int n = hal_uart_read(id, buf, sizeof buf - 1, (int)ms);
    if (n < 0)
        return cmd_error(ctx, "UART %d: %s", id, err_str(n));
    buf[n] = '\0';
    stream_write(ctx->p->out, buf, (size_t)n);
    proc_set_result(ctx->p, value_str(buf));
    return 0;
}

static int parse_pin(const struct cmd_ctx *ctx, const char *text, int *pin)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < 0 || n > 255)
        return cmd_error(ctx, "%s: not a pin number", text);
    *pin = (int)n;
    return 0;
}

/* upyOS's form: uart ID BAUD [TX RX [NAME]] opens the UART and remembers what was said. */
static int open_upyos_form(const struct cmd_ctx *ctx, int argc, char **argv)
{
    long id, baud;
    int tx = -1, rx = -1;
    if (argc > 6 || argc == 4)
        return cmd_error(ctx, "expected ID BAUD [TX RX [NAME]]");
    if (parse_uart(ctx, argv[1], &id) || parse_baud(ctx, argv[2], &baud) ||
        (argc > 3 && (parse_pin(ctx, argv[3], &tx) || parse_pin(ctx, argv[4], &rx))))
        return 1;
    const char *name = argc > 5 ? argv[5] : "";
    if (strlen(name) > NAME_MAX_LEN || (name[0] >= '0' && name[0] <= '9'))
        return cmd_error(ctx, "%s: not a UART name (a word, at most %d characters)", name,
                         NAME_MAX_LEN);
    struct named_uart *other = named_of_name(name);
    if (name[0] && other && other->id != id)
        return cmd_error(ctx, "%s: already the name of UART %d", name, other->id);
    struct named_uart *u = named_of_id((int)id);
    if (!u && !(u = free_slot()))
        return cmd_error(ctx, "too many open UARTs");
    if (u->used) {                  /* opened this way before (init.sh runs at every boot) */
        hal_uart_close((int)id);
        u->used = 0;
    }
    int r = hal_uart_open((int)id, (uint32_t)baud);
    if (r < 0)
        return cmd_error(ctx, "UART %ld: %s", id, err_str(r));
    *u = (struct named_uart){ 1, (int)id, baud, tx, rx, "" };
    strcpy(u->name, name);
    return 0;
}

static void forget(int id)
{
    struct named_uart *u = named_of_id(id);
    if (u)
        u->used = 0;
}

/* `uart` alone: the UARTs opened in upyOS's form, one line each. */
static int list_open(proc_t *p)
{
    for (int i = 0; i < NAMED_MAX; i++) {
        struct named_uart *u = &named[i];
        if (!u->used)
            continue;
        proc_printf(p, "UART %d %s%s%ld baud", u->id, u->name, u->name[0] ? " " : "", u->baud);
        if (u->tx >= 0)
            proc_printf(p, ", tx %d rx %d", u->tx, u->rx);
        proc_puts(p, "\n");
    }
    return 0;
}

COMMAND(uart, "uart ID BAUD [TX RX [NAME]]\nuart open UART [BAUD]\nuart close UART\n"
              "uart write UART TEXT...\nuart read UART [TIMEOUT_MS]\nuart",
        "open a UART (upyOS's form: with its pins and a name the other uses take as UART), "
        "close, write to and read from it; alone, list the UARTs opened with a name or pins",
        RAW_ARGS, 0, MANY)
{
    long id, baud = DEFAULT_BAUD;
    if (argc == 1)
        return list_open(p);
    if (argc >= 3 && argv[1][0] >= '0' && argv[1][0] <= '9')
        return open_upyos_form(ctx, argc, argv);
    if (argc < 3)
        return cmd_error(ctx, "expected open, close, write or read, and a UART");
    if (parse_uart(ctx, argv[2], &id))
        return 1;
    int r;
    if (strcmp(argv[1], "open") == 0) {
        if (argc == 4 && parse_baud(ctx, argv[3], &baud))
            return 1;
        r = hal_uart_open((int)id, (uint32_t)baud);
    } else if (strcmp(argv[1], "close") == 0) {
        r = hal_uart_close((int)id);
        if (r >= 0)
            forget((int)id);
    } else if (strcmp(argv[1], "write") == 0) {
        r = 0;
        for (int i = 3; i < argc && r >= 0; i++) {
            r = hal_uart_write((int)id, argv[i], strlen(argv[i]));
            if (r >= 0)
                r = hal_uart_write((int)id, i + 1 < argc ? " " : "\r\n", i + 1 < argc ? 1 : 2);
        }
    } else if (strcmp(argv[1], "read") == 0) {
        return uart_read(ctx, (int)id, argc > 3 ? argv[3] : NULL);
    } else {
        return cmd_error(ctx, "%s: expected open, close, write or read", argv[1]);
    }
    return r < 0 ? cmd_error(ctx, "UART %ld: %s", id, err_str(r)) : 0;
}
