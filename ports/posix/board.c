/* The virtual board of the simulator: 40 GPIO pins (with edge interrupts), 8 ADC channels,
 * one I2C bus with a 24C16 EEPROM (0x50..0x57), a temperature sensor (0x48) and an SSD1306
 * display (0x3C, also on SPI bus 1: ssd1306.c), SPI buses 1 and 2 wired in loopback, and the
 * chip's temperature. State is in memory; board_ctl.c lets tests drive it from outside (docs/simulator.md). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hal/board.h"
#include "lib/err.h"
#include "posix_port.h"

#define PINS_MAX 49            /* the ESP32-S3's GPIO0..48 */
#define ADC_CHANNELS 8
#define EEPROM_SIZE 2048
#define EVENTS 256
#define SPI_BUSES 3            /* 1 and 2; 0 is the flash's */
#define SPI_LOG 4096

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* The boards the simulator can be: each has its board file in /etc/boards and the GPIO
 * count of its chip; the buses, LEDs and pins' roles come from the board file. */
static const struct sim_board {
    const char *name;
    int pins;
} boards[] = {
    { "posix-sim", 40 },
    { "posix-modem", 40 },        /* posix-sim with its network through an ESP-AT modem */
    { "upyOS-esp32-wroom-32", 40 },
    { "upyOS-esp32c3_vcc_gnd", 22 },
    { "upyOS-esp32c3_luatos", 22 },
    { "upyOS-esp32c6_muse_labs", 31 },
    { "upyOS-esp32s3_vcc_gnd", 49 },
    { "upyOS-esp8266", 17 },
    { "upyOS-rp2", 30 },
};
static const struct sim_board *board = &boards[0];

static int pin_level[PINS_MAX];
static enum hal_pin_mode pin_mode[PINS_MAX];
static int adc_value[ADC_CHANNELS] = { 0, 1024, 2048, 3072, 4095, 0, 0, 0 };
static uint8_t eeprom[EEPROM_SIZE];
static uint16_t eeprom_pointer;
static int32_t chip_temp_mc = 41500;
static int32_t sensor_temp_mc = 22500;
/* Level changes of output pins, oldest first, for the control interface's "events". */
static struct posix_pin_event events[EVENTS];
static int event_count;
static pthread_cond_t pin_changed = PTHREAD_COND_INITIALIZER;
/* Pin interrupts: called with the lock held, so that removing one waits for a call in flight */
static struct pin_irq {
    int edges;
    void (*fn)(void *arg);
    void *arg;
} irqs[PINS_MAX];
/* What the OS sent on each SPI bus, for the control interface's "spi recv" */
static uint8_t spi_sent[SPI_BUSES][SPI_LOG];
static size_t spi_sent_len[SPI_BUSES];

/* A pin's level changes (lock held): its waiters and its interrupt hear of it. */
static void set_level(int pin, int level)
{
    int old = pin_level[pin];
    pin_level[pin] = level;
    if (old == level)
        return;
    pthread_cond_broadcast(&pin_changed);
    struct pin_irq *irq = &irqs[pin];
    if (irq->fn && (irq->edges & (level ? HAL_IRQ_RISING : HAL_IRQ_FALLING)))
        irq->fn(irq->arg);
}

static void record_event(int pin, int level)
{
    if (event_count == EVENTS) {
        memmove(events, events + 1, sizeof events[0] * (EVENTS - 1));
        event_count--;
    }
    events[event_count++] = (struct posix_pin_event){ pin, level };
    pthread_cond_broadcast(&pin_changed);
}

int posix_board_select(const char *name)
{
    for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++)
        if (strcmp(boards[i].name, name) == 0) {
            board = &boards[i];
            return 0;
        }
    return -1;
}

const char *posix_board_selected(void)
{
    return board->name;
}

void posix_board_names(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof boards / sizeof boards[0] && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " " : "", boards[i].name);
}

void posix_board_init(void)
{
    memset(eeprom, 0xFF, sizeof eeprom);
    posix_display_init();
}

int hal_gpio_count(void)
{
    return board->pins;
}

static int valid_pin(int pin)
{
    return pin >= 0 && pin < board->pins;
}

