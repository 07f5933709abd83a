/* Console: the byte stream to the person at the board (UART, or the terminal on posix). */
#ifndef HAL_CONSOLE_H
#define HAL_CONSOLE_H

#include <stddef.h>

/* Write len bytes; blocks until they are accepted by the driver. */
void hal_console_write(const char *buf, size_t len);

/* Read up to max bytes, waiting at most timeout_ms (negative: forever).
 * Returns the count read, 0 on time-out, -1 once the input has ended (EOF). */
int hal_console_read(char *buf, size_t max, int timeout_ms);

/* 1 when the console is an interactive ANSI terminal (the line editor and vi use escape
 * sequences), 0 when input comes from a pipe or file (plain line input, no echo). */
int hal_console_is_terminal(void);

#endif
