/* The simulated watchdog: a thread that resets the board (the simulator starts afresh, as a
 * board would after a watchdog reset) when it is not fed in time. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "hal/system.h"
#include "hal/time.h"
#include "posix_port.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t deadline_us;       /* 0: stopped */
static uint32_t period_ms;
static int thread_running;

static void *watch(void *arg)
{
    for (;;) {
        usleep(20000);
        pthread_mutex_lock(&lock);
        int expired = deadline_us && hal_time_us() > deadline_us;
        pthread_mutex_unlock(&lock);
        if (expired) {
            fprintf(stderr, "\r\nwatchdog: not fed for %u ms, resetting\r\n", period_ms);
            posix_set_reset_cause(HAL_RESET_WATCHDOG);
            posix_reset();
        }
    }
    return NULL;
}

int hal_watchdog_start(uint32_t timeout_ms)
{
    pthread_mutex_lock(&lock);
    period_ms = timeout_ms;
    deadline_us = hal_time_us() + (uint64_t)timeout_ms * 1000;
    if (!thread_running) {
        pthread_t t;
        thread_running = pthread_create(&t, NULL, watch, NULL) == 0;
        if (thread_running)
            pthread_detach(t);
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

void hal_watchdog_feed(void)
{
    pthread_mutex_lock(&lock);
    if (deadline_us)
        deadline_us = hal_time_us() + (uint64_t)period_ms * 1000;
    pthread_mutex_unlock(&lock);
}

void hal_watchdog_stop(void)
{
    pthread_mutex_lock(&lock);
    deadline_us = 0;
    pthread_mutex_unlock(&lock);
}