int hal_gpio_mode(int pin, enum hal_pin_mode mode)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    pin_mode[pin] = mode;
    if (mode == HAL_PIN_INPUT_PULLUP || mode == HAL_PIN_INPUT_PULLDOWN)
        set_level(pin, mode == HAL_PIN_INPUT_PULLUP);   /* until something drives it */
    pthread_mutex_unlock(&lock);
    return 0;
}

int hal_gpio_irq(int pin, int edges, void (*fn)(void *arg), void *arg)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    if (edges && fn)
        irqs[pin] = (struct pin_irq){ edges, fn, arg };
    else if (irqs[pin].arg == arg)
        irqs[pin] = (struct pin_irq){ 0 };
    pthread_mutex_unlock(&lock);
    return 0;
}

int hal_gpio_read(int pin)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    int v = pin_level[pin];
    pthread_mutex_unlock(&lock);
    return v;
}

int hal_gpio_write(int pin, int value)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    if (pin_mode[pin] != HAL_PIN_OPEN_DRAIN)
        pin_mode[pin] = HAL_PIN_OUTPUT;
    if (pin_level[pin] != (value != 0))
        record_event(pin, value != 0);
    set_level(pin, value != 0);
    if (pin == POSIX_DISPLAY_RES && !value)
        posix_display_reset();
    pthread_mutex_unlock(&lock);
    return 0;
}

int hal_adc_read(int channel)
{
    if (channel < 0 || channel >= ADC_CHANNELS)
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    int v = adc_value[channel];
    pthread_mutex_unlock(&lock);
    return v;
}

int hal_pwm_set(int pin, uint32_t freq_hz, uint32_t duty_per_mille)
{
    return valid_pin(pin) ? 0 : ERR_NODEV;
}

/* 24C16: the low 3 address bits pick a 256-byte page; the first written byte is the word
 * address, the rest are data. */
static int eeprom_transfer(uint8_t addr, const uint8_t *w, size_t wlen, uint8_t *r, size_t rlen)
{
    unsigned page = (unsigned)(addr & 7) << 8;
    if (wlen) {
        eeprom_pointer = (uint16_t)(page | w[0]);
        for (size_t i = 1; i < wlen; i++)
            eeprom[(eeprom_pointer++) % EEPROM_SIZE] = w[i];
    }
    for (size_t i = 0; i < rlen; i++)
        r[i] = eeprom[(eeprom_pointer++) % EEPROM_SIZE];
    return 0;
}

/* LM75-like sensor: register 0 reads the temperature as 9-bit two's complement, 0.5 C steps. */
static int sensor_transfer(const uint8_t *w, size_t wlen, uint8_t *r, size_t rlen)
{
    int16_t raw = (int16_t)(sensor_temp_mc / 500 * 128);   /* not <<: negative temperatures */
    for (size_t i = 0; i < rlen; i++)
        r[i] = i == 0 ? (uint8_t)(raw >> 8) : (uint8_t)raw;
    return 0;
}

int hal_i2c_transfer(int bus, uint8_t addr, const uint8_t *wbuf, size_t wlen, uint8_t *rbuf,
                     size_t rlen)
{
    if (bus != 0)
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    int r = ERR_NODEV;
    if (addr >= 0x50 && addr <= 0x57)
        r = eeprom_transfer(addr, wbuf, wlen, rbuf, rlen);
    else if (addr == 0x48)
        r = sensor_transfer(wbuf, wlen, rbuf, rlen);
    else if (addr == POSIX_DISPLAY_I2C)
        r = posix_display_i2c(wbuf, wlen, rbuf, rlen);
    pthread_mutex_unlock(&lock);
    return r;
}

int hal_spi_config(int bus, uint32_t baud, int polarity, int phase)
{
    return bus >= 1 && bus < SPI_BUSES ? 0 : ERR_NODEV;
}

/* The display on SPI bus 1 listens while its chip select is driven low. */
static void display_spi(const uint8_t *wbuf, size_t len)
{
    static const uint8_t zeros[64];
    if (pin_mode[POSIX_DISPLAY_CS] != HAL_PIN_OUTPUT || pin_level[POSIX_DISPLAY_CS])
        return;
    for (size_t done = 0, n; done < len; done += n) {
        n = len - done < sizeof zeros ? len - done : sizeof zeros;
        posix_display_spi(wbuf ? wbuf + done : zeros, n, pin_level[POSIX_DISPLAY_DC]);
    }
}

