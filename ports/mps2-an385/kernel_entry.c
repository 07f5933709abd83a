/* The firmware's program: mount the root filesystem and hand over to the kernel.
 * Until the flash filesystem is in, "/" is a RAM disk filled at every boot with the default
 * rootfs/ compiled into the firmware; the block device (flash.c) is ready for flashfs. */
#include <stdio.h>
#include <string.h>

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "hal/system.h"
#include "kernel/boot.h"
#include "kernel/proc.h"
#include "kernel/stream.h"
#include "port.h"
#include "rootfs_image.h"

#define RAM_ROOT_LIMIT (64 * 1024)

/* Straight through the backend: there is no process yet to own vfs_open's files. */
static void make_parents(struct vfs_mount *m, const char *path)
{
    char dir[VFS_PATH_MAX];
    for (const char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof dir)
            return;
        memcpy(dir, path, n);
        dir[n] = '\0';
        m->ops->mkdir(m, dir);         /* ERR_EXIST for the second file in a folder */
    }
}

static void fill_root(struct vfs_mount *m)
{
    for (size_t i = 0; i < rootfs_file_count; i++) {
        const struct rootfs_file *f = &rootfs_files[i];
        void *file;
        make_parents(m, f->path);
        if (m->ops->open(m, f->path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &file) < 0)
            continue;
        m->ops->write(m, file, f->data, f->size);
        m->ops->close(m, file);
    }
}

void port_app_main(void)
{
    void *root = ramfs_new(RAM_ROOT_LIMIT);
    if (!root || vfs_mount("/", &ramfs_ops, root) < 0)
        port_panic("cannot mount the root filesystem");
    fill_root((struct vfs_mount *)vfs_mount_at(0));
    struct boot_options opts = { port_options.recovery, "ramfs" };
    enum kernel_exit how = kernel_main(&opts);
    vfs_unmount_all();
    hal_restart(how == KERNEL_EXIT_REBOOT);
}

/* Until the kernel has its own: report the crash on the crashed process's error stream, and
 * end every process that lived in the dead thread (a background job and the command it was
 * running), so ps no longer lists them and their files and streams are released. */
struct dead_list {
    uintptr_t thread;
    proc_t *procs[PROC_MAX];
    int count;
};

static void collect(proc_t *p, void *ctx)
{
    struct dead_list *d = ctx;
    if (p->thread_id == d->thread && d->count < PROC_MAX)
        d->procs[d->count++] = p;
}

__attribute__((weak)) void kernel_on_fault(const char *reason, uint32_t pc)
{
    proc_t *p = proc_current();
    char pc_text[24] = "an unknown address";
    if (pc)
        snprintf(pc_text, sizeof pc_text, "0x%08lx", (unsigned long)pc);
    if (p)
        stream_printf(p->err, "pid %d crashed: %s at %s\n", p->pid, reason, pc_text);
    else
        port_print("a thread crashed");
    if (fault_is_fatal())
        return;
    static struct dead_list dead;
    dead.thread = fault_thread_id();
    dead.count = 0;
    proc_each(collect, &dead);
    /* children first: they were created after their parents, so later in pid order */
    for (int i = dead.count - 1; i >= 0; i--)
        proc_end(dead.procs[i]);
}
