#include "net/svc/ftp_proto.h"

#include <stdio.h>
#include <string.h>

#include "lib/civil.h"
#include "lib/err.h"
#include "net/socket.h"

int ftp_split(char *line, char **verb, char **arg)
{
    char *p = line;
    while (*p == ' ')
        p++;
    *verb = p;
    size_t n = 0;
    while (p[n] && p[n] != ' ') {
        char c = p[n];
        if (c >= 'a' && c <= 'z')
            p[n] = (char)(c - 'a' + 'A');
        else if (c < 'A' || c > 'Z')
            return ERR_INVAL;
        n++;
    }
    if (n == 0 || n > 4)
        return ERR_INVAL;
    *arg = p + n;
    if (**arg) {
        **arg = '\0';
        (*arg)++;
    }
    return 0;
}

/* Reads a decimal number of at most max; advances *s. */
static int number(const char **s, unsigned max, unsigned *out)
{
    unsigned n = 0;
    int digits = 0;
    while (**s >= '0' && **s <= '9' && digits < 6) {
        n = n * 10 + (unsigned)(*(*s)++ - '0');
        digits++;
    }
    if (!digits || n > max)
        return ERR_INVAL;
    *out = n;
    return 0;
}

int ftp_parse_port(const char *arg, uint32_t *addr, uint16_t *port)
{
    unsigned v[6];
    const char *s = arg;
    for (int i = 0; i < 6; i++) {
        if (number(&s, 255, &v[i]) < 0 || (i < 5 && *s++ != ','))
            return ERR_INVAL;
    }
    if (*s)
        return ERR_INVAL;
    *addr = (uint32_t)v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
    *port = (uint16_t)(v[4] << 8 | v[5]);
    return *port ? 0 : ERR_INVAL;
}

int ftp_parse_eprt(const char *arg, uint32_t *addr, uint16_t *port)
{
    char d = arg[0], text[16];
    unsigned n;
    if (!d || d < 33 || d > 126)
        return ERR_INVAL;
    const char *s = arg + 1;
    if (number(&s, 2, &n) < 0 || n != 1 || *s++ != d)
        return ERR_INVAL;
    const char *end = strchr(s, d);
    if (!end || (size_t)(end - s) >= sizeof text)
        return ERR_INVAL;
    memcpy(text, s, (size_t)(end - s));
    text[end - s] = '\0';
    if (sock_parse_addr(text, addr) < 0)
        return ERR_INVAL;
    s = end + 1;
    if (number(&s, 65535, &n) < 0 || n == 0 || *s++ != d || *s)
        return ERR_INVAL;
    *port = (uint16_t)n;
    return 0;
}

int ftp_list_line(char *buf, size_t size, const char *name, const struct vfs_stat *st,
                  int64_t now)
{
    struct civil c;
    char when[16];
    civil_from_unix(st->mtime, &c);
    /* ls shows the time for recent files and the year for older ones */
    if (now - st->mtime < 180LL * 86400 && st->mtime <= now + 3600)
        snprintf(when, sizeof when, "%02d:%02d", c.hour, c.min);
    else
        snprintf(when, sizeof when, "%5d", c.year);
    int dir = st->type == VFS_DIR;
    return snprintf(buf, size, "%s 1 owner group %10lu %s %2d %s %s\r\n",
                    dir ? "drwxr-xr-x" : "-rw-r--r--", (unsigned long)(dir ? 0 : st->size),
                    civil_month_names[c.month - 1], c.day, when, name);
}

void ftp_time(int64_t t, char *buf, size_t size)
{
    struct civil c;
    civil_from_unix(t, &c);
    snprintf(buf, size, "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, c.hour, c.min,
             c.sec);
}

int ftp_facts_line(char *buf, size_t size, const char *name, const struct vfs_stat *st)
{
    char when[16];
    ftp_time(st->mtime, when, sizeof when);
    if (st->type == VFS_DIR)
        return snprintf(buf, size, "type=dir;modify=%s; %s\r\n", when, name);
    return snprintf(buf, size, "type=file;size=%lu;modify=%s; %s\r\n",
                    (unsigned long)st->size, when, name);
}
