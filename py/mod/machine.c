/* machine: the board, on the HAL (include/hal/board.h, system.h): the module's functions and
 * Pin, ADC, PWM. Buses are in machine_bus.c, Timer, WDT and RTC in machine_timer.c. Pin and
 * bus numbers are the HAL's (the MCU's GPIO numbers). */
#include <string.h>
#include "py/mod/machine.h"
#include "hal/board.h"
#include "hal/system.h"
#include "hal/thread.h"

int64_t py_mod_int(pv v, int64_t dflt) {
    if (!v || v == PV_NONE) return dflt;
    return py_to_index(v);
}

/* ---- Pin ---- */
enum { PIN_IN = 0, PIN_OUT = 1, PIN_OPEN_DRAIN = 2, PULL_UP = 1, PULL_DOWN = 2 };
typedef struct { const py_type *type; int id; py_event *irq; } pin_obj;

static int hal_mode(int64_t mode, int64_t pull) {
    if (mode == PIN_OUT) return HAL_PIN_OUTPUT;
    if (mode == PIN_OPEN_DRAIN) return HAL_PIN_OPEN_DRAIN;
    if (mode != PIN_IN) py_raisef(&py_ValueError_type, "invalid pin mode: %d", (int)mode);
    return pull == PULL_UP ? HAL_PIN_INPUT_PULLUP : pull == PULL_DOWN ? HAL_PIN_INPUT_PULLDOWN : HAL_PIN_INPUT;
}

/* Pin.init(mode=-1, pull=-1, *, value=None): what is not given stays as it is */
static pv pin_init(int n, pv *a, pv kw) {
    pin_obj *p = MSELF(pin_obj);
    int64_t mode = py_mod_int(py_mod_arg(n, a, kw, 1, Q_mode, PV_NULL), -1);
    int64_t pull = py_mod_int(py_mod_arg(n, a, kw, 2, Q_pull, PV_NULL), -1);
    pv value = py_mod_arg(n, a, kw, 3, Q_value, PV_NULL);
    if (value && value != PV_NONE) py_mod_check(hal_gpio_write(p->id, py_truth(value)));
    if (mode >= 0) py_mod_check(hal_gpio_mode(p->id, hal_mode(mode, pull)));
    return PV_NONE;
}

static pv pin_make(const py_type *t, int n, pv *a, pv kw) {
    if (n < 1) py_raisef(&py_TypeError_type, "Pin() needs a pin number");
    int64_t id = py_to_index(a[0]);
    if (id < 0 || id >= hal_gpio_count()) py_raisef(&py_ValueError_type, "invalid pin: %d", (int)id);
    pin_obj *p = NEW(pin_obj, py_pin_type);
    p->id = (int)id;
    pv args[4] = { (pv)p, n > 1 ? a[1] : PV_NONE, n > 2 ? a[2] : PV_NONE, n > 3 ? a[3] : PV_NONE };
    pin_init(n < 4 ? n : 4, args, kw);
    return (pv)p;
}

static pv pin_value(int n, pv *a, pv kw) {
    pin_obj *p = MSELF(pin_obj);
    if (n > 1) { py_mod_check(hal_gpio_write(p->id, py_truth(a[1]))); return PV_NONE; }
    return MKSMALL(py_mod_check(hal_gpio_read(p->id)));
}
static pv pin_on(int n, pv *a, pv kw) { py_mod_check(hal_gpio_write(MSELF(pin_obj)->id, 1)); return PV_NONE; }
static pv pin_off(int n, pv *a, pv kw) { py_mod_check(hal_gpio_write(MSELF(pin_obj)->id, 0)); return PV_NONE; }
static pv pin_toggle(int n, pv *a, pv kw) {
    int id = MSELF(pin_obj)->id;
    py_mod_check(hal_gpio_write(id, !py_mod_check(hal_gpio_read(id))));
    return PV_NONE;
}
static pv pin_call(pv f, int n, pv *a, pv kw) {
    pv args[2] = { f, n ? a[0] : PV_NONE };
    return pin_value(n ? 2 : 1, args, kw);
}

/* Pin.irq(handler=None, trigger=IRQ_FALLING|IRQ_RISING): handler(pin) runs in the program's
 * thread at its next safe point after the edge; None turns the interrupt off. */
