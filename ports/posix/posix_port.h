/* What the posix port's files share. */
#ifndef POSIX_PORT_H
#define POSIX_PORT_H

void posix_console_init(void);
void posix_console_restore(void);
void posix_board_init(void);
/* The board the simulator is (--board NAME): its name and GPIO count. Returns -1 for a board
 * it does not know; the names are listed with posix_board_names(). */
int posix_board_select(const char *name);
const char *posix_board_selected(void);
void posix_board_names(char *buf, size_t size);
/* --chip-id: the unique id hal_unique_id gives, as hex digits; -1 when not hex. */
int posix_set_unique_id(const char *hex);
/* The virtual board seen from outside (board_ctl.c). */
#include <stddef.h>
#include <stdint.h>
struct posix_pin_event {
    int pin, level;
};
int posix_pin_drive(int pin, int level);           /* an external signal on an input */
int posix_pin_state(int pin, int *level, int *output);
int posix_pin_wait(int pin, int level, int timeout_ms);   /* 0 or ERR_TIMEOUT */
int posix_adc_set(int channel, int value);
void posix_temp_set(int chip, int32_t millicelsius);       /* chip 1, else the I2C sensor */
int posix_eeprom_access(unsigned addr, uint8_t *buf, size_t len, int write);
int posix_events_take(struct posix_pin_event *out, int max);
/* What the OS sent on SPI bus `bus` since the last call (the last 4 KB are kept). */
size_t posix_spi_take_sent(int bus, uint8_t *buf, size_t max);
/* The SSD1306 display (ssd1306.c): on SPI bus 1 with these pins (D/C high for data, reset
 * and chip select active low), and on the I2C bus at POSIX_DISPLAY_I2C. */
#define POSIX_DISPLAY_DC 3
#define POSIX_DISPLAY_CS 10
#define POSIX_DISPLAY_RES 11
#define POSIX_DISPLAY_I2C 0x3C
void posix_display_init(void);
void posix_display_reset(void);
void posix_display_spi(const uint8_t *bytes, size_t len, int data);
int posix_display_i2c(const uint8_t *w, size_t wlen, uint8_t *r, size_t rlen);
void posix_display_state(int *on, int *contrast, int *invert);
/* The simulated UARTs: bytes the OS sent, and bytes arriving from outside. */
size_t posix_uart_take_tx(int id, char *buf, size_t max);
int posix_uart_inject(int id, const char *buf, size_t len);
/* --uart ID=PATH: UART id talks to the program listening on the UNIX socket at path. */
int posix_uart_wire(int id, const char *path);
/* Flash faults (flash.c), set from the control socket: programs or erases of the image
 * that fail, or programs it acknowledges without keeping them (a worn-out chip). */
enum {
    POSIX_FLASH_FAIL_PROG = 1,
    POSIX_FLASH_FAIL_ERASE = 2,
    POSIX_FLASH_DROP_PROG = 4,
};
void posix_flash_faults(int faults);                /* 0: none */
/* The image without the lock, for reading only (hal_flash_open takes it for writing). */
struct hal_blockdev;
struct hal_blockdev *posix_flash_open_readonly(const char *path);
/* Serves the control protocol on a UNIX socket at path, in a thread of its own. */
int posix_board_ctl_start(const char *path);
/* Resets the board: the simulator starts afresh with the options it was given. */
/* Restarts the simulator with the options of this boot (reset.c). */
void posix_set_boot_argv(char **argv);
void posix_reset(void) __attribute__((noreturn));
/* Why the next start happens (HAL_RESET_*), for hal_reset_cause() after posix_reset(). */
void posix_set_reset_cause(int cause);

/* The simulated radio reads its access points from the board's files with this (vfs_read_all:
 * NUL-terminated, malloc'd); until one is set it finds none. */
typedef int posix_file_reader(const char *path, char **data, size_t *len);
void posix_wifi_set_reader(posix_file_reader *reader);

/* The host directory hostfs serves as "/". */
extern const struct vfs_ops hostfs_ops;
void *hostfs_new(const char *host_dir);

#endif
