#include "cmd/clock.h"

#include "hal/time.h"
#include "kernel/env.h"

int64_t clock_tz_seconds(void)
{
    struct value v;
    if (env_get("TZ", &v) < 0)
        return 0;
    double hours = 0;
    if (v.type == VAL_INT)
        hours = (double)v.u.i;
    else if (v.type == VAL_FLOAT)
        hours = v.u.f;
    else if (v.type == VAL_STR) {
        long long i;
        double f;
        enum value_type t = value_parse_number(v.u.s, &i, &f);
        hours = t == VAL_INT ? (double)i : t == VAL_FLOAT ? f : 0;
    }
    value_free(&v);
    if (hours < -14 || hours > 14)
        return 0;
    return (int64_t)(hours * 3600);
}

int64_t clock_local_now(void)
{
    return hal_rtc_get() + clock_tz_seconds();
}
