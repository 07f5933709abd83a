/* What asyncio's streams (py/mod/asyncio_stream.c) need of its loop (py/mod/asyncio.c). An
 * awaitable of theirs is a C iterator: its next() either completes the await
 * (py_asyncio_complete) or parks the running task until a socket is ready
 * (py_asyncio_wait_io) and is called again when the task is woken. */
#ifndef PY_MOD_ASYNCIO_H
#define PY_MOD_ASYNCIO_H
#include "py/obj.h"

/* An awaitable of asyncio's (sleep, gather, wait_for, a stream's read, ...): they share one
 * type, whose next() runs the object's own step, so that each kind costs no type of its own.
 * ref is the one object it keeps (marked for it). */
typedef struct { const py_type *type; pv (*next)(pv self); pv ref; } py_asyncio_aw;
extern const py_type py_asyncio_aw_type;
/* A new awaitable of size bytes (a struct that begins with py_asyncio_aw). */
pv py_asyncio_awaitable(size_t size, pv (*next)(pv self), pv ref);
/* A new task running awaitable (a coroutine, or an awaitable of the streams). */
pv py_asyncio_spawn(pv awaitable);
/* Parks the running task, awaiting on, until the HAL socket sock is ready for events
 * (HAL_POLL_IN, HAL_POLL_OUT); the loop's idle wait polls the sockets of such tasks. */
pv py_asyncio_wait_io(pv on, int sock, int events);
/* Ends the running task's await with value (what next() returns then). */
pv py_asyncio_complete(pv value);
/* Makes a task that waits ready again: its awaitable's next() looks again. */
void py_asyncio_wake(pv task);
/* asyncio.exceptions' classes (py/mod/asyncio.c), read-only types. */
extern const py_type py_asyncio_CancelledError_type, py_asyncio_IncompleteReadError_type;
/* Adds open_connection, start_server and the stream classes to the module. */
void py_asyncio_streams(pv module);

/* From py/mod/socket.c, for the streams. */
extern const py_type py_socket_type;
_Noreturn void py_socket_error(int err);
uint32_t py_socket_resolve(pv host);
/* A port number (0 to 65535) given as an int; OverflowError for another. */
uint16_t py_socket_port(pv v);
pv py_socket_address(uint32_t addr, uint16_t port);
/* One try at accepting a connection on listener: 0 and the new socket and its peer's
 * address, or a negative ERR_* (ERR_TIMEOUT: none waits). */
int py_socket_accept_now(pv listener, pv *conn, pv *peer);
#endif
