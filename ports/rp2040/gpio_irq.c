/* hal_gpio_irq on the RP2040: IO_BANK0's edge detectors (datasheet 2.19.6.2, INTR0-3 and
 * PROC0_INTE0-3/INTS0-3, four bits a pin: level low, level high, edge low, edge high). The
 * bank's one interrupt (IO_IRQ_BANK0) finds the pins that fired, clears their edges and
 * hands each on to its handler, which only notes it (hal/board.h). Only core 0 runs. */
#include "hal/board.h"

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"
#include "sched.h"

#define GPIO_COUNT 30
#define IO_INTR(n)       REG32(IO_BANK0_BASE + 0x0F0u + 4u * (n))
#define IO_PROC0_INTE(n) REG32(IO_BANK0_BASE + 0x100u + 4u * (n))
#define IO_PROC0_INTS(n) REG32(IO_BANK0_BASE + 0x120u + 4u * (n))
#define EDGE_LOW  (1u << 2)
#define EDGE_HIGH (1u << 3)
#define PIN_SHIFT(pin) (4u * ((unsigned)(pin) % 8u))

static struct pin_irq {
    void (*fn)(void *arg);
    void *arg;
} handlers[GPIO_COUNT];

static uint32_t edge_bits(int edges)
{
    return (edges & HAL_IRQ_RISING ? EDGE_HIGH : 0) | (edges & HAL_IRQ_FALLING ? EDGE_LOW : 0);
}

/* The pin's enable bits for processor 0 become bits (the other pins' stay). */
static void enable_edges(int pin, uint32_t bits)
{
    volatile uint32_t *inte = &IO_PROC0_INTE(pin / 8);
    *inte = (*inte & ~(0xFu << PIN_SHIFT(pin))) | (bits << PIN_SHIFT(pin));
}

int hal_gpio_irq(int pin, int edges, void (*fn)(void *arg), void *arg)
{
    int r = gpio_usable(pin);
    if (r < 0)
        return r;
    uint32_t s = irq_lock();         /* the handler runs in the interrupt: never half-set */
    if (edges && fn) {
        if (!(PADS_GPIO(pin) & PADS_IE))         /* the detector sees the pad's input */
            PADS_GPIO(pin) |= PADS_IE;
        IO_INTR(pin / 8) = (EDGE_LOW | EDGE_HIGH) << PIN_SHIFT(pin);  /* old edges: gone */
        handlers[pin] = (struct pin_irq){ fn, arg };
        enable_edges(pin, edge_bits(edges));
    } else if (handlers[pin].arg == arg) {
        enable_edges(pin, 0);
        handlers[pin] = (struct pin_irq){ 0 };
    }
    irq_unlock(s);
    irq_priority(IRQ_IO_BANK0, 0x80);
    NVIC_ISER = 1u << IRQ_IO_BANK0;
    return 0;
}

void io_bank0_isr(void)
{
    for (unsigned reg = 0; reg < (GPIO_COUNT + 7) / 8; reg++) {
        uint32_t fired = IO_PROC0_INTS(reg) & 0xCCCCCCCCu;   /* the edge bits only */
        if (!fired)
            continue;
        IO_INTR(reg) = fired;                               /* write 1 to clear */
        for (unsigned i = 0; i < 8; i++) {
            int pin = (int)(reg * 8 + i);
            if ((fired >> (4u * i)) & 0xFu && pin < GPIO_COUNT && handlers[pin].fn)
                handlers[pin].fn(handlers[pin].arg);
        }
    }
}