static pv pin_irq(int n, pv *a, pv kw) {
    pin_obj *p = MSELF(pin_obj);
    pv handler = py_mod_arg(n, a, kw, 1, Q_handler, PV_NONE);
    int64_t trigger = py_mod_int(py_mod_arg(n, a, kw, 2, Q_trigger, PV_NULL), HAL_IRQ_RISING | HAL_IRQ_FALLING);
    if (!p->irq) p->irq = py_event_new((pv)p);
    py_mod_check(py_event_irq(p->irq, p->id, (int)trigger, handler));
    return (pv)p->irq;
}

static pv pin_repr(pv o) { return py_strf("Pin(%d)", ((pin_obj *)o)->id); }
static void pin_mark(pv o, gc_heap *h) { gc_mark(h, (pv)((pin_obj *)o)->irq); }

static const py_builtin pin_methods[] = {
    METHOD_KW(init, pin_init, 0, 3), METHOD(value, pin_value, 0, 1), METHOD(on, pin_on, 0, 0),
    METHOD(off, pin_off, 0, 0), METHOD(toggle, pin_toggle, 0, 0), METHOD_KW(irq, pin_irq, 0, 2),
    MCONST(IN, PIN_IN), MCONST(OUT, PIN_OUT), MCONST(OPEN_DRAIN, PIN_OPEN_DRAIN),
    MCONST(PULL_UP, PULL_UP), MCONST(PULL_DOWN, PULL_DOWN),
    MCONST(IRQ_RISING, HAL_IRQ_RISING), MCONST(IRQ_FALLING, HAL_IRQ_FALLING), METHODS_END };
const py_type py_pin_type = { &py_type_type, "Pin", .base = &py_object_type, .methods = pin_methods,
    .flags = TF_KW, .make = pin_make, .repr = pin_repr, .call = pin_call, .mark = pin_mark };

/* The number of a pin given as a Pin or an int. */
static int pin_number(pv v) {
    if (IS(v, py_pin_type)) return ((pin_obj *)v)->id;
    return (int)py_to_index(v);
}

/* ---- ADC: a channel of the HAL (a Pin gives its number as the channel) ---- */
typedef struct { const py_type *type; int channel; } adc_obj;
static pv adc_make(const py_type *t, int n, pv *a, pv kw) {
    if (n < 1) py_raisef(&py_TypeError_type, "ADC() needs a channel or a Pin");
    adc_obj *o = NEW(adc_obj, py_adc_type);
    o->channel = pin_number(a[0]);
    return (pv)o;
}
static pv adc_read(int n, pv *a, pv kw) { return MKSMALL(py_mod_check(hal_adc_read(MSELF(adc_obj)->channel))); }
/* the 12-bit reading scaled to 0..65535, as MicroPython does */
static pv adc_read_u16(int n, pv *a, pv kw) {
    int raw = py_mod_check(hal_adc_read(MSELF(adc_obj)->channel));
    return MKSMALL((raw * 65535 + 2047) / 4095);
}
static pv adc_repr(pv o) { return py_strf("ADC(%d)", ((adc_obj *)o)->channel); }
static const py_builtin adc_methods[] = {
    METHOD(read_u16, adc_read_u16, 0, 0), METHOD(read, adc_read, 0, 0), METHODS_END };
const py_type py_adc_type = { &py_type_type, "ADC", .base = &py_object_type, .methods = adc_methods,
    .make = adc_make, .repr = adc_repr };

