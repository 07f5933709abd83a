/* The simulator's UARTs. UART 0 is the console. UARTs 1 and 2 have nothing real behind them:
 * each is wired in loopback (what is sent comes back, as with TX joined to RX), and the board
 * control interface can inject bytes and read what was sent (docs/simulator.md). */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "hal/uart.h"
#include "lib/err.h"
#include "posix_port.h"

#define UARTS 3
#define RING 1024

struct ring {
    char data[RING];
    size_t head, count;
};

struct uart {
    int open;
    struct ring rx, tx_log;
};

static struct uart uarts[UARTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t arrived = PTHREAD_COND_INITIALIZER;

static void ring_put(struct ring *r, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (r->count == RING) {            /* full: the oldest byte is lost, as on a FIFO */
            r->head = (r->head + 1) % RING;
            r->count--;
        }
        r->data[(r->head + r->count++) % RING] = buf[i];
    }
}

static size_t ring_take(struct ring *r, char *buf, size_t max)
{
    size_t n = 0;
    while (n < max && r->count) {
        buf[n++] = r->data[r->head];
        r->head = (r->head + 1) % RING;
        r->count--;
    }
    return n;
}

int hal_uart_count(void)
{
    return UARTS;
}

static int check(int id)
{
    if (id < 0 || id >= UARTS)
        return ERR_NODEV;
    if (id == 0)
        return ERR_BUSY;
    return 0;
}

int hal_uart_open(int id, uint32_t baud)
{
    int r = check(id);
    if (r < 0)
        return r;
    pthread_mutex_lock(&lock);
    r = uarts[id].open ? ERR_BUSY : 0;
    uarts[id].open = 1;
    pthread_mutex_unlock(&lock);
    return r;
}

int hal_uart_close(int id)
{
    int r = check(id);
    if (r < 0)
        return r;
    pthread_mutex_lock(&lock);
    r = uarts[id].open ? 0 : ERR_BADF;
    uarts[id].open = 0;
    pthread_mutex_unlock(&lock);
    return r;
}

int hal_uart_write(int id, const void *buf, size_t len)
{
    int r = check(id);
    if (r < 0)
        return r;
    pthread_mutex_lock(&lock);
    if (!uarts[id].open) {
        pthread_mutex_unlock(&lock);
        return ERR_BADF;
    }
    ring_put(&uarts[id].tx_log, buf, len);
    ring_put(&uarts[id].rx, buf, len);      /* loopback */
    pthread_cond_broadcast(&arrived);
    pthread_mutex_unlock(&lock);
    return (int)len;
}

static void deadline_after(struct timespec *t, int ms)
{
    clock_gettime(CLOCK_REALTIME, t);
    t->tv_sec += ms / 1000;
    t->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t->tv_nsec >= 1000000000L) {
        t->tv_sec++;
        t->tv_nsec -= 1000000000L;
    }
}

int hal_uart_read(int id, void *buf, size_t len, int timeout_ms)
{
    int r = check(id);
    if (r < 0)
        return r;
    struct timespec until;
    deadline_after(&until, timeout_ms > 0 ? timeout_ms : 0);
    pthread_mutex_lock(&lock);
    struct uart *u = &uarts[id];
    while (u->open && !u->rx.count && timeout_ms != 0) {
        if (timeout_ms < 0)
            pthread_cond_wait(&arrived, &lock);
        else if (pthread_cond_timedwait(&arrived, &lock, &until) != 0)
            break;
    }
    r = u->open ? (int)ring_take(&u->rx, buf, len) : ERR_BADF;
    pthread_mutex_unlock(&lock);
    return r;
}

size_t posix_uart_take_tx(int id, char *buf, size_t max)
{
    if (check(id) < 0)
        return 0;
    pthread_mutex_lock(&lock);
    size_t n = ring_take(&uarts[id].tx_log, buf, max);
    pthread_mutex_unlock(&lock);
    return n;
}

int posix_uart_inject(int id, const char *buf, size_t len)
{
    int r = check(id);
    if (r < 0)
        return r;
    pthread_mutex_lock(&lock);
    ring_put(&uarts[id].rx, buf, len);
    pthread_cond_broadcast(&arrived);
    pthread_mutex_unlock(&lock);
    return 0;
}
