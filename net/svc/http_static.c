/* Static files from /www: GET and HEAD, index.html for directories, MIME types by extension,
 * single byte ranges. The URL path is cleaned against "/" before /www is put in front, so no
 * request reaches outside /www. */
#include <stdio.h>
#include <string.h>

#include "lib/err.h"
#include "lib/str.h"
#include "net/svc/httpd.h"

#define CHUNK 2048

static const struct {
    const char *ext, *type;
} mime_types[] = {
    { ".html", "text/html; charset=utf-8" }, { ".htm", "text/html; charset=utf-8" },
    { ".css", "text/css" }, { ".js", "text/javascript" }, { ".json", "application/json" },
    { ".txt", "text/plain; charset=utf-8" }, { ".sh", "text/plain; charset=utf-8" },
    { ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
    { ".gif", "image/gif" }, { ".svg", "image/svg+xml" }, { ".ico", "image/x-icon" },
    { ".wasm", "application/wasm" },
};

static const char *mime_type(const char *path)
{
    for (size_t i = 0; i < sizeof mime_types / sizeof mime_types[0]; i++)
        if (str_ends(path, mime_types[i].ext))
            return mime_types[i].type;
    return "application/octet-stream";
}

/* The file under /www for a URL path, or a negative ERR_*. */
static int www_path(const char *url_path, char *out, size_t size, struct vfs_stat *st)
{
    char clean[VFS_PATH_MAX];
    int r = vfs_resolve("/", url_path, clean, sizeof clean);
    if (r < 0)
        return r;
    snprintf(out, size, "%s%s", HTTP_ROOT, strcmp(clean, "/") ? clean : "");
    if ((r = file_stat(out, st)) < 0)
        return r;
    if (st->type == VFS_DIR) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, "/index.html");
        r = file_stat(out, st);
    }
    return r < 0 ? r : st->type == VFS_FILE ? 0 : ERR_NOENT;
}

/* Sends the head, then count bytes of f from first: the first chunk carries the head, so a
 * small file goes out in one send. */
static int send_part(struct http_conn *c, vfs_file_t *f, int status, const char *type,
                     const char *headers, uint32_t first, uint32_t count)
{
    char buf[CHUNK];
    int n = http_format_head(c, status, type, count, headers, buf, sizeof buf);
    if (n < 0)
        return n;
    size_t have = (size_t)n;
    if (!strcmp(c->req.method, "HEAD"))
        count = 0;
    if (first && count && vfs_seek(f, (long)first, VFS_SEEK_SET) < 0)
        return ERR_IO;
    for (;;) {
        size_t room = sizeof buf - have;
        if (count) {
            n = vfs_read(f, buf + have, count < room ? count : room);
            if (n <= 0)
                return n < 0 ? n : ERR_IO;
            have += (size_t)n;
            count -= (uint32_t)n;
        }
        if ((n = sock_send(c->sock, buf, have)) < 0 || !count)
            return n < 0 ? n : 0;
        have = 0;
    }
}

/* Sends a whole file or the asked range of it, with the given extra headers. */
void http_send_file(struct http_conn *c, const char *path, const struct vfs_stat *st,
                    const char *type, const char *extra)
{
    vfs_file_t *f;
    uint32_t first = 0, last = st->size ? st->size - 1 : 0;
    int status = 200;
    char headers[256];
    int ranged = c->req.range[0] ? http_parse_range(c->req.range, st->size, &first, &last) : 1;
    if (ranged < 0) {
        snprintf(headers, sizeof headers, "Content-Range: bytes */%lu\r\n",
                 (unsigned long)st->size);
        http_send(c, 416, "text/plain", "", 0, headers);
        return;
    }
    if (file_open(path, VFS_O_READ, &f) < 0) {
        http_send_error(c, 404);
        return;
    }
    int n = snprintf(headers, sizeof headers, "Accept-Ranges: bytes\r\n%s", extra ? extra : "");
    if (ranged == 0) {
        status = 206;
        snprintf(headers + n, sizeof headers - (size_t)n, "Content-Range: bytes %lu-%lu/%lu\r\n",
                 (unsigned long)first, (unsigned long)last, (unsigned long)st->size);
    }
    uint32_t count = st->size ? last - first + 1 : 0;
    int r = send_part(c, f, status, type, headers, first, count);
    if (r < 0)
        c->close_after = 1;
    vfs_close(f);
}

void http_serve_static(struct http_conn *c)
{
    char path[VFS_PATH_MAX];
    struct vfs_stat st;
    if (strcmp(c->req.method, "GET") && strcmp(c->req.method, "HEAD")) {
        http_send_error(c, 405);
        return;
    }
    if (www_path(c->req.path, path, sizeof path, &st) < 0) {
        http_send_error(c, 404);
        return;
    }
    http_send_file(c, path, &st, mime_type(path), NULL);
}
