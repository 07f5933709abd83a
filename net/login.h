/* Logins for the remote services (telnet, FTP, HTTP). One place decides whether a login is
 * needed and whether it is right, and slows down an address that keeps guessing. */
#ifndef NET_LOGIN_H
#define NET_LOGIN_H

#include <stdint.h>

#define LOGIN_TRIES 3             /* failures before a connection is closed */

/* 1 when a password is set (system.conf auth): every service asks for it then. */
int login_required(void);
/* 1 when user and password are right. */
int login_check(const char *user, const char *pass);

/* Failures by address: after LOGIN_TRIES, each new attempt from it waits longer. */
int login_delay_ms(uint32_t addr);
void login_failed(uint32_t addr);
void login_passed(uint32_t addr);
/* Waits the delay for addr (a stop point); ERR_INTR when told to stop. */
int login_wait_turn(uint32_t addr);

#endif
