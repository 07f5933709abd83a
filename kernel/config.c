#include "kernel/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "hal/system.h"
#include "hal/thread.h"
#include "kernel/env.h"
#include "kernel/files.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

static struct json *root;
static char *path_loaded;            /* when not CONFIG_PATH; under the lock */
static hal_mutex_t *lock;

void config_lock(void)
{
    if (!lock)
        lock = hal_mutex_new();
    hal_mutex_lock(lock);
}

void config_unlock(void)
{
    hal_mutex_unlock(lock);
}

static struct json *defaults(void)
{
    char board[VFS_PATH_MAX];
    struct json *j = json_new(JSON_OBJECT), *pfiles = json_new(JSON_ARRAY);
    struct json *auth = json_new(JSON_OBJECT), *env = json_new(JSON_OBJECT);
    snprintf(board, sizeof board, "/etc/boards/%s.board", hal_board_name());
    json_add(j, "ver", json_new_str(UPYOS_VERSION));
    json_add(j, "board", json_new_str(board));
    json_add(pfiles, NULL, json_new_str(CONFIG_PATH));
    json_add(j, "pfiles", pfiles);
    json_add(auth, "user", json_new_str(""));
    json_add(auth, "paswd", json_new_str(""));
    json_add(j, "auth", auth);
    json_add(env, "TZ", json_new_num(0));
    json_add(j, "env", env);
    return j;
}

static void apply_env(void)
{
    struct json *env = json_get(root, "env");
    for (struct json *c = env ? env->child : NULL; c; c = c->next) {
        struct value v = { VAL_NONE, { 0 } };
        if (c->type == JSON_STRING)
            v = value_str(c->str);
        else if (c->type == JSON_BOOL)
            v = value_bool(c->boolean);
        else if (c->type == JSON_NUMBER && c->num == (double)(long long)c->num)
            v = value_int((long long)c->num);
        else if (c->type == JSON_NUMBER)
            v = value_float(c->num);
        if (v.type != VAL_NONE && env_valid_name(c->key))
            env_set(c->key, &v);
        value_free(&v);
    }
}

int config_load(const char *path, stream_t *out)
{
    char *text = NULL, err[80];
    size_t len;
    int r = file_read_all(path, &text, &len);
    struct json *loaded = NULL;
    if (r == 0) {
        loaded = json_parse(text, err, sizeof err);
        if (!loaded)
            stream_printf(out, "%s: %s, using defaults\n", path, err);
        else if (loaded->type != JSON_OBJECT) {
            stream_printf(out, "%s: not a JSON object, using defaults\n", path);
            json_free(loaded);
            loaded = NULL;
            r = ERR_CORRUPT;
        }
        free(text);
    }
    int is_default = strcmp(path, CONFIG_PATH) == 0;
    char *other = is_default ? NULL : str_dup(path);
    if (!is_default && !other) {
        json_free(loaded);
        return ERR_NOMEM;
    }
    config_lock();
    json_free(root);
    root = loaded ? loaded : defaults();
    free(path_loaded);
    path_loaded = other;
    config_unlock();
    if (r == ERR_NOENT) {
        r = config_save();
        if (r == 0)
            stream_printf(out, "%s file created.\n", path);
    }
    apply_env();
    return loaded || r == 0 ? 0 : r;
}

int config_save(void)
{
    config_lock();
    char *text = json_to_string(root, 4);
    char *path = str_dup(path_loaded ? path_loaded : CONFIG_PATH);
    config_unlock();
    int r = ERR_NOMEM;
    if (text && path)
        r = vfs_write_all_system(path, text, strlen(text));
    free(text);
    free(path);
    return r;
}

struct json *config_root(void)
{
    if (!root)
        root = defaults();
    return root;
}

const char *config_board_path(void)
{
    return json_get_str(config_root(), "board", "/etc/default.board");
}

size_t config_size(const char *key, size_t min, size_t max, size_t fallback)
{
    config_lock();
    const struct json *v = json_get(config_root(), key);
    size_t bytes = v && v->type == JSON_NUMBER && v->num >= (double)min && v->num < (double)max
                       ? (size_t)v->num : fallback;
    config_unlock();
    return bytes;
}

long config_login_grace_ms(void)
{
    config_lock();
    const struct json *grace = json_get(config_root(), "login_grace");
    double seconds = grace && grace->type == JSON_NUMBER ? grace->num : CONFIG_LOGIN_GRACE_S;
    config_unlock();
    if (seconds <= 0)
        return 0;
    return seconds > 86400 ? 86400000L : (long)(seconds * 1000);
}

/* How abs stands to the protected path p: VFS_GUARD_FILE when it is p, VFS_GUARD_ABOVE when
 * it is a directory above p, 0 otherwise. */
static int guard_level(const char *abs, const char *p)
{
    size_t n = strlen(abs);
    if (strcmp(abs, p) == 0)
        return VFS_GUARD_FILE;
    if (strcmp(abs, "/") == 0 || (strncmp(p, abs, n) == 0 && p[n] == '/'))
        return VFS_GUARD_ABOVE;
    return 0;
}

int config_guard(const char *abs)
{
    int level = 0;
    config_lock();
    struct json *pfiles = json_get(config_root(), "pfiles");
    for (struct json *c = pfiles ? pfiles->child : NULL; c; c = c->next)
        if (c->type == JSON_STRING && guard_level(abs, c->str) > level)
            level = guard_level(abs, c->str);
    config_unlock();
    return level;
}

int config_is_protected(const char *abs_path)
{
    return config_guard(abs_path) == VFS_GUARD_FILE;
}
