#include "kernel/fscache.h"

#include <stdio.h>

#include "fs/flashfs/flashfs.h"
#include "kernel/config.h"
#include "lib/err.h"
#include "lib/json.h"

#define CACHE_LINE 256            /* flashfs caches whole lines of this size */

static struct fscache_choice choice;
static void *root;                   /* the flashfs root mounted here, NULL when none */
static uint64_t flash_bytes;         /* its device's size, the largest cache that makes sense */

static uint32_t whole_lines(uint64_t bytes)
{
    return (uint32_t)(bytes - bytes % CACHE_LINE);
}

int fscache_mount_root(hal_blockdev_t *bd, uint32_t port_default, void **fs)
{
    struct flashfs_config cfg = { .cache_size = whole_lines(port_default) };
    int r = flashfs_mount(bd, &cfg, fs);
    if (r < 0)
        return r;
    root = *fs;
    flash_bytes = (uint64_t)bd->block_count * bd->block_size;
    choice.bytes = cfg.cache_size;
    snprintf(choice.source, sizeof choice.source, "the port's default");
    return 0;
}

/* 1 and *bytes when the configuration sets a usable size, 0 when it sets none, -1 when the
 * setting cannot be used (the reason in choice.source). */
static int configured_size(uint32_t *bytes)
{
    struct json *v = config_get("fscache");
    int result = v ? -1 : 0;
    if (v && v->type != JSON_NUMBER)
        snprintf(choice.source, sizeof choice.source,
                 "the port's default; system.conf fscache: not a number of bytes");
    else if (v && (v->num < 0 || v->num > (double)flash_bytes))
        snprintf(choice.source, sizeof choice.source,
                 "the port's default; system.conf fscache %.0f: not 0..%llu (the flash's size)",
                 v->num, (unsigned long long)flash_bytes);
    else if (v) {
        *bytes = whole_lines((uint64_t)v->num);
        result = 1;
    }
    json_free(v);
    return result;
}

void fscache_configure(void)
{
    uint32_t want, in_force = choice.bytes;
    if (!root || configured_size(&want) != 1)
        return;
    snprintf(choice.source, sizeof choice.source, "system.conf fscache");
    if (want == in_force)
        return;
    int r = flashfs_set_cache(root, want);
    if (r == 0) {
        choice.bytes = want;
        return;
    }
    snprintf(choice.source, sizeof choice.source,
             "the port's default; system.conf fscache %lu: %s", (unsigned long)want, err_str(r));
    if (flashfs_set_cache(root, in_force) < 0)
        choice.bytes = 0;
}

const struct fscache_choice *fscache_root(void)
{
    return root ? &choice : NULL;
}
