/* Built-in functions of the expression language, string methods and the sdata namespace.
 * One table: name, how many arguments, handler. Module-style names (time.time, gc.mem_free)
 * are there too, because upyOS scripts were written against MicroPython's modules. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "hal/board.h"
#include "hal/system.h"
#include "hal/time.h"
#include "kernel/env.h"
#include "kernel/sysdata.h"
#include "lib/str.h"
#include "shell/expr_int.h"

typedef int (*builtin_fn)(struct expr_ctx *cx, struct value *a, int n, struct value *out);

struct builtin {
    const char *name;
    int min_args, max_args;
    builtin_fn fn;
};

static int need_str(struct expr_ctx *cx, const char *fn, const struct value *v)
{
    if (v->type == VAL_STR)
        return 0;
    return expr_fail(cx, "%s() needs a str, not '%s'", fn, value_type_name(v->type));
}

/* Every argument a str: what each str method asks of its arguments. */
static int need_strs(struct expr_ctx *cx, const char *fn, const struct value *a, int n)
{
    for (int i = 0; i < n; i++)
        if (need_str(cx, fn, &a[i]) < 0)
            return -1;
    return 0;
}

static int need_int(struct expr_ctx *cx, const char *fn, const struct value *v, long long *out)
{
    *out = 0;
    if (v->type == VAL_INT || v->type == VAL_BOOL) {
        *out = v->type == VAL_INT ? v->u.i : v->u.b;
        return 0;
    }
    return expr_fail(cx, "%s() needs an int, not '%s'", fn, value_type_name(v->type));
}

/* ---- conversions ---- */

static int fn_len(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    if (need_str(cx, "len", &a[0]) < 0)
        return -1;
    *out = value_int((long long)strlen(a[0].u.s));
    return 0;
}

static int int_from_text(struct expr_ctx *cx, const char *s, long long base, struct value *out)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    if (base != 0 && (base < 2 || base > 36))
        return expr_fail(cx, "int() base must be 0 or 2..36");
    errno = 0;
    long long v = strtoll(s, &end, (int)base);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end || errno)
        return expr_fail(cx, "invalid literal for int(): '%.40s'", s);
    *out = value_int(v);
    return 0;
}

static int fn_int(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    long long base = 10;
    if (n == 2 && (need_int(cx, "int", &a[1], &base) < 0 || need_str(cx, "int", &a[0]) < 0))
        return -1;
    switch (a[0].type) {
    case VAL_STR: return int_from_text(cx, a[0].u.s, base, out);
    case VAL_INT: *out = a[0]; return 0;
    case VAL_BOOL: *out = value_int(a[0].u.b); return 0;
    case VAL_FLOAT:
        if (!(a[0].u.f > -9.3e18 && a[0].u.f < 9.3e18))
            return expr_fail(cx, "cannot convert %s to int", isnan(a[0].u.f) ? "nan" : "this float");
        *out = value_int((long long)a[0].u.f);
        return 0;
    default: return expr_fail(cx, "int() cannot convert None");
    }
}

static int fn_float(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    double d;
    if (expr_as_number(&a[0], &d) == 0) {
        *out = value_float(d);
        return 0;
    }
    if (a[0].type != VAL_STR)
        return expr_fail(cx, "float() cannot convert None");
    char *end;
    const char *s = a[0].u.s;
    while (isspace((unsigned char)*s))
        s++;
    d = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end)
        return expr_fail(cx, "could not convert string to float: '%.40s'", s);
    *out = value_float(d);
    return 0;
}

static int fn_str(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    char *text = n ? expr_to_text(&a[0], 0) : str_dup("");
    if (!text)
        return expr_fail(cx, "out of memory");
    *out = expr_str_take(text);
    return 0;
}

static int fn_repr(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    char *text = expr_to_text(&a[0], 1);
    if (!text)
        return expr_fail(cx, "out of memory");
    *out = expr_str_take(text);
    return 0;
}

static int fn_bool(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    *out = value_bool(n && expr_truth(&a[0]));
    return 0;
}

