/* upyOS-C SDK: what a loadable program may use. Build one C file into a module with
 *     make sdk-example SRC=hello.c           (writes build/posix/modules/hello)
 * or, in CMake, include(sdk/upyos_module.cmake) and upyos_add_module(hello hello.c); copy the
 * result to /bin (cp, FTP) and run it by name like any command: `hello a b &`, `ps`, `kill`.
 *
 * A module is `int main(int argc, char **argv)` plus what this header declares; the loader
 * refuses a module that calls anything else (printf, malloc, ...). Output goes to the
 * process's streams (proc_printf), memory comes from proc_alloc, files from file_open: all three
 * are released when the process ends or is killed. Every blocking call here (proc_sleep_ms,
 * stream reads, evloop_run) returns ERR_INTR once the process is told to stop and waits while
 * it is held, so a program that returns on errors obeys kill and hold; a busy loop asks
 * proc_should_stop(). A module's global variables are shared by all processes running it.
 *
 * Every UPYOS_API and UPYOS_LIBC name here goes into the kernel's export table
 * (tools/gen_sdk_exports.cmake); the kernel compiles this header against its own to keep the
 * declarations true. */
#ifndef UPYOS_SDK_H
#define UPYOS_SDK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UPYOS_API extern
#define UPYOS_LIBC(name)

/* ---- types and constants (the kernel has its own copies: they must agree) ---- */
#ifndef UPYOS_SDK_KERNEL_TYPES
typedef struct proc proc_t;
typedef struct stream stream_t;
typedef struct vfs_file vfs_file_t;
typedef struct vfs_dir vfs_dir_t;
typedef struct evloop evloop_t;
typedef struct evloop_item evloop_task_t;

enum { ERR_NOENT = -1, ERR_NOMEM = -7, ERR_INVAL = -9, ERR_INTR = -17, ERR_CLOSED = -21 };

enum { VFS_O_READ = 1, VFS_O_WRITE = 2, VFS_O_CREATE = 4, VFS_O_TRUNC = 8, VFS_O_APPEND = 16 };
enum { VFS_SEEK_SET = 0, VFS_SEEK_CUR = 1, VFS_SEEK_END = 2 };
enum vfs_type { VFS_FILE = 1, VFS_DIR = 2 };
struct vfs_stat {
    enum vfs_type type;
    uint32_t size;
    int64_t mtime;
};
struct vfs_dirent {
    char name[64];
    enum vfs_type type;
    uint32_t size;
    int64_t mtime;
};

enum hal_pin_mode { HAL_PIN_INPUT = 0, HAL_PIN_OUTPUT = 1 };

typedef void (*evloop_fn)(evloop_t *loop, void *arg);
typedef int (*evloop_ready_fn)(void *source);
typedef int (*evloop_task_fn)(evloop_task_t *t, void *arg);

#include "upyos_task.h"   /* the task macros of kernel/evloop.h, which explains them */

/* The entry point, and the stack a background run needs (default: the system's). */
__attribute__((visibility("default"))) int main(int argc, char **argv);
#define UPYOS_STACK(bytes)                                                                \
    __attribute__((visibility("default"))) const unsigned upyos_stack_size = (bytes)
#endif

/* ---- the process ---- */
UPYOS_API proc_t *proc_current(void);
UPYOS_API int proc_pid(const proc_t *p);
UPYOS_API stream_t *proc_in(const proc_t *p);
UPYOS_API stream_t *proc_out(const proc_t *p);
UPYOS_API stream_t *proc_err(const proc_t *p);
UPYOS_API int proc_printf(proc_t *p, const char *fmt, ...);
UPYOS_API int proc_puts(proc_t *p, const char *text);
/* "NAME: message" on the error stream; returns 1, the usual failing exit status. */
UPYOS_API int proc_error(proc_t *p, const char *name, const char *fmt, ...);
UPYOS_API int proc_should_stop(void);           /* waits while held; 1 once told to stop */
UPYOS_API int proc_sleep_ms(uint32_t ms);       /* 0, or ERR_INTR */
UPYOS_API void *proc_alloc(size_t size);        /* freed at the latest when the process ends */
UPYOS_API void proc_free(void *ptr);

