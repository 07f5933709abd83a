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

static int parse_uart(proc_t *p, const char *name, const char *text, long *id)
{
    char *end;
    *id = strtol(text, &end, 10);
    if (*end || *id < 0 || *id >= hal_uart_count())
        return proc_error(p, name, "%s: no such UART (0..%d)", text, hal_uart_count() - 1);
    return 0;
}

static int parse_baud(proc_t *p, const char *name, const char *text, long *baud)
{
    char *end;
    *baud = strtol(text, &end, 10);
    if (*end || *baud < 300 || *baud > 4000000)
        return proc_error(p, name, "%s: not a baud rate", text);
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
        "a raw terminal to a UART: keys go out, what comes in is shown; Ctrl-Q leaves")
{
    long id, baud = DEFAULT_BAUD;
    if (argc < 2 || argc > 3)
        return proc_error(p, "screen", argc < 2 ? "missing UART" : "too many arguments");
    if (parse_uart(p, "screen", argv[1], &id) || (argc == 3 && parse_baud(p, "screen", argv[2], &baud)))
        return 1;
    int r = hal_uart_open((int)id, (uint32_t)baud);
    if (r < 0)
        return proc_error(p, "screen", "UART %ld: %s", id, err_str(r));
    proc_printf(p, "Connected to UART %ld at %ld baud; Ctrl-Q leaves.\n", id, baud);
    int status = relay(p, (int)id);
    hal_uart_close((int)id);
    proc_puts(p, "\nDisconnected.\n");
    return status;
}

static int uart_read(proc_t *p, int id, const char *timeout_text)
{
    long ms = 100;
    char *end, buf[256];
    if (timeout_text && ((ms = strtol(timeout_text, &end, 10)) < 0 || *end))
        return proc_error(p, "uart", "%s: not a time-out in ms", timeout_text);
    int n = hal_uart_read(id, buf, sizeof buf - 1, (int)ms);
    if (n < 0)
        return proc_error(p, "uart", "UART %d: %s", id, err_str(n));
    buf[n] = '\0';
    stream_write(p->out, buf, (size_t)n);
    proc_set_result(p, value_str(buf));
    return 0;
}

COMMAND(uart, "uart open UART [BAUD]\nuart close UART\nuart write UART TEXT...\n"
              "uart read UART [TIMEOUT_MS]",
        "open, close, write to and read from a UART (the modem and scripts use it)")
{
    long id, baud = DEFAULT_BAUD;
    if (argc < 3)
        return proc_error(p, "uart", "expected open, close, write or read, and a UART");
    if (parse_uart(p, "uart", argv[2], &id))
        return 1;
    int r;
    if (strcmp(argv[1], "open") == 0) {
        if (argc == 4 && parse_baud(p, "uart", argv[3], &baud))
            return 1;
        r = hal_uart_open((int)id, (uint32_t)baud);
    } else if (strcmp(argv[1], "close") == 0) {
        r = hal_uart_close((int)id);
    } else if (strcmp(argv[1], "write") == 0) {
        r = 0;
        for (int i = 3; i < argc && r >= 0; i++) {
            r = hal_uart_write((int)id, argv[i], strlen(argv[i]));
            if (r >= 0)
                r = hal_uart_write((int)id, i + 1 < argc ? " " : "\r\n", i + 1 < argc ? 1 : 2);
        }
    } else if (strcmp(argv[1], "read") == 0) {
        return uart_read(p, (int)id, argc > 3 ? argv[3] : NULL);
    } else {
        return proc_error(p, "uart", "%s: expected open, close, write or read", argv[1]);
    }
    return r < 0 ? proc_error(p, "uart", "UART %ld: %s", id, err_str(r)) : 0;
}
