/* hal/uart.h: UART1 (where a Pico carries an ESP-AT modem) is not driven yet; UART0 is the
 * console. So there are none to offer, and every call says ERR_NODEV. */
#include "hal/uart.h"

#include "lib/err.h"

int hal_uart_count(void) { return 0; }
int hal_uart_open(int id, uint32_t baud) { return ERR_NODEV; }
int hal_uart_close(int id) { return ERR_NODEV; }
int hal_uart_write(int id, const void *buf, size_t len) { return ERR_NODEV; }
int hal_uart_read(int id, void *buf, size_t len, int timeout_ms) { return ERR_NODEV; }
