/* The credentials are setauth's (kernel/auth.h: a salted, iterated hash in system.conf);
 * this file adds what the services need around them: one place to ask, and a back-off that
 * guessing cannot get around.
 *
 * Why each part: a back-off per address alone is defeated by parallel connections (each
 * waits its own delay at the same time) and by rotating source addresses (each starts
 * fresh). So attempts take turns, the delay is waited while holding the turn, and failures
 * also count against the account, which every address shares. The address table keeps the
 * addresses with the most (and most recent) failures when it is full. */
#include "net/login.h"

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/auth.h"
#include "kernel/lazy_mutex.h"
#include "kernel/proc.h"
#include "lib/err.h"

struct failures {
    uint32_t addr;
    int count;
    uint64_t last_us;            /* the last failure */
};

static struct failures tracked[LOGIN_TRACKED];
static struct failures account;  /* every failure, whatever its address */
/* Made on first use, which parallel logins may reach together: a plain "if (!lock) make it"
 * let two of them make one each and lock different mutexes. */
static lazy_mutex_t lock;
static hal_cond_t *turn_free;    /* made by the first to hold the lock */
static int turn_taken;

int login_required(void)
{
    return auth_enabled();
}

static void lock_table(void)
{
    lazy_mutex_lock(&lock);
    if (!turn_free)
        turn_free = hal_cond_new();
}

static void unlock_table(void)
{
    lazy_mutex_unlock(&lock);
}

/* Failures forgotten after LOGIN_FORGET_MS without a new one. */
static int recent(const struct failures *f, uint64_t now)
{
    return f->count && now - f->last_us < LOGIN_FORGET_MS * 1000ULL ? f->count : 0;
}

static struct failures *find(uint32_t addr, uint64_t now)
{
    for (int i = 0; i < LOGIN_TRACKED; i++)
        if (recent(&tracked[i], now) && tracked[i].addr == addr)
            return &tracked[i];
    return NULL;
}

/* A slot for addr when the table is full: the entry with the fewest recent failures, the
 * oldest of those, so that an address that keeps guessing is not pushed out by new ones. */
static struct failures *slot_for(uint32_t addr, uint64_t now)
{
    struct failures *f = find(addr, now), *victim = &tracked[0];
    if (f)
        return f;
    for (int i = 1; i < LOGIN_TRACKED; i++) {
        int a = recent(&tracked[i], now), b = recent(victim, now);
        if (a < b || (a == b && tracked[i].last_us < victim->last_us))
            victim = &tracked[i];
    }
    *victim = (struct failures){ addr, 0, now };
    return victim;
}

static void count_failure(struct failures *f, uint64_t now)
{
    f->count = recent(f, now) + 1;
    f->last_us = now;
}

int login_backoff_ms(int failures)
{
    int over = failures - LOGIN_FREE_FAILURES;
    if (over <= 0)
        return 0;
    return over >= LOGIN_DELAY_MAX_MS / LOGIN_STEP_MS ? LOGIN_DELAY_MAX_MS : over * LOGIN_STEP_MS;
}

int login_failures(uint32_t addr)
{
    lock_table();
    struct failures *f = find(addr, hal_time_us());
    int n = f ? f->count : 0;
    unlock_table();
    return n;
}

int login_delay_ms(uint32_t addr)
{
    lock_table();
    uint64_t now = hal_time_us();
    struct failures *f = find(addr, now);
    int mine = f ? f->count : 0, all = recent(&account, now);
    unlock_table();
    return login_backoff_ms(mine > all ? mine : all);
}

void login_failed(uint32_t addr)
{
    lock_table();
    uint64_t now = hal_time_us();
    count_failure(slot_for(addr, now), now);
    count_failure(&account, now);
    unlock_table();
}

void login_passed(uint32_t addr)
{
    lock_table();
    struct failures *f = find(addr, hal_time_us());
    if (f)
        f->count = 0;
    account.count = 0;
    unlock_table();
}

/* Waits until no other attempt is being checked (or waited out), then takes the turn. */
static int take_turn(void)
{
    uint64_t deadline = hal_time_us() + LOGIN_TURN_MAX_MS * 1000ULL;
    int r = 0;
    lock_table();
    while (turn_taken && r == 0) {
        uint64_t now = hal_time_us();
        if (now >= deadline)
            r = ERR_TIMEOUT;
        else
            r = proc_cond_wait(turn_free, lazy_mutex_get(&lock),
                               (int)((deadline - now) / 1000) + 1);
        if (r == 1)
            r = ERR_TIMEOUT;
    }
    if (r == 0)
        turn_taken = 1;
    unlock_table();
    return r;
}

static void give_turn(void)
{
    lock_table();
    turn_taken = 0;
    hal_cond_broadcast(turn_free);
    unlock_table();
}

int login_attempt(uint32_t addr, const char *user, const char *pass)
{
    int r = take_turn();
    if (r < 0)
        return r;
    int delay = login_delay_ms(addr);
    r = delay ? proc_sleep_ms((uint32_t)delay) : 0;
    if (r == 0) {
        r = auth_check(user, pass) ? 1 : 0;
        if (r)
            login_passed(addr);
        else
            login_failed(addr);
    }
    give_turn();
    return r;
}
