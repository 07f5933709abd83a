/* File objects for open(): text (str, UTF-8) or binary (bytes), read through a small buffer,
 * on the embedder's file calls (the VFS on the OS, stdio in pyrun). */
#include <string.h>
#include "py/obj.h"

typedef struct {
    const py_type *type;
    void *h;
    pv name, mode;
    bool binary, readable, writable, closed;
    char *buf;                /* read-ahead */
    size_t blen, bpos;
} py_file;
extern const py_type py_file_type;
#define F(v) ((py_file *)(v))
static void file_mark(pv o, gc_heap *h) { gc_mark(h, F(o)->name); gc_mark(h, F(o)->mode); gc_mark_ptr(h, F(o)->buf); }

_Noreturn void py_os_error(int err, pv path);
static _Noreturn void os_error(int err, pv path) { py_os_error(err, path); }
_Noreturn void py_os_error(int err, pv path) {
    const py_type *t = err == 2 ? &py_FileNotFoundError_type : err == 13 ? &py_PermissionError_type :
                       err == 17 ? &py_FileExistsError_type : err == 21 ? &py_IsADirectoryError_type :
                       err == 20 ? &py_NotADirectoryError_type : &py_OSError_type;
    if (err == 39) t = &py_OSError_type;
    const char *msg = err == 2 ? "No such file or directory" : err == 13 ? "Permission denied" : err == 17 ? "File exists" :
                      err == 21 ? "Is a directory" : err == 20 ? "Not a directory" : err == 39 ? "Directory not empty" : "I/O error";
    pv e = py_exc_new(t, PV_NULL);
    pv args = py_tuple_new(path ? 3 : 2);
    TUPLE(args)->items[0] = MKSMALL(err);
    TUPLE(args)->items[1] = py_str_cstr(msg);
    if (path) TUPLE(args)->items[2] = path;
    ((py_exc *)e)->args = args;
    py_setattr(e, QS(errno), MKSMALL(err));
    py_setattr(e, QS(strerror), TUPLE(args)->items[1]);
    py_setattr(e, QS(filename), path ? path : PV_NONE);
    py_raise(e);
}

pv py_open(int n, pv *a, pv kw) {
    py_vm *vm = py_cur;
    pv path = n > 0 ? a[0] : py_kw_get(kw, Q_file);
    pv mode = n > 1 ? a[1] : py_kw_get(kw, Q_mode);
    if (!path || !IS(path, py_str_type)) py_raisef(&py_TypeError_type, "expected str, bytes or os.PathLike object");
    const char *m = mode ? py_str_data(mode) : "r";
    bool r = false, w = false, ap = false, x = false, b = false, plus = false, t = false;
    for (const char *c = m; *c; c++) {
        switch (*c) {
        case 'r': r = true; break;
        case 'w': w = true; break;
        case 'a': ap = true; break;
        case 'x': x = true; break;
        case 'b': b = true; break;
        case 't': t = true; break;
        case '+': plus = true; break;
        default: py_raisef(&py_ValueError_type, "invalid mode: '%s'", m);
        }
    }
    if ((r + w + ap + x) != 1 || (b && t)) py_raisef(&py_ValueError_type, "invalid mode: '%s'", m);
    if (!vm->io.fopen) os_error(2, path);
    char cm[4] = { r ? 'r' : w ? 'w' : ap ? 'a' : 'x', 'b', plus ? '+' : 0, 0 };
    if (x) { cm[0] = 'w'; }
    /* the object first: once the file is open nothing may allocate (and so raise
     * MemoryError), or its handle would stay open with nothing that closes it */
    py_file *f = NEW(py_file, py_file_type);
    f->closed = true;
    f->name = path;
    f->mode = mode ? mode : py_str_cstr("r");
    int err = 0;
    void *h = vm->io.fopen(vm->io.ctx, py_str_data(path), cm, &err);
    if (!h) os_error(err ? err : 2, path);
    f->h = h;
    f->closed = false;
    f->binary = b;
    f->readable = r || plus;
    if (ap && py_cur->io.fseek) py_cur->io.fseek(py_cur->io.ctx, h, 0, 2);
    f->writable = w || ap || x || plus;
    return (pv)f;
}

