/* The board's peripherals: GPIO, ADC, I2C, PWM, on-board sensors. Pin numbers are the MCU's
 * GPIO numbers; board files map them to physical pins and roles. */
#ifndef HAL_BOARD_H
#define HAL_BOARD_H

#include <stddef.h>
#include <stdint.h>

enum hal_pin_mode { HAL_PIN_INPUT = 0, HAL_PIN_OUTPUT = 1 };

int hal_gpio_count(void);
int hal_gpio_mode(int pin, enum hal_pin_mode mode);
int hal_gpio_read(int pin);                 /* 0 or 1, or a negative ERR_* */
int hal_gpio_write(int pin, int value);
int hal_adc_read(int channel);              /* raw 12-bit value, or a negative ERR_* */
int hal_pwm_set(int pin, uint32_t freq_hz, uint32_t duty_per_mille);
/* I2C transfers: write then (optionally) read; ERR_NODEV when nothing answers at addr. */
int hal_i2c_transfer(int bus, uint8_t addr, const uint8_t *wbuf, size_t wlen,
                     uint8_t *rbuf, size_t rlen);
int hal_temp_read_mc(int32_t *millicelsius); /* the chip's temperature sensor */

#endif