/* hex(), oct(), bin(): Python's prefixes and sign. */
static int based(struct expr_ctx *cx, struct value *a, const char *fn, int base, struct value *out)
{
    long long i;
    if (need_int(cx, fn, &a[0], &i) < 0)
        return -1;
    unsigned long long mag = i < 0 ? 0 - (unsigned long long)i : (unsigned long long)i;
    char digits[72], text[80];
    int n = (int)sizeof digits - 1;
    digits[n] = '\0';
    do
        digits[--n] = "0123456789abcdef"[mag % (unsigned)base];
    while (mag /= (unsigned)base);
    snprintf(text, sizeof text, "%s0%c%s", i < 0 ? "-" : "",
             base == 16 ? 'x' : base == 8 ? 'o' : 'b', digits + n);
    return expr_str_value(cx, text, strlen(text), out);
}

static int fn_hex(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return based(cx, a, "hex", 16, out);
}

static int fn_oct(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return based(cx, a, "oct", 8, out);
}

static int fn_bin(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return based(cx, a, "bin", 2, out);
}

static int fn_chr(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    long long i;
    if (need_int(cx, "chr", &a[0], &i) < 0)
        return -1;
    if (i < 1 || i > 255)
        return expr_fail(cx, "chr() arg not in range(1, 256)");
    char s[2] = { (char)i, '\0' };
    return expr_str_value(cx, s, 1, out);
}

static int fn_ord(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    if (need_str(cx, "ord", &a[0]) < 0)
        return -1;
    if (strlen(a[0].u.s) != 1)
        return expr_fail(cx, "ord() expected a character");
    *out = value_int((unsigned char)a[0].u.s[0]);
    return 0;
}

/* ---- numbers ---- */

static int fn_abs(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    if (a[0].type == VAL_FLOAT) {
        *out = value_float(fabs(a[0].u.f));
        return 0;
    }
    long long i;
    if (need_int(cx, "abs", &a[0], &i) < 0)
        return -1;
    if (i == LLONG_MIN)
        return expr_fail(cx, "integer overflow (ints are 64-bit)");
    *out = value_int(i < 0 ? -i : i);
    return 0;
}

/* min/max of the arguments, or of the characters of one string. */
static int extreme(struct expr_ctx *cx, struct value *a, int n, enum op op, struct value *out)
{
    if (n == 1 && a[0].type == VAL_STR) {
        const char *s = a[0].u.s;
        if (!*s)
            return expr_fail(cx, "%s() of an empty string", op == OP_LT ? "min" : "max");
        char best = *s;
        for (; *s; s++)
            if (op == OP_LT ? *s < best : *s > best)
                best = *s;
        return expr_str_value(cx, &best, 1, out);
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
        int better;
        if (expr_compare(cx, op, &a[i], &a[best], &better) < 0)
            return -1;
        if (better)
            best = i;
    }
    *out = value_copy(&a[best]);
    return out->type == a[best].type ? 0 : expr_fail(cx, "out of memory");
}

static int fn_min(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return extreme(cx, a, n, OP_LT, out);
}

static int fn_max(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return extreme(cx, a, n, OP_GT, out);
}

/* round(x) to an int, round(x, n) to n digits; halves go to even, as Python. */
static int fn_round(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    double d;
    long long digits = 0;
    if (expr_as_number(&a[0], &d) < 0)
        return expr_fail(cx, "round() needs a number, not '%s'", value_type_name(a[0].type));
    if (n == 2 && need_int(cx, "round", &a[1], &digits) < 0)
        return -1;
    if (n == 1) {
        if (a[0].type != VAL_FLOAT) {
            *out = value_int(a[0].type == VAL_BOOL ? a[0].u.b : a[0].u.i);
            return 0;
        }
        double r = d - floor(d) == 0.5 ? 2 * round(d / 2) : round(d);
        if (!(r > -9.3e18 && r < 9.3e18))
            return expr_fail(cx, "cannot round this float to an int");
        *out = value_int((long long)r);
        return 0;
    }
    if (digits > 300) {
        *out = value_copy(&a[0]);
        return 0;
    }
    if (digits >= 0) {                  /* printf rounds the exact binary value, as Python */
        char text[400];
        snprintf(text, sizeof text, "%.*f", (int)digits, d);
        *out = a[0].type == VAL_FLOAT ? value_float(strtod(text, NULL)) : value_copy(&a[0]);
        return 0;
    }
    if (digits < -18) {
        *out = a[0].type == VAL_FLOAT ? value_float(0.0) : value_int(0);
        return 0;
    }
    double scale = pow(10.0, (double)-digits), x = d / scale;
    double r = (x - floor(x) == 0.5 ? 2 * round(x / 2) : round(x)) * scale;
    *out = a[0].type == VAL_FLOAT ? value_float(r) : value_int((long long)r);
    return 0;
}

