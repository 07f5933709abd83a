/* A shell for a remote user: a process running the prompt loop on a terminal that a network
 * driver (a telnet connection, the web terminal) feeds, in a thread of its own so the driver
 * keeps reading (and Ctrl-C keeps working) while a command runs. `exit` ends the session only. */
#ifndef NET_SVC_REMOTE_SHELL_H
#define NET_SVC_REMOTE_SHELL_H

#include <stdint.h>

#include "kernel/proc.h"
#include "kernel/tty.h"

struct remote_shell {
    struct tty *tty;
    uint32_t peer;              /* for the failed-login count */
    int ask_login;              /* ask Login:/Password: when a password is set */
    int pid;
    uint64_t login_deadline_us; /* when an unfinished login is given up; 0: never */
    volatile int logged_in;     /* past the login, or none was needed */
    volatile int ended;         /* the shell process has gone */
    volatile int refused;       /* the login failed LOGIN_TRIES times */
};

/* Starts the shell on tty as a child of session (stopping the session stops the shell). */
int remote_shell_start(struct remote_shell *rs, proc_t *session, const char *name);
/* 1 when the session is over: the shell has ended, or the login grace time (system.conf
 * login_grace) has passed without a login. Typing does not extend the grace time. */
int remote_shell_over(const struct remote_shell *rs);
/* Stops the shell (if still running) and waits until it has gone. */
void remote_shell_stop(struct remote_shell *rs);

#endif
