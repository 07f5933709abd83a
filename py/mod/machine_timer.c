/* machine's time keepers: Timer (virtual timers whose callbacks run in the program's thread,
 * py/mod/events.c), WDT (the HAL's watchdog) and RTC (the HAL's wall clock, UTC). */
#include "py/mod/machine.h"
#include "hal/system.h"
#include "hal/time.h"

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

/* days since 1970-01-01 and back (Howard Hinnant's civil-date algorithms), in 32 bits: the
 * MCU has no 64-bit divider, and days fit until the year 5,000,000 */
static int32_t days_from_civil(int32_t y, int32_t m, int32_t d) {
    y -= m <= 2;
    int32_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}
static void civil_from_days(int32_t z, int32_t f[3]) {
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    f[2] = doy - (153 * mp + 2) / 5 + 1;
    f[1] = mp < 10 ? mp + 3 : mp - 9;
    f[0] = yoe + era * 400 + (f[1] <= 2);
}
static pv rtc_datetime(int n, pv *a, pv kw) {
    if (n > 1) {
        int32_t f[7];
        for (int i = 0; i < 7; i++) f[i] = (int32_t)py_to_index(py_getitem(a[1], MKSMALL(i)));
        /* the weekday (f[3]) follows from the date */
        hal_rtc_set((int64_t)days_from_civil(f[0], f[1], f[2]) * 86400 + f[4] * 3600 + f[5] * 60 + f[6]);
        return PV_NONE;
    }
    int64_t now = hal_rtc_get();
    int32_t days = (int32_t)(now >= 0 ? now / 86400 : -((-now + 86399) / 86400)), secs = (int32_t)(now - (int64_t)days * 86400);
    int32_t f[8] = { 0, 0, 0, ((days % 7) + 7 + 3) % 7, secs / 3600, secs / 60 % 60, secs % 60, 0 };
    civil_from_days(days, f);
    pv r = py_tuple_new(8);
    for (int i = 0; i < 8; i++) TUPLE(r)->items[i] = MKSMALL(f[i]);
    return r;
}
static const py_builtin rtc_methods[] = {
    METHOD(datetime, rtc_datetime, 0, 1), METHOD(init, rtc_datetime, 0, 1), METHODS_END };
const py_type py_rtc_type = { &py_type_type, "RTC", .base = &py_object_type, .methods = rtc_methods,
    .make = rtc_make };