/* ---- output, environment ---- */

static int fn_print(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < n; i++) {
        char *text = expr_to_text(&a[i], 0);
        if (i)
            strbuf_addc(&b, ' ');
        strbuf_adds(&b, text ? text : "");
        free(text);
    }
    strbuf_addc(&b, '\n');
    if (cx->proc && b.data)
        stream_write(cx->proc->out, b.data, b.len);
    strbuf_free(&b);
    return 0;
}

static int fn_getenv(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    if (need_str(cx, "getenv", &a[0]) < 0)
        return -1;
    if (env_get(a[0].u.s, out) == 0)
        return 0;
    *out = n == 2 ? value_copy(&a[1]) : (struct value){ VAL_NONE, { 0 } };
    return 0;
}

static int fn_setenv(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    if (need_str(cx, "setenv", &a[0]) < 0)
        return -1;
    if (!env_valid_name(a[0].u.s))
        return expr_fail(cx, "setenv(): '%.40s' is not a valid variable name", a[0].u.s);
    if (a[1].type == VAL_NONE)
        env_unset(a[0].u.s);
    else if (env_set(a[0].u.s, &a[1]) < 0)
        return expr_fail(cx, "out of memory");
    return 0;
}

/* ---- time, memory, gpio ---- */

static int fn_time(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    *out = value_int(hal_rtc_get());
    return 0;
}

static int fn_ticks_ms(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    *out = value_int((long long)(hal_time_us() / 1000));
    return 0;
}

static int fn_ticks_us(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    *out = value_int((long long)hal_time_us());
    return 0;
}

static int fn_ticks_diff(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    long long x, y;
    if (need_int(cx, "ticks_diff", &a[0], &x) < 0 || need_int(cx, "ticks_diff", &a[1], &y) < 0)
        return -1;
    struct value vx = value_int(x), vy = value_int(y);
    return expr_binary(cx, OP_SUB, &vx, &vy, out);
}

static int fn_sleep(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    double secs;
    if (!cx->proc)
        return expr_fail(cx, "sleep() needs a process to wait in");
    if (expr_as_number(&a[0], &secs) < 0 || !(secs >= 0 && secs <= 86400))
        return expr_fail(cx, "sleep() needs a number of seconds (0..86400)");
    return proc_sleep_us((uint64_t)(secs * 1e6)) < 0 ? expr_fail(cx, "interrupted") : 0;
}

static int fn_sleep_ms(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    long long ms;
    if (!cx->proc)
        return expr_fail(cx, "sleep_ms() needs a process to wait in");
    if (need_int(cx, "sleep_ms", &a[0], &ms) < 0)
        return -1;
    if (ms < 0 || ms > 86400000)
        return expr_fail(cx, "sleep_ms() needs 0..86400000");
    return proc_sleep_ms((uint32_t)ms) < 0 ? expr_fail(cx, "interrupted") : 0;
}

static int fn_mem_free(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    *out = value_int((long long)(m.heap_total - m.heap_used));
    return 0;
}

static int fn_mem_alloc(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    *out = value_int((long long)m.heap_used);
    return 0;
}

static int fn_nothing(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return 0;
}

static int gpio_pin(struct expr_ctx *cx, const char *fn, const struct value *v, int *pin)
{
    long long i;
    if (need_int(cx, fn, v, &i) < 0)
        return -1;
    if (i < 0 || i >= hal_gpio_count())
        return expr_fail(cx, "%s(): no GPIO %lld", fn, i);
    *pin = (int)i;
    return 0;
}

static int fn_gpio_read(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    int pin;
    if (gpio_pin(cx, "gpio_read", &a[0], &pin) < 0)
        return -1;
    int v = hal_gpio_read(pin);
    if (v < 0)
        return expr_fail(cx, "gpio_read(): cannot read GPIO %d", pin);
    *out = value_int(v);
    return 0;
}

static int fn_gpio_write(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    int pin;
    if (gpio_pin(cx, "gpio_write", &a[0], &pin) < 0)
        return -1;
    hal_gpio_mode(pin, HAL_PIN_OUTPUT);
    if (hal_gpio_write(pin, expr_truth(&a[1])) < 0)
        return expr_fail(cx, "gpio_write(): cannot write GPIO %d", pin);
    return 0;
}

