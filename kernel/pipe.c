#include "kernel/pipe.h"

#include <stdlib.h>

#include "hal/thread.h"
#include "kernel/proc.h"
#include "lib/err.h"

struct pipe {
    hal_mutex_t *lock;
    hal_cond_t *changed;
    char buf[PIPE_SIZE];
    size_t head, count;
    int reader_gone, writer_gone;
    int ends;                   /* ends still open: the pipe goes with the last */
};

static void end_closed(stream_t *s, int is_reader)
{
    struct pipe *p = s->ctx;
    hal_mutex_lock(p->lock);
    if (is_reader)
        p->reader_gone = 1;
    else
        p->writer_gone = 1;
    int last = --p->ends == 0;
    hal_cond_broadcast(p->changed);
    hal_mutex_unlock(p->lock);
    if (last) {
        hal_cond_free(p->changed);
        hal_mutex_free(p->lock);
        free(p);
    }
}

static int pipe_read(stream_t *s, char *buf, size_t len)
{
    struct pipe *p = s->ctx;
    int r = 0;
    hal_mutex_lock(p->lock);
    while (!p->count && !p->writer_gone && r >= 0)
        r = proc_cond_wait(p->changed, p->lock, -1);
    if (r >= 0) {
        size_t n = 0;
        while (n < len && p->count) {
            buf[n++] = p->buf[p->head];
            p->head = (p->head + 1) % PIPE_SIZE;
            p->count--;
        }
        r = (int)n;
        hal_cond_broadcast(p->changed);
    }
    hal_mutex_unlock(p->lock);
    return r;
}

static int pipe_write(stream_t *s, const char *buf, size_t len)
{
    struct pipe *p = s->ctx;
    size_t done = 0;
    int r = 0;
    hal_mutex_lock(p->lock);
    while (done < len && r >= 0) {
        if (p->reader_gone) {
            r = ERR_CLOSED;
            break;
        }
        if (p->count == PIPE_SIZE) {
            r = proc_cond_wait(p->changed, p->lock, -1);
            continue;
        }
        p->buf[(p->head + p->count) % PIPE_SIZE] = buf[done++];
        p->count++;
        hal_cond_broadcast(p->changed);
    }
    hal_mutex_unlock(p->lock);
    return r < 0 ? r : (int)done;
}

static int pipe_readable(stream_t *s)
{
    struct pipe *p = s->ctx;
    hal_mutex_lock(p->lock);
    int ready = p->count || p->writer_gone;
    hal_mutex_unlock(p->lock);
    return ready;
}

static void reader_release(stream_t *s)
{
    end_closed(s, 1);
}

static void writer_release(stream_t *s)
{
    end_closed(s, 0);
}

static const struct stream_ops reader_ops = { pipe_read, NULL, reader_release };
static const struct stream_ops writer_ops = { NULL, pipe_write, writer_release };

int pipe_new(stream_t **read_end, stream_t **write_end)
{
    struct pipe *p = calloc(1, sizeof *p);
    if (!p)
        return ERR_NOMEM;
    p->lock = hal_mutex_new();
    p->changed = hal_cond_new();
    p->ends = 2;
    *read_end = stream_new(&reader_ops, p);
    *write_end = stream_new(&writer_ops, p);
    if (!*read_end || !*write_end) {
        /* free what was made; a missing end counts as closed */
        if (*read_end)
            stream_unref(*read_end);
        else
            end_closed(&(stream_t){ .ctx = p }, 1);
        if (*write_end)
            stream_unref(*write_end);
        else
            end_closed(&(stream_t){ .ctx = p }, 0);
        return ERR_NOMEM;
    }
    (*read_end)->readable = pipe_readable;
    return 0;
}
