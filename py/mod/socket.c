/* socket (usocket): TCP and UDP over IPv4 on the HAL's sockets (include/hal/net.h), with
 * MicroPython's and CPython's names. py/ may not include net/socket.h (layers.txt), so this
 * file keeps that API's two promises itself: a blocking call waits in slices with the
 * interpreter's poll between them (a held program waits there, a kill or Ctrl-C ends the
 * wait), and a socket the program leaves open is closed when its interpreter ends, which a
 * kill reaches too (py_event_on_end). A port without a network says so when a socket is
 * made. Errors are OSError with Linux's errno numbers; a time-out is TimeoutError and a
 * refused connection ConnectionRefusedError, CPython's subclasses of OSError. */
#include <string.h>
#include "py/mod/mod.h"
#include "hal/net.h"
#include "hal/time.h"
#include "lib/err.h"

#define SLICE_MS 50             /* longest wait between two polls: how soon a kill is seen */
enum { FAMILY_INET = 2, FAMILY_INET6 = 10, TYPE_STREAM = 1, TYPE_DGRAM = 2, TYPE_RAW = 3,
       LEVEL_SOCKET = 1, OPT_REUSEADDR = 2, PROTO_TCP = 6, PROTO_UDP = 17, OPT_NODELAY = 1 };
enum { E_BADF = 9, E_AGAIN = 11, E_INVAL = 22, E_NODEV = 19, E_NOPROTOOPT = 92,
       E_AFNOSUPPORT = 97, E_INPROGRESS = 115 };

typedef struct {
    const py_type *type;
    int handle;                 /* the HAL's socket, -1 once closed */
    int kind;                   /* TYPE_STREAM or TYPE_DGRAM */
    int timeout_ms;             /* < 0 blocking, 0 non-blocking */
    py_event *end;              /* closes the socket when the interpreter ends */
    const struct netif_ops *net;    /* its network: kept, as the end may come on no VM's thread */
} socket_obj;

extern const py_type py_socket_type;
extern uintptr_t py_id_hash(pv o);

/* ---- errors ---- */
static const struct {
    int err, no;
    const py_type *type;
    const char *text;
} errors[] = {
    { ERR_TIMEOUT, 110, &py_TimeoutError_type, "timed out" },
    { ERR_CONNREFUSED, 111, &py_ConnectionRefusedError_type, "Connection refused" },
    { ERR_CLOSED, 104, &py_ConnectionResetError_type, "Connection reset by peer" },
    { ERR_AGAIN, E_AGAIN, &py_BlockingIOError_type, "Resource temporarily unavailable" },
    { ERR_BUSY, 98, &py_OSError_type, "Address already in use" },
    { ERR_PERM, 13, &py_PermissionError_type, "Permission denied" },
    { ERR_NOTFOUND_HOST, -2, &py_OSError_type, "Name or service not known" },
    { ERR_NODEV, E_NODEV, &py_OSError_type, "no network on this board" },
    { ERR_MFILE, 24, &py_OSError_type, "Too many open files" },
    { ERR_NOMEM, 12, &py_OSError_type, "Cannot allocate memory" },
    { ERR_INVAL, E_INVAL, &py_OSError_type, "Invalid argument" },
    { ERR_BADF, E_BADF, &py_OSError_type, "Bad file descriptor" },
    { ERR_NOTSUP, 95, &py_OSError_type, "Operation not supported" },
    { ERR_IO, 5, &py_OSError_type, "Input/output error" },
};

/* Raises the exception for a HAL error (a negative ERR_*). */
static _Noreturn void raise_error(int err) {
    size_t i = 0, last = sizeof errors / sizeof errors[0] - 1;
    while (i < last && errors[i].err != err) i++;
    py_mod_oserror(errors[i].type, errors[i].no, errors[i].text);
}
static int check(int r) { if (r < 0) raise_error(r); return r; }

const struct netif_ops *py_net(void) {
    const struct netif_ops *net = py_cur->io.net;
    if (!net) raise_error(ERR_NODEV);
    return net;
}

