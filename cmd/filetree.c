#include "cmd/filetree.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/files.h"
#include "lib/err.h"
#include "lib/str.h"

int path_join(char *out, size_t size, const char *dir, const char *name)
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

int tree_walk(struct walk *w, const char *abs)
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
        else if ((r = path_join(path, sizeof path, abs, l.names[i])) == 0)
            r = w->visit(w, path, is_dir);
        if (r == 1 || !is_dir) {
            r = r == 1 ? 0 : r;
            continue;
        }
        if (r >= 0)
            r = tree_walk(w, path);
        if (r >= 0 && w->leave)
            r = w->leave(w, path);
    }
    dirlist_free(&l);
    return r < 0 ? r : 0;
}

int file_copy(const char *src, const char *dst, const char **failed)
{
    vfs_file_t *in, *out;
    *failed = src;
    int r = file_open(src, VFS_O_READ, &in);
    if (r < 0)
        return r;
    char *buf = malloc(FILE_CHUNK);
    if (!buf) {
        vfs_close(in);
        return ERR_NOMEM;
    }
    *failed = dst;                 /* from here on, failures but a read are dst's */
    r = file_open(dst, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &out);
    if (r == 0) {
        int n;
        while ((n = vfs_read(in, buf, FILE_CHUNK)) > 0) {
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

int tree_remove(const char *abs)
{
    struct vfs_stat st;
    int r = file_stat(abs, &st);
    if (r < 0)
        return r;
    if (st.type != VFS_DIR)
        return file_unlink(abs);
    struct walk w = { remove_entry, remove_dir, NULL };
    r = tree_walk(&w, abs);
    return r < 0 ? r : file_rmdir(abs);
}
