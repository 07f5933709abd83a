/* screen and uart: the board's other serial ports. On the posix simulator they are loopback
 * ports (what is sent comes back) that the board control interface can also feed. */
#include <stdlib.h>
#include <string.h>

#include "cmd/uart.h"
#include "hal/uart.h"
#include "kernel/command.h"
#include "kernel/tty.h"
#include "kernel/uarts.h"
#include "lib/err.h"

#define CTRL_Q 0x11
#define DEFAULT_BAUD 115200

/* A UART by number, or by the name it was opened under. */
static int parse_uart(const struct cmd_ctx *ctx, const char *text, long *id)
{
    char *end;
    const struct uart_setup *u = uarts_by_name(text);
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

/* The ports' pin numbers are GPIO numbers; -1 stands for "not given". */
static int parse_pins(const struct cmd_ctx *ctx, char **words, int count, int *pins)
{
    for (int i = 0; i < count; i++)
        if (parse_pin(ctx, words[i], &pins[i]))
            return 1;
    return 0;
}

static int parse_flow(const struct cmd_ctx *ctx, const char *text, char *flow)
{
    static const char *const kinds[] = { "r", "s", "rs", "off" };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(text, kinds[i]) == 0) {
            strcpy(flow, kinds[i]);
            return 0;
        }
    return cmd_error(ctx, "%s: not a flow control (r, s, rs or off)", text);
}

/* upyOS's words ID BAUD [TX RX [NAME] [RTS CTS FLOW]] (argv[0] is the command or option). */
int uart_setup_parse(const struct cmd_ctx *ctx, int argc, char **argv, struct uart_setup *s)
{
    long id;
    int pins[4] = { -1, -1, -1, -1 };
    int has_name = argc == 6 || argc == 9;
    if (argc != 3 && argc != 5 && argc != 6 && argc != 8 && argc != 9)
        return cmd_error(ctx, "expected ID BAUD [TX RX [NAME] [RTS CTS FLOW]]");
    *s = (struct uart_setup){ .id = -1 };
    if (parse_uart(ctx, argv[1], &id) || parse_baud(ctx, argv[2], &s->baud) ||
        parse_pins(ctx, argv + 3, argc >= 5 ? 2 : 0, pins) ||
        parse_pins(ctx, argv + 5 + has_name, argc >= 8 ? 2 : 0, pins + 2) ||
        (argc >= 8 && parse_flow(ctx, argv[argc - 1], s->flow)))
        return 1;
    if (has_name && !uarts_valid_name(argv[5]))
        return cmd_error(ctx, "%s: not a UART name (a word, at most %d characters)", argv[5],
                         UART_NAME_MAX);
    s->id = (int)id;
    s->tx = pins[0], s->rx = pins[1], s->rts = pins[2], s->cts = pins[3];
    if (has_name)
        strcpy(s->name, argv[5]);
    return 0;
}

int uart_setup_open(const struct cmd_ctx *ctx, const struct uart_setup *s)
{
    int r = uarts_open(s);
    if (r == ERR_EXIST)
        return cmd_error(ctx, "%s: already the name of UART %d", s->name,
                         uarts_by_name(s->name)->id);
    if (r == ERR_MFILE)
        return cmd_error(ctx, "too many open UARTs");
    return r < 0 ? cmd_error(ctx, "UART %d: %s", s->id, err_str(r)) : 0;
}

static int open_upyos_form(const struct cmd_ctx *ctx, int argc, char **argv)
{
    struct uart_setup s;
    return uart_setup_parse(ctx, argc, argv, &s) || uart_setup_open(ctx, &s);
}

/* `uart` alone: the UARTs opened in upyOS's form, one line each. */
static int list_open(proc_t *p)
{
    const struct uart_setup *u;
    for (int i = 0; (u = uarts_at(i)) != NULL; i++) {
        proc_printf(p, "UART %d %s%s%ld baud", u->id, u->name, u->name[0] ? " " : "", u->baud);
        if (u->tx >= 0)
            proc_printf(p, ", tx %d rx %d", u->tx, u->rx);
        if (u->rts >= 0)
            proc_printf(p, ", rts %d cts %d flow %s", u->rts, u->cts, u->flow);
        proc_puts(p, "\n");
    }
    return 0;
}

COMMAND(uart, "uart ID BAUD [TX RX [NAME] [RTS CTS FLOW]]\nuart open UART [BAUD]\nuart close UART\n"
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
            uarts_forget((int)id);
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