/* ---- waiting ---- */
int py_socket_wait(int (*op)(void *arg, int slice_ms), void *arg, int timeout_ms) {
    uint64_t deadline = hal_time_us() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000;
    for (;;) {
        py_poll_now();          /* held: waits here; killed or Ctrl-C: raises */
        int slice = (int)(py_events_slice(py_cur, SLICE_MS / 1e3) * 1e3);
        if (timeout_ms == 0) slice = 0;
        if (timeout_ms > 0) {
            uint64_t now = hal_time_us();
            uint64_t left = now >= deadline ? 0 : (deadline - now + 999) / 1000;
            if (left < (uint64_t)slice) slice = (int)left;
        }
        int r = op(arg, slice);
        if (r != ERR_TIMEOUT) return r;
        if (timeout_ms == 0) return ERR_AGAIN;
        if (timeout_ms > 0 && hal_time_us() >= deadline) return ERR_TIMEOUT;
    }
}

/* ---- the socket object ---- */
static void release(pv o) {
    socket_obj *s = (socket_obj *)o;
    if (s->handle >= 0) s->net->sock_close(s->handle);
    s->handle = -1;
}

/* A socket object, made (and set to be closed at the end) before the HAL's socket it will
 * hold, so that no MemoryError can come between the two and leave the HAL's open. */
static socket_obj *new_socket(int kind) {
    const struct netif_ops *net = py_net();
    socket_obj *s = NEW(socket_obj, py_socket_type);
    s->handle = -1;
    s->net = net;
    s->kind = kind;
    s->timeout_ms = -1;
    s->end = py_event_new((pv)s);
    py_event_on_end(s->end, release);
    return s;
}

static void forget(socket_obj *s) {
    release((pv)s);
    if (s->end) py_event_remove(s->end);
    s->end = NULL;
}

/* Puts the HAL's socket (or error) h into s: raises after forgetting s on an error. */
static pv attach(socket_obj *s, int h) {
    if (h < 0) { forget(s); raise_error(h); }
    s->handle = h;
    return (pv)s;
}

static socket_obj *open_socket(pv o) {
    socket_obj *s = (socket_obj *)o;
    if (s->handle < 0) py_mod_oserror(&py_OSError_type, E_BADF, "Bad file descriptor");
    return s;
}
#define SELF open_socket(a[0])

int py_socket_handle(pv o) {
    if (IS(o, py_socket_type)) return ((socket_obj *)o)->handle;
    pv fd = py_is_int(o) ? o : py_call0(py_getattr(o, py_intern("fileno", 6)));
    return (int)py_to_index(fd);
}

/* socket(af=AF_INET, type=SOCK_STREAM, proto=0) */
static pv socket_make(const py_type *t, int n, pv *a, pv kw) {
    int64_t family = n > 0 ? py_to_index(a[0]) : FAMILY_INET, kind = n > 1 ? py_to_index(a[1]) : TYPE_STREAM;
    if (family != FAMILY_INET) py_mod_oserror(&py_OSError_type, E_AFNOSUPPORT, "Address family not supported by protocol");
    if (kind != TYPE_STREAM && kind != TYPE_DGRAM) py_mod_oserror(&py_OSError_type, E_INVAL, "Invalid argument");
    socket_obj *s = new_socket((int)kind);
    return attach(s, py_net()->sock_open(kind == TYPE_STREAM ? HAL_SOCK_TCP : HAL_SOCK_UDP));
}

/* A dotted quad; false when text is not one. */
static bool parse_quad(const char *text, uint32_t *addr) {
    uint32_t value = 0;
    for (int part = 0; part < 4; part++) {
        unsigned n = 0, digits = 0;
        while (*text >= '0' && *text <= '9' && digits < 4) { n = n * 10 + (unsigned)(*text++ - '0'); digits++; }
        if (!digits || n > 255 || (part < 3 && *text++ != '.')) return false;
        value = value << 8 | n;
    }
    *addr = value;
    return !*text;
}

