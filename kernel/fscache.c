#include "kernel/fscache.h"

#include <stdio.h>
#include <stdlib.h>

#include "fs/flashfs/flashfs.h"
#include "fs/vfs.h"
#include "kernel/config.h"
#include "lib/err.h"
#include "lib/json.h"

#define CACHE_LINE 256            /* flashfs caches whole lines of this size */
#define CONF_MAX 8192             /* a larger system.conf is not read for this */

static struct fscache_choice choice;
static int chosen;

static uint32_t whole_lines(uint64_t bytes)
{
    return (uint32_t)(bytes - bytes % CACHE_LINE);
}

/* system.conf's text, read straight from the mount (the VFS has no root yet); NULL if none. */
static char *read_conf(void *fs)
{
    struct vfs_mount m = { "/", &flashfs_ops, fs };
    struct vfs_stat st;
    void *file;
    if (flashfs_ops.stat(&m, CONFIG_PATH, &st) < 0 || st.size > CONF_MAX)
        return NULL;
    char *text = malloc((size_t)st.size + 1);
    if (!text || flashfs_ops.open(&m, CONFIG_PATH, VFS_O_READ, &file) < 0) {
        free(text);
        return NULL;
    }
    int n = flashfs_ops.read(&m, file, text, st.size);
    flashfs_ops.close(&m, file);
    if (n < 0) {
        free(text);
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* 1 and *bytes when system.conf sets a usable size, 0 when it sets none, -1 when the setting
 * cannot be used (the reason in choice.source). */
static int configured_size(void *fs, const hal_blockdev_t *bd, uint32_t *bytes)
{
    char *text = read_conf(fs);
    /* the one member, built alone from a text checked whole (no tree of the rest) */
    struct json *v = text && json_check(text, NULL, 0) == 0 ? json_parse_member(text, "fscache") : NULL;
    free(text);
    int result = v ? -1 : 0;
    uint64_t flash = (uint64_t)bd->block_count * bd->block_size;
    if (v && v->type != JSON_NUMBER)
        snprintf(choice.source, sizeof choice.source,
                 "the port's default; system.conf fscache: not a number of bytes");
    else if (v && (v->num < 0 || v->num > (double)flash))
        snprintf(choice.source, sizeof choice.source,
                 "the port's default; system.conf fscache %.0f: not 0..%llu (the flash's size)",
                 v->num, (unsigned long long)flash);
    else if (v) {
        *bytes = whole_lines((uint64_t)v->num);
        result = 1;
    }
    json_free(v);
    return result;
}

int fscache_mount_root(hal_blockdev_t *bd, uint32_t port_default, void **fs)
{
    struct flashfs_config cfg = { .cache_size = whole_lines(port_default) };
    int r = flashfs_mount(bd, &cfg, fs);
    if (r < 0)
        return r;
    chosen = 1;
    choice.bytes = cfg.cache_size;
    snprintf(choice.source, sizeof choice.source, "the port's default");
    uint32_t want;
    if (configured_size(*fs, bd, &want) != 1)
        return 0;
    snprintf(choice.source, sizeof choice.source, "system.conf fscache");
    if (want == cfg.cache_size)
        return 0;
    r = flashfs_set_cache(*fs, want);   /* no second mount: nothing else depends on it */
    if (r == 0) {
        choice.bytes = want;
        return 0;
    }
    snprintf(choice.source, sizeof choice.source,
             "the port's default; system.conf fscache %lu: %s", (unsigned long)want, err_str(r));
    if (flashfs_set_cache(*fs, cfg.cache_size) < 0)
        choice.bytes = 0;
    return 0;
}

const struct fscache_choice *fscache_root(void)
{
    return chosen ? &choice : NULL;
}
