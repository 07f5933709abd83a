/* The virtual board's display: a 128x64 SSD1306-compatible OLED controller. It listens on
 * SPI bus 1 while its chip select (GPIO 10) is driven low, taking data when D/C (GPIO 3) is
 * high and commands when it is low; GPIO 11 low resets it. On the I2C bus it answers at 0x3C,
 * where a control byte (0x00 commands, 0x40 data, with the Co bit for a single byte) leads
 * each transfer. It keeps the 1 KB display RAM (8 pages of 128 column bytes, bit 0 on top)
 * and the commands a driver uses; the picture it lights is what --board-ctl's "display" and
 * the web desktop show (hal_display_read). Scrolling commands are accepted and not animated. */
#include <pthread.h>
#include <string.h>

#include "hal/board.h"
#include "lib/err.h"
#include "posix_port.h"

#define WIDTH 128
#define HEIGHT 64
#define PAGES (HEIGHT / 8)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ssd1306 {
    uint8_t ram[PAGES][WIDTH];
    int on, contrast, invert, all_on;
    int mode;                      /* 0 horizontal, 1 vertical, 2 page addressing */
    int col, col_start, col_end, page, page_start, page_end;
    int start_line, offset, mux, seg_remap, com_remap;
    uint8_t cmd[8];                /* the command being received, with its arguments */
    int have;
} d;

/* The state after a reset: display off, page addressing, as the datasheet gives it. */
static void reset_locked(void)
{
    uint8_t ram[PAGES][WIDTH];
    memcpy(ram, d.ram, sizeof ram);    /* the RAM keeps its contents through a reset */
    memset(&d, 0, sizeof d);
    memcpy(d.ram, ram, sizeof ram);
    d.contrast = 0x7F;
    d.mode = 2;
    d.col_end = WIDTH - 1;
    d.page_end = PAGES - 1;
    d.mux = HEIGHT;
}

void posix_display_init(void)
{
    pthread_mutex_lock(&lock);
    memset(d.ram, 0, sizeof d.ram);
    reset_locked();
    pthread_mutex_unlock(&lock);
}

void posix_display_reset(void)
{
    pthread_mutex_lock(&lock);
    reset_locked();
    pthread_mutex_unlock(&lock);
}

/* How many argument bytes follow a command byte. */
static int arguments(uint8_t c)
{
    switch (c) {
    case 0x20: case 0x81: case 0x8D: case 0xA8: case 0xAD: case 0xD3: case 0xD5: case 0xD9: case 0xDA:
    case 0xDB:
        return 1;
    case 0x21: case 0x22: case 0xA3:
        return 2;
    case 0x29: case 0x2A:
        return 5;
    case 0x26: case 0x27:
        return 6;
    default:
        return 0;
    }
}

static void run_command(const uint8_t *c)
{
    uint8_t op = c[0];
    if (op <= 0x0F)
        d.col = (d.col & 0xF0) | op;                   /* page mode: the column's low nibble */
    else if (op <= 0x1F)
        d.col = (d.col & 0x0F) | (op & 0x07) << 4;     /* and its high one */
    else if (op == 0x20)
        d.mode = (c[1] & 3) == 3 ? 2 : c[1] & 3;
    else if (op == 0x21) {
        d.col = d.col_start = c[1] & 0x7F;
        d.col_end = c[2] & 0x7F;
    } else if (op == 0x22) {
        d.page = d.page_start = c[1] & 7;
        d.page_end = c[2] & 7;
    } else if (op >= 0x40 && op <= 0x7F)
        d.start_line = op & 0x3F;
    else if (op == 0x81)
        d.contrast = c[1];
    else if (op == 0xA0 || op == 0xA1)
        d.seg_remap = op & 1;
    else if (op == 0xA4 || op == 0xA5)
        d.all_on = op & 1;
    else if (op == 0xA6 || op == 0xA7)
        d.invert = op & 1;
    else if (op == 0xA8)
        d.mux = (c[1] & 0x3F) + 1 < 16 ? 16 : (c[1] & 0x3F) + 1;
    else if (op == 0xAE || op == 0xAF)
        d.on = op & 1;
    else if (op >= 0xB0 && op <= 0xB7)
        d.page = op & 7;
    else if (op == 0xC0 || op == 0xC8)
        d.com_remap = op == 0xC8;
    else if (op == 0xD3)
        d.offset = c[1] & 0x3F;
    /* the rest (clock, precharge, COM pins, VCOMH, charge pump, scrolling, NOP) change
     * nothing the picture shows here */
}