static uint32_t resolve(pv host) {
    const char *text = py_str_data(host);
    uint32_t addr = 0;
    if (*text && !parse_quad(text, &addr)) check(py_net()->resolve(text, &addr));
    return addr;                /* '': any address */
}

uint16_t py_socket_port(pv v) {
    pint p = py_to_index(v);
    if (p < 0 || p > 65535) py_raisef(&py_OverflowError_type, "port must be 0-65535.");
    return (uint16_t)p;
}

/* (host, port) */
static uint32_t address_of(pv addr, uint16_t *port) {
    size_t n = 0;
    pv *items;
    if (!IS(addr, py_tuple_type) && !IS(addr, py_list_type))
        py_raisef(&py_TypeError_type, "AF_INET address must be tuple, not %s", py_type_name(TYPE(addr)));
    py_seq_items(addr, &n, &items);
    if (n != 2) py_raisef(&py_TypeError_type, "AF_INET address must be a pair (host, port)");
    *port = py_socket_port(items[1]);
    return resolve(items[0]);
}

static pv quad_text(uint32_t addr) {
    return py_strf("%u.%u.%u.%u", (unsigned)(addr >> 24), (unsigned)(addr >> 16 & 255),
                   (unsigned)(addr >> 8 & 255), (unsigned)(addr & 255));
}

static pv address_tuple(uint32_t addr, uint16_t port) {
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = quad_text(addr);
    TUPLE(t)->items[1] = MKSMALL(port);
    return t;
}

static pv s_close(int n, pv *a, pv kw) { forget((socket_obj *)a[0]); return PV_NONE; }
static pv s_enter(int n, pv *a, pv kw) { return a[0]; }

static pv s_bind(int n, pv *a, pv kw) {
    socket_obj *s = SELF;
    uint16_t port;
    uint32_t addr = address_of(a[1], &port);
    check(py_net()->sock_bind(s->handle, addr, port));
    return PV_NONE;
}

static pv s_listen(int n, pv *a, pv kw) {
    socket_obj *s = SELF;
    int backlog = n > 1 ? (int)py_to_index(a[1]) : 8;
    check(py_net()->sock_listen(s->handle, backlog < 1 ? 1 : backlog));
    return PV_NONE;
}

struct call { socket_obj *s; void *buf; size_t len; uint32_t addr; uint16_t port; };

static int accept_op(void *arg, int slice) {
    struct call *c = arg;
    return py_net()->sock_accept(c->s->handle, &c->addr, &c->port, slice);
}
static pv s_accept(int n, pv *a, pv kw) {
    struct call c = { SELF, NULL, 0, 0, 0 };
    pv t = py_tuple_new(2);
    socket_obj *conn = new_socket(TYPE_STREAM);
    TUPLE(t)->items[0] = (pv)conn;
    int h = py_socket_wait(accept_op, &c, c.s->timeout_ms);   /* a kill: conn is forgotten at the end */
    attach(conn, h);
    TUPLE(t)->items[1] = address_tuple(c.addr, c.port);
    return t;
}

static int connect_op(void *arg, int slice) {
    struct call *c = arg;
    return py_net()->sock_connect(c->s->handle, c->addr, c->port, slice);
}
static pv s_connect(int n, pv *a, pv kw) {
    struct call c = { SELF, NULL, 0, 0, 0 };
    c.addr = address_of(a[1], &c.port);
    int r = py_socket_wait(connect_op, &c, c.s->timeout_ms);
    if (r == ERR_AGAIN) py_mod_oserror(&py_BlockingIOError_type, E_INPROGRESS, "Operation now in progress");
    check(r);
    return PV_NONE;
}

static pv s_send(int n, pv *a, pv kw) {
    socket_obj *s = SELF;
    size_t len;
    const uint8_t *data = py_mod_buffer(a[1], &len);
    return MKSMALL(len ? check(py_net()->sock_send(s->handle, data, len)) : 0);
}
static pv s_sendall(int n, pv *a, pv kw) { s_send(n, a, kw); return PV_NONE; }

