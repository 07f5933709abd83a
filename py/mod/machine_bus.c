/* machine's buses on the HAL: I2C and SoftI2C (hal_i2c_transfer), SPI and SoftSPI
 * (hal_spi_transfer), UART (hal/uart.h). The soft variants take MicroPython's arguments but
 * run on the board's controller (I2C bus 0, SPI bus 1): bit-banging would need pin timing
 * the HAL does not promise. So a soft variant is its class under a second name (a type
 * costs 112 bytes of flash): what makes it soft is its arguments, pins instead of a bus. */
#include <string.h>
#include "py/mod/machine.h"
#include "hal/board.h"
#include "hal/uart.h"
#include "lib/err.h"

/* An I2C or SPI object: the HAL's bus number. */
typedef struct { const py_type *type; int bus; } bus_obj;
static pv bus_repr(pv o) { return py_strf("%s(%d)", TYPE(o)->cname, ((bus_obj *)o)->bus); }
/* a new bytes of count bytes, to read into */
static pv bytes_to_read(pv count) {
    pint len = py_to_index(count);
    if (len < 0) py_raisef(&py_ValueError_type, "negative count");
    return py_bytes_new(&py_bytes_type, NULL, (size_t)len);
}

/* ---- I2C(id=0, scl=, sda=, freq=400000) ---- */
typedef bus_obj i2c_obj;
static pv i2c_make(const py_type *t, int n, pv *a, pv kw) {
    i2c_obj *o = NEW(i2c_obj, *t);
    pv id = py_mod_arg(n, a, kw, 0, Q_id, PV_NULL);
    o->bus = id && IS(id, py_pin_type) ? 0 : (int)py_mod_int(id, 0);    /* SoftI2C(scl, sda): bus 0 */
    return (pv)o;
}
static int transfer(pv self, pv addr, const uint8_t *w, size_t wlen, uint8_t *r, size_t rlen) {
    return py_mod_check(hal_i2c_transfer(((i2c_obj *)self)->bus, (uint8_t)py_to_index(addr), w, wlen, r, rlen));
}
/* the addresses 0x08..0x77 that answer */
static pv i2c_scan(int n, pv *a, pv kw) {
    pv l = py_list_new(0);
    for (int addr = 0x08; addr < 0x78; addr++)
        if (hal_i2c_transfer(MSELF(i2c_obj)->bus, (uint8_t)addr, NULL, 0, NULL, 0) == 0) py_list_append(l, MKSMALL(addr));
    return l;
}
static pv read_bytes(pv self, pv addr, const uint8_t *w, size_t wlen, pv count) {
    py_bytes *b = (py_bytes *)bytes_to_read(count);
    transfer(self, addr, w, wlen, b->data, b->len);
    return (pv)b;
}
static pv i2c_readfrom(int n, pv *a, pv kw) { return read_bytes(a[0], a[1], NULL, 0, a[2]); }
static pv i2c_readfrom_into(int n, pv *a, pv kw) {
    if (!IS(a[2], py_bytearray_type)) py_raisef(&py_TypeError_type, "readfrom_into() needs a bytearray");
    py_bytes *b = (py_bytes *)a[2];
    transfer(a[0], a[1], NULL, 0, b->data, b->len);
    return PV_NONE;
}
static pv i2c_writeto(int n, pv *a, pv kw) {
    size_t len;
    const uint8_t *d = py_mod_buffer(a[2], &len);
    transfer(a[0], a[1], d, len, NULL, 0);
    return MKSMALL(len);    /* every byte acknowledged */
}
/* the memory address first, in addrsize bits (8 or 16), most significant byte first */
static size_t mem_address(uint8_t *out, pv memaddr, pv kw) {
    int64_t m = py_to_index(memaddr), bits = py_mod_int(py_kw_get(kw, Q_addrsize), 8);
    if (bits == 16) { out[0] = (uint8_t)(m >> 8); out[1] = (uint8_t)m; return 2; }
    out[0] = (uint8_t)m;
    return 1;
}
static pv i2c_readfrom_mem(int n, pv *a, pv kw) {
    uint8_t w[2];
    size_t wlen = mem_address(w, a[2], kw);
    return read_bytes(a[0], a[1], w, wlen, a[3]);
}
static pv i2c_writeto_mem(int n, pv *a, pv kw) {
    size_t len;
    const uint8_t *d = py_mod_buffer(a[3], &len);
    uint8_t *w = gc_alloc(len + 2, GC_RAW);
    size_t wlen = mem_address(w, a[2], kw);
    memcpy(w + wlen, d, len);
    transfer(a[0], a[1], w, wlen + len, NULL, 0);
    return PV_NONE;
}
static const py_builtin i2c_methods[] = {
    METHOD(scan, i2c_scan, 0, 0), METHOD(readfrom, i2c_readfrom, 2, 3),
    METHOD(readfrom_into, i2c_readfrom_into, 2, 3), METHOD(writeto, i2c_writeto, 2, 3),
    METHOD_KW(readfrom_mem, i2c_readfrom_mem, 3, 3), METHOD_KW(writeto_mem, i2c_writeto_mem, 3, 3), METHODS_END };