/* MISO is joined to MOSI: what is sent comes back. */
int hal_spi_transfer(int bus, const uint8_t *wbuf, uint8_t *rbuf, size_t len)
{
    if (bus < 1 || bus >= SPI_BUSES)
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    if (bus == 1)
        display_spi(wbuf, len);
    /* the log keeps the last SPI_LOG bytes: make room once, not a byte at a time (a display
     * frame is 1 KB) */
    size_t keep = len >= SPI_LOG ? 0 : SPI_LOG - len;
    if (spi_sent_len[bus] > keep) {
        memmove(spi_sent[bus], spi_sent[bus] + spi_sent_len[bus] - keep, keep);
        spi_sent_len[bus] = keep;
    }
    for (size_t i = 0; i < len; i++) {
        uint8_t b = wbuf ? wbuf[i] : 0;
        if (rbuf)
            rbuf[i] = b;
        if (i + SPI_LOG >= len)
            spi_sent[bus][spi_sent_len[bus]++] = b;
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

int hal_temp_read_mc(int32_t *millicelsius)
{
    pthread_mutex_lock(&lock);
    *millicelsius = chip_temp_mc;
    pthread_mutex_unlock(&lock);
    return 0;
}

/* ---- the outside world's side, for board_ctl.c ---- */

int posix_pin_drive(int pin, int level)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    set_level(pin, level != 0);
    pthread_mutex_unlock(&lock);
    return 0;
}

int posix_pin_state(int pin, int *level, int *output)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    pthread_mutex_lock(&lock);
    *level = pin_level[pin];
    *output = pin_mode[pin] == HAL_PIN_OUTPUT || pin_mode[pin] == HAL_PIN_OPEN_DRAIN;
    pthread_mutex_unlock(&lock);
    return 0;
}

int posix_pin_wait(int pin, int level, int timeout_ms)
{
    if (!valid_pin(pin))
        return ERR_NODEV;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&lock);
    int r = 0;
    while (pin_level[pin] != (level != 0) && r == 0)
        r = pthread_cond_timedwait(&pin_changed, &lock, &until);
    int reached = pin_level[pin] == (level != 0);
    pthread_mutex_unlock(&lock);
    return reached ? 0 : ERR_TIMEOUT;
}

int posix_adc_set(int channel, int value)
{
    if (channel < 0 || channel >= ADC_CHANNELS || value < 0 || value > 4095)
        return ERR_INVAL;
    pthread_mutex_lock(&lock);
    adc_value[channel] = value;
    pthread_mutex_unlock(&lock);
    return 0;
}

void posix_temp_set(int chip, int32_t millicelsius)
{
    pthread_mutex_lock(&lock);
    if (chip)
        chip_temp_mc = millicelsius;
    else
        sensor_temp_mc = millicelsius;
    pthread_mutex_unlock(&lock);
}

int posix_eeprom_access(unsigned addr, uint8_t *buf, size_t len, int write)
{
    if (addr >= EEPROM_SIZE || len > EEPROM_SIZE - addr)
        return ERR_INVAL;
    pthread_mutex_lock(&lock);
    if (write)
        memcpy(eeprom + addr, buf, len);
    else
        memcpy(buf, eeprom + addr, len);
    pthread_mutex_unlock(&lock);
    return 0;
}

int posix_events_take(struct posix_pin_event *out, int max)
{
    pthread_mutex_lock(&lock);
    int n = event_count < max ? event_count : max;
    memcpy(out, events, sizeof events[0] * (size_t)n);
    memmove(events, events + n, sizeof events[0] * (size_t)(event_count - n));
    event_count -= n;
    pthread_mutex_unlock(&lock);
    return n;
}

size_t posix_spi_take_sent(int bus, uint8_t *buf, size_t max)
{
    if (bus < 1 || bus >= SPI_BUSES)
        return 0;
    pthread_mutex_lock(&lock);
    size_t n = spi_sent_len[bus] < max ? spi_sent_len[bus] : max;
    memcpy(buf, spi_sent[bus], n);
    memmove(spi_sent[bus], spi_sent[bus] + n, spi_sent_len[bus] - n);
    spi_sent_len[bus] -= n;
    pthread_mutex_unlock(&lock);
    return n;
}