/* ---- PWM(pin, freq=, duty_u16=) ---- */
typedef struct { const py_type *type; int pin; uint32_t freq, duty; } pwm_obj;
static void pwm_apply(pwm_obj *o) {
    py_mod_check(hal_pwm_set(o->pin, o->freq, (uint32_t)(((uint64_t)o->duty * 1000 + 32767) / 65535)));
}
static pv pwm_init(int n, pv *a, pv kw) {
    pwm_obj *o = MSELF(pwm_obj);
    o->freq = (uint32_t)py_mod_int(py_mod_arg(n, a, kw, 1, Q_freq, PV_NULL), o->freq);
    o->duty = (uint32_t)py_mod_int(py_mod_arg(n, a, kw, 2, Q_duty_u16, PV_NULL), o->duty);
    if (o->duty > 65535) py_raisef(&py_ValueError_type, "duty_u16 must be 0..65535");
    pwm_apply(o);
    return PV_NONE;
}
static pv pwm_make(const py_type *t, int n, pv *a, pv kw) {
    if (n < 1) py_raisef(&py_TypeError_type, "PWM() needs a Pin");
    pwm_obj *o = NEW(pwm_obj, py_pwm_type);
    o->pin = pin_number(a[0]);
    o->freq = 1000;
    o->duty = 32768;
    pv args[3] = { (pv)o, n > 1 ? a[1] : PV_NONE, n > 2 ? a[2] : PV_NONE };
    pwm_init(n < 3 ? n : 3, args, kw);
    return (pv)o;
}
static pv pwm_freq(int n, pv *a, pv kw) {
    pwm_obj *o = MSELF(pwm_obj);
    if (n < 2) return py_new_int(o->freq);
    o->freq = (uint32_t)py_to_index(a[1]);
    pwm_apply(o);
    return PV_NONE;
}
static pv pwm_duty_u16(int n, pv *a, pv kw) {
    pwm_obj *o = MSELF(pwm_obj);
    if (n < 2) return py_new_int(o->duty);
    int64_t d = py_to_index(a[1]);
    if (d < 0 || d > 65535) py_raisef(&py_ValueError_type, "duty_u16 must be 0..65535");
    o->duty = (uint32_t)d;
    pwm_apply(o);
    return PV_NONE;
}
static pv pwm_deinit(int n, pv *a, pv kw) { hal_pwm_set(MSELF(pwm_obj)->pin, 0, 0); return PV_NONE; }
static pv pwm_repr(pv o) { pwm_obj *p = (pwm_obj *)o; return py_strf("PWM(Pin(%d), freq=%u, duty_u16=%u)", p->pin, (unsigned)p->freq, (unsigned)p->duty); }
static const py_builtin pwm_methods[] = {
    METHOD_KW(init, pwm_init, 0, 2), METHOD(freq, pwm_freq, 0, 1), METHOD(duty_u16, pwm_duty_u16, 0, 1),
    METHOD(deinit, pwm_deinit, 0, 0), METHODS_END };
const py_type py_pwm_type = { &py_type_type, "PWM", .base = &py_object_type, .methods = pwm_methods,
    .flags = TF_KW, .make = pwm_make, .repr = pwm_repr };

/* ---- the module's functions ---- */
static pv m_reset(int n, pv *a, pv kw) { hal_restart(1); return PV_NONE; }
/* a program's interpreter is its own: a soft reset ends the program */
static pv m_soft_reset(int n, pv *a, pv kw) { py_raise(py_exc_new(&py_SystemExit_type, PV_NULL)); }
static pv m_freq(int n, pv *a, pv kw) {
    if (n > 0) { py_mod_check(hal_cpu_set_mhz((uint32_t)(py_to_index(a[0]) / 1000000))); return PV_NONE; }
    return py_new_int((int64_t)hal_cpu_mhz() * 1000000);
}
static pv m_unique_id(int n, pv *a, pv kw) {
    uint8_t id[32];
    size_t len = hal_unique_id(id, sizeof id);
    return py_bytes_new(&py_bytes_type, id, len);
}
static pv m_reset_cause(int n, pv *a, pv kw) { return MKSMALL(hal_reset_cause()); }
static pv m_idle(int n, pv *a, pv kw) { hal_thread_yield(); py_poll_now(); return PV_NONE; }

static const py_builtin machine_funcs[] = {
    FUNC(reset, m_reset, 0, 0), FUNC(soft_reset, m_soft_reset, 0, 0), FUNC(freq, m_freq, 0, 1), FUNC(unique_id, m_unique_id, 0, 0),
    FUNC(reset_cause, m_reset_cause, 0, 0), FUNC(idle, m_idle, 0, 0),
    MCONST(PWRON_RESET, HAL_RESET_POWER_ON), MCONST(HARD_RESET, HAL_RESET_HARD),
    MCONST(WDT_RESET, HAL_RESET_WATCHDOG), MCONST(DEEPSLEEP_RESET, HAL_RESET_DEEPSLEEP),
    MCONST(SOFT_RESET, HAL_RESET_SOFT), METHODS_END };

pv py_mod_machine(pv m) {
    py_mod_add(m, machine_funcs);
    static const py_type *const types[] = { &py_pin_type, &py_adc_type, &py_pwm_type, &py_i2c_type,
        &py_spi_type, &py_uart_type, &py_timer_type, &py_wdt_type, &py_rtc_type };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) py_mod_set(m, types[i]->cname, (pv)types[i]);
    py_mod_set(m, "SoftI2C", (pv)&py_i2c_type);    /* the soft buses run on the controllers */
    py_mod_set(m, "SoftSPI", (pv)&py_spi_type);
    return m;
}
