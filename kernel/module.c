#include "kernel/module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/loader.h"
#include "hal/thread.h"
#include "kernel/sdk_exports.h"
#include "lib/err.h"
#include "lib/str.h"

/* Every module format we load is ELF: an MCU's relocatable file as much as the host's shared
 * object. The port's loader decides whether this one is for this machine. */
static const char magic[4] = { 0x7f, 'E', 'L', 'F' };

typedef int (*module_main)(int argc, char **argv);

struct module {
    struct module *next;
    struct module_info info;
    struct vfs_stat stamp;      /* the file it came from, to notice a new copy */
    hal_module_t *code;
    module_main entry;
};

static struct module *loaded;
static hal_mutex_t *lock;

static void lock_modules(void)
{
    if (!lock)
        lock = hal_mutex_new();
    hal_mutex_lock(lock);
}

static void unlock_modules(void)
{
    hal_mutex_unlock(lock);
}

int module_is_file(const char *path)
{
    char head[sizeof magic];
    vfs_file_t *f;
    if (file_open(path, VFS_O_READ, &f) < 0)
        return 0;
    int n = vfs_read(f, head, sizeof head);
    vfs_close(f);
    return n == (int)sizeof head && memcmp(head, magic, sizeof magic) == 0;
}

static struct module *find(const char *name)
{
    for (struct module *m = loaded; m; m = m->next)
        if (strcmp(m->info.name, name) == 0 || strcmp(m->info.path, name) == 0)
            return m;
    return NULL;
}

static void drop(struct module *m)
{
    for (struct module **link = &loaded; *link; link = &(*link)->next)
        if (*link == m) {
            *link = m->next;
            break;
        }
    hal_module_unload(m->code);
    free(m);
}

static int same_file(const struct vfs_stat *a, const struct vfs_stat *b)
{
    return a->size == b->size && a->mtime == b->mtime;
}

static struct module *load(const char *path, const struct vfs_stat *st, char *why, size_t n)
{
    char *image;
    size_t size;
    int r = file_read_all(path, &image, &size);
    if (r < 0) {
        snprintf(why, n, "%s", err_str(r));
        return NULL;
    }
    struct module *m = calloc(1, sizeof *m);
    if (!m) {
        free(image);
        snprintf(why, n, "out of memory");
        return NULL;
    }
    r = hal_module_load(image, size, sdk_exports, sdk_export_count, &m->code, why, n);
    free(image);
    if (r == 0 && !(m->entry = (module_main)hal_module_symbol(m->code, "main"))) {
        snprintf(why, n, "has no main()");
        hal_module_unload(m->code);
        r = ERR_INVAL;
    }
    if (r < 0) {
        free(m);
        return NULL;
    }
    str_copy(m->info.name, vfs_basename(path), sizeof m->info.name);
    str_copy(m->info.path, path, sizeof m->info.path);
    m->info.size = hal_module_size(m->code);
    m->stamp = *st;
    struct module **end = &loaded;
    while (*end)
        end = &(*end)->next;
    *end = m;
    return m;
}

/* The loaded module for path, loading it (again, when the file changed and nobody runs the old
 * copy); counted as one more user. */
static struct module *acquire(const char *path, char *why, size_t n)
{
    struct vfs_stat st;
    int r = file_stat(path, &st);
    if (r < 0) {
        snprintf(why, n, "%s", err_str(r));
        return NULL;
    }
    lock_modules();
    struct module *m = find(path);
    if (m && !same_file(&m->stamp, &st) && m->info.users == 0) {
        drop(m);
        m = NULL;
    }
    if (!m)
        m = load(path, &st, why, n);
    if (m)
        m->info.users++;
    unlock_modules();
    return m;
}

static void release(struct module *m)
{
    lock_modules();
    m->info.users--;
    unlock_modules();
}

int module_run(proc_t *p, const char *path, int argc, char **argv)
{
    char why[160];
    struct module *m = acquire(path, why, sizeof why);
    if (!m) {
        proc_error(p, argv[0], "%s", why);
        return 126;
    }
    int status = m->entry(argc, argv);
    release(m);
    return status;
}

size_t module_stack(const char *path)
{
    char why[160];
    struct module *m = acquire(path, why, sizeof why);
    if (!m)
        return 0;
    const unsigned *stack = hal_module_symbol(m->code, "upyos_stack_size");
    size_t bytes = stack ? *stack : 0;
    release(m);
    return bytes;
}

void module_each(void (*fn)(const struct module_info *m, void *ctx), void *ctx)
{
    lock_modules();
    for (struct module *m = loaded; m; m = m->next)
        fn(&m->info, ctx);
    unlock_modules();
}

int module_unload(const char *name)
{
    lock_modules();
    struct module *m = find(name);
    int r = !m ? ERR_NOENT : m->info.users ? ERR_BUSY : 0;
    if (r == 0)
        drop(m);
    unlock_modules();
    return r;
}

void module_unload_idle(void)
{
    lock_modules();
    for (struct module *m = loaded, *next; m; m = next) {
        next = m->next;
        if (m->info.users == 0)
            drop(m);
    }
    unlock_modules();
}