/* sendto(data[, flags], address): the flags are ignored, as send's are */
static pv s_sendto(int n, pv *a, pv kw) {
    socket_obj *s = SELF;
    size_t len;
    const uint8_t *data = py_mod_buffer(a[1], &len);
    uint16_t port;
    uint32_t addr = address_of(a[n - 1], &port);
    return MKSMALL(check(py_net()->sock_sendto(s->handle, data, len, addr, port)));
}

static int recv_op(void *arg, int slice) {
    struct call *c = arg;
    if (c->s->kind == TYPE_STREAM) return py_net()->sock_recv(c->s->handle, c->buf, c->len, slice);
    return py_net()->sock_recvfrom(c->s->handle, c->buf, c->len, &c->addr, &c->port, slice);
}
/* Up to len bytes into buf, waiting as the socket's time-out says; 0 at the end. */
static int recv_into(struct call *c, void *buf, size_t len) {
    c->buf = buf;
    c->len = len;
    return check(py_socket_wait(recv_op, c, c->s->timeout_ms));
}
/* Up to len bytes into a new bytes object; the sender's address in c. */
static pv receive(struct call *c, pint len) {
    if (len < 0) py_raisef(&py_ValueError_type, "negative buffersize in recv");
    pv b = py_bytes_new(&py_bytes_type, NULL, (size_t)len);
    int r = len ? recv_into(c, ((py_bytes *)b)->data, (size_t)len) : 0;
    ((py_bytes *)b)->len = (uint32_t)r;
    return b;
}
static pv s_recv(int n, pv *a, pv kw) {
    struct call c = { SELF, NULL, 0, 0, 0 };
    return receive(&c, py_to_index(a[1]));
}
static pv s_recvfrom(int n, pv *a, pv kw) {
    struct call c = { SELF, NULL, 0, 0, 0 };
    pv t = py_tuple_new(2);
    TUPLE(t)->items[0] = receive(&c, py_to_index(a[1]));
    TUPLE(t)->items[1] = address_tuple(c.addr, c.port);
    return t;
}

/* ---- the stream methods: makefile() gives the socket itself, as MicroPython does ---- */
/* read([n]): n bytes, fewer only at the end of the stream; everything to the end without n */
static pv s_read(int n, pv *a, pv kw) {
    struct call c = { SELF, NULL, 0, 0, 0 };
    pint want = n > 1 && a[1] != PV_NONE ? py_to_index(a[1]) : -1;
    py_buf b;
    buf_init(&b, want >= 0 && want < 4096 ? (size_t)want : 256);
    uint8_t chunk[256];
    for (;;) {
        size_t room = want < 0 || (size_t)want - b.n > sizeof chunk ? sizeof chunk : (size_t)want - b.n;
        if (!room) break;
        int r = recv_into(&c, chunk, room);
        if (r == 0) break;
        buf_add(&b, (const char *)chunk, (size_t)r);
    }
    return py_bytes_new(&py_bytes_type, b.p, b.n);
}

/* readline(): up to and with the next newline, or what is left at the end of the stream.
 * Byte by byte, so nothing after the line is taken from the socket. */
static pv s_readline(int n, pv *a, pv kw) {
    struct call c = { SELF, NULL, 0, 0, 0 };
    py_buf b;
    buf_init(&b, 64);
    char ch = 0;
    while (ch != '\n') {
        if (recv_into(&c, &ch, 1) == 0) break;
        buf_addc(&b, ch);
    }
    return py_bytes_new(&py_bytes_type, b.p, b.n);
}

static pv s_makefile(int n, pv *a, pv kw) { SELF; return a[0]; }
static pv s_flush(int n, pv *a, pv kw) { return PV_NONE; }

