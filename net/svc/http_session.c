/* Web logins. A login gets a random token (from the port's entropy source) that the browser
 * keeps in an HttpOnly cookie; a few are remembered, the least recently used is forgotten.
 * The table is allocated at the first login: a board whose web pages nobody logs in to does
 * not keep it (448 bytes). */
#include <stdlib.h>
#include <string.h>

#include "hal/system.h"
#include "hal/thread.h"
#include "hal/time.h"
#include "lib/err.h"
#include "net/login.h"
#include "net/svc/http_conn.h"

#define WEB_SESSIONS 8
#define IDLE_LIMIT_US (60ULL * 60 * 1000000)   /* a session unused for an hour ends */

static struct session {
    char token[HTTP_TOKEN_LEN + 1];
    uint64_t last_used;
    int command_pid;
} *table;                                  /* WEB_SESSIONS of them, or NULL: none yet */
static hal_mutex_t *lock;

static void lock_table(void)
{
    if (!lock)
        lock = hal_mutex_new();
    hal_mutex_lock(lock);
}

/* The live entry for token, or -1. Caller holds the lock. */
static int find(const char *token)
{
    if (!table || !token || strlen(token) != HTTP_TOKEN_LEN)
        return -1;
    uint64_t now = hal_time_us();
    for (int i = 0; i < WEB_SESSIONS; i++) {
        if (!table[i].token[0])
            continue;
        if (now - table[i].last_used > IDLE_LIMIT_US) {
            table[i].token[0] = '\0';
            continue;
        }
        unsigned diff = 0;                 /* compared in constant time */
        for (int k = 0; k < HTTP_TOKEN_LEN; k++)
            diff |= (unsigned)(table[i].token[k] ^ token[k]);
        if (!diff)
            return i;
    }
    return -1;
}

int http_session_new(char *token)
{
    uint8_t bytes[HTTP_TOKEN_LEN / 2];
    hal_random_bytes(bytes, sizeof bytes);
    for (size_t i = 0; i < sizeof bytes; i++) {
        token[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
        token[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
    }
    token[HTTP_TOKEN_LEN] = '\0';
    lock_table();
    if (!table && !(table = calloc(WEB_SESSIONS, sizeof *table))) {
        hal_mutex_unlock(lock);
        return ERR_NOMEM;
    }
    int slot = 0;                          /* a free entry, else the least recently used */
    for (int i = 0; i < WEB_SESSIONS; i++) {
        if (!table[i].token[0]) {
            slot = i;
            break;
        }
        if (table[i].last_used < table[slot].last_used)
            slot = i;
    }
    memcpy(table[slot].token, token, HTTP_TOKEN_LEN + 1);
    table[slot].last_used = hal_time_us();
    table[slot].command_pid = 0;
    hal_mutex_unlock(lock);
    return 0;
}

void http_session_drop(const char *token)
{
    lock_table();
    int i = find(token);
    if (i >= 0)
        table[i].token[0] = '\0';
    hal_mutex_unlock(lock);
}

int http_authorized(const struct http_conn *c)
{
    if (!login_required())
        return 1;
    lock_table();
    int i = find(c->req.token);
    if (i >= 0)
        table[i].last_used = hal_time_us();
    hal_mutex_unlock(lock);
    return i >= 0;
}

void http_session_set_command(const char *token, int pid)
{
    lock_table();
    int i = find(token);
    if (i >= 0)
        table[i].command_pid = pid;
    hal_mutex_unlock(lock);
}

int http_session_command(const char *token)
{
    lock_table();
    int i = find(token);
    int pid = i >= 0 ? table[i].command_pid : 0;
    hal_mutex_unlock(lock);
    return pid;
}
