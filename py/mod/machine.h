/* What the files of the machine module share. */
#ifndef PY_MOD_MACHINE_H
#define PY_MOD_MACHINE_H
#include "py/mod/mod.h"

extern const py_type py_pin_type, py_adc_type, py_pwm_type, py_i2c_type,
    py_spi_type, py_uart_type, py_timer_type, py_wdt_type, py_rtc_type;
#define MSELF(T) ((T *)a[0])
/* A UART object for UART id, which the system opened and keeps (a named UART: sdata.modem0). */
pv py_uart_borrow(int id);
/* A small int argument, or dflt when absent or None. */
int64_t py_mod_int(pv v, int64_t dflt);
/* A HAL result: raises OSError for a negative one. */
static inline int py_mod_check(int r) { if (r < 0) py_mod_hal_error(r); return r; }
#endif
