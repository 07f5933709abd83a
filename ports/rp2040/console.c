/* hal/console.h on UART0 (GP0 transmit, GP1 receive, 115200 8N1): transmit by polling the
 * FIFO, receive by interrupt into a ring buffer that hal_console_read waits on. The receive
 * interrupt fires at the FIFO's level and on its time-out, and the handler empties the FIFO.
 * Bytes pass unchanged both ways: the kernel's tty layer writes "\r\n" itself. */
#include "hal/console.h"
#include "hal/time.h"

#include "port.h"
#include "rp2040.h"
#include "sched.h"

#define BAUD 115200u
#define RX_SIZE 256u                 /* power of two */

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint32_t rx_head, rx_tail; /* head: written by the interrupt */
static volatile uint32_t rx_dropped;

/* Baud rate divisor (datasheet 4.2.7.1): clk_peri / (16 * baud) as 16.6 fixed point. */
void uart_set_baud(uint32_t base, uint32_t baud)
{
    uint32_t div = (8u * CLK_SYS_HZ / baud + 1u) / 2u;   /* 64 * clk / (16 * baud), rounded */
    UART_IBRD(base) = div >> 6;
    UART_FBRD(base) = div & 0x3Fu;
}

void irq_priority(unsigned irq, uint32_t prio)
{
    uint32_t shift = 8u * (irq % 4u);
    NVIC_IPR(irq) = (NVIC_IPR(irq) & ~(0xFFu << shift)) | (prio << shift);
}

void console_init(void)
{
    REG_SET(&RESETS_RESET) = RESET_UART0;
    unreset(RESET_UART0);
    uart_set_baud(UART0_BASE, BAUD);
    UART_LCR_H(UART0_BASE) = UART_LCR_H_WLEN8 | UART_LCR_H_FEN; /* also latches the divisor */
    UART_CR(UART0_BASE) = UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE;
    UART_IMSC(UART0_BASE) = UART_INT_RX | UART_INT_RT;
    IO_GPIO_CTRL(0) = GPIO_FUNC_UART;
    IO_GPIO_CTRL(1) = GPIO_FUNC_UART;
    PADS_GPIO(1) = PADS_IE | PADS_PUE;   /* the receive pin reads, idles high */
    irq_priority(IRQ_UART0, 0x80);
    NVIC_ISER = 1u << IRQ_UART0;
}

void uart0_isr(void)
{
    while (!(UART_FR(UART0_BASE) & UART_FR_RXFE)) {
        uint8_t c = (uint8_t)UART_DR(UART0_BASE);
        if (rx_head - rx_tail < RX_SIZE)
            rx_buf[rx_head++ % RX_SIZE] = c;
        else
            rx_dropped++;
    }
    UART_ICR(UART0_BASE) = UART_INT_RX | UART_INT_RT;
    if (sched_wake((void *)rx_buf, 1))
        SCB_ICSR = ICSR_PENDSVSET;   /* let the reader run now, not at the next tick */
}

static void put_byte(char c)
{
    while (UART_FR(UART0_BASE) & UART_FR_TXFF)
        ;
    UART_DR(UART0_BASE) = (uint8_t)c;
}

void console_write_raw(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        put_byte(buf[i]);
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
