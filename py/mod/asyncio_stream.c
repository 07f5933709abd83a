/* asyncio's streams over TCP sockets: open_connection, start_server and the Stream that is
 * both the reader and the writer of a connection, as MicroPython's asyncio has it (CPython's
 * two classes have the same methods). A read is an awaitable that tries the socket without
 * waiting and, when nothing is there, parks its task until the socket is readable (the loop
 * polls the sockets of such tasks when nothing else can run), so a task waiting for data
 * never blocks the others. Bytes read beyond what a read asked for wait in the stream for
 * the next. write() sends at once (the HAL's send gives all of it), so drain() has nothing to
 * wait for. A server is a task of its own that accepts connections and starts a task of the
 * program's callback for each. */
#include <string.h>
#include "py/mod/mod.h"
#include "py/mod/asyncio.h"
#include "hal/net.h"
#include "lib/err.h"

#define CHUNK 256               /* bytes taken from the socket at a time */

typedef struct {
    const py_type *type;
    pv sock;                    /* the socket object; PV_NULL once closed */
    pv peer;                    /* (host, port) of the other end */
    pv ahead;                   /* bytes read but not yet asked for */
    size_t taken;               /* of ahead */
    bool eof;
} stream_obj;

enum { READ_SOME, READ_ALL, READ_LINE, READ_EXACTLY };
/* The awaitables (py_asyncio_aw): a read's and a connect's ref is their stream. */
typedef struct { py_asyncio_aw aw; uint8_t kind; pint n; } read_obj;
typedef struct { py_asyncio_aw aw; uint32_t addr; uint16_t port; } connect_obj;
typedef struct { const py_type *type; pv sock, callback, task; bool closed; } server_obj;

static const py_type stream_type, server_type;

#define SELF(T) ((T *)a[0])
#define STREAM(aw) ((stream_obj *)(aw)->ref)

/* ---- an await that completes at once with a value, its ref (drain, wait_closed,
 * start_server) ---- */

static pv value_next(pv o) { return py_asyncio_complete(((py_asyncio_aw *)o)->ref); }
static pv value(pv v) { return py_asyncio_awaitable(sizeof(py_asyncio_aw), value_next, v); }

/* ---- the stream ---- */

static pv stream_new(pv sock, pv peer) {
    stream_obj *s = NEW(stream_obj, stream_type);
    s->sock = sock;
    s->peer = peer;
    return (pv)s;
}

static int handle_of(stream_obj *s) {
    if (!s->sock) py_socket_error(ERR_BADF);
    return py_socket_handle(s->sock);
}

static size_t ahead_len(stream_obj *s) { return s->ahead ? ((py_bytes *)s->ahead)->len - s->taken : 0; }
static const uint8_t *ahead_data(stream_obj *s) { return (const uint8_t *)((py_bytes *)s->ahead)->data + s->taken; }

/* The next n bytes read ahead (n <= ahead_len), taken. */
static pv take(stream_obj *s, size_t n) {
    pv b = py_bytes_new(&py_bytes_type, n ? ahead_data(s) : NULL, n);
    s->taken += n;
    if (s->taken == (s->ahead ? ((py_bytes *)s->ahead)->len : 0)) { s->ahead = PV_NULL; s->taken = 0; }
    return b;
}

/* One try at more bytes: > 0 read (added to ahead), 0 at the end, ERR_TIMEOUT when none yet. */
static int fill(stream_obj *s) {
    uint8_t chunk[CHUNK];
    int r = py_net()->sock_recv(handle_of(s), chunk, sizeof chunk, 0);
    if (r == 0) s->eof = true;
    if (r <= 0) return r;
    size_t had = ahead_len(s);
    pv b = py_bytes_new(&py_bytes_type, NULL, had + (size_t)r);
    if (had) memcpy(((py_bytes *)b)->data, ahead_data(s), had);
    memcpy(((py_bytes *)b)->data + had, chunk, (size_t)r);
    s->ahead = b;
    s->taken = 0;
    return r;
}

static _Noreturn void incomplete(stream_obj *s, pint expected) {
    size_t got = ahead_len(s);
    pv partial = take(s, got);
    pv args[1] = { py_strf("%d bytes read on a total of %d expected bytes", (int)got, (int)expected) };
    pv x = py_call((pv)&py_asyncio_IncompleteReadError_type, 1, args, PV_NULL);
    py_setattr(x, QS(partial), partial);
    py_setattr(x, QS(expected), py_new_int(expected));
    py_raise(x);
}

