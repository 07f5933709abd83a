/* hal/board.h: the MPS2 FPGA IO block gives two user LEDs (pins 0 and 1, outputs) and two
 * push buttons (pins 2 and 3, inputs, without interrupts). The board has no ADC, PWM, I2C,
 * SPI or temperature sensor that QEMU models, so those say ERR_NODEV. */
#include "hal/board.h"

#include "cmsdk.h"
#include "lib/err.h"

enum { LED_COUNT = 2, BUTTON_COUNT = 2 };

int hal_gpio_count(void)
{
    return LED_COUNT + BUTTON_COUNT;
}

static int is_led(int pin)
{
    return pin >= 0 && pin < LED_COUNT;
}

static int is_button(int pin)
{
    return pin >= LED_COUNT && pin < LED_COUNT + BUTTON_COUNT;
}

int hal_gpio_mode(int pin, enum hal_pin_mode mode)
{
    int output = mode == HAL_PIN_OUTPUT || mode == HAL_PIN_OPEN_DRAIN;
    if (is_led(pin))
        return output ? 0 : ERR_NOTSUP;
    if (is_button(pin))
        return output ? ERR_NOTSUP : 0;
    return ERR_NODEV;
}

int hal_gpio_read(int pin)
{
    if (is_led(pin))
        return (int)((FPGAIO_LED >> pin) & 1u);
    if (is_button(pin))
        return (int)((FPGAIO_BUTTON >> (pin - LED_COUNT)) & 1u);
    return ERR_NODEV;
}

int hal_gpio_write(int pin, int value)
{
    if (is_button(pin))
        return ERR_NOTSUP;
    if (!is_led(pin))
        return ERR_NODEV;
    uint32_t bit = 1u << pin;
    FPGAIO_LED = value ? (FPGAIO_LED | bit) : (FPGAIO_LED & ~bit);
    return 0;
}

int hal_gpio_irq(int pin, int edges, void (*fn)(void *arg), void *arg)
{
    return is_led(pin) || is_button(pin) ? (edges ? ERR_NOTSUP : 0) : ERR_NODEV;
}

int hal_adc_read(int channel)
{
    return ERR_NODEV;
}

int hal_pwm_set(int pin, uint32_t freq_hz, uint32_t duty_per_mille)
{
    return ERR_NODEV;
}

int hal_i2c_transfer(int bus, uint8_t addr, const uint8_t *wbuf, size_t wlen, uint8_t *rbuf,
                     size_t rlen)
{
    return ERR_NODEV;
}

int hal_spi_config(int bus, uint32_t baud, int polarity, int phase)
{
    return ERR_NODEV;
}

int hal_spi_transfer(int bus, const uint8_t *wbuf, uint8_t *rbuf, size_t len)
{
    return ERR_NODEV;
}

int hal_temp_read_mc(int32_t *millicelsius)
{
    return ERR_NODEV;
}

/* No display on this board. */
int hal_display_read(uint8_t *rows, size_t size, int *width, int *height)
{
    return ERR_NODEV;
}
