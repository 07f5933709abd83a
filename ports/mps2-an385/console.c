/* hal/console.h on CMSDK UART 0: transmit by polling (QEMU sends at once), receive by
 * interrupt into a ring buffer that hal_console_read waits on. Bytes pass unchanged both
 * ways: the kernel's tty layer writes "\r\n" itself, as on the posix port's raw terminal. */
#include "hal/console.h"
#include "hal/time.h"

#include "cmsdk.h"
#include "port.h"
#include "sched.h"

#define RX_SIZE 256u                 /* power of two */

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint32_t rx_head, rx_tail; /* head: written by the interrupt */
static volatile uint32_t rx_dropped;

void console_init(void)
{
    UART_BAUDDIV(UART0_BASE) = 16;   /* any value >= 16; QEMU ignores the rate */
    UART_CTRL(UART0_BASE) = UART_CTRL_TXEN | UART_CTRL_RXEN | UART_CTRL_RXINT;
    NVIC_IPR(UART0_RX_IRQ) = 0x80;
    NVIC_ISER0 = 1u << UART0_RX_IRQ;
}

void uart0_rx_isr(void)
{
    UART_INT(UART0_BASE) = UART_INT_RX;
    while (UART_STATE(UART0_BASE) & UART_STATE_RXFULL) {
        uint8_t c = (uint8_t)UART_DATA(UART0_BASE);
        if (rx_head - rx_tail < RX_SIZE)
            rx_buf[rx_head++ % RX_SIZE] = c;
        else
            rx_dropped++;
    }
    if (sched_wake((void *)rx_buf, 1))
        SCB_ICSR = ICSR_PENDSVSET;   /* let the reader run now, not at the next tick */
}

static void put_byte(char c)
{
    while (UART_STATE(UART0_BASE) & UART_STATE_TXFULL)
        ;
    UART_DATA(UART0_BASE) = (uint8_t)c;
}

volatile uint64_t console_last_output_us;

void console_write_raw(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        put_byte(buf[i]);
    console_last_output_us = hal_time_us();
}

void hal_console_write(const char *buf, size_t len)
{
    console_write_raw(buf, len);
}

int hal_console_read(char *buf, size_t max, int timeout_ms)
{
    if (max == 0)
        return 0;
    uint64_t deadline = timeout_ms < 0 ? SCHED_FOREVER : sched_ticks + (uint64_t)timeout_ms + 1;
    uint32_t s = irq_lock();
    while (rx_head == rx_tail) {
        if (timeout_ms < 0) {
            sched_block((void *)rx_buf, -1);
        } else {
            uint64_t now = sched_ticks;
            if (now >= deadline) {
                irq_unlock(s);
                return 0;
            }
            sched_block((void *)rx_buf, (int64_t)(deadline - now));
        }
    }
    size_t n = 0;
    while (n < max && rx_head != rx_tail)
        buf[n++] = (char)rx_buf[rx_tail++ % RX_SIZE];
    irq_unlock(s);
    return (int)n;
}

int hal_console_is_terminal(void)
{
    return 1;
}