/* ---- options ---- */
static pv s_settimeout(int n, pv *a, pv kw) {
    socket_obj *s = (socket_obj *)a[0];
    if (a[1] == PV_NONE) { s->timeout_ms = -1; return PV_NONE; }
    double seconds = py_to_double(a[1]);
    if (seconds < 0) py_raisef(&py_ValueError_type, "Timeout value out of range");
    s->timeout_ms = seconds > 2e6 ? 2000000000 : (int)(seconds * 1e3 + 0.5);
    if (seconds > 0 && !s->timeout_ms) s->timeout_ms = 1;
    return PV_NONE;
}
static pv s_gettimeout(int n, pv *a, pv kw) {
    int ms = ((socket_obj *)a[0])->timeout_ms;
    return ms < 0 ? PV_NONE : py_float_new(ms / 1e3);
}
static pv s_setblocking(int n, pv *a, pv kw) {
    ((socket_obj *)a[0])->timeout_ms = py_truth(a[1]) ? -1 : 0;
    return PV_NONE;
}
/* setsockopt(level, option, value): the HAL's sockets always reuse addresses and send at
 * once, so those two are taken and nothing else is known */
static pv s_setsockopt(int n, pv *a, pv kw) {
    SELF;
    int64_t level = py_to_index(a[1]), option = py_to_index(a[2]);
    if (!(level == LEVEL_SOCKET && option == OPT_REUSEADDR) && !(level == PROTO_TCP && option == OPT_NODELAY))
        py_mod_oserror(&py_OSError_type, E_NOPROTOOPT, "Protocol not available");
    return PV_NONE;
}
static pv s_fileno(int n, pv *a, pv kw) { return MKSMALL(((socket_obj *)a[0])->handle); }
static pv s_getsockname(int n, pv *a, pv kw) {
    uint32_t addr;
    uint16_t port;
    check(py_net()->sock_local(SELF->handle, &addr, &port));
    return address_tuple(addr, port);
}

static pv socket_repr(pv o) {
    socket_obj *s = (socket_obj *)o;
    return py_strf("<socket fd=%d type=%d>", s->handle, s->kind);
}

static const py_builtin socket_methods[] = {
    METHOD(bind, s_bind, 1, 1), METHOD(listen, s_listen, 0, 1), METHOD(accept, s_accept, 0, 0),
    METHOD(connect, s_connect, 1, 1), METHOD(send, s_send, 1, 2), METHOD(sendall, s_sendall, 1, 2),
    METHOD(sendto, s_sendto, 2, 3), METHOD(recv, s_recv, 1, 2), METHOD(recvfrom, s_recvfrom, 1, 2),
    METHOD(read, s_read, 0, 1), METHOD(readline, s_readline, 0, 0), METHOD(write, s_send, 1, 1),
    METHOD_KW(makefile, s_makefile, 0, 2), METHOD(flush, s_flush, 0, 0), METHOD(close, s_close, 0, 0),
    METHOD(settimeout, s_settimeout, 1, 1), METHOD(gettimeout, s_gettimeout, 0, 0),
    METHOD(setblocking, s_setblocking, 1, 1), METHOD(setsockopt, s_setsockopt, 3, 3),
    METHOD(fileno, s_fileno, 0, 0), METHOD(getsockname, s_getsockname, 0, 0),
    METHOD(__enter__, s_enter, 0, 0), METHOD(__exit__, s_close, 0, ANY), METHODS_END };
const py_type py_socket_type = { &py_type_type, "socket", .base = &py_object_type,
    .methods = socket_methods, .flags = TF_KW, .make = socket_make, .repr = socket_repr, .hash = py_id_hash };

/* ---- for asyncio's streams (py/mod/asyncio_stream.c) ---- */
_Noreturn void py_socket_error(int err) { raise_error(err); }
uint32_t py_socket_resolve(pv host) { return resolve(host); }
pv py_socket_address(uint32_t addr, uint16_t port) { return address_tuple(addr, port); }

