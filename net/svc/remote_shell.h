/* A terminal session for a remote user, what telnet and the web terminal share: it owns the
 * terminal, the lock the driver's sends take and a shell session on the terminal, which asks
 * for a login first when the driver wants one and runs in a thread of its own so the driver
 * keeps reading (and Ctrl-C keeps working) while a command runs. The driver supplies only its
 * pumps: what the client sends goes to tty_input(rs->tty, ...); what the terminal writes comes
 * to the driver's output function. `exit` ends the session only. */
#ifndef NET_SVC_REMOTE_SHELL_H
#define NET_SVC_REMOTE_SHELL_H

#include <stddef.h>
#include <stdint.h>

#include "hal/thread.h"
#include "kernel/proc.h"
#include "kernel/tty.h"

struct remote_shell {
    /* the driver sets these before remote_shell_start */
    uint32_t peer;              /* for the failed-login count */
    int ask_login;              /* ask Login:/Password: when a password is set */
    /* the session's, from remote_shell_start to remote_shell_end */
    struct tty *tty;            /* the driver feeds it with tty_input */
    hal_mutex_t *send_lock;     /* every send of the driver takes it: the terminal's output
                                 * and the driver's own replies come from two threads */
    int pid;                    /* the shell's process */
    uint64_t login_deadline_us; /* when an unfinished login is given up; 0: never */
    volatile int logged_in;     /* past the login, or none was needed */
    volatile int ended;         /* the shell has ended: the driver stops pumping */
};

/* Opens the terminal, whose output goes to output(ctx, ...), and starts the shell on it as a
 * child of session (stopping the session stops the shell). 0, or ERR_NOMEM with nothing left
 * to end. */
int remote_shell_start(struct remote_shell *rs, proc_t *session, const char *name,
                       void (*output)(void *ctx, const char *buf, size_t len), void *ctx);
/* 1 when the session is over: the shell has ended, or the login grace time (system.conf
 * login_grace) has passed without a login. Typing does not extend the grace time. */
int remote_shell_over(const struct remote_shell *rs);
/* Stops the shell (if still running), waits until it has gone, then closes the terminal and
 * frees the send lock. */
void remote_shell_end(struct remote_shell *rs);

#endif
