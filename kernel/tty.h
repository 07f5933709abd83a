/* A terminal: the line discipline between a driver (the console, a telnet connection, the web
 * terminal) and the processes using it. The driver pushes received bytes with tty_input();
 * Ctrl-C there stops the terminal's foreground process instead of reaching the reader.
 *
 * Lifetime: the driver and every stream on the terminal hold a reference. When the driver
 * closes it (its client left), output goes nowhere; when the terminal is hung up (its shell
 * ended), input is dropped: neither side can then wait for the other. The memory goes with
 * the last reference, so a background job that outlives its session writes into nothing. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/stream.h"

#define TTY_INPUT_SIZE 256

struct tty {
    struct hal_mutex *lock;
    struct hal_mutex *output_lock;  /* one write at a time: lines of two writers never mix */
    struct hal_cond *readable;
    struct hal_cond *writable;
    char input[TTY_INPUT_SIZE];
    size_t head, count;
    int ended;                  /* the driver saw end of input */
    int hung_up;                /* nobody reads any more: input is dropped */
    int refs;                   /* the driver's and one per stream; guarded by lock */
    int foreground_pid;         /* gets Ctrl-C; 0: Ctrl-C is passed to the reader */
    int terminal;               /* an ANSI terminal: \n is sent as \r\n, editors may draw */
    int echo_hidden;            /* passwords: the line editor echoes '*' */
    int last_was_cr;            /* the line editor swallows the \n (or \0) of \r\n */
    int cols, rows;             /* window size when known (NAWS), else 80x24 */
    uint64_t any_key_until_us;  /* until then any key acts as Ctrl-C and is kept from the
                                 * reader (the boot's recovery key); 0: off */
    int any_key_seen;
    void (*output)(void *ctx, const char *buf, size_t len);
    void *driver;
};

struct tty *tty_new(int terminal, void (*output)(void *ctx, const char *buf, size_t len),
                    void *driver);

/* Driver side */
/* Queues received bytes; waits for room while the terminal has a reader (a stop point for
 * the driver's process: when it is told to stop, the bytes that do not fit are dropped). */
void tty_input(struct tty *t, const char *buf, size_t len);
void tty_end_input(struct tty *t);
/* The driver lets go: the output function is never called again (it returns once a write in
 * progress has finished), readers see end of input. Drops the driver's reference. */
void tty_close(struct tty *t);

/* Process side */
int tty_read(struct tty *t, char *buf, size_t len);   /* hold/stop point */
/* Like tty_read but returns 0 after timeout_ms without input. */
int tty_read_timeout(struct tty *t, char *buf, size_t len, int timeout_ms);
void tty_write(struct tty *t, const char *buf, size_t len);
void tty_set_foreground(struct tty *t, int pid);
/* The processes reading the terminal have gone (a session's shell ended): input from now on
 * is dropped instead of waiting for a reader that will never come. */
void tty_hangup(struct tty *t);
/* Until the time given (hal_time_us), any key stops the foreground process as Ctrl-C does and
 * is not passed on; 0 ends that at once. tty_any_key_seen() says whether a key came. */
void tty_catch_any_key(struct tty *t, uint64_t until_us);
int tty_any_key_seen(struct tty *t);

/* A stream on the terminal; each process that uses the terminal holds a reference. */
stream_t *tty_stream(struct tty *t);

#endif
