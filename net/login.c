/* The credentials are setauth's (kernel/auth.h: a salted, iterated hash in system.conf);
 * this file adds what the services need around them: one place to ask, and slowing down an
 * address that keeps guessing. */
#include "net/login.h"

#include "hal/thread.h"
#include "kernel/auth.h"
#include "kernel/proc.h"
#include "lib/err.h"

#define TRACKED 8                 /* addresses remembered; the oldest is forgotten */
#define DELAY_STEP_MS 1000
#define DELAY_MAX_MS 8000

int login_required(void)
{
    return auth_enabled();
}

int login_check(const char *user, const char *pass)
{
    return auth_check(user, pass);
}

static struct {
    uint32_t addr;
    int failures;
} tracked[TRACKED];
static hal_mutex_t *lock;
static int next_slot;

static int slot_of(uint32_t addr, int create)
{
    for (int i = 0; i < TRACKED; i++)
        if (tracked[i].failures && tracked[i].addr == addr)
            return i;
    if (!create)
        return -1;
    int i = next_slot;
    next_slot = (next_slot + 1) % TRACKED;
    tracked[i].addr = addr;
    tracked[i].failures = 0;
    return i;
}

static void lock_table(void)
{
    if (!lock)
        lock = hal_mutex_new();
    hal_mutex_lock(lock);
}

int login_delay_ms(uint32_t addr)
{
    lock_table();
    int i = slot_of(addr, 0);
    int over = i < 0 ? 0 : tracked[i].failures - (LOGIN_TRIES - 1);
    hal_mutex_unlock(lock);
    if (over <= 0)
        return 0;
    int delay = over * DELAY_STEP_MS;
    return delay > DELAY_MAX_MS ? DELAY_MAX_MS : delay;
}

void login_failed(uint32_t addr)
{
    lock_table();
    tracked[slot_of(addr, 1)].failures++;
    hal_mutex_unlock(lock);
}

void login_passed(uint32_t addr)
{
    lock_table();
    int i = slot_of(addr, 0);
    if (i >= 0)
        tracked[i].failures = 0;
    hal_mutex_unlock(lock);
}

int login_wait_turn(uint32_t addr)
{
    int delay = login_delay_ms(addr);
    return delay ? proc_sleep_ms((uint32_t)delay) : 0;
}
