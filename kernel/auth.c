#include "kernel/auth.h"

#include <string.h>

#include "hal/system.h"
#include "kernel/config.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/password.h"
#include "lib/str.h"

/* A copy of the stored login ("" when none is set). */
static void read_login(char user[64], char hash[PASSWORD_HASH_TEXT])
{
    struct json *a = config_get("auth");
    str_copy(user, json_get_str(a, "user", ""), 64);
    str_copy(hash, json_get_str(a, "paswd", ""), PASSWORD_HASH_TEXT);
    json_free(a);
}

int auth_enabled(void)
{
    struct json *a = config_get("auth");
    int on = *json_get_str(a, "user", "") && *json_get_str(a, "paswd", "");
    json_free(a);
    return on;
}

void auth_user(char *buf, size_t size)
{
    struct json *a = config_get("auth");
    str_copy(buf, json_get_str(a, "user", ""), size);
    json_free(a);
}

int auth_check(const char *user, const char *pass)
{
    char stored_user[64], hash[PASSWORD_HASH_TEXT];
    read_login(stored_user, hash);
    int user_ok = *stored_user && strcmp(user, stored_user) == 0;
    int pass_ok = password_verify(pass, hash);    /* always hashed: timing does not tell */
    return user_ok && pass_ok;
}

struct login {
    const char *user, *hash;
};

/* config_update's change: the login into "auth" (made when missing or not an object). */
static int put_login(struct json *root, void *ctx)
{
    const struct login *l = ctx;
    struct json *a = json_get(root, "auth");
    if (!a || a->type != JSON_OBJECT) {
        if (!(a = json_new(JSON_OBJECT)))
            return ERR_NOMEM;
        json_add(root, "auth", a);
    }
    struct json *user = json_new_str(l->user), *hash = json_new_str(l->hash);
    json_add(a, "user", user);
    json_add(a, "paswd", hash);
    return user && hash ? 0 : ERR_NOMEM;
}

static int put(const char *user, const char *hash)
{
    struct login l = { user, hash };
    return config_update(put_login, &l);
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
