#include "cmd/fileutil.h"

#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/str.h"

int fu_fail(proc_t *p, const char *name, const char *path, int err)
{
    return proc_error(p, name, "%s: %s", path, err_str(err));
}

int fu_resolve(proc_t *p, const char *name, const char *path, char *abs)
{
    int r = vfs_resolve(p->cwd, path, abs, VFS_PATH_MAX);
    return r < 0 ? fu_fail(p, name, path, r) : 0;
}

int fu_join(char *out, size_t size, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    if (n + strlen(sep) + strlen(name) + 1 > size)
        return ERR_NAMETOOLONG;
    strcpy(out, dir);
    strcat(out, sep);
    strcat(out, name);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An entry in the pool: [size 4][mtime 8] with DIRLIST_STATS, then the type, then the name. */
#define STATS_BYTES (sizeof(uint32_t) + sizeof(int64_t))

static size_t header_bytes(const struct dirlist *l)
{
    return (l->keep == DIRLIST_STATS ? STATS_BYTES : 0) + 1;
}

int dirlist_read(const char *abs, struct dirlist *l, enum dirlist_keep keep)
{
    vfs_dir_t *d;
    struct vfs_dirent e;
    struct strbuf pool;
    memset(l, 0, sizeof *l);
    l->keep = keep;
    int r = file_opendir(abs, &d);
    if (r < 0)
        return r;
    strbuf_init(&pool);
    while ((r = vfs_readdir(d, &e)) > 0) {
        if (keep == DIRLIST_STATS) {
            strbuf_add(&pool, (const char *)&e.size, sizeof e.size);
            strbuf_add(&pool, (const char *)&e.mtime, sizeof e.mtime);
        }
        strbuf_addc(&pool, e.type == VFS_DIR ? 'd' : 'f');
        strbuf_add(&pool, e.name, strlen(e.name) + 1);
        l->count++;
    }
    vfs_closedir(d);
    if (r < 0 || pool.failed) {
        strbuf_free(&pool);
        return r < 0 ? r : ERR_NOMEM;
    }
    l->pool = strbuf_take(&pool);
    l->names = malloc(sizeof *l->names * (size_t)(l->count ? l->count : 1));
    if (!l->names) {
        dirlist_free(l);
        return ERR_NOMEM;
    }
    char *s = l->pool;
    for (int i = 0; i < l->count; i++) {
        l->names[i] = s + header_bytes(l);
        s = l->names[i] + strlen(l->names[i]) + 1;
    }
    qsort(l->names, (size_t)l->count, sizeof *l->names, by_name);
    return 0;
}

void dirlist_stat(const struct dirlist *l, int i, struct vfs_stat *st)
{
    st->type = dirlist_is_dir(l, i) ? VFS_DIR : VFS_FILE;
    st->size = 0;
    st->mtime = 0;
    if (l->keep == DIRLIST_STATS) {
        const char *stats = l->names[i] - 1 - STATS_BYTES;
        memcpy(&st->size, stats, sizeof st->size);
        memcpy(&st->mtime, stats + sizeof st->size, sizeof st->mtime);
    }
}

void dirlist_free(struct dirlist *l)
{
    free(l->names);
    free(l->pool);
    memset(l, 0, sizeof *l);
}

int fu_walk(struct walk *w, const char *abs)
{
    struct dirlist l;
    int r = dirlist_read(abs, &l, DIRLIST_NAMES);
    if (r < 0)
        return r;
    for (int i = 0; i < l.count && r >= 0; i++) {
        char path[VFS_PATH_MAX];
        int is_dir = dirlist_is_dir(&l, i);
        if (proc_should_stop())
            r = ERR_INTR;
        else if ((r = fu_join(path, sizeof path, abs, l.names[i])) == 0)
            r = w->visit(w, path, is_dir);
        if (r == 1 || !is_dir) {
            r = r == 1 ? 0 : r;
            continue;
        }
        if (r >= 0)
            r = fu_walk(w, path);
        if (r >= 0 && w->leave)
            r = w->leave(w, path);
    }
    dirlist_free(&l);
    return r < 0 ? r : 0;
}

int fu_copy_file(const char *src, const char *dst, const char **failed)
{
    vfs_file_t *in, *out;
    *failed = src;
    int r = file_open(src, VFS_O_READ, &in);
    if (r < 0)
        return r;
    char *buf = malloc(FU_CHUNK);
    if (!buf) {
        vfs_close(in);
        return ERR_NOMEM;
    }
    *failed = dst;                 /* from here on, failures but a read are dst's */
    r = file_open(dst, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &out);
    if (r == 0) {
        int n;
        while ((n = vfs_read(in, buf, FU_CHUNK)) > 0) {
            if ((r = vfs_write(out, buf, (size_t)n)) < 0)
                break;
            if (r != n) {
                r = ERR_NOSPC;
                break;
            }
            if (proc_should_stop()) {
                r = ERR_INTR;
                break;
            }
        }
        if (n < 0)
            *failed = src;
        r = n < 0 ? n : r;
        int c = vfs_close(out);
        r = r < 0 ? r : c;
    }
    free(buf);
    vfs_close(in);
    return r < 0 ? r : 0;
}

static int remove_entry(struct walk *w, const char *path, int is_dir)
{
    return is_dir ? 0 : file_unlink(path);
}

static int remove_dir(struct walk *w, const char *path)
{
    return file_rmdir(path);
}

int fu_remove_tree(const char *abs)
{
    struct vfs_stat st;
    int r = file_stat(abs, &st);
    if (r < 0)
        return r;
    if (st.type != VFS_DIR)
        return file_unlink(abs);
    struct walk w = { remove_entry, remove_dir, NULL };
    r = fu_walk(&w, abs);
    return r < 0 ? r : file_rmdir(abs);
}

int lines_open(struct lines *l, const char *abs, stream_t *stream)
{
    memset(l, 0, sizeof *l);
    l->stream = stream;
    if (abs) {
        int r = file_is_dir(abs) ? ERR_ISDIR : file_open(abs, VFS_O_READ, &l->file);
        if (r < 0)
            return r;
    }
    if (!(l->buf = malloc(FU_CHUNK))) {
        lines_close(l);
        return ERR_NOMEM;
    }
    l->cap = FU_CHUNK;
    return 0;
}

/* Room for more of a line that fills the buffer: twice the buffer, up to FU_LINE_MAX. */
static int grow(struct lines *l)
{
    if (l->cap >= FU_LINE_MAX + 1)
        return ERR_LINE_TOO_LONG;
    size_t cap = l->cap * 2 < FU_LINE_MAX + 1 ? l->cap * 2 : FU_LINE_MAX + 1;
    char *buf = realloc(l->buf, cap);
    if (!buf)
        return ERR_NOMEM;
    l->buf = buf;
    l->cap = cap;
    return 0;
}

static int refill(struct lines *l)
{
    memmove(l->buf, l->buf + l->pos, l->len - l->pos);
    l->len -= l->pos;
    l->pos = 0;
    if (l->len == l->cap - 1) {      /* one line fills it all: the one byte left is the NUL */
        int r = grow(l);
        if (r < 0)
            return r;
    }
    size_t room = l->cap - 1 - l->len;
    int n = l->file ? vfs_read(l->file, l->buf + l->len, room)
                    : stream_read(l->stream, l->buf + l->len, room);
    if (n < 0)
        return n;
    if (n == 0)
        l->ended = 1;
    l->len += (size_t)n;
    return n;
}

int lines_next(struct lines *l, char **line, size_t *len)
{
    for (;;) {
        char *start = l->buf + l->pos;
        char *nl = memchr(start, '\n', l->len - l->pos);
        size_t avail = l->len - l->pos;
        if (nl || (l->ended && avail)) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            l->pos += n + (nl != NULL);
            l->had_newline = nl != NULL;
            if (n && start[n - 1] == '\r' && nl && !l->keep_cr)
                n--;
            start[n] = '\0';
            *line = start;
            *len = n;
            return 1;
        }
        if (l->ended)
            return 0;
        int r = refill(l);
        if (r < 0)
            return r;
    }
}

void lines_close(struct lines *l)
{
    if (l->file)
        vfs_close(l->file);
    free(l->buf);
    memset(l, 0, sizeof *l);
}
