/* The kernel's file table: paths from the current process's cwd, and what a process opens
 * is closed when it ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs/ramfs.h"
#include "kernel/files.h"
#include "kernel/proc.h"
#include "lib/err.h"
#include "lib/str.h"

/* ramfs that counts the files and directories it has open, so a test sees what was closed. */
static int open_handles;
static struct vfs_ops counted;

static int counted_open(struct vfs_mount *m, const char *path, int flags, void **file)
{
    int r = ramfs_ops.open(m, path, flags, file);
    open_handles += r == 0;
    return r;
}

static int counted_close(struct vfs_mount *m, void *file)
{
    open_handles--;
    return ramfs_ops.close(m, file);
}

static int counted_opendir(struct vfs_mount *m, const char *path, void **dir)
{
    int r = ramfs_ops.opendir(m, path, dir);
    open_handles += r == 0;
    return r;
}

static int counted_closedir(struct vfs_mount *m, void *dir)
{
    open_handles--;
    return ramfs_ops.closedir(m, dir);
}

static proc_t *p;

static int setup(void **state)
{
    static int once;
    if (!once) {
        proc_init();
        once = 1;
    }
    counted = ramfs_ops;
    counted.open = counted_open;
    counted.close = counted_close;
    counted.opendir = counted_opendir;
    counted.closedir = counted_closedir;
    open_handles = 0;
    assert_int_equal(vfs_mount("/", &counted, ramfs_new(1 << 16)), 0);
    assert_int_equal(vfs_mkdir("/home"), 0);
    p = proc_new("test", NULL);
    assert_non_null(p);
    str_copy(p->cwd, "/home", sizeof p->cwd);
    proc_set_current(p);
    return 0;
}

static int teardown(void **state)
{
    proc_set_current(NULL);
    if (p)
        proc_end(p);
    p = NULL;
    vfs_unmount_all();
    return 0;
}

static void end_process(void)
{
    proc_set_current(NULL);
    proc_end(p);
    p = NULL;
}

static void paths_are_taken_from_the_process_cwd(void **state)
{
    char *data;
    size_t len;
    assert_int_equal(file_write_all("notes", "hi", 2), 0);
    assert_true(vfs_exists("/home/notes"));
    assert_int_equal(file_read_all("../home/./notes", &data, &len), 0);
    assert_string_equal(data, "hi");
    free(data);
    assert_true(file_is_dir("."));
    assert_int_equal(file_mkdir("sub"), 0);
    assert_true(vfs_is_dir("/home/sub"));
    assert_int_equal(file_rename("notes", "sub/notes"), 0);
    assert_true(vfs_exists("/home/sub/notes"));
    assert_int_equal(file_unlink("sub/notes"), 0);
    assert_int_equal(file_rmdir("sub"), 0);
    assert_false(vfs_exists("/home/sub"));
    assert_true(file_exists("/home"));      /* an absolute path ignores the cwd */
    proc_set_current(NULL);
    assert_true(file_is_dir("home"));       /* no process: from "/" */
}

static void open_files_and_directories_close_when_the_process_ends(void **state)
{
    vfs_file_t *f;
    vfs_dir_t *d;
    char part[VFS_PATH_MAX];
    assert_int_equal(file_open("left-open", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    assert_int_equal(vfs_write(f, "x", 1), 1);
    assert_int_equal(file_opendir(".", &d), 0);
    assert_int_equal(file_replace_open("upload", part, sizeof part, &f), 0);
    assert_string_equal(part, "/home/upload.part");
    assert_int_equal(file_open("closed", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    vfs_close(f);                           /* closed by its opener: not closed again */
    assert_int_equal(open_handles, 3);
    end_process();
    assert_int_equal(open_handles, 0);
    assert_true(vfs_exists("/home/left-open"));
}

static void a_detached_file_outlives_its_process(void **state)
{
    vfs_file_t *f;
    assert_int_equal(file_open("kept", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    vfs_file_detach(f);                     /* as a redirection's stream does */
    end_process();
    assert_int_equal(open_handles, 1);
    assert_int_equal(vfs_write(f, "still", 5), 5);
    vfs_close(f);
    assert_int_equal(open_handles, 0);
}

static void without_a_process_nobody_owns_the_file(void **state)
{
    vfs_file_t *f;
    proc_set_current(NULL);
    assert_int_equal(file_open("/free", VFS_O_WRITE | VFS_O_CREATE, &f), 0);
    proc_set_current(p);
    end_process();
    assert_int_equal(open_handles, 1);
    vfs_close(f);
    assert_int_equal(open_handles, 0);
}

static void errors_come_from_resolving_or_from_the_vfs(void **state)
{
    struct vfs_stat st;
    char longname[VFS_NAME_MAX + 2];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(file_stat("", &st), ERR_NOENT);
    assert_int_equal(file_stat(longname, &st), ERR_NAMETOOLONG);
    assert_int_equal(file_stat("missing", &st), ERR_NOENT);
    assert_int_equal(file_rename("missing", longname), ERR_NAMETOOLONG);
    assert_int_equal(file_unlink("bad\nname"), ERR_BADNAME);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(paths_are_taken_from_the_process_cwd, setup, teardown),
        cmocka_unit_test_setup_teardown(open_files_and_directories_close_when_the_process_ends,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_detached_file_outlives_its_process, setup, teardown),
        cmocka_unit_test_setup_teardown(without_a_process_nobody_owns_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_come_from_resolving_or_from_the_vfs, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
