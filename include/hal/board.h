/* The board's peripherals: GPIO, ADC, I2C, PWM, on-board sensors. Pin numbers are the MCU's
 * GPIO numbers; board files map them to physical pins and roles. */
#ifndef HAL_BOARD_H
#define HAL_BOARD_H

#include <stddef.h>
#include <stdint.h>

enum hal_pin_mode {
    HAL_PIN_INPUT = 0,
    HAL_PIN_OUTPUT = 1,
    HAL_PIN_OPEN_DRAIN = 2,     /* an output that drives low and lets go for high */
    HAL_PIN_INPUT_PULLUP = 3,
    HAL_PIN_INPUT_PULLDOWN = 4,
};
/* Edges a pin interrupt fires on (hal_gpio_irq). */
enum { HAL_IRQ_RISING = 1, HAL_IRQ_FALLING = 2 };

int hal_gpio_count(void);
int hal_gpio_mode(int pin, enum hal_pin_mode mode);
int hal_gpio_read(int pin);                 /* 0 or 1, or a negative ERR_* */
int hal_gpio_write(int pin, int value);
/* Calls fn(arg) when pin sees one of the edges, from any thread or from an interrupt: fn
 * may only note it. A pin has one handler: the last one set. edges 0 removes it when it was
 * set with the same arg (so one program cannot remove another's); once that returns, fn is
 * not running and will not be called again. ERR_NOTSUP where the pin cannot interrupt. */
int hal_gpio_irq(int pin, int edges, void (*fn)(void *arg), void *arg);
int hal_adc_read(int channel);              /* raw 12-bit value, or a negative ERR_* */
int hal_pwm_set(int pin, uint32_t freq_hz, uint32_t duty_per_mille);
/* I2C transfers: write then (optionally) read; ERR_NODEV when nothing answers at addr. */
int hal_i2c_transfer(int bus, uint8_t addr, const uint8_t *wbuf, size_t wlen,
                     uint8_t *rbuf, size_t rlen);
/* SPI: bus is the controller's number. config sets the clock (Hz) and mode (CPOL, CPHA);
 * transfer clocks len bytes out of wbuf (zeros when NULL) while reading into rbuf (dropped
 * when NULL). ERR_NODEV when the board has no such bus. */
int hal_spi_config(int bus, uint32_t baud, int polarity, int phase);
int hal_spi_transfer(int bus, const uint8_t *wbuf, uint8_t *rbuf, size_t len);
int hal_temp_read_mc(int32_t *millicelsius); /* the chip's temperature sensor */
/* The picture a display on the board shows: rows top to bottom, each width/8 bytes, the
 * leftmost pixel in the top bit, 1 lit. ERR_NODEV where the board has no display. */
int hal_display_read(uint8_t *rows, size_t size, int *width, int *height);

#endif
