/* errno (uerrno): the error numbers an OSError carries here (the file calls, the HAL's
 * devices, the network), Linux's numbers as MicroPython and CPython on Linux have them, and
 * errorcode, from number to name. */
#include <string.h>
#include "py/mod/mod.h"

#define CODES(X) \
    X(EPERM, 1) X(ENOENT, 2) X(EINTR, 4) X(EIO, 5) X(EBADF, 9) X(EAGAIN, 11) X(ENOMEM, 12) \
    X(EACCES, 13) X(EBUSY, 16) X(EEXIST, 17) X(EXDEV, 18) X(ENODEV, 19) X(ENOTDIR, 20) \
    X(EISDIR, 21) X(EINVAL, 22) X(EMFILE, 24) X(EFBIG, 27) X(ENOSPC, 28) X(EROFS, 30) \
    X(EPIPE, 32) X(ERANGE, 34) X(ENAMETOOLONG, 36) X(ENOTEMPTY, 39) X(EOPNOTSUPP, 95) \
    X(EADDRINUSE, 98) X(ECONNABORTED, 103) X(ECONNRESET, 104) X(ENOBUFS, 105) X(EISCONN, 106) \
    X(ENOTCONN, 107) X(ETIMEDOUT, 110) X(ECONNREFUSED, 111) X(EHOSTUNREACH, 113) \
    X(EALREADY, 114) X(EINPROGRESS, 115)
/* the names one after the other in one string, and their numbers in the same order: a byte
 * per code instead of a pointer and a number */
#define NAME(name, number) #name "\0"
#define NUMBER(name, number) number,
static const char names[] = CODES(NAME);
static const uint8_t numbers[] = { CODES(NUMBER) };

const char *py_errno_name(int number) {
    const char *name = names;
    for (size_t i = 0; i < sizeof numbers; i++, name += strlen(name) + 1)
        if (numbers[i] == number) return name;
    return NULL;
}

pv py_mod_errno(pv m) {
    pv errorcode = py_dict_new();
    const char *name = names;
    for (size_t i = 0; i < sizeof numbers; i++, name += strlen(name) + 1) {
        py_mod_set(m, name, MKSMALL(numbers[i]));
        py_dict_set(errorcode, MKSMALL(numbers[i]), py_str_cstr(name));
    }
    py_mod_set(m, "errorcode", errorcode);
    return m;
}