static void command_byte(uint8_t b)
{
    d.cmd[d.have++] = b;
    if (d.have > arguments(d.cmd[0])) {
        run_command(d.cmd);
        d.have = 0;
    }
}

/* A byte into the display RAM at the pointer, which then moves as the mode says. */
static void data_byte(uint8_t b)
{
    d.ram[d.page][d.col] = b;
    if (d.mode == 2) {             /* page mode: along the page, back to its start */
        d.col = (d.col + 1) % WIDTH;
        return;
    }
    int across = d.mode == 0;
    int *inner = across ? &d.col : &d.page, *outer = across ? &d.page : &d.col;
    int inner_start = across ? d.col_start : d.page_start, inner_end = across ? d.col_end : d.page_end;
    int outer_start = across ? d.page_start : d.col_start, outer_end = across ? d.page_end : d.col_end;
    if (*inner < inner_end) {
        (*inner)++;
        return;
    }
    *inner = inner_start;
    *outer = *outer < outer_end ? *outer + 1 : outer_start;
}

void posix_display_spi(const uint8_t *bytes, size_t len, int data)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < len; i++) {
        if (data)
            data_byte(bytes[i]);
        else
            command_byte(bytes[i]);
    }
    pthread_mutex_unlock(&lock);
}

/* An I2C write: control bytes, each followed by one byte (Co set) or by all the rest. */
int posix_display_i2c(const uint8_t *w, size_t wlen, uint8_t *r, size_t rlen)
{
    pthread_mutex_lock(&lock);
    size_t i = 0;
    while (i < wlen) {
        uint8_t control = w[i++];
        int data = control & 0x40, single = control & 0x80;
        for (; i < wlen; i++) {
            if (data)
                data_byte(w[i]);
            else
                command_byte(w[i]);
            if (single) {
                i++;
                break;
            }
        }
    }
    for (size_t k = 0; k < rlen; k++)
        r[k] = d.on ? 0x00 : 0x40;      /* the status byte: bit 6 says the display is off */
    pthread_mutex_unlock(&lock);
    return 0;
}

/* The lit pixel at screen (x, y). The panel is mounted so that segment remap (A1) and the
 * remapped COM scan (C8), which drivers set, show RAM column 0 and row 0 at the top left. */
static int lit(int x, int y)
{
    if (!d.on || y >= d.mux)
        return 0;
    if (d.all_on)
        return !d.invert;
    int col = d.seg_remap ? x : WIDTH - 1 - x;
    int com = d.com_remap ? y : d.mux - 1 - y;
    int row = (com + d.start_line + d.offset) % HEIGHT;
    int on = d.ram[row / 8][col] >> (row % 8) & 1;
    return on != d.invert;
}

int hal_display_read(uint8_t *rows, size_t size, int *width, int *height)
{
    if (size < WIDTH * HEIGHT / 8)
        return ERR_INVAL;
    pthread_mutex_lock(&lock);
    memset(rows, 0, WIDTH * HEIGHT / 8);
    for (int y = 0; y < HEIGHT; y++)
        for (int x = 0; x < WIDTH; x++)
            if (lit(x, y))
                rows[y * (WIDTH / 8) + x / 8] |= (uint8_t)(0x80 >> (x % 8));
    pthread_mutex_unlock(&lock);
    *width = WIDTH;
    *height = HEIGHT;
    return 0;
}

void posix_display_state(int *on, int *contrast, int *invert)
{
    pthread_mutex_lock(&lock);
    *on = d.on;
    *contrast = d.contrast;
    *invert = d.invert;
    pthread_mutex_unlock(&lock);
}
