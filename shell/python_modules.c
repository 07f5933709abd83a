/* The modules a Python program or line gets from the system (py_io.modules, py/mod/mod.h):
 * sdata and utls, which py/ cannot reach, and those of py/mod/ that reach the board or the
 * network (machine, socket, select).
 *
 * sdata holds the system's facts (name version sid board platform, debug read and set live,
 * recovery) and any attribute a program sets, which hides a fact of the same name. A str, int, float, bool or None is kept in the
 * kernel's shared table (env_shared_*), so every program and the shell's `>` lines see it;
 * any other object (a display driver, a list) lives in one interpreter's heap and stays in
 * that interpreter's sdata: another program cannot reach into it. */
#include "shell/python_io.h"

#ifdef UPYOS_PYTHON
#include <string.h>

#include <stdlib.h>

#include "kernel/board.h"
#include "kernel/config.h"
#include "kernel/env.h"
#include "kernel/files.h"
#include "kernel/proc.h"
#include "kernel/sysdata.h"
#include "kernel/uarts.h"
#include "lib/civil.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/sha1.h"
#include "lib/str.h"
#include "py/mod/machine.h"
#include "py/mod/mod.h"

/* A shell variable's typed value as a Python value */
static pv python_value(const struct value *v)
{
    switch (v->type) {
    case VAL_STR: return py_str_cstr(v->u.s);
    case VAL_INT: return py_new_int(v->u.i);
    case VAL_FLOAT: return py_float_new(v->u.f);
    case VAL_BOOL: return PV_BOOL(v->u.b);
    default: return PV_NONE;
    }
}

/* A scalar as a typed value (1 when o is one); anything else is left alone. */
static int scalar_value(pv o, struct value *out)
{
    if (o == PV_TRUE || o == PV_FALSE)
        *out = value_bool(o == PV_TRUE);
    else if (o == PV_NONE)
        *out = (struct value){ VAL_NONE };
    else if (py_is_int(o))
        *out = value_int(py_int_val(o));
    else if (IS(o, py_float_type))
        *out = value_float(py_to_double(o));
    else if (IS(o, py_str_type))
        *out = value_str(py_str_data(o));
    else
        return 0;
    return 1;
}

/* ---- sdata ---- */
typedef struct {
    const py_type *type;
    pv own;                     /* dict: the objects this interpreter keeps to itself */
} sdata_obj;

static const char *fact(const char *name)
{
    const char *facts[][2] = { { "name", sysdata.name }, { "version", sysdata.version },
                               { "sid", sysdata.sid }, { "board", sysdata.board },
                               { "platform", sysdata.platform } };
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        if (strcmp(facts[i][0], name) == 0)
            return facts[i][1];
    return NULL;
}

/* A UART the shell opened under a name (`uart 1 115200 4 5 modem0`, `atmodem -c`), as a
 * machine.UART kept in this interpreter's sdata so that it is the same object each time. */
static pv named_uart(pv o, pv name)
{
    const struct uart_setup *setup = uarts_by_name(py_str_data(name));
    if (!setup)
        return PV_NULL;
    pv u = py_uart_borrow(setup->id);
    py_dict_set(((sdata_obj *)o)->own, name, u);
    return u;
}

/* What a program set first (here, then for everyone), then the system's facts, then the
 * named UARTs */
static pv sdata_getattr(pv o, pv name)
{
    const char *s = py_str_data(name);
    if (strcmp(s, "debug") == 0)
        return PV_BOOL(sysdata.debug);
    pv v = py_dict_get(((sdata_obj *)o)->own, name);
    if (v)
        return v;
    struct value shared;
    if (env_shared_get(s, &shared) == 0) {
        v = python_value(&shared);
        value_free(&shared);
        return v;
    }
    const char *text = fact(s);
    if (text)
        return py_str_cstr(text);
    if (strcmp(s, "recovery") == 0)
        return PV_BOOL(sysdata.recovery);
    return named_uart(o, name);
}