int py_socket_accept_now(pv listener, pv *conn, pv *peer) {
    socket_obj *s = open_socket(listener), *c = new_socket(TYPE_STREAM);
    uint32_t addr = 0;
    uint16_t port = 0;
    int h = py_net()->sock_accept(s->handle, &addr, &port, 0);
    if (h < 0) { forget(c); return h; }
    c->handle = h;
    *conn = (pv)c;
    *peer = address_tuple(addr, port);
    return 0;
}

/* ---- module functions ---- */
/* getaddrinfo(host, port, af=0, type=0, proto=0, flags=0): one IPv4 entry,
 * [(AF_INET, type, proto, '', (address, port))], SOCK_STREAM when no type is given */
static pv m_getaddrinfo(int n, pv *a, pv kw) {
    int64_t family = n > 2 ? py_to_index(a[2]) : 0, kind = n > 3 ? py_to_index(a[3]) : 0;
    if (family && family != FAMILY_INET) py_mod_oserror(&py_OSError_type, -9, "Address family for hostname not supported");
    if (!kind) kind = TYPE_STREAM;
    pint port = a[1] == PV_NONE ? 0 : py_to_index(a[1]);
    pv host = a[0] == PV_NONE ? py_str_cstr("127.0.0.1") : a[0];
    uint32_t addr = resolve(host);
    pv entry = py_tuple_new(5), list = py_list_new(0);
    TUPLE(entry)->items[0] = MKSMALL(FAMILY_INET);
    TUPLE(entry)->items[1] = MKSMALL(kind);
    TUPLE(entry)->items[2] = MKSMALL(kind == TYPE_DGRAM ? PROTO_UDP : PROTO_TCP);
    TUPLE(entry)->items[3] = QS(_empty);
    TUPLE(entry)->items[4] = address_tuple(addr, (uint16_t)port);
    py_list_append(list, entry);
    return list;
}

static void check_family(pv family) {
    if (py_to_index(family) != FAMILY_INET) py_mod_oserror(&py_OSError_type, E_AFNOSUPPORT, "Address family not supported by protocol");
}
/* inet_pton(AF_INET, "1.2.3.4"): the four bytes */
static pv m_inet_pton(int n, pv *a, pv kw) {
    check_family(a[0]);
    uint32_t addr;
    if (!parse_quad(py_str_data(a[1]), &addr)) py_raisef(&py_OSError_type, "illegal IP address string passed to inet_pton");
    uint8_t b[4] = { (uint8_t)(addr >> 24), (uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr };
    return py_bytes_new(&py_bytes_type, b, 4);
}
static pv m_inet_ntop(int n, pv *a, pv kw) {
    check_family(a[0]);
    size_t len;
    const uint8_t *b = py_mod_buffer(a[1], &len);
    if (len != 4) py_raisef(&py_ValueError_type, "invalid length of packed IP address string");
    return quad_text((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]);
}

static const py_builtin socket_funcs[] = {
    FUNC_KW(getaddrinfo, m_getaddrinfo, 2, 6), FUNC(inet_pton, m_inet_pton, 2, 2), FUNC(inet_ntop, m_inet_ntop, 2, 2),
    MCONST(AF_INET, FAMILY_INET), MCONST(AF_INET6, FAMILY_INET6), MCONST(SOCK_STREAM, TYPE_STREAM),
    MCONST(SOCK_DGRAM, TYPE_DGRAM), MCONST(SOCK_RAW, TYPE_RAW), MCONST(SOL_SOCKET, LEVEL_SOCKET),
    MCONST(SO_REUSEADDR, OPT_REUSEADDR), MCONST(IPPROTO_TCP, PROTO_TCP), MCONST(IPPROTO_UDP, PROTO_UDP),
    MCONST(TCP_NODELAY, OPT_NODELAY), METHODS_END };

pv py_mod_socket(pv m) {
    py_mod_add(m, socket_funcs);
    py_mod_set(m, "socket", (pv)&py_socket_type);
    py_mod_set(m, "error", (pv)&py_OSError_type);          /* CPython's old names */
    py_mod_set(m, "timeout", (pv)&py_TimeoutError_type);
    return m;
}
