/* FTP's text formats (RFC 959, 2428, 3659) without the sockets, so they can be fuzzed: command
 * lines, PORT/EPRT addresses, LIST and MLSD lines. */
#ifndef NET_SVC_FTP_PROTO_H
#define NET_SVC_FTP_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vfs.h"

/* Splits "VERB arg" in place: verb upper-cased (1..4 letters), arg "" when none.
 * Returns 0 or ERR_INVAL. */
int ftp_split(char *line, char **verb, char **arg);
/* "h1,h2,h3,h4,p1,p2" */
int ftp_parse_port(const char *arg, uint32_t *addr, uint16_t *port);
/* "|1|a.b.c.d|port|" (any delimiter; IPv4 only) */
int ftp_parse_eprt(const char *arg, uint32_t *addr, uint16_t *port);
/* "ls -l" style line ending in CRLF: what most clients parse. */
int ftp_list_line(char *buf, size_t size, const char *name, const struct vfs_stat *st,
                  int64_t now);
/* MLSD/MLST facts: "type=file;size=N;modify=YYYYMMDDHHMMSS; name" + CRLF. */
int ftp_facts_line(char *buf, size_t size, const char *name, const struct vfs_stat *st);
/* YYYYMMDDHHMMSS */
void ftp_time(int64_t t, char *buf, size_t size);

#endif