static const struct builtin builtins[] = {
    { "abs", 1, 1, fn_abs },           { "bin", 1, 1, fn_bin },
    { "bool", 0, 1, fn_bool },         { "chr", 1, 1, fn_chr },
    { "float", 1, 1, fn_float },       { "gc.collect", 0, 0, fn_nothing },
    { "gc.mem_alloc", 0, 0, fn_mem_alloc }, { "gc.mem_free", 0, 0, fn_mem_free },
    { "getenv", 1, 2, fn_getenv },     { "gpio_read", 1, 1, fn_gpio_read },
    { "gpio_write", 2, 2, fn_gpio_write }, { "hex", 1, 1, fn_hex },
    { "int", 1, 2, fn_int },           { "len", 1, 1, fn_len },
    { "max", 1, EXPR_ARGS_MAX, fn_max }, { "mem_alloc", 0, 0, fn_mem_alloc },
    { "mem_free", 0, 0, fn_mem_free }, { "min", 1, EXPR_ARGS_MAX, fn_min },
    { "oct", 1, 1, fn_oct },           { "ord", 1, 1, fn_ord },
    { "print", 0, EXPR_ARGS_MAX, fn_print }, { "repr", 1, 1, fn_repr },
    { "round", 1, 2, fn_round },       { "setenv", 2, 2, fn_setenv },
    { "sleep", 1, 1, fn_sleep },       { "sleep_ms", 1, 1, fn_sleep_ms },
    { "str", 0, 1, fn_str },           { "ticks_diff", 2, 2, fn_ticks_diff },
    { "ticks_ms", 0, 0, fn_ticks_ms }, { "ticks_us", 0, 0, fn_ticks_us },
    { "time", 0, 0, fn_time },         { "time.sleep", 1, 1, fn_sleep },
    { "time.sleep_ms", 1, 1, fn_sleep_ms }, { "time.ticks_diff", 2, 2, fn_ticks_diff },
    { "time.ticks_ms", 0, 0, fn_ticks_ms }, { "time.ticks_us", 0, 0, fn_ticks_us },
    { "time.time", 0, 0, fn_time },
};

/* Finds NAME in TABLE, checks the number of arguments (and with all_str, that each is a str),
 * then runs it. */
static int run_builtin(struct expr_ctx *cx, const struct builtin *table, size_t count,
                       const char *name, const char *kind, int all_str, struct value *args,
                       int nargs, struct value *out)
{
    for (size_t i = 0; i < count; i++) {
        const struct builtin *b = &table[i];
        if (strcmp(b->name, name) != 0)
            continue;
        if (nargs < b->min_args || nargs > b->max_args) {
            if (b->min_args == b->max_args)
                return expr_fail(cx, "%s() takes %d argument%s (%d given)", name,
                                 b->min_args, b->min_args == 1 ? "" : "s", nargs);
            return expr_fail(cx, "%s() takes %d to %d arguments (%d given)", name, b->min_args,
                             b->max_args, nargs);
        }
        if (all_str && need_strs(cx, name, args, nargs) < 0)
            return -1;
        out->type = VAL_NONE;
        return b->fn(cx, args, nargs, out);
    }
    return expr_fail(cx, "unknown %s '%s'", kind, name);
}

int expr_call(struct expr_ctx *cx, const char *name, struct value *args, int nargs,
              struct value *out)
{
    return run_builtin(cx, builtins, sizeof builtins / sizeof builtins[0], name, "function", 0,
                       args, nargs, out);
}

/* ---- string methods: "text".upper(); every argument is a str (run_builtin checks) ---- */

static int str_case(struct expr_ctx *cx, const char *s, int upper, struct value *out)
{
    if (expr_str_value(cx, s, strlen(s), out) < 0)
        return -1;
    for (char *c = out->u.s; *c; c++)
        *c = (char)(upper ? toupper((unsigned char)*c) : tolower((unsigned char)*c));
    return 0;
}

static int m_upper(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return str_case(cx, a[0].u.s, 1, out);
}

static int m_lower(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return str_case(cx, a[0].u.s, 0, out);
}

static int strip_sides(struct expr_ctx *cx, struct value *a, int n, int left, int right,
                       struct value *out)
{
    const char *chars = n == 2 ? a[1].u.s : " \t\r\n\f\v";
    const char *s = a[0].u.s, *e = s + strlen(s);
    while (left && *s && strchr(chars, *s))
        s++;
    while (right && e > s && strchr(chars, e[-1]))
        e--;
    return expr_str_value(cx, s, (size_t)(e - s), out);
}

