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
    ERR_PROTECTED = -27, /* a protected file, or a directory above one, would change */
    ERR_LINE_TOO_LONG = -28,
    ERR_BADNAME = -29,  /* a file name with a control character */
    ERR_ROFS = -30,     /* read-only filesystem */
    ERR_TLS = -31,      /* the TLS handshake or a record failed */
    ERR_TLS_CERT = -32, /* the server's certificate is not trusted (or expired, or unusable) */
    ERR_TLS_NAME = -33, /* the server's certificate is for another name */
    ERR_TLS_CA = -34,   /* the CA file is missing or holds no certificate */
    ERR_LAST = -35
};

const char *err_str(int err);

#endif
