/* upyOS's UART words, shared by `uart ID BAUD ...` and `atmodem -c ID BAUD ...`. */
#ifndef CMD_UART_H
#define CMD_UART_H

#include "kernel/command.h"
#include "kernel/uarts.h"

/* Reads ID BAUD [TX RX [NAME] [RTS CTS FLOW]] from argv[1..argc-1] into s; 0, or 1 after
 * reporting what is wrong. ID may be a number or the name of an open UART. */
int uart_setup_parse(const struct cmd_ctx *ctx, int argc, char **argv, struct uart_setup *s);
/* Opens and records s (kernel/uarts.h); 0, or 1 after reporting why not. */
int uart_setup_open(const struct cmd_ctx *ctx, const struct uart_setup *s);

#endif
