/* io (uio): StringIO and BytesIO, files in memory (one growable buffer and a position), open
 * (the builtin) and IOBase, a class for a program's own streams. StringIO keeps UTF-8 and
 * counts its sizes and positions in characters, as CPython does. */
#include <string.h>
#include "py/mod/mod.h"

#define BI(name) static pv name(int n, pv *a, pv kw)
extern const py_type py_stringio_type, py_bytesio_type;
typedef struct { const py_type *type; char *data; size_t len, cap, pos; bool closed; } mem_file;
#define MF(v) ((mem_file *)(v))

static bool is_text(const mem_file *f) { return f->type == &py_stringio_type; }
static mem_file *open_file(pv v) {
    /* CPython ends the sentence for BytesIO only */
    if (MF(v)->closed) py_raisef(&py_ValueError_type, is_text(MF(v)) ? "I/O operation on closed file" : "I/O operation on closed file.");
    return MF(v);
}
static pv content(const mem_file *f, size_t from, size_t to) {
    const char *d = f->data ? f->data + from : "";      /* nothing written yet: no buffer */
    if (is_text(f)) return py_str_new(d, to - from);
    return py_bytes_new(&py_bytes_type, d, to - from);
}
/* the byte offset chars characters after from (StringIO), or from + chars; at most the end */
static size_t advance(const mem_file *f, size_t from, pint chars) {
    if (chars < 0) return f->len;
    if (!is_text(f)) return from + (size_t)chars < f->len ? from + (size_t)chars : f->len;
    size_t at = from;
    while (at < f->len && chars > 0) {
        at++;
        while (at < f->len && ((uint8_t)f->data[at] & 0xc0) == 0x80) at++;
        chars--;
    }
    return at;
}
static pint size_arg(int n, pv *a) { return n > 1 && a[1] != PV_NONE ? py_to_index(a[1]) : -1; }

BI(mf_write) {
    mem_file *f = open_file(a[0]);
    if (is_text(f) != IS(a[1], py_str_type))
        py_raisef(&py_TypeError_type, is_text(f) ? "string argument expected, got '%s'" : "a bytes-like object is required, not '%s'", py_type_name(TYPE(a[1])));
    size_t len;
    const uint8_t *d = py_mod_buffer(a[1], &len);
    size_t end = f->pos + len;
    if (!len) return MKSMALL(0);
    if (end > f->cap) {
        size_t cap = f->cap * 2 > end ? f->cap * 2 : end + 16;
        f->data = gc_realloc(f->data, cap, GC_RAW);
        f->cap = cap;
    }
    if (f->pos > f->len) memset(f->data + f->len, 0, f->pos - f->len);   /* a seek past the end */
    memcpy(f->data + f->pos, d, len);
    f->pos = end;
    if (end > f->len) f->len = end;
    return MKSMALL(is_text(f) ? py_len(a[1]) : (pint)len);
}
BI(mf_read) {
    mem_file *f = open_file(a[0]);
    size_t from = f->pos < f->len ? f->pos : f->len, to = advance(f, from, size_arg(n, a));
    f->pos = to > f->pos ? to : f->pos;
    return content(f, from, to);
}
static pv readline_from(mem_file *f, pint limit) {
    size_t from = f->pos < f->len ? f->pos : f->len, to = advance(f, from, limit);
    const char *nl = to > from ? memchr(f->data + from, '\n', to - from) : NULL;
    if (nl) to = (size_t)(nl - f->data) + 1;
    f->pos = to > f->pos ? to : f->pos;
    return content(f, from, to);
}
BI(mf_readline) { return readline_from(open_file(a[0]), size_arg(n, a)); }
/* readlines(hint=-1): lines until their total length passes hint (BytesIO: reaches it, as
 * CPython's do), all of them without one */