/* ---- streams ---- */
UPYOS_API int stream_read(stream_t *s, char *buf, size_t len);   /* 0 at end, ERR_INTR */
UPYOS_API int stream_write(stream_t *s, const char *buf, size_t len);
UPYOS_API int stream_readable(stream_t *s);
UPYOS_API int stream_puts(stream_t *s, const char *text);
UPYOS_API int stream_printf(stream_t *s, const char *fmt, ...);
UPYOS_API int stream_read_line(stream_t *s, char *buf, size_t size);

/* ---- environment variables (shared by the whole system, as in upyOS) ---- */
UPYOS_API int env_get_text(const char *name, char *buf, size_t size);
UPYOS_API int env_set_text(const char *name, const char *text);
UPYOS_API int env_unset(const char *name);

/* ---- files (paths relative to the process's directory) ---- */
UPYOS_API int file_open(const char *path, int flags, vfs_file_t **out);
UPYOS_API int vfs_close(vfs_file_t *f);
UPYOS_API int vfs_read(vfs_file_t *f, void *buf, size_t len);
UPYOS_API int vfs_write(vfs_file_t *f, const void *buf, size_t len);
UPYOS_API long vfs_seek(vfs_file_t *f, long off, int whence);
UPYOS_API int file_stat(const char *path, struct vfs_stat *st);
UPYOS_API int file_unlink(const char *path);
UPYOS_API int file_mkdir(const char *path);
UPYOS_API int file_opendir(const char *path, vfs_dir_t **out);
UPYOS_API int vfs_readdir(vfs_dir_t *d, struct vfs_dirent *ent);
UPYOS_API int vfs_closedir(vfs_dir_t *d);
UPYOS_API const char *err_str(int err);

/* ---- time ---- */
UPYOS_API uint64_t hal_time_us(void);           /* monotonic, since boot */
UPYOS_API int64_t hal_rtc_get(void);            /* wall clock, Unix seconds */

/* ---- GPIO and the board ---- */
UPYOS_API int hal_gpio_mode(int pin, enum hal_pin_mode mode);
UPYOS_API int hal_gpio_read(int pin);
UPYOS_API int hal_gpio_write(int pin, int value);
UPYOS_API int hal_adc_read(int channel);
/* GPIO of the index-th entry of a board list: board_list_gpio("ledio", 0) is the first LED. */
UPYOS_API int board_list_gpio(const char *list, int index);

/* ---- event loop: timers, readable streams, cooperative tasks (kernel/evloop.h) ---- */
UPYOS_API evloop_t *evloop_new(void);
UPYOS_API void evloop_free(evloop_t *loop);
UPYOS_API int evloop_timer(evloop_t *loop, uint32_t delay_ms, uint32_t period_ms, evloop_fn fn,
                           void *arg);
UPYOS_API int evloop_watch(evloop_t *loop, evloop_ready_fn ready, void *source, evloop_fn fn,
                           void *arg);
UPYOS_API int evloop_readable(evloop_t *loop, stream_t *s, evloop_fn fn, void *arg);
UPYOS_API int evloop_cancel(evloop_t *loop, int id);
UPYOS_API int evloop_run(evloop_t *loop);
UPYOS_API void evloop_stop(evloop_t *loop);
UPYOS_API uint64_t evloop_now_ms(const evloop_t *loop);
UPYOS_API int evloop_task(evloop_t *loop, evloop_task_fn fn, void *arg);
UPYOS_API int evloop_task_point(const evloop_task_t *t);
UPYOS_API void evloop_task_sleep(evloop_task_t *t, uint32_t ms, int point);
UPYOS_API void evloop_task_wait(evloop_task_t *t, evloop_ready_fn ready, void *source, int point);
UPYOS_API int evloop_stream_readable(void *stream);

/* ---- sockets: net/socket.h joins here when the socket layer lands ---- */

/* ---- the C library functions every port provides ---- */
UPYOS_LIBC(memcpy) UPYOS_LIBC(memmove) UPYOS_LIBC(memset) UPYOS_LIBC(memcmp)
UPYOS_LIBC(strlen) UPYOS_LIBC(strcmp) UPYOS_LIBC(strncmp) UPYOS_LIBC(strchr)
UPYOS_LIBC(strrchr) UPYOS_LIBC(strstr) UPYOS_LIBC(snprintf) UPYOS_LIBC(vsnprintf)
UPYOS_LIBC(strtol) UPYOS_LIBC(strtoul) UPYOS_LIBC(strtod) UPYOS_LIBC(atoi)

#endif
