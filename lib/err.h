/* Error codes of the whole system. Functions return >= 0 on success and one of these
 * (negative) on failure; err_str() gives the words a command prints after "NAME: ". */
#ifndef LIB_ERR_H
#define LIB_ERR_H

enum {
    ERR_OK = 0,
    ERR_NOENT = -1,     /* no such file */
    ERR_EXIST = -2,     /* already exists */
    ERR_NOTDIR = -3,    /* not a directory */
    ERR_ISDIR = -4,     /* is a directory */
    ERR_NOTEMPTY = -5,  /* directory not empty */
    ERR_NOSPC = -6,     /* no space left */
    ERR_NOMEM = -7,     /* out of memory */
    ERR_IO = -8,        /* I/O error */
    ERR_INVAL = -9,     /* invalid argument */
    ERR_NAMETOOLONG = -10,
    ERR_BADF = -11,     /* bad file handle */
    ERR_PERM = -12,     /* permission denied (protected file) */
    ERR_BUSY = -13,
    ERR_NOTSUP = -14,   /* not supported */
    ERR_CORRUPT = -15,  /* corrupt filesystem */
    ERR_TIMEOUT = -16,
    ERR_INTR = -17,     /* interrupted: the process was told to stop */
    ERR_AGAIN = -18,
    ERR_NODEV = -19,    /* no such device */
    ERR_CONNREFUSED = -20,
    ERR_CLOSED = -21,   /* connection or pipe closed */
    ERR_XDEV = -22,     /* across mounts */
    ERR_FBIG = -23,     /* file too large */
    ERR_MFILE = -24,    /* too many open files */
    ERR_ACCES = -25,    /* access denied (login) */
    ERR_NOTFOUND_HOST = -26,
    ERR_ROFS = -27,     /* read-only filesystem */
    ERR_LAST = -28
};

const char *err_str(int err);

#endif
