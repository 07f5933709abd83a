/* UARTs other than the console: what `screen`, `uart` and the ESP-AT modem use. Ids are the
 * MCU's UART numbers. Every call returns >= 0 or a negative ERR_* (ERR_NODEV: no such UART,
 * ERR_BUSY: it is the console or already open, ERR_BADF: not open). */
#ifndef HAL_UART_H
#define HAL_UART_H

#include <stddef.h>
#include <stdint.h>

int hal_uart_count(void);
int hal_uart_open(int id, uint32_t baud);
int hal_uart_close(int id);
int hal_uart_write(int id, const void *buf, size_t len);
/* Waits at most timeout_ms (0: no wait, negative: forever); returns the bytes read, 0 when
 * nothing came in time. */
int hal_uart_read(int id, void *buf, size_t len, int timeout_ms);

#endif
