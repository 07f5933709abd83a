/* Native modules: each is a file of py/mod/ with a function that fills a new module, listed
 * once in py/mod/registry.c. An embedder adds modules that need the system (sdata, utls)
 * through py_io.modules, in the same form, so py/ never includes the layers above it. */
#ifndef PY_MOD_MOD_H
#define PY_MOD_MOD_H
#include "py/obj.h"

/* make gets the new, empty module (its name set) and returns what `import` gives: the module,
 * or another object that stands for it. Tables end with a NULL name. */
typedef struct py_native_module {
    const char *name;
    pv (*make)(pv module);
} py_native_module;

/* machine (py/mod/machine*.c), the board through the HAL: an embedder that lets its
 * programs reach the board lists { "machine", py_mod_machine } in py_io.modules. */
pv py_mod_machine(pv module);

/* socket and select (py/mod/socket.c, select.c), the HAL's sockets: an embedder whose programs
 * may use the network lists { "socket", py_mod_socket } and { "select", py_mod_select }. */
pv py_mod_socket(pv module);
pv py_mod_select(pv module);
/* The HAL socket of a socket object, an int or an object with fileno(). */
int py_socket_handle(pv o);
/* The embedder's network (py_io.net); raises OSError(ENODEV) when it gave none. */
struct netif_ops;
const struct netif_ops *py_net(void);
/* Calls op(arg, slice_ms) in slices until it gives anything but ERR_TIMEOUT or timeout_ms
 * (< 0: forever; 0: one try, then ERR_AGAIN) has passed, with the interpreter's poll before
 * each slice: a held program waits, a kill or Ctrl-C raises. */
int py_socket_wait(int (*op)(void *arg, int slice_ms), void *arg, int timeout_ms);

/* The module named name (full: "utime"; bare: without a MicroPython 'u' prefix, "time") from
 * py/'s table or the embedder's, made now; PV_NULL when neither has it. */
pv py_native_module_make(pv name, const char *bare);

/* Puts a table's functions and constants (M_CONST entries) into a module. */
void py_mod_add(pv module, const py_builtin *table);
void py_mod_set(pv module, const char *name, pv value);

/* The characters of len bytes of UTF-8 (a str's first len bytes). */
size_t py_mod_chars(const char *s, size_t len);
/* A class made at run time, name(base), its __module__ module (a str) and its namespace ns. */
pv py_mod_class(pv module, pv name, const py_type *base, pv ns);
/* Sets the module's error, an Exception subclass (module_name.error: "re", not the "ure" it
 * may be imported as) made once per interpreter and kept in *slot (vm->re_error). */
void py_mod_set_error(pv module, const char *module_name, pv *slot);

/* A class constant or module constant in a method table: a small int (never 0 as a value, so
 * it does not end the table). */
#define MCONST(q, v) { &py_builtin_type, Q_##q, M_CONST, { .value = MKSMALL(v) } }
/* A module constant that is a read-only object (a type, an exception class): in the table,
 * so the module's dict in RAM does not hold it. */
#define MOBJ(q, o) { &py_builtin_type, Q_##q, M_CONST, { .value = (pv)&(o) } }

/* Argument i (0-based, self excluded when has_self) given by position or as keyword q;
 * dflt (may be PV_NULL) when absent. */
pv py_mod_arg(int n, pv *a, pv kw, int i, int q, pv dflt);
/* The bytes of a bytes, bytearray or str argument. */
const uint8_t *py_mod_buffer(pv v, size_t *len);
/* The name of an error number errno has ("ENOENT"), NULL for another (py/mod/errno.c). */
const char *py_errno_name(int number);
/* Raises t (OSError or a subclass) with an error number and its text, as OSError(number, text). */
_Noreturn void py_mod_oserror(const py_type *t, int number, const char *text);
/* Raises OSError with errno for a HAL error code (a negative ERR_*). */
_Noreturn void py_mod_hal_error(int err);

/* py/mod/events.c: callbacks run in the program's thread at a safe point (the poll). */
typedef struct py_event py_event;
/* A new source of callbacks, kept by the interpreter until it ends or the source is
 * removed. */
py_event *py_event_new(pv owner);
/* An edge counter the HAL's pin interrupt bumps: the handler runs at the next safe point. */
int py_event_irq(py_event *e, int pin, int edges, pv handler);
/* A timer: handler(owner) after period_us, again every period_us when periodic. */
void py_event_timer(py_event *e, uint64_t period_us, bool periodic, pv handler);
/* release(owner) when the interpreter ends (a UART to close): the program's resources. */
void py_event_on_end(py_event *e, void (*release)(pv owner));
/* Stops the source: its HAL interrupt removed, its timer disarmed. */
void py_event_stop(py_event *e);
/* Stops the source and forgets it (its owner is no longer kept for it). */
void py_event_remove(py_event *e);
/* The interpreter's side (vm.c, py.c, time.sleep). */
void py_events_run(py_vm *vm);
double py_events_slice(py_vm *vm, double seconds);
void py_events_end(py_vm *vm);
#endif
