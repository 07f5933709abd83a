/* libFuzzer target: the Python interpreter running fuzzed programs. Each input is compiled and
 * run as __main__ in a fresh interpreter with a 512 KB memory cap (the arena) and a step limit,
 * so a program that loops forever or fills its memory ends with an exception, as it would on
 * the OS. Whatever the program does, the process must not crash, leak or hang.
 * Nothing reaches the host: output is discarded, input() sees one line and then the end,
 * open(), os and imports use a small file system in memory that starts empty for each input,
 * and time.sleep() returns at once on a clock that only moves when read. It runs on the main
 * thread, whose 8 MB of stack hold Python recursion to the default limit (1000 calls) under ASan;
 * the interpreter is told to use 6 MB of it, so a raised recursion limit ends in RecursionError. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "py/py.h"

#define ARENA_SIZE (512u << 10)
/* loop back-edges, calls, iteration steps, rows of bignum arithmetic: small enough that the
 * costliest steps (on numbers as large as the arena holds) end well within libFuzzer's timeout */
#define STEP_LIMIT 10000
#define CSTACK_SIZE (6u << 20)    /* of the main thread's 8 MB */

/* ---- the file system in memory: a few flat files, all in one directory ---- */
#define MAX_FILES 8
#define MAX_HANDLES 8
#define MAX_FILE_SIZE 8192
#define MAX_NAME 64
enum { E_NOENT = 2, E_IO = 5, E_ACCES = 13, E_BUSY = 16, E_EXIST = 17, E_INVAL = 22, E_MFILE = 24,
       E_NOSPC = 28, E_NAMETOOLONG = 36 };

struct mem_file {
    bool used;
    char name[MAX_NAME];
    char data[MAX_FILE_SIZE];
    long size;
};
struct mem_handle {
    struct mem_file *file;
    long pos;
    bool append;
};
static struct mem_file files[MAX_FILES];
static struct mem_handle handles[MAX_HANDLES];
static int input_lines;
static double clock_now;

/* "/a.py", "./a.py" and "a.py" name the same file; "", "." and "/" the directory. */
static const char *plain(const char *path)
{
    while (path[0] == '/' || (path[0] == '.' && path[1] == '/'))
        path += path[0] == '/' ? 1 : 2;
    return path;
}

static bool is_root(const char *path)
{
    path = plain(path);
    return !path[0] || !strcmp(path, ".");
}

static struct mem_file *find(const char *path)
{
    path = plain(path);
    for (int i = 0; i < MAX_FILES; i++)
        if (files[i].used && !strcmp(files[i].name, path))
            return &files[i];
    return NULL;
}

static bool is_open(const struct mem_file *f)
{
    for (int i = 0; i < MAX_HANDLES; i++)
        if (handles[i].file == f)
            return true;
    return false;
}

static int create(const char *path, struct mem_file **out)
{
    path = plain(path);
    if (!path[0] || strchr(path, '/'))
        return E_NOENT;
    if (strlen(path) >= MAX_NAME)
        return E_NAMETOOLONG;
    for (int i = 0; i < MAX_FILES; i++) {
        if (!files[i].used) {
            files[i].used = true;
            strcpy(files[i].name, path);
            files[i].size = 0;
            *out = &files[i];
            return 0;
        }
    }
    return E_NOSPC;
}

static void *mem_fopen(void *ctx, const char *path, const char *mode, int *err)
{
    (void)ctx;
    struct mem_handle *h = NULL;
    for (int i = 0; i < MAX_HANDLES && !h; i++)
        if (!handles[i].file)
            h = &handles[i];
    if (!h) {
        *err = E_MFILE;
        return NULL;
    }
    if (is_root(path)) {
        *err = mode[0] == 'r' ? 21 : E_ACCES;      /* EISDIR */
        return NULL;
    }
    struct mem_file *f = find(path);
    if (!f && mode[0] == 'r') {
        *err = E_NOENT;
        return NULL;
    }
    if (!f && (*err = create(path, &f)) != 0)
        return NULL;
    if (mode[0] == 'w')
        f->size = 0;
    h->file = f;
    h->pos = 0;
    h->append = mode[0] == 'a';
    return h;
}

static long mem_fread(void *ctx, void *handle, char *buf, size_t n)
{
    (void)ctx;
    struct mem_handle *h = handle;
    long left = h->file->size - h->pos;
    if (left <= 0)
        return 0;
    if ((size_t)left < n)
        n = (size_t)left;
    memcpy(buf, h->file->data + h->pos, n);
    h->pos += (long)n;
    return (long)n;
}

static long mem_fwrite(void *ctx, void *handle, const char *buf, size_t n)
{
    (void)ctx;
    struct mem_handle *h = handle;
    struct mem_file *f = h->file;
    if (h->append)
        h->pos = f->size;
    if ((size_t)(MAX_FILE_SIZE - h->pos) < n)
        n = (size_t)(MAX_FILE_SIZE - h->pos);
    if (h->pos > f->size)
        memset(f->data + f->size, 0, (size_t)(h->pos - f->size));
    memcpy(f->data + h->pos, buf, n);
    h->pos += (long)n;
    if (h->pos > f->size)
        f->size = h->pos;
    return (long)n;
}

