/* machine's time keepers: Timer (virtual timers whose callbacks run in the program's thread,
 * py/mod/events.c), WDT (the HAL's watchdog) and RTC (the HAL's wall clock, UTC). */
#include "py/mod/machine.h"
#include "hal/system.h"
#include "hal/time.h"
#include "lib/timefmt.h"

/* ---- Timer(id=-1, mode=PERIODIC, period=-1, freq=, callback=None) ---- */
enum { ONE_SHOT = 0, PERIODIC = 1 };
typedef struct { const py_type *type; int id; py_event *event; } timer_obj;

static pv timer_init(int n, pv *a, pv kw) {
    timer_obj *t = MSELF(timer_obj);
    int64_t mode = py_mod_int(py_kw_get(kw, Q_mode), PERIODIC);
    int64_t period_ms = py_mod_int(py_kw_get(kw, Q_period), -1);
    pv freq = py_kw_get(kw, Q_freq), callback = py_kw_get(kw, Q_callback);
    uint64_t period_us;
    if (freq && freq != PV_NONE) {
        double hz = py_to_double(freq);
        if (hz <= 0) py_raisef(&py_ValueError_type, "freq must be positive");
        period_us = (uint64_t)(1e6 / hz);
    } else if (period_ms >= 0) {
        period_us = (uint64_t)period_ms * 1000;
    } else {
        py_raisef(&py_ValueError_type, "Timer needs a period or a freq");
    }
    if (!t->event) t->event = py_event_new((pv)t);
    py_event_timer(t->event, period_us, mode == PERIODIC, callback ? callback : PV_NONE);
    return PV_NONE;
}
static pv timer_make(const py_type *ty, int n, pv *a, pv kw) {
    timer_obj *t = NEW(timer_obj, py_timer_type);
    t->id = n > 0 ? (int)py_to_index(a[0]) : -1;
    if (kw && ((py_dict *)kw)->used) timer_init(1, (pv[]){ (pv)t }, kw);
    return (pv)t;
}
static pv timer_deinit(int n, pv *a, pv kw) {
    timer_obj *t = MSELF(timer_obj);
    if (t->event) py_event_stop(t->event);
    return PV_NONE;
}
static pv timer_repr(pv o) { return py_strf("Timer(%d)", ((timer_obj *)o)->id); }
static void timer_mark(pv o, gc_heap *h) { gc_mark(h, (pv)((timer_obj *)o)->event); }
static const py_builtin timer_methods[] = {
    METHOD_KW(init, timer_init, 0, 0), METHOD(deinit, timer_deinit, 0, 0),
    MCONST(ONE_SHOT, ONE_SHOT), MCONST(PERIODIC, PERIODIC), METHODS_END };
const py_type py_timer_type = { &py_type_type, "Timer", .base = &py_object_type, .methods = timer_methods,
    .flags = TF_KW, .make = timer_make, .repr = timer_repr, .mark = timer_mark };

/* ---- WDT(id=0, timeout=5000): once started it cannot be stopped, as on the chips ---- */
typedef struct { const py_type *type; } wdt_obj;
static pv wdt_make(const py_type *t, int n, pv *a, pv kw) {
    int64_t timeout = py_mod_int(py_mod_arg(n, a, kw, 1, Q_timeout, PV_NULL), 5000);
    if (timeout <= 0) py_raisef(&py_ValueError_type, "timeout must be positive");
    py_mod_check(hal_watchdog_start((uint32_t)timeout));
    return (pv)NEW(wdt_obj, py_wdt_type);
}
static pv wdt_feed(int n, pv *a, pv kw) { hal_watchdog_feed(); return PV_NONE; }
static const py_builtin wdt_methods[] = {
    METHOD(feed, wdt_feed, 0, 0), METHODS_END };
const py_type py_wdt_type = { &py_type_type, "WDT", .base = &py_object_type, .methods = wdt_methods,
    .flags = TF_KW, .make = wdt_make };

/* ---- RTC: datetime() is (year, month, day, weekday, hours, minutes, seconds, subseconds) ---- */
typedef struct { const py_type *type; } rtc_obj;
static pv rtc_make(const py_type *t, int n, pv *a, pv kw) { return (pv)NEW(rtc_obj, py_rtc_type); }

/* the calendar arithmetic is lib's (civil_from_unix and time_join), shared with date */
static pv rtc_datetime(int n, pv *a, pv kw) {
    if (n > 1) {
        int32_t f[7];
        for (int i = 0; i < 7; i++) f[i] = (int32_t)py_to_index(py_getitem(a[1], MKSMALL(i)));
        /* the weekday (f[3]) follows from the date */
        struct civil c = { .year = f[0], .month = f[1], .day = f[2], .hour = f[4], .min = f[5], .sec = f[6] };
        hal_rtc_set(time_join(&c));
        return PV_NONE;
    }
    struct civil c;
    civil_from_unix(hal_rtc_get(), &c);
    /* MicroPython's weekday: Monday is 0 (lib's: Sunday is 0) */
    int32_t f[8] = { c.year, c.month, c.day, (c.weekday + 6) % 7, c.hour, c.min, c.sec, 0 };
    pv r = py_tuple_new(8);
    for (int i = 0; i < 8; i++) TUPLE(r)->items[i] = MKSMALL(f[i]);
    return r;
}
static const py_builtin rtc_methods[] = {
    METHOD(datetime, rtc_datetime, 0, 1), METHOD(init, rtc_datetime, 0, 1), METHODS_END };
const py_type py_rtc_type = { &py_type_type, "RTC", .base = &py_object_type, .methods = rtc_methods,
    .make = rtc_make };
