#include "net/svc/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "lib/err.h"

#define BACKLOG 8
#define STOP_WAIT_MS 5000
#define EVICT_WAIT_MS 2000        /* an idle session ends at its next stop point: soon */

struct start {
    struct service *svc;
    proc_t *proc;
    sock_t *sock;
    struct session_info who;
};

static hal_mutex_t *state_lock;

static void lock_state(void)
{
    if (!state_lock)
        state_lock = hal_mutex_new();
    hal_mutex_lock(state_lock);
}

/* Waits (without being a stop point: the caller may be stopping) until pid has ended. */
static void wait_gone(int pid, int max_ms)
{
    for (int waited = 0; proc_exists(pid) && waited < max_ms; waited += 10)
        hal_sleep_us(10000);
}

/* The new thread becomes the process's. The starter must not note the thread id itself
 * (hal_thread_start's id_out): a short session can end and free the process first. */
static void adopt_thread(proc_t *p)
{
    p->thread_id = hal_thread_id();
    proc_set_current(p);
}

static void session_thread(void *arg)
{
    struct start *st = arg;
    adopt_thread(st->proc);
    st->svc->session(st->proc, st->sock, &st->who);
    proc_end(st->proc);
    free(st);
}

static uint32_t now_ms(void)
{
    return (uint32_t)(hal_time_us() / 1000) | 1;   /* never 0, which means busy */
}

void session_idle(const struct session_info *who, int idle)
{
    struct service_slot *slot = who->slot;
    if (slot && slot->pid == proc_pid(proc_current()))
        slot->idle_since_ms = idle ? now_ms() : 0;
}

static void forget(struct service_slot *slot)
{
    slot->pid = 0;
    slot->idle_since_ms = 0;
}

/* A free slot in the session table, after forgetting sessions that have ended. */
static int free_slot(struct service *svc)
{
    int slot = -1;
    for (int i = 0; i < svc->max_sessions; i++) {
        if (svc->sessions[i].pid && !proc_exists(svc->sessions[i].pid))
            forget(&svc->sessions[i]);
        if (!svc->sessions[i].pid && slot < 0)
            slot = i;
    }
    return slot;
}

/* Ends the session idle the longest and returns its slot, or -1 when none is idle. */
static int evict_idle(struct service *svc)
{
    int oldest = -1;
    uint32_t now = now_ms(), longest = 0;
    for (int i = 0; i < svc->max_sessions; i++) {
        uint32_t since = svc->sessions[i].idle_since_ms;
        if (since && (oldest < 0 || now - since > longest)) {
            longest = now - since;
            oldest = i;
        }
    }
    if (oldest < 0)
        return -1;
    proc_kill(svc->sessions[oldest].pid);
    wait_gone(svc->sessions[oldest].pid, EVICT_WAIT_MS);
    return free_slot(svc);
}

static void start_session(struct service *svc, sock_t *client, struct session_info *who)
{
    int slot = free_slot(svc);
    if (slot < 0)
        slot = evict_idle(svc);
    if (slot < 0) {
        if (svc->busy_reply)
            sock_send_text(client, svc->busy_reply);
        sock_close(client);
        return;
    }
    char name[48], addr[16];
    sock_addr_text(who->peer, addr, sizeof addr);
    snprintf(name, sizeof name, "%s %s:%u", svc->name, addr, (unsigned)who->peer_port);
    struct start *st = malloc(sizeof *st);
    proc_t *session = st ? proc_new(name, NULL) : NULL;
    if (!session) {                   /* out of memory or processes: say so, as when busy */
        free(st);
        if (svc->busy_reply)
            sock_send_text(client, svc->busy_reply);
        sock_close(client);
        return;
    }
    sock_give(client, session);
    who->slot = &svc->sessions[slot];
    *st = (struct start){ svc, session, client, *who };
    /* idle until it says otherwise: no request read, no login yet */
    svc->sessions[slot] = (struct service_slot){ session->pid, now_ms() };
    if (hal_thread_start(session_thread, st, 0, NULL) < 0) {
        forget(&svc->sessions[slot]);
        proc_end(session);
        free(st);
    }
}

