#include "kernel/tty.h"

#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/proc.h"
#include "lib/err.h"

#define CTRL_C 0x03

struct tty *tty_new(int terminal, void (*output)(void *ctx, const char *buf, size_t len),
                    void *driver)
{
    struct tty *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->lock = hal_mutex_new();
    t->output_lock = hal_mutex_new();
    t->readable = hal_cond_new();
    t->writable = hal_cond_new();
    t->terminal = terminal;
    t->output = output;
    t->driver = driver;
    t->cols = 80;
    t->rows = 24;
    t->refs = 1;
    if (!t->lock || !t->output_lock || !t->readable || !t->writable) {
        hal_cond_free(t->readable);
        hal_cond_free(t->writable);
        hal_mutex_free(t->lock);
        hal_mutex_free(t->output_lock);
        free(t);
        return NULL;
    }
    return t;
}

static void tty_unref(struct tty *t)
{
    hal_mutex_lock(t->lock);
    int left = --t->refs;
    hal_mutex_unlock(t->lock);
    if (left)
        return;
    hal_cond_free(t->readable);
    hal_cond_free(t->writable);
    hal_mutex_free(t->lock);
    hal_mutex_free(t->output_lock);
    free(t);
}

void tty_close(struct tty *t)
{
    if (!t)
        return;
    hal_mutex_lock(t->output_lock);
    t->output = NULL;
    hal_mutex_unlock(t->output_lock);
    tty_end_input(t);
    tty_unref(t);
}

void tty_hangup(struct tty *t)
{
    hal_mutex_lock(t->lock);
    t->hung_up = 1;
    t->count = 0;
    hal_cond_broadcast(t->writable);
    hal_mutex_unlock(t->lock);
}

/* Bytes that do not fit wait for the reader: the driver is slowed down, nothing is lost.
 * Unless nobody will read them (input ended or hung up) or the driver is told to stop. */
static void put_byte(struct tty *t, char c)
{
    while (t->count == TTY_INPUT_SIZE && !t->ended && !t->hung_up)
        if (proc_cond_wait(t->writable, t->lock, -1) == ERR_INTR)
            return;
    if (t->count == TTY_INPUT_SIZE || t->hung_up)
        return;
    t->input[(t->head + t->count) % TTY_INPUT_SIZE] = c;
    t->count++;
}

void tty_input(struct tty *t, const char *buf, size_t len)
{
    hal_mutex_lock(t->lock);
    if (len && t->any_key_until_us && hal_time_us() < t->any_key_until_us) {
        int pid = t->foreground_pid;      /* a caught key: it stops, and is not input */
        t->any_key_seen = 1;
        hal_mutex_unlock(t->lock);
        if (pid)
            proc_kill(pid);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == CTRL_C && t->foreground_pid) {
            int pid = t->foreground_pid;
            hal_mutex_unlock(t->lock);
            proc_interrupt(pid);
            hal_mutex_lock(t->lock);
            continue;
        }
        put_byte(t, buf[i]);
    }
    hal_cond_broadcast(t->readable);
    hal_mutex_unlock(t->lock);
}

void tty_end_input(struct tty *t)
{
    hal_mutex_lock(t->lock);
    t->ended = 1;
    hal_cond_broadcast(t->readable);
    hal_cond_broadcast(t->writable);
    hal_mutex_unlock(t->lock);
}

static size_t take_bytes(struct tty *t, char *buf, size_t len)
{
    size_t n = 0;
    while (n < len && t->count) {
        buf[n++] = t->input[t->head];
        t->head = (t->head + 1) % TTY_INPUT_SIZE;
        t->count--;
    }
    hal_cond_broadcast(t->writable);
    return n;
}

int tty_read_timeout(struct tty *t, char *buf, size_t len, int timeout_ms)
{
    uint64_t deadline = hal_time_us() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000;
    int r = 0;
    hal_mutex_lock(t->lock);
    while (!t->count && !t->ended && r == 0) {
        int left = -1;
        if (timeout_ms >= 0) {
            uint64_t now = hal_time_us();
            left = now >= deadline ? 0 : (int)((deadline - now + 999) / 1000);
        }
        r = proc_cond_wait(t->readable, t->lock, left);
    }
    if (r >= 0)
        r = (int)take_bytes(t, buf, len);   /* 0: timed out, or the input has ended */
    hal_mutex_unlock(t->lock);
    return r;
}

int tty_read(struct tty *t, char *buf, size_t len)
{
    return tty_read_timeout(t, buf, len, -1);
}

static void write_translated(struct tty *t, const char *buf, size_t len)
{
    if (!t->output)
        return;                    /* the driver has closed the terminal */
    if (!t->terminal) {
        t->output(t->driver, buf, len);
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != '\n' || (i > 0 && buf[i - 1] == '\r'))
            continue;
        t->output(t->driver, buf + start, i - start);
        t->output(t->driver, "\r\n", 2);
        start = i + 1;
    }
    t->output(t->driver, buf + start, len - start);
}

void tty_write(struct tty *t, const char *buf, size_t len)
{
    hal_mutex_lock(t->output_lock);
    write_translated(t, buf, len);
    hal_mutex_unlock(t->output_lock);
}

void tty_set_foreground(struct tty *t, int pid)
{
    hal_mutex_lock(t->lock);
    t->foreground_pid = pid;
    hal_mutex_unlock(t->lock);
}

void tty_catch_any_key(struct tty *t, uint64_t until_us)
{
    hal_mutex_lock(t->lock);
    t->any_key_until_us = until_us;
    hal_mutex_unlock(t->lock);
}

int tty_any_key_seen(struct tty *t)
{
    hal_mutex_lock(t->lock);
    int seen = t->any_key_seen;
    hal_mutex_unlock(t->lock);
    return seen;
}

static int tty_stream_read(stream_t *s, char *buf, size_t len)
{
    return tty_read(s->tty, buf, len);
}

static int tty_stream_write(stream_t *s, const char *buf, size_t len)
{
    tty_write(s->tty, buf, len);
    return (int)len;
}

static int tty_stream_readable(stream_t *s)
{
    struct tty *t = s->tty;
    hal_mutex_lock(t->lock);
    int ready = t->count || t->ended;
    hal_mutex_unlock(t->lock);
    return ready;
}

static void tty_stream_release(stream_t *s)
{
    tty_unref(s->tty);
}

static const struct stream_ops tty_ops = { tty_stream_read, tty_stream_write, tty_stream_release };

stream_t *tty_stream(struct tty *t)
{
    stream_t *s = stream_new(&tty_ops, NULL);
    if (s) {
        hal_mutex_lock(t->lock);
        t->refs++;
        hal_mutex_unlock(t->lock);
        s->tty = t;
        s->readable = tty_stream_readable;
    }
    return s;
}
