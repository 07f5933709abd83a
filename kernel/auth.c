#include "kernel/auth.h"

#include <string.h>

#include "hal/system.h"
#include "kernel/config.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/password.h"
#include "lib/str.h"

static struct json *auth_node(void)
{
    struct json *root = config_root(), *a = json_get(root, "auth");
    if (!a || a->type != JSON_OBJECT) {
        a = json_new(JSON_OBJECT);
        if (a)
            json_add(root, "auth", a);
    }
    return a;
}

int auth_enabled(void)
{
    config_lock();
    const char *user = json_get_str(json_get(config_root(), "auth"), "user", "");
    const char *hash = json_get_str(json_get(config_root(), "auth"), "paswd", "");
    int on = *user && *hash;
    config_unlock();
    return on;
}

void auth_user(char *buf, size_t size)
{
    config_lock();
    str_copy(buf, json_get_str(json_get(config_root(), "auth"), "user", ""), size);
    config_unlock();
}

/* A copy of the stored login ("" when none is set), taken under the configuration's lock. */
static void read_login(char user[64], char hash[PASSWORD_HASH_TEXT])
{
    config_lock();
    const struct json *a = json_get(config_root(), "auth");
    str_copy(user, json_get_str(a, "user", ""), 64);
    str_copy(hash, json_get_str(a, "paswd", ""), PASSWORD_HASH_TEXT);
    config_unlock();
}

int auth_check(const char *user, const char *pass)
{
    char stored_user[64], hash[PASSWORD_HASH_TEXT];
    read_login(stored_user, hash);
    int user_ok = *stored_user && strcmp(user, stored_user) == 0;
    int pass_ok = password_verify(pass, hash);    /* always hashed: timing does not tell */
    return user_ok && pass_ok;
}

static int put(const char *user, const char *hash)
{
    config_lock();
    struct json *a = auth_node();
    if (a) {
        json_add(a, "user", json_new_str(user));
        json_add(a, "paswd", json_new_str(hash));
    }
    config_unlock();
    return a ? 0 : ERR_NOMEM;
}

/* Sets the login and saves the configuration. When the save fails (a flash error) the old
 * login is put back: the services never check a login that a reboot would not find. */
static int store(const char *user, const char *hash)
{
    char old_user[64], old_hash[PASSWORD_HASH_TEXT];
    read_login(old_user, old_hash);
    int r = put(user, hash);
    if (r == 0 && (r = config_save()) < 0)
        put(old_user, old_hash);
    return r;
}

int auth_set(const char *user, const char *pass)
{
    uint8_t salt[PASSWORD_SALT];
    char hash[PASSWORD_HASH_TEXT];
    hal_random_bytes(salt, sizeof salt);
    int r = password_hash(pass, salt, sizeof salt, PASSWORD_ITERATIONS, hash, sizeof hash);
    return r < 0 ? r : store(user, hash);
}

int auth_disable(void)
{
    return store("", "");
}