static long mem_fseek(void *ctx, void *handle, long off, int whence)
{
    (void)ctx;
    struct mem_handle *h = handle;
    long base = whence == 2 ? h->file->size : whence == 1 ? h->pos : 0;
    if (off < -MAX_FILE_SIZE || off > MAX_FILE_SIZE || base + off < 0 || base + off > MAX_FILE_SIZE)
        return -1;
    h->pos = base + off;
    return h->pos;
}

static void mem_fclose(void *ctx, void *handle)
{
    (void)ctx;
    ((struct mem_handle *)handle)->file = NULL;
}

static int mem_remove(void *ctx, const char *path)
{
    (void)ctx;
    struct mem_file *f = find(path);
    if (!f)
        return E_NOENT;
    if (is_open(f))
        return E_BUSY;
    f->used = false;
    return 0;
}

static int mem_fs(void *ctx, int op, const char *path, const char *path2, void *out)
{
    switch (op) {
    case PY_FS_LISTDIR: {
        if (!is_root(path))
            return find(path) ? 20 : E_NOENT;    /* ENOTDIR */
        py_dirlist *list = out;
        for (int i = 0; i < MAX_FILES; i++)
            if (files[i].used)
                list->add(list->arg, files[i].name);
        return 0;
    }
    case PY_FS_MKDIR:
        return is_root(path) || find(path) ? E_EXIST : E_ACCES;
    case PY_FS_RMDIR:
        return is_root(path) ? E_BUSY : find(path) ? 20 : E_NOENT;
    case PY_FS_REMOVE:
        return is_root(path) ? 21 : mem_remove(ctx, path);
    case PY_FS_RENAME: {
        struct mem_file *from = find(path), *to = find(path2);
        const char *name = plain(path2);
        if (!from)
            return E_NOENT;
        if (!name[0] || strchr(name, '/'))
            return E_INVAL;
        if (strlen(name) >= MAX_NAME)
            return E_NAMETOOLONG;
        if (to && to != from) {
            if (is_open(to))
                return E_BUSY;
            to->used = false;
        }
        memmove(from->name, name, strlen(name) + 1);
        return 0;
    }
    case PY_FS_STAT: {
        py_stat *st = out;
        struct mem_file *f = find(path);
        if (is_root(path))
            st->mode = 040755;
        else if (f)
            st->mode = 0100644, st->size = f->size;
        else
            return E_NOENT;
        return 0;
    }
    case PY_FS_GETCWD:
        strcpy(out, "/");
        return 0;
    case PY_FS_CHDIR:
        return is_root(path) ? 0 : find(path) ? 20 : E_NOENT;
    default:
        return E_INVAL;
    }
}

/* imports read modules from the same files */
static long mem_read_file(void *ctx, const char *path, char *buf, size_t cap)
{
    (void)ctx;
    struct mem_file *f = find(path);
    if (!f)
        return -1;
    if (!buf)
        return f->size;
    size_t n = cap < (size_t)f->size ? cap : (size_t)f->size;
    memcpy(buf, f->data, n);
    return (long)n;
}

/* ---- the rest of the program's world ---- */
static volatile uint32_t output_hash;

static void hash_output(void *ctx, int fd, const char *s, size_t n)
{
    (void)ctx;
    uint32_t h = output_hash ^ (uint32_t)fd;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;     /* reads every byte: a bad length shows */
    output_hash = h;
}

static int one_line(void *ctx, char *buf, size_t n)
{
    (void)ctx;
    if (input_lines++ > 0 || n < 4)
        return -1;
    strcpy(buf, "42\n");
    return 3;
}

static double fake_clock(void *ctx)
{
    (void)ctx;
    return clock_now += 0.001;
}

static void no_sleep(void *ctx, double seconds)
{
    (void)ctx, (void)seconds;
}

/* A new interpreter and an empty file system for each input, so that nothing carries over from
 * one to the next: the previous interpreter is destroyed first, which closes the files its
 * program left open and frees its arena. */
static py_vm *fresh_interpreter(void)
{
    static py_vm *vm;
    static const py_io io = {
        .write = hash_output, .readline = one_line, .read_file = mem_read_file, .clock = fake_clock,
        .fopen = mem_fopen, .fread = mem_fread, .fwrite = mem_fwrite, .fclose = mem_fclose,
        .fseek = mem_fseek, .remove = mem_remove, .fs = mem_fs, .sleep = no_sleep,
    };
    py_destroy(vm);
    memset(files, 0, sizeof files);
    memset(handles, 0, sizeof handles);
    input_lines = 0;
    clock_now = 0;
    vm = py_create(ARENA_SIZE, &io);
    if (vm) {
        py_set_step_limit(vm, STEP_LIMIT);
        py_set_cstack_size(vm, CSTACK_SIZE);
    }
    return vm;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly the input's size: reading past the end is caught */
    char *src = malloc(size ? size : 1);
    if (!src)
        return 0;
    memcpy(src, data, size);
    py_vm *vm = fresh_interpreter();
    if (!vm)
        abort();
    char *argv[] = { "fuzz.py", "arg" };
    py_run_source(vm, src, size, "fuzz.py", 2, argv);
    free(src);
    return 0;
}
