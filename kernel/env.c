#include "kernel/env.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "lib/err.h"
#include "lib/str.h"

struct var {
    struct var *next;
    struct value value;
    char name[];
};

static struct var *vars;              /* in the order first set */
static struct var *shared;            /* sdata's attributes (env_shared_*) */
static hal_mutex_t *lock;

void env_init(void)
{
    if (!lock)
        lock = hal_mutex_new();
}

int env_valid_name(const char *name)
{
    if (!isalpha((unsigned char)*name) && *name != '_')
        return 0;
    for (; *name; name++)
        if (!isalnum((unsigned char)*name) && *name != '_')
            return 0;
    return 1;
}

static struct var **find_in(struct var **link, const char *name)
{
    while (*link && strcmp((*link)->name, name) != 0)
        link = &(*link)->next;
    return link;
}

static struct var **find(const char *name)
{
    return find_in(&vars, name);
}

static int set_in(struct var **table, const char *name, const struct value *v)
{
    struct value copy = value_copy(v);
    if (copy.type == VAL_NONE && v->type != VAL_NONE)
        return ERR_NOMEM;
    hal_mutex_lock(lock);
    struct var **link = find_in(table, name);
    if (*link) {
        value_free(&(*link)->value);
        (*link)->value = copy;
        hal_mutex_unlock(lock);
        return 0;
    }
    size_t n = strlen(name) + 1;
    struct var *var = malloc(sizeof *var + n);
    if (!var) {
        hal_mutex_unlock(lock);
        value_free(&copy);
        return ERR_NOMEM;
    }
    memcpy(var->name, name, n);
    var->value = copy;
    var->next = NULL;
    *link = var;
    hal_mutex_unlock(lock);
    return 0;
}

int env_set(const char *name, const struct value *v)
{
    return set_in(&vars, name, v);
}

int env_set_text(const char *name, const char *text)
{
    struct value v = value_str(text);
    int r = env_set(name, &v);
    value_free(&v);
    return r;
}

static int get_in(struct var **table, const char *name, struct value *out)
{
    hal_mutex_lock(lock);
    struct var *var = *find_in(table, name);
    if (var)
        *out = value_copy(&var->value);
    hal_mutex_unlock(lock);
    return var ? 0 : ERR_NOENT;
}

int env_get(const char *name, struct value *out)
{
    return get_in(&vars, name, out);
}

int env_get_text(const char *name, char *buf, size_t size)
{
    hal_mutex_lock(lock);
    struct var *var = *find(name);
    if (var)
        value_format(&var->value, buf, size);
    else if (size)
        buf[0] = '\0';
    hal_mutex_unlock(lock);
    return var != NULL;
}

static int unset_in(struct var **table, const char *name)
{
    hal_mutex_lock(lock);
    struct var **link = find_in(table, name), *var = *link;
    if (var) {
        *link = var->next;
        value_free(&var->value);
        free(var);
    }
    hal_mutex_unlock(lock);
    return var ? 0 : ERR_NOENT;
}

int env_unset(const char *name)
{
    return unset_in(&vars, name);
}

int env_shared_set(const char *name, const struct value *v)
{
    return set_in(&shared, name, v);
}

int env_shared_get(const char *name, struct value *out)
{
    return get_in(&shared, name, out);
}

int env_shared_unset(const char *name)
{
    return unset_in(&shared, name);
}

void env_each(void (*fn)(const char *name, const struct value *v, void *ctx), void *ctx)
{
    hal_mutex_lock(lock);
    for (struct var *var = vars; var; var = var->next)
        fn(var->name, &var->value, ctx);
    hal_mutex_unlock(lock);
}
