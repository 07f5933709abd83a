/* The credential check itself belongs to setauth's kernel/auth.h (a salted, iterated hash in
 * system.conf). Until that lands, a stored password of the form "plain:SECRET" is accepted
 * as a stand-in so that the services' login paths can be exercised; any other stored value
 * lets nobody in (failing closed). */
#include "net/login.h"

#include <string.h>

#include "hal/thread.h"
#include "kernel/config.h"
#include "kernel/proc.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

#define TRACKED 8                 /* addresses remembered; the oldest is forgotten */
#define DELAY_STEP_MS 1000
#define DELAY_MAX_MS 8000

static const char *stored(const char *key)
{
    struct json *auth = json_get(config_root(), "auth");
    return json_get_str(auth, key, "");
}

int login_required(void)
{
    config_lock();
    int set = stored("paswd")[0] != '\0';
    config_unlock();
    return set;
}

/* Compares without stopping at the first difference, so timing says nothing. */
static int same_text(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned diff = (unsigned)(la ^ lb);
    for (size_t i = 0; i < la; i++)
        diff |= (unsigned char)a[i] ^ (unsigned char)b[i % (lb ? lb : 1)];
    return diff == 0;
}

int login_check(const char *user, const char *pass)
{
    config_lock();
    const char *want_user = stored("user"), *hash = stored("paswd");
    int ok = hash[0] && str_starts(hash, "plain:") && same_text(user, want_user) &&
             same_text(pass, hash + 6);
    config_unlock();
    return ok;
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