BI(mf_readlines) {
    mem_file *f = open_file(a[0]);
    pint hint = size_arg(n, a), total = 0;
    pv l = py_list_new(0);
    while (f->pos < f->len && (hint <= 0 || total < hint + is_text(f))) {
        pv line = readline_from(f, -1);
        total += py_len(line);
        py_list_append(l, line);
    }
    return l;
}
BI(mf_writelines) {
    pv it = py_iter(a[1]), line;
    while ((line = py_next(it))) { pv args[2] = { a[0], line }; mf_write(2, args, PV_NULL); }
    return PV_NONE;
}
BI(mf_getvalue) { mem_file *f = open_file(a[0]); return content(f, 0, f->len); }
BI(mf_tell) {
    mem_file *f = open_file(a[0]);
    if (!is_text(f) || f->pos > f->len) return py_new_int((int64_t)f->pos);
    return py_new_int((pint)py_mod_chars(f->data, f->pos));
}
/* seek(offset, whence=0): StringIO only from the start, or by 0 from here or the end */
BI(mf_seek) {
    mem_file *f = open_file(a[0]);
    pint off = py_to_index(a[1]), whence = n > 2 ? py_to_index(a[2]) : 0;
    if (whence < 0 || whence > 2) py_raisef(&py_ValueError_type, "invalid whence (%d, should be 0, 1 or 2)", (int)whence);
    if (is_text(f) && whence && off) py_raisef(&py_OSError_type, "Can't do nonzero cur-relative seeks");
    if (whence == 0 && off < 0) py_raisef(&py_ValueError_type, "negative seek value %d", (int)off);
    pint base = whence == 0 ? 0 : whence == 1 ? (pint)f->pos : (pint)f->len;
    pint to = base + off < 0 ? 0 : base + off;
    if (is_text(f) && whence == 0) {
        size_t at = advance(f, 0, to);
        pint chars = (pint)py_mod_chars(f->data, at);
        f->pos = at + (size_t)(to - chars);           /* past the end: counted in bytes */
    } else f->pos = (size_t)to;
    return mf_tell(1, a, PV_NULL);
}
BI(mf_close) { MF(a[0])->closed = true; return PV_NONE; }
BI(mf_flush) { open_file(a[0]); return PV_NONE; }
BI(mf_enter) { return (pv)open_file(a[0]); }
BI(mf_exit) { MF(a[0])->closed = true; return PV_FALSE; }
static pv mf_iter(pv o) { return (pv)open_file(o); }
static pv mf_next(pv o) {
    mem_file *f = open_file(o);
    return f->pos < f->len ? readline_from(f, -1) : PV_NULL;
}
static pv mf_getattr(pv o, pv name) {
    if (name == py_intern("closed", 6)) return PV_BOOL(MF(o)->closed);
    return PV_NULL;
}
static void mf_mark(pv o, gc_heap *h) { gc_mark_ptr(h, MF(o)->data); }
static pv mf_make(const py_type *t, int n, pv *a, pv kw) {
    mem_file *f = (mem_file *)py_new_obj(sizeof(mem_file), t);
    pv init = n > 0 ? a[0] : py_kw_get(kw, t == &py_stringio_type ? Q_initial_value : Q_initial_bytes);
    if (init && init != PV_NONE) {
        pv args[2] = { (pv)f, init };
        mf_write(2, args, PV_NULL);
        f->pos = 0;
    }
    return (pv)f;
}
static pv mf_repr(pv o) { return py_strf("<_io.%s object>", MF(o)->type->cname); }
static const py_builtin mf_methods[] = { METHOD(write, mf_write, 1, 1), METHOD(read, mf_read, 0, 1), METHOD(readline, mf_readline, 0, 1),
    METHOD(readlines_dummy, mf_readlines, 0, 1), METHOD(writelines_q, mf_writelines, 1, 1), METHOD(getvalue, mf_getvalue, 0, 0),
    METHOD(seek_q, mf_seek, 1, 2), METHOD(tell_q, mf_tell, 0, 0), METHOD(close, mf_close, 0, 0), METHOD(flush, mf_flush, 0, 0),
    METHOD(__enter__, mf_enter, 0, 0), METHOD(__exit__, mf_exit, 0, ANY), METHODS_END };
const py_type py_stringio_type = { &py_type_type, "StringIO", .base = &py_object_type, .methods = mf_methods,
    .flags = TF_KW, .make = mf_make, .repr = mf_repr, .iter = mf_iter, .next = mf_next, .getattr = mf_getattr, .mark = mf_mark };
const py_type py_bytesio_type = { &py_type_type, "BytesIO", .base = &py_object_type, .methods = mf_methods,
    .flags = TF_KW, .make = mf_make, .repr = mf_repr, .iter = mf_iter, .next = mf_next, .getattr = mf_getattr, .mark = mf_mark };

pv py_mod_io(pv m) {
    py_mod_set(m, "StringIO", (pv)&py_stringio_type);
    py_mod_set(m, "BytesIO", (pv)&py_bytesio_type);
    py_mod_set(m, "open", py_builtin_get(QS(open)));
    py_mod_set(m, "IOBase", py_mod_class(py_intern("io", 2), py_intern("IOBase", 6), &py_object_type, py_dict_new()));
    return m;
}