const py_type py_i2c_type = { &py_type_type, "I2C", .base = &py_object_type, .methods = i2c_methods,
    .flags = TF_KW, .make = i2c_make, .repr = bus_repr };

/* ---- SPI(id, baudrate=1000000, polarity=0, phase=0, ...) ---- */
typedef bus_obj spi_obj;
static pv spi_init(int n, pv *a, pv kw) {
    spi_obj *o = MSELF(spi_obj);
    int64_t baud = py_mod_int(py_mod_arg(n, a, kw, 1, Q_baudrate, PV_NULL), 1000000);
    int64_t pol = py_mod_int(py_mod_arg(n, a, kw, 2, Q_polarity, PV_NULL), 0);
    int64_t pha = py_mod_int(py_mod_arg(n, a, kw, 3, Q_phase, PV_NULL), 0);
    py_mod_check(hal_spi_config(o->bus, (uint32_t)baud, (int)pol, (int)pha));
    return PV_NONE;
}
static pv spi_make(const py_type *t, int n, pv *a, pv kw) {
    spi_obj *o = NEW(spi_obj, *t);
    /* SPI(id, ...) or SoftSPI([baudrate], ...) on bus 1: no first number, or one that is no
     * bus number (a baud rate, or MicroPython's old SPI(-1) for the soft bus) */
    pint id = n > 0 ? py_to_index(a[0]) : -1;
    int first = id >= 0 && id < 256;
    o->bus = first ? (int)id : 1;
    pv args[4] = { (pv)o, PV_NONE, PV_NONE, PV_NONE };
    int k = 1;
    for (int i = first; i < n && k < 4; i++) args[k++] = a[i];
    spi_init(k, args, kw);
    return (pv)o;
}
static void spi_transfer(pv self, const uint8_t *w, uint8_t *r, size_t len) {
    py_mod_check(hal_spi_transfer(((spi_obj *)self)->bus, w, r, len));
}
static pv spi_write(int n, pv *a, pv kw) {
    size_t len;
    const uint8_t *d = py_mod_buffer(a[1], &len);
    spi_transfer(a[0], d, NULL, len);
    return PV_NONE;
}
/* read(n, write=0x00) and readinto(buf, write=0x00): the byte sent while reading */
static void read_with_fill(pv self, uint8_t *r, size_t len, pv fill) {
    uint8_t *w = gc_alloc(len ? len : 1, GC_RAW);
    memset(w, (int)py_mod_int(fill, 0), len);
    spi_transfer(self, w, r, len);
}
static pv spi_read(int n, pv *a, pv kw) {
    py_bytes *b = (py_bytes *)bytes_to_read(a[1]);
    read_with_fill(a[0], b->data, b->len, n > 2 ? a[2] : py_kw_get(kw, Q_write));
    return (pv)b;
}
static pv spi_readinto(int n, pv *a, pv kw) {
    if (!IS(a[1], py_bytearray_type)) py_raisef(&py_TypeError_type, "readinto() needs a bytearray");
    py_bytes *b = (py_bytes *)a[1];
    read_with_fill(a[0], b->data, b->len, n > 2 ? a[2] : py_kw_get(kw, Q_write));
    return PV_NONE;
}
static pv spi_write_readinto(int n, pv *a, pv kw) {
    size_t len;
    const uint8_t *d = py_mod_buffer(a[1], &len);
    if (!IS(a[2], py_bytearray_type) || ((py_bytes *)a[2])->len != len)
        py_raisef(&py_ValueError_type, "buffers must be the same length");
    spi_transfer(a[0], d, ((py_bytes *)a[2])->data, len);
    return PV_NONE;
}
static pv spi_deinit(int n, pv *a, pv kw) { return PV_NONE; }
static const py_builtin spi_methods[] = {
    METHOD_KW(init, spi_init, 0, 3), METHOD(deinit, spi_deinit, 0, 0), METHOD(write, spi_write, 1, 1),
    METHOD_KW(read, spi_read, 1, 2), METHOD_KW(readinto, spi_readinto, 1, 2),
    METHOD(write_readinto, spi_write_readinto, 2, 2), METHODS_END };
const py_type py_spi_type = { &py_type_type, "SPI", .base = &py_object_type, .methods = spi_methods,
    .flags = TF_KW, .make = spi_make, .repr = bus_repr };

/* ---- UART(id, baudrate=115200, timeout=0): open while the object is, closed at the end ---- */
#define UART_BUF 128
typedef struct {
    const py_type *type;
    int id, timeout_ms;
    bool open, borrowed;        /* borrowed: opened by the system under a name, never closed here */
    size_t have;
    uint8_t buf[UART_BUF];
} uart_obj;

static void uart_close(pv o) {
    uart_obj *u = (uart_obj *)o;
    if (u->open && !u->borrowed) hal_uart_close(u->id);
    u->open = false;
}
static uart_obj *uart_of(pv o) {
    uart_obj *u = (uart_obj *)o;
    if (!u->open) py_mod_hal_error(ERR_BADF);
    return u;
}
/* init(baudrate, bits=8, parity=None, stop=1, *, timeout): the HAL's UARTs are 8N1, so bits,
 * parity and stop are taken as MicroPython's signature has them and not looked at */
