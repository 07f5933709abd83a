#include "kernel/console.h"

#include "hal/console.h"
#include "hal/thread.h"

/* Measured high-water mark 208 bytes (typing, Ctrl-C) on mps2-an385; plus the port's 256-byte
 * stack-check reserve and a third, rounded up (docs/porting.md, "Memory"). */
#define PUMP_STACK 768

static void console_output(void *ctx, const char *buf, size_t len)
{
    hal_console_write(buf, len);
}

/* Reads the console and feeds the tty, so Ctrl-C reaches the foreground process even while
 * it is busy and not reading. */
static void pump(void *arg)
{
    struct tty *t = arg;
    char buf[64];
    for (;;) {
        int n = hal_console_read(buf, sizeof buf, -1);
        if (n < 0) {
            tty_end_input(t);
            return;
        }
        if (n > 0)
            tty_input(t, buf, (size_t)n);
    }
}

struct tty *console_start(void)
{
    struct tty *t = tty_new(hal_console_is_terminal(), console_output, NULL);
    if (t && hal_thread_start(pump, t, PUMP_STACK, NULL) < 0) {
        tty_close(t);
        return NULL;
    }
    return t;
}