static void stop_sessions(struct service *svc)
{
    for (int i = 0; i < svc->max_sessions; i++)
        if (svc->sessions[i].pid)
            proc_kill(svc->sessions[i].pid);
    for (int i = 0; i < svc->max_sessions; i++) {
        if (svc->sessions[i].pid)
            wait_gone(svc->sessions[i].pid, STOP_WAIT_MS);
        forget(&svc->sessions[i]);
    }
}

static void listener_thread(void *arg)
{
    struct start *st = arg;
    struct service *svc = st->svc;
    adopt_thread(st->proc);
    for (;;) {
        sock_t *client;
        struct session_info who = { 0, 0, svc->port, NULL };
        int r = sock_accept(st->sock, &client, &who.peer, &who.peer_port, SOCK_FOREVER);
        if (r == ERR_INTR)
            break;
        if (r == 0)
            start_session(svc, client, &who);
        else
            proc_sleep_ms(50);        /* out of descriptors or memory: let sessions end */
    }
    stop_sessions(svc);
    lock_state();
    svc->pid = 0;
    hal_mutex_unlock(state_lock);
    proc_end(st->proc);
    free(st);
}

static int start(struct service *svc, proc_t *p, uint16_t port)
{
    lock_state();
    int running = svc->pid != 0;
    hal_mutex_unlock(state_lock);
    if (running)
        return proc_error(p, svc->name, "already running on port %u", (unsigned)svc->port);
    sock_t *listener;
    int r = sock_listen(SOCK_ADDR_ANY, port, BACKLOG, &listener);
    if (r < 0)
        return proc_error(p, svc->name, "port %u: %s", (unsigned)port,
                          r == ERR_BUSY ? "address in use" : err_str(r));
    struct start *st = malloc(sizeof *st);
    proc_t *daemon = st ? proc_new(svc->name, NULL) : NULL;
    if (!daemon) {
        free(st);
        sock_close(listener);
        return proc_error(p, svc->name, "out of memory");
    }
    daemon->background = 1;
    sock_give(listener, daemon);
    *st = (struct start){ svc, daemon, listener, { 0, 0, port, NULL } };
    svc->port = port;
    memset(svc->sessions, 0, sizeof svc->sessions);
    svc->pid = daemon->pid;
    if (hal_thread_start(listener_thread, st, 0, NULL) < 0) {
        svc->pid = 0;
        proc_end(daemon);
        free(st);
        return proc_error(p, svc->name, "cannot start a thread");
    }
    proc_printf(p, "%s started on port %u\n", svc->name, (unsigned)port);
    return 0;
}

static int stop(struct service *svc, proc_t *p, int quiet)
{
    int pid = svc->pid;
    if (!pid)
        return 0;                 /* stopping is idempotent: end.sh stops what may not run */
    proc_kill(pid);
    wait_gone(pid, STOP_WAIT_MS + 1000);
    if (!quiet)
        proc_printf(p, "%s stopped\n", svc->name);
    return 0;
}

static int parse_port(proc_t *p, struct service *svc, const char *text, uint16_t *port)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (*end || n < 1 || n > 65535)
        return proc_error(p, svc->name, "%s: not a port number", text);
    *port = (uint16_t)n;
    return 0;
}

int service_command(struct service *svc, proc_t *p, int argc, char **argv)
{
    uint16_t port = svc->default_port;
    const char *action = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-p") && i + 1 < argc) {
            if (parse_port(p, svc, argv[++i], &port))
                return 1;
        } else if (!action && argv[i][0] != '-') {
            action = argv[i];
        } else {
            return proc_error(p, svc->name, "%s: unexpected argument", argv[i]);
        }
    }
    if (!action || !strcmp(action, "status")) {
        if (svc->pid)
            proc_printf(p, "%s running on port %u (pid %d)\n", svc->name,
                        (unsigned)svc->port, svc->pid);
        else
            proc_printf(p, "%s stopped\n", svc->name);
        return 0;
    }
    if (!strcmp(action, "start"))
        return start(svc, p, port);
    if (!strcmp(action, "stop"))
        return stop(svc, p, 0);
    if (!strcmp(action, "restart")) {
        stop(svc, p, 1);
        return start(svc, p, port);
    }
    return proc_error(p, svc->name, "%s: unknown action (start, stop, restart)", action);
}
