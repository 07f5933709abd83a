/* The console on posix: the process's stdin/stdout. A terminal is put in raw mode so the
 * kernel's line editor sees every key (and Ctrl-C as a byte); it is restored at exit. */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "hal/console.h"
#include "posix_port.h"

static struct termios saved;
static int raw_mode;

static void restore_terminal(void)
{
    if (raw_mode)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    raw_mode = 0;
}

void posix_console_init(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) < 0)
        return;
    struct termios raw = saved;
    raw.c_iflag &= ~(unsigned)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_oflag &= ~(unsigned)OPOST;      /* the tty layer writes \r\n itself */
    raw.c_cflag |= CS8;
    raw.c_lflag &= ~(unsigned)(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0) {
        raw_mode = 1;
        atexit(restore_terminal);
    }
}

void posix_console_restore(void)
{
    restore_terminal();
}

int hal_console_is_terminal(void)
{
    return raw_mode;
}

void hal_console_write(const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(STDOUT_FILENO, buf, len);
        if (n <= 0)
            return;
        buf += n;
        len -= (size_t)n;
    }
}

int hal_console_read(char *buf, size_t max, int timeout_ms)
{
    struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
    int r = poll(&p, 1, timeout_ms);
    if (r == 0)
        return 0;
    if (r < 0)
        return 0;                      /* interrupted by a signal: nothing read */
    ssize_t n = read(STDIN_FILENO, buf, max);
    return n > 0 ? (int)n : -1;
}
