/* hal/board.h on the RP2040: GPIO 0-29 through the single-cycle IO block (SIO), the ADC's
 * five inputs (GPIO 26-29 and the temperature sensor). GPIO 0 and 1 carry the console
 * (UART0) and are not offered. Writing a pin makes it an output, as on the simulator. The
 * Pico's LED is GPIO 25. Edge interrupts: gpio_irq.c; I2C, PWM, SPI: i2c.c, pwm.c, spi.c. */
#include "hal/board.h"

#include "lib/err.h"
#include "port.h"
#include "rp2040.h"

#define GPIO_COUNT 30
#define CONSOLE_PINS 2               /* GPIO 0 and 1: UART0 */

#define ADC_BASE   0x4004C000u
#define ADC_CS     REG32(ADC_BASE + 0x0)
#define ADC_RESULT REG32(ADC_BASE + 0x4)
#define ADC_CS_EN        (1u << 0)
#define ADC_CS_TS_EN     (1u << 1)
#define ADC_CS_START_ONCE (1u << 2)
#define ADC_CS_READY     (1u << 8)
#define ADC_CHANNELS 5
#define ADC_TEMP_CHANNEL 4
#define ADC_WAIT_LOOPS 100000        /* a conversion takes 96 ADC clocks: 8 us at 12 MHz */

int hal_gpio_count(void)
{
    return GPIO_COUNT;
}

int gpio_usable(int pin)
{
    if (pin < 0 || pin >= GPIO_COUNT)
        return ERR_NODEV;
    return pin < CONSOLE_PINS ? ERR_BUSY : 0;
}

/* The pin to software control (SIO), its input buffer on (silicon enables it at reset, the
 * emulator does not: the port does not rely on either). */
static void claim(int pin)
{
    if ((IO_GPIO_CTRL(pin) & 0x1Fu) != GPIO_FUNC_SIO) {
        PADS_GPIO(pin) = PADS_IE | PADS_DRIVE_4MA | PADS_SCHMITT;
        IO_GPIO_CTRL(pin) = GPIO_FUNC_SIO;
    }
}

int hal_gpio_mode(int pin, enum hal_pin_mode mode)
{
    int r = gpio_usable(pin);
    if (r < 0)
        return r;
    claim(pin);
    /* the pad's pull resistors (datasheet 2.19.6.3); open drain is not emulated: an output */
    PADS_GPIO(pin) = (PADS_GPIO(pin) & ~(PADS_PUE | PADS_PDE)) |
                     (mode == HAL_PIN_INPUT_PULLUP ? PADS_PUE : 0) |
                     (mode == HAL_PIN_INPUT_PULLDOWN ? PADS_PDE : 0);
    if (mode == HAL_PIN_OUTPUT || mode == HAL_PIN_OPEN_DRAIN)
        SIO_GPIO_OE_SET = 1u << pin;
    else
        SIO_GPIO_OE_CLR = 1u << pin;
    return 0;
}

int hal_gpio_read(int pin)
{
    int r = gpio_usable(pin);
    if (r < 0)
        return r;
    claim(pin);
    return (int)((SIO_GPIO_IN >> pin) & 1u);
}

int hal_gpio_write(int pin, int value)
{
    int r = gpio_usable(pin);
    if (r < 0)
        return r;
    claim(pin);
    if (value)
        SIO_GPIO_OUT_SET = 1u << pin;
    else
        SIO_GPIO_OUT_CLR = 1u << pin;
    SIO_GPIO_OE_SET = 1u << pin;
    return 0;
}

int hal_adc_read(int channel)
{
    if (channel < 0 || channel >= ADC_CHANNELS)
        return ERR_NODEV;
    static int ready;
    if (!ready) {                    /* clk_adc from the crystal: slower than 48 MHz, in spec */
        CLK_ADC_DIV = 1u << 8;
        CLK_ADC_CTRL = CLK_ADC_ENABLE | CLK_ADC_AUX_XOSC;
        unreset(RESET_ADC);
        ready = 1;
    }
    if (channel < ADC_TEMP_CHANNEL)
        PADS_GPIO(26 + channel) = PADS_OD;   /* analogue: digital input and output off */
    ADC_CS = ADC_CS_EN | ADC_CS_TS_EN | ((uint32_t)channel << 12);
    ADC_CS = ADC_CS_EN | ADC_CS_TS_EN | ((uint32_t)channel << 12) | ADC_CS_START_ONCE;
    for (int i = 0; !(ADC_CS & ADC_CS_READY); i++)
        if (i == ADC_WAIT_LOOPS)
            return ERR_IO;
    return (int)(ADC_RESULT & 0xFFFu);
}

/* Datasheet 4.9.5: T = 27 - (V - 0.706) / 0.001721, V = raw * 3.3 / 4096. In millidegrees,
 * integers only: V in microvolts. */
int hal_temp_read_mc(int32_t *millicelsius)
{
    int raw = hal_adc_read(ADC_TEMP_CHANNEL);
    if (raw < 0)
        return raw;
    int32_t microvolts = (int32_t)((int64_t)raw * 3300000 / 4096);
    *millicelsius = 27000 - (int32_t)((int64_t)(microvolts - 706000) * 1000 / 1721);
    return 0;
}

/* No display on this board. */
int hal_display_read(uint8_t *rows, size_t size, int *width, int *height)
{
    return ERR_NODEV;
}