static pv uart_init(int n, pv *a, pv kw) {
    uart_obj *u = MSELF(uart_obj);
    int64_t baud = py_mod_int(py_mod_arg(n, a, kw, 1, Q_baudrate, PV_NULL), 115200);
    u->timeout_ms = (int)py_mod_int(py_kw_get(kw, Q_timeout), u->timeout_ms);
    if (u->borrowed)
        py_raisef(&py_OSError_type, "UART(%d) is the system's: set it up with the uart command",
                  u->id);
    uart_close((pv)u);
    py_mod_check(hal_uart_open(u->id, (uint32_t)baud));
    u->open = true;
    return PV_NONE;
}
/* A UART the system opened under a name (sdata.modem0): read and written as MicroPython's
 * UART, left open when the program ends or deinits it, since the shell owns it. */
pv py_uart_borrow(int id) {
    uart_obj *u = NEW(uart_obj, py_uart_type);
    u->id = id;
    u->open = u->borrowed = true;
    return (pv)u;
}
static pv uart_make(const py_type *t, int n, pv *a, pv kw) {
    if (n < 1) py_raisef(&py_TypeError_type, "UART() needs a UART number");
    uart_obj *u = NEW(uart_obj, py_uart_type);
    u->id = (int)py_to_index(a[0]);
    pv args[2] = { (pv)u, n > 1 ? a[1] : PV_NONE };
    uart_init(2, args, kw);
    py_event_on_end(py_event_new((pv)u), uart_close);
    return (pv)u;
}
static pv uart_deinit(int n, pv *a, pv kw) {
    uart_close(a[0]);
    ((uart_obj *)a[0])->open = false;   /* this object is done with it, borrowed or not */
    return PV_NONE;
}
/* Fills the buffer with what has come, waiting at most timeout_ms for the first byte. */
static void uart_fill(uart_obj *u, int timeout_ms) {
    if (u->have == UART_BUF) return;
    int r = py_mod_check(hal_uart_read(u->id, u->buf + u->have, UART_BUF - u->have, timeout_ms));
    u->have += (size_t)r;
}
/* Moves n bytes of the buffer (at most what it has) to out. */
static void uart_take(uart_obj *u, size_t n, py_buf *out) {
    if (n > u->have) n = u->have;
    buf_add(out, (const char *)u->buf, n);
    memmove(u->buf, u->buf + n, u->have - n);
    u->have -= n;
}
static pv uart_any(int n, pv *a, pv kw) { uart_obj *u = uart_of(a[0]); uart_fill(u, 0); return MKSMALL(u->have); }
/* read([n]): what came within the timeout, None when nothing did */
static pv uart_read(int n, pv *a, pv kw) {
    uart_obj *u = uart_of(a[0]);
    int64_t want = n > 1 && a[1] != PV_NONE ? py_to_index(a[1]) : -1;
    py_buf out;
    buf_init(&out, 16);
    for (;;) {
        if (!u->have) uart_fill(u, out.n ? 0 : u->timeout_ms);
        if (!u->have) break;
        size_t take = want < 0 || (size_t)want - out.n > u->have ? u->have : (size_t)want - out.n;
        uart_take(u, take, &out);
        if (want >= 0 && out.n >= (size_t)want) break;
    }
    return out.n || want == 0 ? py_bytes_new(&py_bytes_type, out.p, out.n) : PV_NONE;
}
/* readline(): up to and with a newline, or what came before the timeout; None for nothing */
static pv uart_readline(int n, pv *a, pv kw) {
    uart_obj *u = uart_of(a[0]);
    py_buf out;
    buf_init(&out, 32);
    for (;;) {
        if (!u->have) uart_fill(u, u->timeout_ms);
        if (!u->have) break;
        uint8_t *nl = memchr(u->buf, '\n', u->have);
        uart_take(u, nl ? (size_t)(nl - u->buf) + 1 : u->have, &out);
        if (nl) break;
    }
    return out.n ? py_bytes_new(&py_bytes_type, out.p, out.n) : PV_NONE;
}
static pv uart_write(int n, pv *a, pv kw) {
    uart_obj *u = uart_of(a[0]);
    size_t len;
    const uint8_t *d = py_mod_buffer(a[1], &len);
    return MKSMALL(py_mod_check(hal_uart_write(u->id, d, len)));
}
static pv uart_repr(pv o) { return py_strf("UART(%d)", ((uart_obj *)o)->id); }
static const py_builtin uart_methods[] = {
    METHOD_KW(init, uart_init, 0, 4), METHOD(deinit, uart_deinit, 0, 0), METHOD(any, uart_any, 0, 0),
    METHOD(read, uart_read, 0, 1), METHOD(readline, uart_readline, 0, 0), METHOD(write, uart_write, 1, 1),
    METHODS_END };
const py_type py_uart_type = { &py_type_type, "UART", .base = &py_object_type, .methods = uart_methods,
    .flags = TF_KW, .make = uart_make, .repr = uart_repr };
