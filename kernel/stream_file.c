#include "kernel/stream_file.h"

#include "kernel/proc.h"
#include "lib/err.h"

static int file_read(stream_t *s, char *buf, size_t len)
{
    if (proc_should_stop())
        return ERR_INTR;
    return vfs_read(s->ctx, buf, len);
}

static int file_write(stream_t *s, const char *buf, size_t len)
{
    if (proc_should_stop())
        return ERR_INTR;
    return vfs_write(s->ctx, buf, len);
}

static void file_release(stream_t *s)
{
    vfs_close(s->ctx);
}

static const struct stream_ops file_ops = { file_read, file_write, file_release };

static int wrap(vfs_file_t *f, stream_t **out)
{
    vfs_file_detach(f);
    *out = stream_new(&file_ops, f);
    if (!*out) {
        vfs_close(f);
        return ERR_NOMEM;
    }
    return 0;
}

int stream_file_open(const char *path, int append, stream_t **out)
{
    char abs[VFS_PATH_MAX];
    proc_t *p = proc_current();
    int r = vfs_resolve(p ? p->cwd : "/", path, abs, sizeof abs);
    if (r < 0)
        return r;
    vfs_file_t *f;
    r = vfs_open(abs, VFS_O_WRITE | VFS_O_CREATE | (append ? VFS_O_APPEND : VFS_O_TRUNC), &f);
    return r < 0 ? r : wrap(f, out);
}

int stream_file_read_open(const char *path, stream_t **out)
{
    vfs_file_t *f;
    int r = vfs_open(path, VFS_O_READ, &f);
    return r < 0 ? r : wrap(f, out);
}
