#include "kernel/stream_file.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/proc.h"
#include "lib/err.h"

/* The open file, and its path for error messages ("cat: /f: no space left"). */
struct file_stream {
    vfs_file_t *file;
    char path[];
};

static int file_read(stream_t *s, char *buf, size_t len)
{
    struct file_stream *fs = s->ctx;
    if (proc_should_stop())
        return ERR_INTR;
    return fs->file ? vfs_read(fs->file, buf, len) : ERR_BADF;
}

static int file_write(stream_t *s, const char *buf, size_t len)
{
    struct file_stream *fs = s->ctx;
    if (proc_should_stop())
        return ERR_INTR;
    return fs->file ? vfs_write(fs->file, buf, len) : ERR_BADF;
}

static void file_release(stream_t *s)
{
    struct file_stream *fs = s->ctx;
    if (fs->file)
        vfs_close(fs->file);
    free(fs);
}

static const struct stream_ops file_ops = { file_read, file_write, file_release };

int stream_file_close(stream_t *s)
{
    if (!s || s->ops != &file_ops)
        return 0;
    struct file_stream *fs = s->ctx;
    int r = fs->file ? vfs_close(fs->file) : 0;
    fs->file = NULL;
    return r < 0 ? r : 0;
}

static int wrap(vfs_file_t *f, const char *path, stream_t **out)
{
    struct file_stream *fs = malloc(sizeof *fs + strlen(path) + 1);
    vfs_file_detach(f);
    *out = fs ? stream_new(&file_ops, fs) : NULL;
    if (!*out) {
        free(fs);
        vfs_close(f);
        return ERR_NOMEM;
    }
    fs->file = f;
    strcpy(fs->path, path);
    (*out)->name = fs->path;
    return 0;
}

int stream_file_open(const char *path, int append, stream_t **out)
{
    vfs_file_t *f;
    int r = file_open(path, VFS_O_WRITE | VFS_O_CREATE | (append ? VFS_O_APPEND : VFS_O_TRUNC), &f);
    return r < 0 ? r : wrap(f, path, out);
}

int stream_file_read_open(const char *path, stream_t **out)
{
    vfs_file_t *f;
    int r = file_open(path, VFS_O_READ, &f);
    return r < 0 ? r : wrap(f, path, out);
}
