/* The simulator's UARTs. UART 0 is the console. UARTs 1 and 2 are wired in loopback (what is
 * sent comes back, as with TX joined to RX), unless --uart ID=PATH wires one to a program on
 * the host (the ESP-AT modem simulator, tools/esp_at_sim.py) through the UNIX socket it
 * listens on: each open connects, and what the program sends arrives as RX. Either way the
 * board control interface can inject bytes and read what was sent (docs/simulator.md). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

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
    const char *peer;           /* --uart ID=PATH: the program's socket; NULL: loopback */
    int fd;                     /* the connection to it while open */
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

int posix_uart_wire(int id, const char *path)
{
    if (id < 1 || id >= UARTS || strlen(path) >= sizeof ((struct sockaddr_un *)0)->sun_path)
        return ERR_INVAL;
    uarts[id].peer = path;
    uarts[id].fd = -1;
    return 0;
}

/* Bytes from the program, until it hangs up or the UART is closed. The sender waits while RX
 * is full, as hardware flow control would make it, instead of losing bytes. */
static void *peer_reader(void *arg)
{
    struct uart *u = arg;
    int fd = u->fd;
    char buf[256];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        pthread_mutex_lock(&lock);
        while (u->fd == fd && u->rx.count + (size_t)n > RING)
            pthread_cond_wait(&arrived, &lock);
        if (u->fd == fd)
            ring_put(&u->rx, buf, (size_t)n);
        pthread_cond_broadcast(&arrived);
        pthread_mutex_unlock(&lock);
    }
    close(fd);
    return NULL;
}

static int connect_peer(struct uart *u)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    pthread_t thread;
    strcpy(addr.sun_path, u->peer);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        if (fd >= 0)
            close(fd);
        return ERR_IO;
    }
    u->fd = fd;
    if (pthread_create(&thread, NULL, peer_reader, u) != 0) {
        close(fd);
        u->fd = -1;
        return ERR_NOMEM;
    }
    pthread_detach(thread);
    return 0;
}

int hal_uart_open(int id, uint32_t baud)
{
    int r = check(id);
    if (r < 0)
        return r;
    pthread_mutex_lock(&lock);
    r = uarts[id].open ? ERR_BUSY : 0;
    if (r == 0 && uarts[id].peer)
        r = connect_peer(&uarts[id]);
    uarts[id].open = r == 0 || uarts[id].open;
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
    if (r == 0 && uarts[id].peer && uarts[id].fd >= 0) {
        shutdown(uarts[id].fd, SHUT_RDWR);     /* its reader ends and closes it */
        uarts[id].fd = -1;
        uarts[id].rx.count = 0;
        pthread_cond_broadcast(&arrived);
    }
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
    if (uarts[id].peer) {
        int fd = uarts[id].fd;
        pthread_mutex_unlock(&lock);
        /* the program may be gone: that is the modem failing, not the simulator */
        return fd >= 0 && send(fd, buf, len, MSG_NOSIGNAL) == (ssize_t)len ? (int)len : ERR_IO;
    }
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
    pthread_cond_broadcast(&arrived);       /* room in RX: a waiting sender goes on */
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