/* What the read gives with the bytes read ahead so far, or PV_NULL when it needs more. */
static pv answer(read_obj *r) {
    stream_obj *s = STREAM(&r->aw);
    size_t have = ahead_len(s);
    switch (r->kind) {
    case READ_SOME:
        if (have || s->eof || !r->n) return take(s, (size_t)r->n < have ? (size_t)r->n : have);
        return PV_NULL;
    case READ_ALL:
        return s->eof ? take(s, have) : PV_NULL;
    case READ_LINE: {
        const uint8_t *nl = have ? memchr(ahead_data(s), '\n', have) : NULL;
        if (nl) return take(s, (size_t)(nl - ahead_data(s)) + 1);
        return s->eof ? take(s, have) : PV_NULL;
    }
    default:
        if (have >= (size_t)r->n) return take(s, (size_t)r->n);
        if (s->eof) incomplete(s, r->n);
        return PV_NULL;
    }
}

static pv read_next(pv o) {
    read_obj *r = (read_obj *)o;
    for (;;) {
        pv got = answer(r);
        if (got) return py_asyncio_complete(got);
        int n = fill(STREAM(&r->aw));
        if (n == ERR_TIMEOUT) return py_asyncio_wait_io(o, handle_of(STREAM(&r->aw)), HAL_POLL_IN);
        if (n < 0) py_socket_error(n);
    }
}

static pv read_op(pv s, int kind, pint n) {
    read_obj *r = (read_obj *)py_asyncio_awaitable(sizeof(read_obj), read_next, s);
    r->kind = (uint8_t)kind;
    r->n = n;
    return (pv)r;
}

/* read(n=-1): up to n bytes as soon as some are there, everything to the end with -1 */
static pv st_read(int n, pv *a, pv kw) {
    pint want = n > 1 ? py_to_index(a[1]) : -1;
    return read_op(a[0], want < 0 ? READ_ALL : READ_SOME, want);
}

static pv st_readline(int n, pv *a, pv kw) { return read_op(a[0], READ_LINE, 0); }

static pv st_readexactly(int n, pv *a, pv kw) {
    pint want = py_to_index(a[1]);
    if (want < 0) py_raisef(&py_ValueError_type, "readexactly size can not be less than zero");
    return read_op(a[0], READ_EXACTLY, want);
}

static pv st_write(int n, pv *a, pv kw) {
    stream_obj *s = SELF(stream_obj);
    size_t len;
    const uint8_t *data = py_mod_buffer(a[1], &len);
    if (len) {
        int r = py_net()->sock_send(handle_of(s), data, len);
        if (r < 0) py_socket_error(r);
    }
    return PV_NONE;
}

static pv st_drain(int n, pv *a, pv kw) { return value(PV_NONE); }

static pv st_close(int n, pv *a, pv kw) {
    stream_obj *s = SELF(stream_obj);
    pv sock = s->sock;
    s->sock = PV_NULL;
    if (sock) py_call0(py_getattr(sock, QS(close)));
    return PV_NONE;
}

static pv st_is_closing(int n, pv *a, pv kw) { return PV_BOOL(!SELF(stream_obj)->sock); }

/* get_extra_info(name, default=None): peername, sockname, socket */
static pv st_get_extra_info(int n, pv *a, pv kw) {
    stream_obj *s = SELF(stream_obj);
    pv name = a[1], dflt = n > 2 ? a[2] : PV_NONE;
    if (py_eq(name, QS(peername))) return s->peer;
    if (!s->sock) return dflt;
    if (py_eq(name, QS(socket))) return s->sock;
    if (py_eq(name, QS(sockname))) return py_call0(py_getattr(s->sock, QS(getsockname)));
    return dflt;
}

static void stream_mark(pv o, gc_heap *h) {
    stream_obj *s = (stream_obj *)o;
    gc_mark(h, s->sock); gc_mark(h, s->peer); gc_mark(h, s->ahead);
}

static const py_builtin stream_methods[] = {
    METHOD_KW(read, st_read, 0, 1), METHOD(readline, st_readline, 0, 0), METHOD_KW(readexactly, st_readexactly, 1, 1),
    METHOD_KW(write, st_write, 1, 1), METHOD(drain, st_drain, 0, 0), METHOD(close, st_close, 0, 0),
    METHOD(wait_closed, st_drain, 0, 0), METHOD(is_closing, st_is_closing, 0, 0),
    METHOD_KW(get_extra_info, st_get_extra_info, 1, 2), METHODS_END };
static const py_type stream_type = { &py_type_type, "Stream", .base = &py_object_type,
    .methods = stream_methods, .mark = stream_mark };

/* ---- open_connection(host, port): (reader, writer) once connected ---- */

static pv connect_next(pv o) {
    connect_obj *c = (connect_obj *)o;
    int r = py_net()->sock_connect(handle_of(STREAM(&c->aw)), c->addr, c->port, 0);
    if (r == ERR_TIMEOUT) return py_asyncio_wait_io(o, handle_of(STREAM(&c->aw)), HAL_POLL_OUT);
    if (r < 0) {
        st_close(1, &c->aw.ref, PV_NULL);
        py_socket_error(r);
    }
    pv pair = py_tuple_new(2);
    TUPLE(pair)->items[0] = TUPLE(pair)->items[1] = c->aw.ref;
    return py_asyncio_complete(pair);
}


