#include "lib/err.h"

static const char *const messages[] = {
    "success", "no such file", "already exists", "not a directory", "is a directory",
    "directory not empty", "no space left", "out of memory", "I/O error", "invalid argument",
    "name too long", "bad file handle", "permission denied", "busy", "not supported",
    "corrupt filesystem", "timed out", "interrupted", "try again", "no such device",
    "connection refused", "connection closed", "cross-device link", "file too large",
    "too many open files", "access denied", "unknown host", "protected file",
    "line too long", "invalid file name", "read-only filesystem", "TLS handshake failed",
    "certificate verify failed", "certificate name mismatch", "no CA certificate to verify with",
};

const char *err_str(int err)
{
    int i = -err;
    if (i < 0 || i >= (int)(sizeof messages / sizeof messages[0]))
        return "unknown error";
    return messages[i];
}
