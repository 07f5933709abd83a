/* Environment variables: one table for the whole system, as in upyOS, so that programs and
 * scripts can talk through them. Values keep their type (str, int, float, bool). */
#ifndef KERNEL_ENV_H
#define KERNEL_ENV_H

#include <stddef.h>

#include "lib/value.h"

void env_init(void);
int env_set(const char *name, const struct value *v);    /* copies v */
int env_set_text(const char *name, const char *text);    /* a str value */
int env_get(const char *name, struct value *out);        /* a copy; ERR_NOENT */
/* The text form into buf; "" when unset. Returns 1 when set, 0 when not. */
int env_get_text(const char *name, char *buf, size_t size);
int env_unset(const char *name);
int env_valid_name(const char *name);
/* A second table of the same kind, apart from the variables: the attributes that Python
 * programs and `>` lines set on sdata, which all of them share. */
int env_shared_set(const char *name, const struct value *v);
int env_shared_get(const char *name, struct value *out);   /* a copy; ERR_NOENT */
int env_shared_unset(const char *name);
/* Calls fn for each variable in the order they were first set. */
void env_each(void (*fn)(const char *name, const struct value *v, void *ctx), void *ctx);

#endif
