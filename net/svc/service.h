/* What telnetd, ftpd and httpd share: a listening process started and stopped by a command
 * (`NAME start|stop|restart [-p PORT]`), and a session process with a thread of its own for
 * each connection, so that several clients are served at once and each can be killed alone.
 * Stopping the service stops its sessions too. */
#ifndef NET_SVC_SERVICE_H
#define NET_SVC_SERVICE_H

#include <stdint.h>

#include "kernel/proc.h"
#include "net/socket.h"

#define SERVICE_SESSIONS_MAX 16

/* A session's entry in its service's table. */
struct service_slot {
    int pid;                    /* the session process; 0: free */
    volatile uint32_t idle_since_ms;   /* 0: busy; else when it began waiting (ms, never 0) */
};

struct session_info {
    uint32_t peer;              /* the client's address */
    uint16_t peer_port;
    uint16_t port;              /* the service's port */
    struct service_slot *slot;
};

struct service {
    const char *name;           /* "utelnetd": the command and the process name */
    uint16_t default_port;
    int max_sessions;           /* <= SERVICE_SESSIONS_MAX */
    /* Serves one connection, as process self, which owns client; returns when done. */
    void (*session)(proc_t *self, sock_t *client, const struct session_info *who);
    /* Tells a client that arrives when all sessions are taken (may be NULL). */
    const char *busy_reply;

    /* state, kept by service.c */
    volatile int pid;           /* the listening process; 0 when stopped */
    uint16_t port;
    struct service_slot sessions[SERVICE_SESSIONS_MAX];
};

/* A session says whether it waits for its client with nothing in hand (no request read yet,
 * or no login yet); a new session starts idle. When every slot is taken, a new client ends
 * the session that has been idle the longest instead of being turned away: idle connections
 * cannot lock others out. */
void session_idle(const struct session_info *who, int idle);

/* The command: start, stop, restart, status; -p PORT. */
int service_command(struct service *svc, proc_t *p, int argc, char **argv);

#endif
