/* hal/uart.h on CMSDK UART 1 (0x40005000), where the board file puts the ESP-AT modem; UART 0
 * is the console. Transmit by polling (QEMU sends at once); receive by interrupt into a ring
 * that hal_uart_read waits on. QEMU hands the UART a byte only when its holding register is
 * empty, so a reader slower than the modem leaves bytes waiting on the host, not lost. Under
 * QEMU, `run-qemu.sh --uart 1=PATH` connects it to the program listening on PATH. */
#include "hal/uart.h"

#include <stdlib.h>

#include "cmsdk.h"
#include "lib/err.h"
#include "port.h"
#include "sched.h"

#define RX_SIZE 512u                 /* power of two */

/* The receive ring, allocated at the first open (a board whose modem nobody used keeps none)
 * and kept after: a reader may still be waiting on it when another thread closes. */
static volatile uint8_t *rx_buf;
static volatile uint32_t rx_head, rx_tail; /* head: written by the interrupt */
static int opened;

int hal_uart_count(void) { return 2; }

int hal_uart_open(int id, uint32_t baud)
{
    (void)baud;                      /* QEMU ignores the rate */
    if (id == 0)
        return ERR_BUSY;
    if (id != 1)
        return ERR_NODEV;
    if (opened)
        return ERR_BUSY;
    if (!rx_buf && !(rx_buf = malloc(RX_SIZE)))
        return ERR_NOMEM;
    rx_head = rx_tail = 0;
    UART_BAUDDIV(UART1_BASE) = 16;
    UART_CTRL(UART1_BASE) = UART_CTRL_TXEN | UART_CTRL_RXEN | UART_CTRL_RXINT;
    NVIC_IPR(UART1_RX_IRQ) = 0x80;
    NVIC_ISER0 = 1u << UART1_RX_IRQ;
    opened = 1;
    return 0;
}

int hal_uart_close(int id)
{
    if (id != 1 || !opened)
        return id == 1 ? ERR_BADF : ERR_NODEV;
    NVIC_ICER0 = 1u << UART1_RX_IRQ;
    UART_CTRL(UART1_BASE) = 0;
    opened = 0;
    return 0;
}

void uart1_rx_isr(void)
{
    UART_INT(UART1_BASE) = UART_INT_RX;
    /* a full ring leaves the byte in the UART: QEMU then holds the rest back */
    while (rx_head - rx_tail < RX_SIZE && (UART_STATE(UART1_BASE) & UART_STATE_RXFULL))
        rx_buf[rx_head++ % RX_SIZE] = (uint8_t)UART_DATA(UART1_BASE);
    if (sched_wake((void *)rx_buf, 1))
        SCB_ICSR = ICSR_PENDSVSET;
}

int hal_uart_write(int id, const void *buf, size_t len)
{
    if (id != 1 || !opened)
        return id == 1 ? ERR_BADF : ERR_NODEV;
    const uint8_t *p = buf;
    for (size_t i = 0; i < len; i++) {
        while (UART_STATE(UART1_BASE) & UART_STATE_TXFULL)
            ;
        UART_DATA(UART1_BASE) = p[i];
    }
    return (int)len;
}

int hal_uart_read(int id, void *buf, size_t len, int timeout_ms)
{
    if (id != 1 || !opened)
        return id == 1 ? ERR_BADF : ERR_NODEV;
    uint64_t deadline = timeout_ms < 0 ? SCHED_FOREVER : sched_ticks + (uint64_t)timeout_ms;
    uint32_t s = irq_lock();
    while (rx_head == rx_tail) {
        uint64_t now = sched_ticks;
        if (timeout_ms >= 0 && now >= deadline) {
            irq_unlock(s);
            return 0;
        }
        sched_block((void *)rx_buf, timeout_ms < 0 ? -1 : (int64_t)(deadline - now));
    }
    uint8_t *out = buf;
    size_t n = 0;
    while (n < len && rx_head != rx_tail)
        out[n++] = rx_buf[rx_tail++ % RX_SIZE];
    irq_unlock(s);
    /* room again: take what the UART held back */
    NVIC_ISPR0 = 1u << UART1_RX_IRQ;
    return (int)n;
}
