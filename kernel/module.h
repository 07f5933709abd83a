/* Program modules: C programs built against sdk/ and copied to /bin, run by name like
 * built-ins. A module stays loaded after it ends, so the next run starts at once; lsmod lists
 * the loaded ones and rmmod unloads one nobody runs. Modules are shared by the processes running
 * them: their global variables are too (keep per-run state in locals or proc_alloc). */
#ifndef KERNEL_MODULE_H
#define KERNEL_MODULE_H

#include <stddef.h>

#include "kernel/proc.h"

#define MODULE_NAME_MAX 32

/* 1 when the file at path starts like a module (not a script). */
int module_is_file(const char *path);
/* Runs the module at path as process p: loads it if needed, calls its main. Errors are
 * reported as "NAME: why" on p's err and give 126. */
int module_run(proc_t *p, const char *path, int argc, char **argv);
/* The stack the module asks for with UPYOS_STACK (loading it), or 0. */
size_t module_stack(const char *path);

struct module_info {
    char name[MODULE_NAME_MAX];
    char path[VFS_PATH_MAX];
    size_t size;                /* RAM of its code and data */
    int users;                  /* processes running it now */
};
/* Calls fn for each loaded module, in load order (no module call may be made from fn). */
void module_each(void (*fn)(const struct module_info *m, void *ctx), void *ctx);
/* Unloads the module named name (file name, or path). 0, ERR_NOENT, or ERR_BUSY in use. */
int module_unload(const char *name);
/* Unloads every module nobody runs (shutdown, tests). */
void module_unload_idle(void);

#endif
