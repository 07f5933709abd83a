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

/* The configuration is kept as its text, squeezed (about 200 bytes), not as a tree (a node
 * and an allocation per value, about 1 KB): after the boot it is read rarely, a member at a
 * time (config_get). */
static char *text;
static char *path_loaded;            /* when not CONFIG_PATH; under the lock */
static hal_mutex_t *lock;

static void config_lock(void)
{
    if (!lock)
        lock = hal_mutex_new();
    hal_mutex_lock(lock);
}

static void config_unlock(void)
{
    hal_mutex_unlock(lock);
}

/* The text of a fresh system.conf. */
static char *defaults(void)
{
    char conf[VFS_PATH_MAX + 128];
    snprintf(conf, sizeof conf,
             "{\"ver\":\"%s\",\"board\":\"/etc/boards/%s.board\",\"pfiles\":[\"%s\"],"
             "\"auth\":{\"user\":\"\",\"paswd\":\"\"},\"env\":{\"TZ\":0}}",
             UPYOS_VERSION, hal_board_name(), CONFIG_PATH);
    return str_dup(conf);
}

/* The text, the defaults' until a file was loaded; under the lock. */
static const char *current(void)
{
    if (!text)
        text = defaults();
    return text;
}

struct json *config_get(const char *key)
{
    config_lock();
    struct json *v = json_parse_member(current(), key);
    config_unlock();
    return v;
}

/* Makes tree the configuration's text; under the lock. */
static int keep_tree(const struct json *tree)
{
    char *t = json_to_string(tree, 0);
    if (!t)
        return ERR_NOMEM;
    json_squeeze(t);
    free(text);
    text = t;
    return 0;
}

int config_update(int (*change)(struct json *root, void *ctx), void *ctx)
{
    config_lock();
    struct json *root = json_parse(current(), NULL, 0);
    int r = root ? change(root, ctx) : ERR_NOMEM;
    if (r == 0)
        r = keep_tree(root);
    config_unlock();
    json_free(root);
    return r;
}

static void apply_env(void)
{
    struct json *env = config_get("env");
    for (struct json *c = env && env->type == JSON_OBJECT ? env->child : NULL; c; c = c->next) {
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
    json_free(env);
}

/* The file's text squeezed (*r 0), or NULL with *r saying why: not JSON or not an object
 * (ERR_CORRUPT, said on out: the defaults apply and the file is left as it is), or the
 * read's error (ERR_NOENT: the defaults are saved as the file). */
static char *read_text(const char *path, stream_t *out, int *r)
{
    char err[80], *loaded = NULL;
    *r = file_read_json(path, &loaded, err, sizeof err);
    if (*r == ERR_CORRUPT) {
        stream_printf(out, "%s: %s, using defaults\n", path, err);
    } else if (*r == 0 && loaded[0] != '{') {
        stream_printf(out, "%s: not a JSON object, using defaults\n", path);
        free(loaded);
        loaded = NULL;
        *r = ERR_CORRUPT;
    }
    return loaded;
}

int config_load(const char *path, stream_t *out)
{
    int r;
    char *loaded = read_text(path, out, &r);
    int is_default = strcmp(path, CONFIG_PATH) == 0;
    char *other = is_default ? NULL : str_dup(path);
    if (!is_default && !other) {
        free(loaded);
        return ERR_NOMEM;
    }
    config_lock();
    free(text);
    text = loaded;
    current();
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
    char *pretty = json_text_indented(current(), 4);   /* the squeezed text, no tree */
    char *path = str_dup(path_loaded ? path_loaded : CONFIG_PATH);
    config_unlock();
    int r = ERR_NOMEM;
    if (pretty && path)
        r = vfs_write_all_system(path, pretty, strlen(pretty));
    free(pretty);
    free(path);
    return r;
}

void config_board_path(char *buf, size_t size)
{
    struct json *board = config_get("board");
    str_copy(buf, board && board->type == JSON_STRING ? board->str : "/etc/default.board", size);
    json_free(board);
}

size_t config_size(const char *key, size_t min, size_t max, size_t fallback)
{
    struct json *v = config_get(key);
    size_t bytes = v && v->type == JSON_NUMBER && v->num >= (double)min && v->num < (double)max
                       ? (size_t)v->num : fallback;
    json_free(v);
    return bytes;
}

long config_login_grace_ms(void)
{
    struct json *grace = config_get("login_grace");
    double seconds = grace && grace->type == JSON_NUMBER ? grace->num : CONFIG_LOGIN_GRACE_S;
    json_free(grace);
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
    struct json *pfiles = config_get("pfiles");
    for (struct json *c = pfiles ? pfiles->child : NULL; c; c = c->next)
        if (c->type == JSON_STRING && guard_level(abs, c->str) > level)
            level = guard_level(abs, c->str);
    json_free(pfiles);
    return level;
}

int config_is_protected(const char *abs_path)
{
    return config_guard(abs_path) == VFS_GUARD_FILE;
}