static int m_strip(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return strip_sides(cx, a, n, 1, 1, out);
}

static int m_lstrip(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return strip_sides(cx, a, n, 1, 0, out);
}

static int m_rstrip(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    return strip_sides(cx, a, n, 0, 1, out);
}

static int m_startswith(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    *out = value_bool(str_starts(a[0].u.s, a[1].u.s));
    return 0;
}

static int m_endswith(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    *out = value_bool(str_ends(a[0].u.s, a[1].u.s));
    return 0;
}

static int m_find(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    const char *at = strstr(a[0].u.s, a[1].u.s);
    *out = value_int(at ? (long long)(at - a[0].u.s) : -1);
    return 0;
}

static int m_count(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    size_t len = strlen(a[1].u.s);
    long long count = 0;
    if (!len)
        count = (long long)strlen(a[0].u.s) + 1;
    else
        for (const char *s = a[0].u.s; (s = strstr(s, a[1].u.s)); s += len)
            count++;
    *out = value_int(count);
    return 0;
}

static int m_replace(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    const char *s = a[0].u.s, *old = a[1].u.s, *new_text = a[2].u.s;
    size_t old_len = strlen(old);
    if (!old_len)
        return expr_fail(cx, "replace() of an empty string is not supported");
    struct strbuf b;
    strbuf_init(&b);
    for (const char *at; (at = strstr(s, old)) && b.len <= EXPR_STR_MAX; s = at + old_len) {
        strbuf_add(&b, s, (size_t)(at - s));
        strbuf_adds(&b, new_text);
    }
    strbuf_adds(&b, s);
    int r = b.failed ? expr_fail(cx, "out of memory") : expr_str_value(cx, b.data, b.len, out);
    strbuf_free(&b);
    return r;
}

static int m_isdigit(struct expr_ctx *cx, struct value *a, int n, struct value *out)
{
    const char *s = a[0].u.s;
    int all = *s != '\0';
    for (; *s; s++)
        all &= isdigit((unsigned char)*s) != 0;
    *out = value_bool(all);
    return 0;
}

static const struct builtin methods[] = {
    { "count", 2, 2, m_count },       { "endswith", 2, 2, m_endswith },
    { "find", 2, 2, m_find },         { "isdigit", 1, 1, m_isdigit },
    { "lower", 1, 1, m_lower },       { "lstrip", 1, 2, m_lstrip },
    { "replace", 3, 3, m_replace },   { "rstrip", 1, 2, m_rstrip },
    { "startswith", 2, 2, m_startswith }, { "strip", 1, 2, m_strip },
    { "upper", 1, 1, m_upper },
};

int expr_method(struct expr_ctx *cx, const char *name, struct value *args, int nargs,
                struct value *out)
{
    if (args[0].type != VAL_STR)
        return expr_fail(cx, "'%s' has no method '%s'", value_type_name(args[0].type), name);
    return run_builtin(cx, methods, sizeof methods / sizeof methods[0], name, "str method",
                       1, args, nargs, out);
}

/* ---- sdata ---- */

int expr_sdata_get(struct expr_ctx *cx, const char *attr, struct value *out)
{
    const char *text = NULL;
    if (strcmp(attr, "name") == 0)
        text = sysdata.name;
    else if (strcmp(attr, "version") == 0)
        text = sysdata.version;
    else if (strcmp(attr, "sid") == 0)
        text = sysdata.sid;
    else if (strcmp(attr, "board") == 0)
        text = sysdata.board;
    else if (strcmp(attr, "platform") == 0)
        text = sysdata.platform;
    else if (strcmp(attr, "debug") == 0 || strcmp(attr, "recovery") == 0) {
        *out = value_bool(attr[0] == 'd' ? sysdata.debug : sysdata.recovery);
        return 0;
    } else
        return expr_fail(cx, "sdata has no '%s' (name, version, sid, board, platform, debug, "
                             "recovery)", attr);
    return expr_str_value(cx, text ? text : "", strlen(text ? text : ""), out);
}

int expr_sdata_set(struct expr_ctx *cx, const char *attr, const struct value *v)
{
    if (strcmp(attr, "debug") != 0)
        return expr_fail(cx, "sdata.%s cannot be set (only sdata.debug)", attr);
    sysdata.debug = expr_truth(v);
    return 0;
}
