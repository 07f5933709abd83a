/* Bring-up test of the port without the kernel: a tiny command loop on the console that
 * exercises threads, locks, condition variables, sleep, thread-local storage, the flash
 * image, faults, the watchdog and reset. ports/mps2-an385/selftest.py drives it in QEMU.
 * Built as selftest.elf beside the firmware. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/hal.h"
#include "port.h"

static void out(const char *fmt, ...)
{
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1)
        n = (int)sizeof buf - 1;
    for (int i = 0; i < n; i++)                 /* no tty layer here: add the CR ourselves */
        hal_console_write(buf[i] == '\n' ? "\r\n" : &buf[i], buf[i] == '\n' ? 2 : 1);
}

static int read_line(char *buf, size_t max)
{
    size_t n = 0;
    for (;;) {
        char c;
        if (hal_console_read(&c, 1, -1) != 1)
            continue;
        if (c == '\r' || c == '\n') {
            hal_console_write("\r\n", 2);
            buf[n] = '\0';
            return (int)n;
        }
        if (n + 1 < max) {
            buf[n++] = c;
            hal_console_write(&c, 1);
        }
    }
}

/* threads + recursive mutex + condition variable */
static hal_mutex_t *lock;
static hal_cond_t *done_cond;
static int counter, finished;

static void worker(void *arg)
{
    for (int i = 0; i < 1000; i++) {
        hal_mutex_lock(lock);
        hal_mutex_lock(lock);        /* recursive */
        int v = counter;
        if (i % 100 == 0)
            hal_thread_yield();
        counter = v + 1;
        hal_mutex_unlock(lock);
        hal_mutex_unlock(lock);
    }
    hal_mutex_lock(lock);
    finished++;
    hal_cond_broadcast(done_cond);
    hal_mutex_unlock(lock);
}

static void test_threads(void)
{
    if (!lock) {
        lock = hal_mutex_new();
        done_cond = hal_cond_new();
    }
    counter = finished = 0;
    for (int i = 0; i < 3; i++)
        if (hal_thread_start(worker, NULL, 1024, NULL) != 0)
            out("thread start failed\n");
    hal_mutex_lock(lock);
    while (finished < 3)
        hal_cond_wait(done_cond, lock, 1000);
    hal_mutex_unlock(lock);
    out("threads ok counter=%d\n", counter);
}

static void test_timing(void)
{
    hal_mutex_t *m = hal_mutex_new();
    hal_cond_t *c = hal_cond_new();
    uint64_t t0 = hal_time_us();
    hal_mutex_lock(m);
    int r = hal_cond_wait(c, m, 50);
    hal_mutex_unlock(m);
    uint64_t t1 = hal_time_us();
    hal_sleep_us(200000);
    uint64_t t2 = hal_time_us();
    out("cond timeout=%d waited=%lu us; sleep 200 ms took %lu us\n", r,
        (unsigned long)(t1 - t0), (unsigned long)(t2 - t1));
    hal_cond_free(c);
    hal_mutex_free(m);
}

static volatile int tls_other_errno = -1;
static void errno_thread(void *arg)
{
    errno = 0;
    strtol("99999999999999999999", NULL, 10);   /* ERANGE in this thread only */
    hal_sleep_us(20000);
    tls_other_errno = errno;
}

static void test_tls(void)
{
    errno = 0;
    hal_thread_set_local((void *)&tls_other_errno);
    hal_thread_start(errno_thread, NULL, 1024, NULL);
    hal_sleep_us(50000);
    out("tls: mine=%d other=%d (ERANGE=%d) local %s\n", errno, tls_other_errno, ERANGE,
        hal_thread_get_local() == (void *)&tls_other_errno ? "kept" : "lost");
}

static void test_printf(void)
{
    out("printf: %lld %llu %g %.3f\n", -1234567890123LL, 18446744073709551615ULL, 0.1 + 0.2,
        3.14159);
}

static void test_flash(void)
{
    hal_blockdev_t *d = hal_flash_open("selftest-flash.img");
    if (!d) {
        out("flash: cannot open\n");
        return;
    }
    uint8_t page[256], back[256];
    int r = d->erase(d, 3);
    memset(page, 0xF0, sizeof page);
    r |= d->prog(d, 3, 512, page, sizeof page);
    memset(page, 0x3C, sizeof page);
    r |= d->prog(d, 3, 512, page, sizeof page);
    r |= d->read(d, 3, 510, back, 4);
    int bad = d->prog(d, 3, 100, page, 10);
    out("flash: blocks=%lu r=%d bytes=%02x %02x %02x %02x unaligned=%d\n",
        (unsigned long)d->block_count, r, back[0], back[1], back[2], back[3], bad);
    hal_flash_close(d);
}

