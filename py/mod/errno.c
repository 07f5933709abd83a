/* errno (uerrno): the error numbers an OSError carries here (the file calls, the HAL's
 * devices, the network), Linux's numbers as MicroPython and CPython on Linux have them, and
 * errorcode, from number to name. */
#include "py/mod/mod.h"

static const struct { const char *name; uint8_t number; } codes[] = {
    { "EPERM", 1 }, { "ENOENT", 2 }, { "EINTR", 4 }, { "EIO", 5 }, { "EBADF", 9 }, { "EAGAIN", 11 },
    { "ENOMEM", 12 }, { "EACCES", 13 }, { "EBUSY", 16 }, { "EEXIST", 17 }, { "EXDEV", 18 }, { "ENODEV", 19 },
    { "ENOTDIR", 20 }, { "EISDIR", 21 }, { "EINVAL", 22 }, { "EMFILE", 24 }, { "EFBIG", 27 }, { "ENOSPC", 28 },
    { "EROFS", 30 }, { "EPIPE", 32 }, { "ERANGE", 34 }, { "ENAMETOOLONG", 36 }, { "ENOTEMPTY", 39 },
    { "EOPNOTSUPP", 95 }, { "EADDRINUSE", 98 }, { "ECONNABORTED", 103 }, { "ECONNRESET", 104 },
    { "ENOBUFS", 105 }, { "EISCONN", 106 }, { "ENOTCONN", 107 }, { "ETIMEDOUT", 110 },
    { "ECONNREFUSED", 111 }, { "EHOSTUNREACH", 113 }, { "EALREADY", 114 }, { "EINPROGRESS", 115 },
};

pv py_mod_errno(pv m) {
    pv errorcode = py_dict_new();
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        pv name = py_str_cstr(codes[i].name);
        py_mod_set(m, codes[i].name, MKSMALL(codes[i].number));
        py_dict_set(errorcode, MKSMALL(codes[i].number), name);
    }
    py_mod_set(m, "errorcode", errorcode);
    return m;
}