static pv as_open_connection(int n, pv *a, pv kw) {
    uint32_t addr = py_socket_resolve(a[0]);
    uint16_t port = py_socket_port(a[1]);
    pv sock = py_call0((pv)&py_socket_type);     /* no network: socket's OSError */
    pv s = stream_new(sock, py_socket_address(addr, port));
    connect_obj *c = (connect_obj *)py_asyncio_awaitable(sizeof(connect_obj), connect_next, s);
    c->addr = addr;
    c->port = port;
    return (pv)c;
}

/* ---- start_server(callback, host, port, backlog=5): a Server, serving in a task (backlog
 * by position as in MicroPython, or by keyword as in CPython) ---- */

static pv server_next(pv o) {
    server_obj *v = (server_obj *)o;
    while (!v->closed) {
        pv conn = PV_NULL, peer = PV_NULL;
        int r = py_socket_accept_now(v->sock, &conn, &peer);
        if (r == ERR_TIMEOUT) return py_asyncio_wait_io(o, py_socket_handle(v->sock), HAL_POLL_IN);
        if (r < 0) py_socket_error(r);
        pv s = stream_new(conn, peer);
        pv args[2] = { s, s };
        pv started = py_call(v->callback, 2, args, PV_NULL);
        if (IS(started, py_coro_type)) py_asyncio_spawn(started);
    }
    return py_asyncio_complete(PV_NONE);
}

static pv as_start_server(int n, pv *a, pv kw) {
    pv host = a[1];
    uint32_t addr = host == PV_NONE ? 0 : py_socket_resolve(host);
    uint16_t port = py_socket_port(a[2]);
    int backlog = (int)py_to_index(py_mod_arg(n, a, kw, 3, Q_backlog, MKSMALL(5)));
    server_obj *v = NEW(server_obj, server_type);
    v->callback = a[0];
    v->sock = py_call0((pv)&py_socket_type);
    int h = py_socket_handle(v->sock), r = py_net()->sock_bind(h, addr, port);
    if (r >= 0) r = py_net()->sock_listen(h, backlog < 1 ? 1 : backlog);
    if (r < 0) {
        py_call0(py_getattr(v->sock, QS(close)));
        py_socket_error(r);
    }
    v->task = py_asyncio_spawn((pv)v);
    return value((pv)v);
}

/* close(): no more connections; those made go on */
static pv sv_close(int n, pv *a, pv kw) {
    server_obj *v = SELF(server_obj);
    if (v->closed) return PV_NONE;
    v->closed = true;
    py_call0(py_getattr(v->sock, QS(close)));
    py_asyncio_wake(v->task);
    return PV_NONE;
}

/* wait_closed() and serve_forever(): the server's task, which ends when it is closed */
static pv sv_task(int n, pv *a, pv kw) { return SELF(server_obj)->task; }
static pv sv_aenter(int n, pv *a, pv kw) { return value(a[0]); }
static pv sv_aexit(int n, pv *a, pv kw) {
    sv_close(1, a, PV_NULL);
    return SELF(server_obj)->task;
}

/* sockets: the listening socket, none once closed */
static pv server_getattr(pv o, pv name) {
    server_obj *v = (server_obj *)o;
    if (name != QS(sockets)) return PV_NULL;
    pv t = py_tuple_new(v->closed ? 0 : 1);
    if (!v->closed) TUPLE(t)->items[0] = v->sock;
    return t;
}

static void server_mark(pv o, gc_heap *h) {
    server_obj *v = (server_obj *)o;
    gc_mark(h, v->sock); gc_mark(h, v->callback); gc_mark(h, v->task);
}

static const py_builtin server_methods[] = {
    METHOD(close, sv_close, 0, 0), METHOD(wait_closed, sv_task, 0, 0), METHOD(serve_forever, sv_task, 0, 0),
    METHOD(__aenter__, sv_aenter, 0, 0), METHOD(__aexit__, sv_aexit, 0, ANY), METHODS_END };
static const py_type server_type = { &py_type_type, "Server", .base = &py_object_type,
    .methods = server_methods, .next = server_next, .getattr = server_getattr,
    .mark = server_mark };

static const py_builtin functions[] = {
    FUNC_KW(open_connection, as_open_connection, 2, 2), FUNC_KW(start_server, as_start_server, 3, 4),
    MOBJ(StreamReader, stream_type), MOBJ(StreamWriter, stream_type), METHODS_END };

void py_asyncio_streams(pv module) {
    py_mod_add(module, functions);
}