static py_file *checked(pv o, bool rd, bool wr) {
    py_file *f = F(o);
    if (f->closed) py_raisef(&py_ValueError_type, "I/O operation on closed file.");
    if (rd && !f->readable) py_raise(py_exc_new(&py_OSError_type, py_str_cstr("not readable")));
    if (wr && !f->writable) py_raise(py_exc_new(&py_OSError_type, py_str_cstr("not writable")));
    return f;
}
/* fills the read-ahead; false at end of file */
static bool fill(py_file *f) {
    if (f->bpos < f->blen) return true;
    if (!f->buf) f->buf = gc_alloc(512, GC_RAW);
    long got = py_cur->io.fread(py_cur->io.ctx, f->h, f->buf, 512);
    f->bpos = 0;
    f->blen = got > 0 ? (size_t)got : 0;
    return f->blen > 0;
}
/* what a read gives: bytes, or text decoded as UTF-8, strictly as CPython's default (a str
 * holds well-formed UTF-8 only, which the str and re code rely on) */
static pv make(py_file *f, const char *p, size_t n) {
    return f->binary ? py_bytes_new(&py_bytes_type, p, n) : py_decode((const uint8_t *)p, n, PV_NULL, PV_NULL);
}
static pv file_read(int n, pv *a, pv kw) {
    py_file *f = checked(a[0], true, false);
    pint want = n > 1 && a[1] != PV_NONE ? py_to_index(a[1]) : -1;
    py_buf b;
    buf_init(&b, 64);
    pint chars = 0;
    while ((want < 0 || chars < want) && fill(f)) {
        if (f->binary || want < 0) {
            size_t take = f->blen - f->bpos;
            if (want >= 0 && (pint)take > want - chars) take = (size_t)(want - chars);
            buf_add(&b, f->buf + f->bpos, take);
            f->bpos += take;
            chars += (pint)take;
        } else {
            /* text: count characters, not bytes */
            char c = f->buf[f->bpos++];
            buf_addc(&b, c);
            if (((uint8_t)c & 0xc0) != 0x80) {
                chars++;
                /* take the rest of a multibyte character */
                while (fill(f) && ((uint8_t)f->buf[f->bpos] & 0xc0) == 0x80) buf_addc(&b, f->buf[f->bpos++]);
            }
        }
    }
    return make(f, b.p, b.n);
}
static pv readline_impl(py_file *f) {
    py_buf b;
    buf_init(&b, 64);
    while (fill(f)) {
        char c = f->buf[f->bpos++];
        buf_addc(&b, c);
        if (c == '\n') break;
    }
    return make(f, b.p, b.n);
}
static pv file_readline(int n, pv *a, pv kw) { return readline_impl(checked(a[0], true, false)); }
static pv file_readlines(int n, pv *a, pv kw) {
    py_file *f = checked(a[0], true, false);
    pv l = py_list_new(0);
    for (;;) {
        pv s = readline_impl(f);
        if (!py_len(s)) break;
        py_list_append(l, s);
    }
    return l;
}
/* drops the read-ahead, moving the file back to the position the program has read to */
static void unread(py_file *f) {
    if (f->bpos < f->blen && py_cur->io.fseek) py_cur->io.fseek(py_cur->io.ctx, f->h, -(long)(f->blen - f->bpos), 1);
    f->bpos = f->blen = 0;
}
static pv file_seek(int n, pv *a, pv kw) {
    py_file *f = checked(a[0], false, false);
    pint off = py_to_index(a[1]);
    int whence = n > 2 ? (int)py_to_index(a[2]) : 0;
    if (!py_cur->io.fseek) py_raise(py_exc_new(&py_OSError_type, py_str_cstr("not seekable")));
    if (!f->binary && (whence == 1 || whence == 2) && off != 0) py_raise(py_exc_new(&py_OSError_type, py_str_cstr(whence == 1 ? "can't do nonzero cur-relative seeks" : "can't do nonzero end-relative seeks")));
    unread(f);
    long r = py_cur->io.fseek(py_cur->io.ctx, f->h, (long)off, whence);
    if (r < 0) py_raise(py_exc_new(&py_OSError_type, py_str_cstr("seek failed")));
    return MKSMALL(r);
}
static pv file_tell(int n, pv *a, pv kw) {
    py_file *f = checked(a[0], false, false);
    if (!py_cur->io.fseek) py_raise(py_exc_new(&py_OSError_type, py_str_cstr("not seekable")));
    long r = py_cur->io.fseek(py_cur->io.ctx, f->h, 0, 1);
    return MKSMALL(r - (long)(f->blen - f->bpos));
}
static pv file_write(int n, pv *a, pv kw);
static pv file_writelines(int n, pv *a, pv kw) {
    pv it = py_iter(a[1]), s;
    while ((s = py_next(it))) { pv args[2] = { a[0], s }; file_write(2, args, PV_NULL); }
    return PV_NONE;
}
static pv file_write(int n, pv *a, pv kw) {
    py_file *f = checked(a[0], false, true);
    unread(f);
    pv s = a[1];
    const char *p;
    size_t len;
    pint result;
    if (f->binary) {
        if (!IS(s, py_bytes_type) && !IS(s, py_bytearray_type)) py_raisef(&py_TypeError_type, "a bytes-like object is required, not '%s'", py_type_name(TYPE(s)));
        p = (const char *)((py_bytes *)s)->data;
        len = ((py_bytes *)s)->len;
        result = (pint)len;
    } else {
        if (!IS(s, py_str_type)) py_raisef(&py_TypeError_type, "write() argument must be str, not %s", py_type_name(TYPE(s)));
        p = py_str_data(s);
        len = py_str_len(s);
        result = py_len(s);
    }
    if (py_cur->io.fwrite(py_cur->io.ctx, f->h, p, len) < (long)len) py_raise(py_exc_new(&py_OSError_type, py_str_cstr("write failed")));
    return MKSMALL(result);
}
static pv file_close(int n, pv *a, pv kw) {
    py_file *f = F(a[0]);
    if (!f->closed) { f->closed = true; py_cur->io.fclose(py_cur->io.ctx, f->h); }
    return PV_NONE;
}
static pv file_enter(int n, pv *a, pv kw) { checked(a[0], false, false); return a[0]; }
static pv file_exit(int n, pv *a, pv kw) { file_close(1, a, kw); return PV_FALSE; }
static pv file_flush(int n, pv *a, pv kw) { checked(a[0], false, false); return PV_NONE; }
static pv file_next(pv o) {
    py_file *f = checked(o, true, false);
    pv s = readline_impl(f);
    return py_len(s) ? s : PV_NULL;
}
static pv self_iter(pv o) { checked(o, false, false); return o; }
static pv file_getattr(pv o, pv name) {
    if (name == QS(name)) return F(o)->name;
    if (name == QS(mode)) return F(o)->mode;
    if (name == py_intern("closed", 6)) return PV_BOOL(F(o)->closed);
    return PV_NULL;
}
static pv file_repr(pv o) {
    return py_strf("<_io.%s name=%s mode='%s'>", F(o)->binary ? "BufferedReader" : "TextIOWrapper", py_str_data(py_repr(F(o)->name)), py_str_data(F(o)->mode));
}
static const py_builtin file_methods[] = {
    METHOD(read, file_read, 0, 1), METHOD(readline, file_readline, 0, 1),
    METHOD(readlines_dummy, file_readlines, 0, 1), METHOD(write, file_write, 1, 1), METHOD(close, file_close, 0, 0),
    METHOD(__enter__, file_enter, 0, 0), METHOD(__exit__, file_exit, 0, ANY), METHOD(flush, file_flush, 0, 0),
    METHOD(seek_q, file_seek, 1, 2), METHOD(tell_q, file_tell, 0, 0), METHOD(writelines_q, file_writelines, 1, 1),
    METHODS_END };
const py_type py_file_type = { &py_type_type, "TextIOWrapper", .base = &py_object_type, .methods = file_methods,
    .repr = file_repr, .iter = self_iter, .next = file_next, .getattr = file_getattr, .mark = file_mark };

/* py_destroy: a file the program left open gives its handle back to the embedder. */
void py_file_release(py_vm *vm, pobj *o) {
    if (o->type != &py_file_type || F(o)->closed) return;
    F(o)->closed = true;
    if (vm->io.fclose) vm->io.fclose(vm->io.ctx, F(o)->h);
}