static void test_mem(void)
{
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    out("mem: heap total=%u used=%u peak=%u stack=%u\n", (unsigned)m.heap_total,
        (unsigned)m.heap_used, (unsigned)m.heap_peak, (unsigned)m.stack_total);
}

static void undefined_instruction(void *arg)
{
    hal_sleep_us(10000);
    __asm__ volatile(".short 0xde00");   /* permanently undefined (UDF #0) */
}

static volatile int divisor;
static volatile int quotient;
static void divide_by_zero(void *arg)
{
    quotient = 10 / divisor;
}

static int recurse(int depth)
{
    volatile char pad[64];
    pad[0] = (char)depth;
    return depth > 100000 ? pad[0] : recurse(depth + 1) + pad[0];
}

static void overflow(void *arg)
{
    hal_mutex_lock(lock);            /* held while crashing: must be released */
    recurse(0);
}

static void test_crash(const char *what)
{
    if (!lock) {
        lock = hal_mutex_new();
        done_cond = hal_cond_new();
    }
    void (*fn)(void *) = strcmp(what, "overflow") == 0 ? overflow
                       : strcmp(what, "div") == 0     ? divide_by_zero
                                                      : undefined_instruction;
    uintptr_t id;
    hal_thread_start(fn, NULL, 1024, &id);
    out("started thread %lu\n", (unsigned long)id);
    hal_sleep_us(100000);
    hal_mutex_lock(lock);            /* would hang if the dead thread kept it */
    hal_mutex_unlock(lock);
    out("still running\n");
}

static void busy(void *arg)
{
    volatile uint32_t n = 0;
    uint64_t end = hal_time_us() + 300000;
    while (hal_time_us() < end)
        n++;
    out("busy thread done n=%lu\n", (unsigned long)n);
}

void port_app_main(void)
{
    out("\nupyOS-C mps2-an385 selftest (%s, %lu MHz)\n", hal_platform_name(),
        (unsigned long)hal_cpu_mhz());
    char line[64];
    for (;;) {
        out("selftest> ");
        read_line(line, sizeof line);
        if (strcmp(line, "threads") == 0)
            test_threads();
        else if (strcmp(line, "timing") == 0)
            test_timing();
        else if (strcmp(line, "tls") == 0)
            test_tls();
        else if (strcmp(line, "printf") == 0)
            test_printf();
        else if (strcmp(line, "flash") == 0)
            test_flash();
        else if (strcmp(line, "mem") == 0)
            test_mem();
        else if (strncmp(line, "crash ", 6) == 0)
            test_crash(line + 6);
        else if (strcmp(line, "preempt") == 0) {
            hal_thread_start(busy, NULL, 1024, NULL);
            out("shell still responsive\n");
        } else if (strcmp(line, "led") == 0) {
            hal_gpio_write(0, 1);
            out("led0=%d led1=%d pin9=%d\n", hal_gpio_read(0), hal_gpio_read(1),
                hal_gpio_read(9));
        } else if (strcmp(line, "time") == 0)
            out("uptime %lu ms rtc %lld\n", (unsigned long)(hal_time_us() / 1000),
                (long long)hal_rtc_get());
        else if (strcmp(line, "wdog") == 0) {
            hal_watchdog_start(300);
            out("watchdog started\n");
        } else if (strcmp(line, "crashmain") == 0)
            __asm__ volatile(".short 0xde00");
        else if (strcmp(line, "mpu") == 0) {
            volatile uint32_t *mpu = (volatile uint32_t *)0xE000ED90u;
            mpu[2] = 0;
            uint32_t b0 = mpu[3], a0 = mpu[4];
            mpu[2] = 1;
            out("mpu type=%08lx ctrl=%08lx r0=%08lx/%08lx r1=%08lx/%08lx\n", (unsigned long)mpu[0],
                (unsigned long)mpu[1], (unsigned long)b0, (unsigned long)a0,
                (unsigned long)mpu[3], (unsigned long)mpu[4]);
        } else if (strcmp(line, "reboot") == 0)
            hal_restart(1);
        else if (strcmp(line, "halt") == 0)
            hal_restart(0);
        else if (line[0])
            out("unknown: %s\n", line);
    }
}
