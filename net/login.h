/* Logins for the remote services (telnet, FTP, HTTP). One place decides whether a login is
 * needed and whether it is right, and slows down guessing: attempts are checked one at a
 * time, each after a back-off that grows with the failures of its address and of the
 * account, so neither parallel connections nor rotating addresses go faster. */
#ifndef NET_LOGIN_H
#define NET_LOGIN_H

#include <stdint.h>

#define LOGIN_TRIES 3             /* failures before a connection is closed */
#define LOGIN_FREE_FAILURES 2     /* failures (of an address, of the account) with no back-off */
#define LOGIN_STEP_MS 1000        /* then each further failure adds this ... */
#define LOGIN_DELAY_MAX_MS 8000   /* ... up to this before every attempt */
#define LOGIN_TRACKED 8           /* addresses remembered (the fewest, oldest failures go) */
#define LOGIN_FORGET_MS (15 * 60 * 1000) /* failures older than this no longer count */
#define LOGIN_TURN_MAX_MS 60000   /* an attempt waits at most this for its turn */

/* 1 when a password is set (system.conf auth): every service asks for it then. */
int login_required(void);

/* One login attempt: waits for its turn (one attempt at a time on the whole board) and,
 * holding it, the back-off its address and the account have earned; then checks user and
 * pass and counts the outcome. 1: right, 0: wrong, ERR_INTR when told to stop while waiting,
 * ERR_TIMEOUT when no turn came within LOGIN_TURN_MAX_MS. */
int login_attempt(uint32_t addr, const char *user, const char *pass);

/* The back-off before an attempt, after this many failures. */
int login_backoff_ms(int failures);
/* The back-off an attempt from addr waits now: the larger of its address's and the
 * account's. There is one account (kernel/auth.h): any failed login counts against it. */
int login_delay_ms(uint32_t addr);
/* Recent failures remembered for addr (0 when it is not tracked). */
int login_failures(uint32_t addr);
/* The bookkeeping login_attempt does, for tests: a failure from addr, a success (which
 * clears addr's and the account's failures). */
void login_failed(uint32_t addr);
void login_passed(uint32_t addr);

#endif