static bool sdata_setattr(pv o, pv name, pv v)
{
    const char *s = py_str_data(name);
    sdata_obj *sd = (sdata_obj *)o;
    if (strcmp(s, "debug") == 0 && v) {
        sysdata.debug = py_truth(v);
        return true;
    }
    struct value shared;
    py_dict_del(sd->own, name);
    if (!v) {
        env_shared_unset(s);
        return true;
    }
    if (!scalar_value(v, &shared)) {
        env_shared_unset(s);
        py_dict_set(sd->own, name, v);
        return true;
    }
    int r = env_shared_set(s, &shared);
    value_free(&shared);
    if (r < 0)
        py_raisef(&py_MemoryError_type, "sdata.%s: %s", s, err_str(r));
    return true;
}

static void sdata_mark(pv o, gc_heap *h)
{
    gc_mark(h, ((sdata_obj *)o)->own);
}

static const py_type sdata_type = { &py_type_type, "sdata", .base = &py_object_type,
                                    .getattr = sdata_getattr, .setattr = sdata_setattr,
                                    .mark = sdata_mark };

/* import sdata: the object itself stands for the module (one per interpreter) */
static pv make_sdata(pv module)
{
    sdata_obj *o = NEW(sdata_obj, sdata_type);
    o->own = py_dict_new();
    return (pv)o;
}

/* ---- utls: the helpers upyOS programs call ---- */
static const char *text_arg(pv v)
{
    if (!IS(v, py_str_type))
        py_raisef(&py_TypeError_type, "expected a str, not %s", py_type_name(TYPE(v)));
    return py_str_data(v);
}

/* getenv(name[, default]): the shell variable's value with its type, default (None) when
 * it is not set */
static pv u_getenv(int n, pv *a, pv kw)
{
    struct value v;
    if (env_get(text_arg(a[0]), &v) < 0)
        return n == 2 ? a[1] : PV_NONE;
    pv o = python_value(&v);
    value_free(&v);
    return o;
}

/* setenv(name, value): an int, float, bool or str variable (anything else as its str) */
static pv u_setenv(int n, pv *a, pv kw)
{
    const char *name = text_arg(a[0]);
    if (!env_valid_name(name))
        py_raisef(&py_ValueError_type, "setenv(): invalid variable name '%s'", name);
    struct value v;
    if (!scalar_value(a[1], &v) || v.type == VAL_NONE)
        v = value_str(py_str_data(py_str_of(a[1])));
    int r = v.type == VAL_NONE ? ERR_NOMEM : env_set(name, &v);
    value_free(&v);
    if (r < 0)
        py_raisef(&py_ValueError_type, "setenv(): %s", err_str(r));
    return PV_NONE;
}

static pv u_unset(int n, pv *a, pv kw)
{
    env_unset(text_arg(a[0]));
    return PV_NONE;
}

static pv u_file_exists(int n, pv *a, pv kw)
{
    return PV_BOOL(file_exists(text_arg(a[0])) == 1);
}

static pv u_isdir(int n, pv *a, pv kw)
{
    return PV_BOOL(file_is_dir(text_arg(a[0])) == 1);
}

static pv u_isfile(int n, pv *a, pv kw)
{
    struct vfs_stat st;
    return PV_BOOL(file_stat(text_arg(a[0]), &st) == 0 && st.type == VFS_FILE);
}

/* human(bytes): the size as `ls -h` and `df -h` print it */
static pv u_human(int n, pv *a, pv kw)
{
    int64_t bytes = py_int_val(a[0]);
    char buf[32];
    str_human_size(bytes < 0 ? 0 : (unsigned long long)bytes, buf, sizeof buf);
    return py_str_cstr(buf);
}

static pv u_recovery(int n, pv *a, pv kw)
{
    return PV_BOOL(sysdata.recovery);
}

