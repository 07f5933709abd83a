/* Reading a connection line by line (FTP commands, HTTP request heads) with a small buffer;
 * bytes after the line stay buffered for the next line or for a body. */
#ifndef NET_LINEREADER_H
#define NET_LINEREADER_H

#include <stddef.h>

#include "net/conn.h"

#define LINEREADER_BUF 512

struct linereader {
    struct conn conn;
    char buf[LINEREADER_BUF];
    size_t start, end;
};

void linereader_init(struct linereader *r, sock_t *sock);
/* The same over any connection (a TLS one, say). */
void linereader_init_conn(struct linereader *r, struct conn conn);
/* One line without CR LF into out (NUL-terminated). Returns its length; ERR_NAMETOOLONG
 * when it did not fit in size-1 (the rest of the line is read and dropped); ERR_CLOSED when
 * the peer closed; ERR_TIMEOUT when no whole line came within timeout_ms. */
int linereader_line(struct linereader *r, char *out, size_t size, int timeout_ms);
/* Up to len bytes: buffered ones first, then from the connection. */
int linereader_bytes(struct linereader *r, void *out, size_t len, int timeout_ms);

#endif
