/* hal_pwm_set on the RP2040's eight PWM slices (datasheet 4.5): GPIO n is output A (even n)
 * or B (odd n) of slice (n / 2) % 8, so the two pins of a slice share its frequency. The
 * slice counts clk_sys through its divider (8.4 fixed point, 1 to 255) up to TOP and wraps;
 * the output is high while the count is below the channel's compare value. A frequency of 0
 * stops the pin's output (the slice too when its other pin is not in use). */
#include "hal/board.h"

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"

#define PWM_BASE 0x40050000u
#define PWM_CSR(s) REG32(PWM_BASE + 0x14u * (s) + 0x00u)
#define PWM_DIV(s) REG32(PWM_BASE + 0x14u * (s) + 0x04u)
#define PWM_CTR(s) REG32(PWM_BASE + 0x14u * (s) + 0x08u)
#define PWM_CC(s)  REG32(PWM_BASE + 0x14u * (s) + 0x0Cu)
#define PWM_TOP(s) REG32(PWM_BASE + 0x14u * (s) + 0x10u)
#define PWM_CSR_EN (1u << 0)
#define GPIO_FUNC_PWM 4u
#define TOP_MAX 65535u
#define DIV_MAX 255u

/* The divider (in 16ths) and TOP for freq_hz: the smallest divider that lets the period
 * fit 16 bits, which keeps the duty's resolution highest. */
static int timing(uint32_t freq_hz, uint32_t *div16, uint32_t *top)
{
    uint64_t cycles16 = (uint64_t)CLK_SYS_HZ * 16u / freq_hz;     /* period in 1/16 cycles */
    uint64_t d = (cycles16 + (uint64_t)(TOP_MAX + 1u) - 1u) / (TOP_MAX + 1u);
    if (d < 16u)
        d = 16u;
    if (d > DIV_MAX * 16u || cycles16 / d < 2u)
        return ERR_INVAL;                                        /* too slow or too fast */
    *div16 = (uint32_t)d;
    *top = (uint32_t)(cycles16 / d) - 1u;
    return 0;
}

int hal_pwm_set(int pin, uint32_t freq_hz, uint32_t duty_per_mille)
{
    int r = gpio_usable(pin);
    if (r < 0)
        return r;
    if (duty_per_mille > 1000u)
        return ERR_INVAL;
    unsigned slice = ((unsigned)pin >> 1) & 7u, shift = pin & 1 ? 16u : 0u;
    unsigned other = (unsigned)pin ^ 1u;
    if (freq_hz == 0) {
        PWM_CC(slice) &= ~(0xFFFFu << shift);
        if ((IO_GPIO_CTRL(pin) & 0x1Fu) == GPIO_FUNC_PWM)
            IO_GPIO_CTRL(pin) = GPIO_FUNC_SIO;
        if (other >= 30u || (IO_GPIO_CTRL(other) & 0x1Fu) != GPIO_FUNC_PWM)
            PWM_CSR(slice) = 0;
        return 0;
    }
    uint32_t div16, top;
    if ((r = timing(freq_hz, &div16, &top)) < 0)
        return r;
    static int ready;
    if (!ready) {
        unreset(RESET_PWM);
        ready = 1;
    }
    uint32_t level = (uint32_t)(((uint64_t)(top + 1u) * duty_per_mille + 500u) / 1000u);
    PWM_DIV(slice) = div16;
    PWM_TOP(slice) = top;
    PWM_CC(slice) = (PWM_CC(slice) & ~(0xFFFFu << shift)) | (level << shift);
    if (!(PWM_CSR(slice) & PWM_CSR_EN)) {
        PWM_CTR(slice) = 0;
        PWM_CSR(slice) = PWM_CSR_EN;
    }
    PADS_GPIO(pin) = PADS_IE | PADS_DRIVE_4MA | PADS_SCHMITT;
    IO_GPIO_CTRL(pin) = GPIO_FUNC_PWM;
    return 0;
}