/* An OSError for a system error code, as open() raises it */
static _Noreturn void os_error(int err, const char *path)
{
    extern _Noreturn void py_os_error(int err, pv path);
    int e = err == ERR_NOENT ? 2 : err == ERR_PERM || err == ERR_PROTECTED ? 13 : err == ERR_ISDIR ? 21 :
            err == ERR_NOTDIR ? 20 : err == ERR_NOSPC ? 28 : err == ERR_NOMEM ? 12 : 5;
    py_os_error(e, py_str_cstr(path));
}

/* get_mode(path), get_stat(path): os.stat's mode and tuple, 0 and ten zeros when there is
 * no such file (upyOS's helpers never raise) */
static pv u_get_stat(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "get_stat");
    struct vfs_stat st;
    int ok = file_stat(text_arg(a[0]), &st) == 0;
    int64_t f[10] = { 0 };
    if (ok) {
        f[0] = st.type == VFS_DIR ? 0x4000 : 0x8000;
        f[3] = 1;
        f[6] = (int64_t)st.size;
        f[7] = f[8] = f[9] = (int64_t)st.mtime;
    }
    pv t = py_tuple_new(10);
    for (int i = 0; i < 10; i++)
        TUPLE(t)->items[i] = py_new_int(f[i]);
    return t;
}

static pv u_get_mode(int n, pv *a, pv kw)
{
    return TUPLE(u_get_stat(n, a, kw))->items[0];
}

/* protected(path): 1 when the path is one of system.conf's protected files */
static pv u_protected(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "protected");
    proc_t *p = proc_current();
    char abs[VFS_PATH_MAX];
    if (vfs_resolve(p ? p->cwd : "/", text_arg(a[0]), abs, sizeof abs) < 0)
        return PV_FALSE;
    return PV_BOOL(config_is_protected(abs) == 1);
}

static void hex_byte(uint8_t b, const char *digits, char *out)
{
    out[0] = digits[b >> 4];
    out[1] = digits[b & 15];
}

/* sha1(data, is_file=False): the hex SHA-1 of a str (its UTF-8) or of a file's contents;
 * "" for empty data, as upyOS gives */
static pv u_sha1(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 2, "sha1");
    if (!py_truth(a[0]))
        return QS(_empty);
    struct sha1 h;
    uint8_t digest[20];
    sha1_init(&h);
    if (n > 1 && py_truth(a[1])) {
        char *data;
        size_t len;
        int r = file_read_all(text_arg(a[0]), &data, &len);
        if (r < 0)
            os_error(r, py_str_data(a[0]));
        sha1_update(&h, data, len);
        free(data);
    } else {
        size_t len;
        const uint8_t *d = py_mod_buffer(a[0], &len);
        sha1_update(&h, d, len);
    }
    sha1_final(&h, digest);
    char hex[41];
    for (int i = 0; i < 20; i++)
        hex_byte(digest[i], "0123456789abcdef", hex + 2 * i);
    return py_str_new(hex, 40);
}

/* log(src, msg): "src: msg" on the program's output while sdata.log is set */
static pv u_log(int n, pv *a, pv kw)
{
    py_argcheck(n, 2, 2, "log");
    struct value on;
    if (env_shared_get("log", &on) < 0)
        return PV_NONE;
    pv shown = python_value(&on);
    value_free(&on);
    if (!py_truth(shown))
        return PV_NONE;
    pv line = py_strf("%s: %s", py_str_data(py_str_of(a[0])), py_str_data(py_str_of(a[1])));
    py_call1(py_builtin_get(py_intern("print", 5)), line);
    return PV_NONE;
}

/* date2s(t): "DD/M/YYYY"; time2s(t, mod=""): "HH:MM:SS", with mod "e" a duration
 * "  Nd HH:MM:SS"; both of a Unix time, UTC, as upyOS writes them */
static pv u_date2s(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "date2s");
    struct civil c;
    civil_from_unix((int64_t)py_to_double(a[0]), &c);
    return py_strf("%02d/%d/%04d", c.day, c.month, c.year);
}

static pv u_time2s(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 2, "time2s");
    struct civil c;
    int64_t t = (int64_t)py_to_double(a[0]);
    civil_from_unix(t, &c);
    if (n > 1 && strchr(text_arg(a[1]), 'e'))
        return py_strf("%3d" "d %02d:%02d:%02d", (int)(t / 86400), c.hour, c.min, c.sec);
    return py_strf("%02d:%02d:%02d", c.hour, c.min, c.sec);
}

