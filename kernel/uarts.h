/* The UARTs opened under a name: upyOS's `uart ID BAUD TX RX NAME` and `atmodem -c` open a
 * UART and call it "modem0", and every other user (uart write, screen, the modem link, later
 * programs through sdata) finds it by that name. The pins and flow control are recorded and
 * shown; the ports here route neither. */
#ifndef KERNEL_UARTS_H
#define KERNEL_UARTS_H

#define UARTS_NAMED_MAX 4
#define UART_NAME_MAX 15

struct uart_setup {
    int id;
    long baud;
    int tx, rx;                 /* -1: not given */
    int rts, cts;               /* -1: not given */
    char flow[4];               /* upyOS's "r", "s", "rs" or "off"; "" when not given */
    char name[UART_NAME_MAX + 1];
};

/* Opens s->id at s->baud and records s, closing the UART first when it was opened this way
 * before (init.sh runs at every boot). ERR_EXIST: the name belongs to another UART;
 * ERR_MFILE: too many; else what hal_uart_open says. */
int uarts_open(const struct uart_setup *s);
/* Forgets what was recorded about UART id (it was closed). */
void uarts_forget(int id);
/* What was recorded about the UART called name, or about UART id; NULL when nothing. */
const struct uart_setup *uarts_by_name(const char *name);
const struct uart_setup *uarts_by_id(int id);
/* The index-th recorded UART, for listing; NULL past the last. */
const struct uart_setup *uarts_at(int index);
/* 1 when text can name a UART: a word of at most UART_NAME_MAX characters, not a number. */
int uarts_valid_name(const char *text);

#endif
