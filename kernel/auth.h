/* The login of the remote services (telnet, FTP, HTTP): one user and a password kept as a
 * salted, iterated hash in system.conf "auth" {"user", "paswd"}. Set with `setauth`. */
#ifndef KERNEL_AUTH_H
#define KERNEL_AUTH_H

#include <stddef.h>

/* 1 when a login is set (services must ask for it), else 0. */
int auth_enabled(void);
/* The user name into buf ("" when none). */
void auth_user(char *buf, size_t size);
/* 1 when user and pass match the stored login. */
int auth_check(const char *user, const char *pass);
/* Stores a new login (a fresh random salt) and saves system.conf. 0 or ERR_*. */
int auth_set(const char *user, const char *pass);
/* Removes the login: services no longer ask. */
int auth_disable(void);

#endif