/* ---- JSON configuration files, on lib/json ---- */
static pv from_json(const struct json *j)
{
    switch (j->type) {
    case JSON_BOOL: return PV_BOOL(j->boolean);
    case JSON_STRING: return py_str_cstr(j->str);
    case JSON_NUMBER:
        if (j->num == (double)(int64_t)j->num && j->num > -9e15 && j->num < 9e15)
            return py_new_int((int64_t)j->num);
        return py_float_new(j->num);
    case JSON_ARRAY: {
        pv l = py_list_new(0);
        for (const struct json *e = j->child; e; e = e->next)
            py_list_append(l, from_json(e));
        return l;
    }
    case JSON_OBJECT: {
        pv d = py_dict_new();
        for (const struct json *e = j->child; e; e = e->next)
            py_dict_set(d, py_str_cstr(e->key), from_json(e));
        return d;
    }
    default: return PV_NONE;
    }
}

/* o as a JSON tree (malloc'd, the caller frees it); NULL with *bad set for what JSON cannot
 * hold */
static struct json *to_json(pv o, pv *bad)
{
    if (o == PV_NONE)
        return json_new(JSON_NULL);
    if (o == PV_TRUE || o == PV_FALSE) {
        struct json *j = json_new(JSON_BOOL);
        if (j)
            j->boolean = o == PV_TRUE;
        return j;
    }
    if (py_is_int(o) || IS(o, py_float_type))
        return json_new_num(py_to_double(o));
    if (IS(o, py_str_type))
        return json_new_str(py_str_data(o));
    bool is_dict = py_isinstance(o, &py_dict_type);
    if (!is_dict && !py_isinstance(o, &py_list_type) && !py_isinstance(o, &py_tuple_type)) {
        *bad = o;
        return NULL;
    }
    struct json *j = json_new(is_dict ? JSON_OBJECT : JSON_ARRAY);
    pv items = is_dict ? py_list_from_iter(o) : o;
    size_t count;
    pv *item;
    py_seq_items(items, &count, &item);
    for (size_t i = 0; j && i < count; i++) {
        pv key = is_dict ? py_str_of(item[i]) : PV_NULL;
        struct json *child = to_json(is_dict ? py_getitem(o, item[i]) : item[i], bad);
        if (!child) {
            json_free(j);
            return NULL;
        }
        json_add(j, key ? py_str_data(key) : NULL, child);
    }
    return j;
}

/* load_conf_file(path): the JSON file's value; save_conf_file(obj, path) writes one */
static pv u_load_conf_file(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "load_conf_file");
    const char *path = text_arg(a[0]);
    char *text, err[80];
    size_t len;
    int r = file_read_all(path, &text, &len);
    if (r < 0)
        os_error(r, path);
    struct json *j = json_parse(text, err, sizeof err);
    free(text);
    if (!j)
        py_raisef(&py_ValueError_type, "%s: %s", path, err);
    py_try t;
    py_try_begin(&t);
    if (setjmp(t.j.buf)) {
        json_free(j);
        py_raise(py_try_catch(&t));
    }
    pv v = from_json(j);
    py_try_end(&t);
    json_free(j);
    return v;
}

static pv u_save_conf_file(int n, pv *a, pv kw)
{
    py_argcheck(n, 2, 2, "save_conf_file");
    const char *path = text_arg(a[1]);
    pv bad = PV_NULL;
    struct json *j = to_json(a[0], &bad);
    if (!j && bad)
        py_raisef(&py_TypeError_type, "Object of type %s is not JSON serializable", py_type_name(TYPE(bad)));
    char *text = j ? json_to_string(j, 4) : NULL;
    json_free(j);
    if (!text)
        py_raise(py_cur->memerr);
    int r = file_write_all(path, text, strlen(text));
    free(text);
    if (r < 0)
        os_error(r, path);
    return PV_NONE;
}

