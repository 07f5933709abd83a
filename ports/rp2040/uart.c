/* hal/uart.h: UART1 (where a Pico carries an ESP-AT modem), on GP4 (transmit) and GP5
 * (receive), 8N1 at the baud rate asked for. Transmit by polling the FIFO, receive by
 * interrupt into a ring buffer that hal_uart_read waits on. UART0 is the console. */
#include "hal/uart.h"

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"
#include "sched.h"

#define UART_COUNT 2
#define RX_SIZE 1024u                /* power of two: a modem's reply at 115200 baud */
#define TX_PIN 4
#define RX_PIN 5

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint32_t rx_head, rx_tail;
static int is_open;

int hal_uart_count(void)
{
    return UART_COUNT;
}

static int check(int id)
{
    if (id < 0 || id >= UART_COUNT)
        return ERR_NODEV;
    return id == 0 ? ERR_BUSY : 0;
}

int hal_uart_open(int id, uint32_t baud)
{
    int r = check(id);
    if (r < 0)
        return r;
    if (is_open)
        return ERR_BUSY;
    if (baud < 300 || baud > 921600)
        return ERR_INVAL;
    REG_SET(&RESETS_RESET) = RESET_UART1;
    unreset(RESET_UART1);
    uart_set_baud(UART1_BASE, baud);
    UART_LCR_H(UART1_BASE) = UART_LCR_H_WLEN8 | UART_LCR_H_FEN;
    UART_CR(UART1_BASE) = UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE;
    UART_IMSC(UART1_BASE) = UART_INT_RX | UART_INT_RT;
    IO_GPIO_CTRL(TX_PIN) = GPIO_FUNC_UART;
    IO_GPIO_CTRL(RX_PIN) = GPIO_FUNC_UART;
    PADS_GPIO(RX_PIN) = PADS_IE | PADS_PUE;
    uint32_t s = irq_lock();
    rx_head = rx_tail = 0;
    is_open = 1;
    irq_unlock(s);
    irq_priority(IRQ_UART1, 0x80);
    NVIC_ISER = 1u << IRQ_UART1;
    return 0;
}

int hal_uart_close(int id)
{
    int r = check(id);
    if (r < 0)
        return r;
    if (!is_open)
        return ERR_BADF;
    NVIC_ICER = 1u << IRQ_UART1;
    UART_CR(UART1_BASE) = 0;
    is_open = 0;
    return 0;
}

void uart1_isr(void)
{
    while (!(UART_FR(UART1_BASE) & UART_FR_RXFE)) {
        uint8_t c = (uint8_t)UART_DR(UART1_BASE);
        if (rx_head - rx_tail < RX_SIZE)
            rx_buf[rx_head++ % RX_SIZE] = c;
    }
    UART_ICR(UART1_BASE) = UART_INT_RX | UART_INT_RT;
    if (sched_wake((void *)rx_buf, 1))
        SCB_ICSR = ICSR_PENDSVSET;
}

int hal_uart_write(int id, const void *buf, size_t len)
{
    int r = check(id);
    if (r < 0)
        return r;
    if (!is_open)
        return ERR_BADF;
    const uint8_t *p = buf;
    for (size_t i = 0; i < len; i++) {
        while (UART_FR(UART1_BASE) & UART_FR_TXFF)
            ;
        UART_DR(UART1_BASE) = p[i];
    }
    return (int)len;
}

int hal_uart_read(int id, void *buf, size_t len, int timeout_ms)
{
    int r = check(id);
    if (r < 0)
        return r;
    if (!is_open)
        return ERR_BADF;
    if (len == 0)
        return 0;
    uint64_t deadline = timeout_ms < 0 ? SCHED_FOREVER : sched_ticks + (uint64_t)timeout_ms + 1;
    uint32_t s = irq_lock();
    while (rx_head == rx_tail && timeout_ms != 0) {
        uint64_t now = sched_ticks;
        if (now >= deadline)
            break;
        sched_block((void *)rx_buf, timeout_ms < 0 ? -1 : (int64_t)(deadline - now));
    }
    size_t n = 0;
    uint8_t *out = buf;
    while (n < len && rx_head != rx_tail)
        out[n++] = rx_buf[rx_tail++ % RX_SIZE];
    irq_unlock(s);
    return (int)n;
}