/* ---- the board file's pins ---- */
static int same_pin(const struct json *m, pv pin)
{
    if (m->type == JSON_NUMBER && py_is_int(pin))
        return m->num == (double)py_int_val(pin);
    return m->type == JSON_STRING && IS(pin, py_str_type) && strcmp(m->str, py_str_data(pin)) == 0;
}

/* getgpio(pin): the GPIO the board file's gpio table gives a board pin (a name or upyOS's
 * physical pin number), 0 when none, as upyOS answers */
static pv u_getgpio(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "getgpio");
    struct json *table = board_get("gpio");
    int gpio = 0;
    for (const struct json *e = table ? table->child : NULL; e && !gpio; e = e->next)
        for (const struct json *m = e->child; m && !gpio; m = m->next)
            if (same_pin(m, a[0]))
                gpio = atoi(m->key);
    json_free(table);
    return MKSMALL(gpio);
}

/* getgpios(bus, index): {role: gpio} for the index-th entry of a bus table ("i2c", 0) */
static pv u_getgpios(int n, pv *a, pv kw)
{
    py_argcheck(n, 2, 2, "getgpios");
    const char *bus = text_arg(a[0]);
    int index = (int)py_to_index(a[1]);
    pv d = py_dict_new();
    struct json *table = board_get(bus);
    const struct json *entry = table ? table->child : NULL;
    for (int i = 0; entry && i < index; i++)
        entry = entry->next;
    for (const struct json *m = entry ? entry->child : NULL; m; m = m->next) {
        int gpio = board_bus_gpio(bus, index, m->key);
        if (gpio >= 0)
            py_dict_set(d, py_str_cstr(m->key), MKSMALL(gpio));
    }
    json_free(table);
    return d;
}

/* mac2Str(mac): "AA:BB:..." */
static pv u_mac2str(int n, pv *a, pv kw)
{
    py_argcheck(n, 1, 1, "mac2Str");
    size_t len;
    const uint8_t *d = py_mod_buffer(a[0], &len);
    py_buf b;
    buf_init(&b, len * 3 + 1);
    for (size_t i = 0; i < len; i++) {
        char hex[2];
        hex_byte(d[i], "0123456789ABCDEF", hex);
        if (i)
            buf_addc(&b, ':');
        buf_add(&b, hex, 2);
    }
    return buf_str(&b);
}

static const py_builtin utls_funcs[] = {
    FUNC(getenv, u_getenv, 1, 2), FUNC(setenv, u_setenv, 2, 2), FUNC(unset, u_unset, 1, 1),
    FUNC(file_exists, u_file_exists, 1, 1), FUNC(isdir, u_isdir, 1, 1), FUNC(isfile, u_isfile, 1, 1),
    FUNC(human, u_human, 1, 1), FUNC(recovery, u_recovery, 0, 0),
    FUNC(get_mode, u_get_mode, 0, ANY), FUNC(get_stat, u_get_stat, 0, ANY), FUNC(protected, u_protected, 0, ANY),
    FUNC(sha1_q, u_sha1, 0, ANY), FUNC(log_dummy, u_log, 0, ANY), FUNC(date2s, u_date2s, 0, ANY),
    FUNC(time2s, u_time2s, 0, ANY), FUNC(load_conf_file, u_load_conf_file, 0, ANY), FUNC(save_conf_file, u_save_conf_file, 0, ANY),
    FUNC(getgpio, u_getgpio, 0, ANY), FUNC(getgpios, u_getgpios, 0, ANY), FUNC(mac2Str, u_mac2str, 0, ANY),
    METHODS_END };

static pv make_utls(pv module)
{
    py_mod_add(module, utls_funcs);
    return module;
}

const py_native_module shell_python_modules[] = {
    { "machine", py_mod_machine },
    { "socket", py_mod_socket },
    { "select", py_mod_select },
    { "sdata", make_sdata },
    { "utls", make_utls },
    { NULL, NULL },
};

#endif
