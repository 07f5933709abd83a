/* The VFS path rules and mount table, over ramfs. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "hal/time.h"
#include "lib/err.h"

static void resolve(const char *cwd, const char *path, const char *want)
{
    char out[VFS_PATH_MAX];
    assert_int_equal(vfs_resolve(cwd, path, out, sizeof out), 0);
    assert_string_equal(out, want);
}

static void paths_are_cleaned_and_never_climb_above_root(void **state)
{
    resolve("/", "etc", "/etc");
    resolve("/etc", "../opt/./x", "/opt/x");
    resolve("/etc", "/../../..", "/");
    resolve("/a/b", "../../../../c", "/c");
    resolve("/", "a//b///", "/a/b");
    char out[VFS_PATH_MAX], longname[100];
    memset(longname, 'x', 99);
    longname[99] = '\0';
    assert_int_equal(vfs_resolve("/", longname, out, sizeof out), ERR_NAMETOOLONG);
}

static int setup(void **state)
{
    assert_int_equal(vfs_mount("/", &ramfs_ops, ramfs_new(1 << 20)), 0);
    assert_int_equal(vfs_mkdir("/tmp"), 0);
    assert_int_equal(vfs_mount("/tmp", &ramfs_ops, ramfs_new(1024)), 0);
    return 0;
}

static int teardown(void **state)
{
    vfs_unmount_all();
    return 0;
}

static void files_round_trip_and_errors(void **state)
{
    char *data;
    size_t len;
    assert_int_equal(vfs_write_all("/a.txt", "hello", 5), 0);
    assert_int_equal(vfs_read_all("/a.txt", &data, &len), 0);
    assert_int_equal(len, 5);
    assert_string_equal(data, "hello");
    free(data);
    assert_int_equal(vfs_read_all("/missing", &data, &len), ERR_NOENT);
    assert_int_equal(vfs_mkdir("/a.txt"), ERR_EXIST);
    assert_int_equal(vfs_rmdir("/a.txt"), ERR_NOTDIR);
    assert_int_equal(vfs_mkdir("/d"), 0);
    assert_int_equal(vfs_write_all("/d/f", "x", 1), 0);
    assert_int_equal(vfs_rmdir("/d"), ERR_NOTEMPTY);
    assert_int_equal(vfs_rename("/d", "/d/inside"), ERR_INVAL);
    assert_int_equal(vfs_rename("/a.txt", "/d/b.txt"), 0);
    assert_false(vfs_exists("/a.txt"));
    assert_true(vfs_exists("/d/b.txt"));
}

static void mounts_are_separate(void **state)
{
    assert_int_equal(vfs_write_all("/tmp/t", "abc", 3), 0);
    assert_int_equal(vfs_rename("/tmp/t", "/t"), ERR_XDEV);
    assert_int_equal(vfs_rmdir("/tmp"), ERR_BUSY);
    char big[2048];
    memset(big, 'z', sizeof big);
    assert_int_equal(vfs_write_all("/tmp/big", big, sizeof big), ERR_NOSPC);
    vfs_dir_t *d;
    struct vfs_dirent e;
    int found_tmp = 0;
    assert_int_equal(vfs_opendir("/", NULL, &d), 0);
    while (vfs_readdir(d, &e) > 0)
        found_tmp += strcmp(e.name, "tmp") == 0;
    vfs_closedir(d);
    assert_int_equal(found_tmp, 1);
}

static void seek_and_append(void **state)
{
    vfs_file_t *f;
    char buf[16] = { 0 };
    assert_int_equal(vfs_open("/s", VFS_O_WRITE | VFS_O_CREATE, NULL, &f), 0);
    assert_int_equal(vfs_write(f, "0123456789", 10), 10);
    assert_int_equal(vfs_seek(f, 2, VFS_SEEK_SET), 2);
    assert_int_equal(vfs_write(f, "ab", 2), 2);
    vfs_close(f);
    assert_int_equal(vfs_open("/s", VFS_O_WRITE | VFS_O_APPEND, NULL, &f), 0);
    assert_int_equal(vfs_write(f, "!", 1), 1);
    vfs_close(f);
    assert_int_equal(vfs_open("/s", VFS_O_READ, NULL, &f), 0);
    assert_int_equal(vfs_read(f, buf, sizeof buf), 11);
    assert_string_equal(buf, "01ab456789!");
    assert_int_equal(vfs_write(f, "x", 1), ERR_BADF);
    vfs_close(f);
}

/* Every entry of a listing carries what a stat of it says, so listers need not stat. */
static void assert_listing_matches_stat(const char *dir)
{
    vfs_dir_t *d;
    struct vfs_dirent e;
    int n = 0;
    assert_int_equal(vfs_opendir(dir, NULL, &d), 0);
    while (vfs_readdir(d, &e) > 0) {
        char path[VFS_PATH_MAX];
        struct vfs_stat st;
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e.name);
        assert_int_equal(vfs_stat(path, &st), 0);
        assert_int_equal(e.type, st.type);
        assert_int_equal(e.size, st.size);
        assert_int_equal(e.mtime, st.mtime);
        n++;
    }
    vfs_closedir(d);
    assert_true(n > 0);
}

static void listing_tells_size_type_and_time(void **state)
{
    hal_rtc_set(1000000000);
    assert_int_equal(vfs_write_all("/old.txt", "abc", 3), 0);
    assert_int_equal(vfs_mkdir("/mnt"), 0);
    hal_rtc_set(1700000000);
    assert_int_equal(vfs_write_all("/new.txt", "abcdef", 6), 0);
    /* a mount point lists as the mounted root (made now), not the directory under it */
    assert_int_equal(vfs_mount("/mnt", &ramfs_ops, ramfs_new(1024)), 0);
    assert_listing_matches_stat("/");
    struct vfs_stat st;
    assert_int_equal(vfs_stat("/old.txt", &st), 0);
    assert_true(st.mtime >= 1000000000 && st.mtime < 1000000100);
    assert_int_equal(vfs_stat("/mnt", &st), 0);
    assert_true(st.mtime >= 1700000000);
}

/* unlink takes files, rmdir empty directories; a file removed while open is read to its end. */
static void removing_files_and_directories(void **state)
{
    vfs_file_t *f;
    char buf[8] = { 0 };
    assert_int_equal(vfs_mkdir("/d"), 0);
    assert_int_equal(vfs_unlink("/d"), ERR_ISDIR);
    assert_int_equal(vfs_write_all("/d/f", "kept", 4), 0);
    assert_int_equal(vfs_open("/d/f", VFS_O_READ, NULL, &f), 0);
    assert_int_equal(vfs_unlink("/d/f"), 0);
    assert_false(vfs_exists("/d/f"));
    assert_int_equal(vfs_rmdir("/d"), 0);
    assert_int_equal(vfs_read(f, buf, sizeof buf), 4);
    assert_string_equal(buf, "kept");
    vfs_close(f);
    assert_int_equal(vfs_unlink("/d/f"), ERR_NOENT);
}

/* A guard that protects /etc/conf, as config_guard protects the pfiles. */
static int guard_etc_conf(const char *abs)
{
    if (strcmp(abs, "/etc/conf") == 0)
        return VFS_GUARD_FILE;
    return strcmp(abs, "/") == 0 || strcmp(abs, "/etc") == 0 ? VFS_GUARD_ABOVE : 0;
}

static void the_guard_holds_on_every_mutation(void **state)
{
    vfs_file_t *f;
    assert_int_equal(vfs_mkdir("/etc"), 0);
    assert_int_equal(vfs_write_all("/etc/conf", "v1", 2), 0);
    vfs_set_guard(guard_etc_conf);
    assert_int_equal(vfs_open("/etc/conf", VFS_O_WRITE, NULL, &f), ERR_PROTECTED);
    assert_int_equal(vfs_open("/etc/conf", VFS_O_WRITE | VFS_O_APPEND, NULL, &f), ERR_PROTECTED);
    assert_int_equal(vfs_open("/etc/conf", VFS_O_READ | VFS_O_TRUNC, NULL, &f), ERR_PROTECTED);
    assert_int_equal(vfs_write_all("/etc/conf", "x", 1), ERR_PROTECTED);
    assert_int_equal(vfs_unlink("/etc/conf"), ERR_PROTECTED);
    assert_int_equal(vfs_rename("/etc/conf", "/c"), ERR_PROTECTED);
    assert_int_equal(vfs_write_all("/other", "o", 1), 0);
    assert_int_equal(vfs_rename("/other", "/etc/conf"), ERR_PROTECTED);
    assert_int_equal(vfs_rename("/etc", "/etc2"), ERR_PROTECTED);
    assert_int_equal(vfs_rmdir("/etc"), ERR_PROTECTED);
    assert_int_equal(vfs_check_change("/etc"), ERR_PROTECTED);
    /* reading, and changing what lies beside it, stay allowed */
    assert_int_equal(vfs_open("/etc/conf", VFS_O_READ, NULL, &f), 0);
    vfs_close(f);
    assert_int_equal(vfs_write_all("/etc/other", "o", 1), 0);
    assert_int_equal(vfs_unlink("/etc/other"), 0);
    assert_int_equal(vfs_mkdir("/etc/sub"), 0);
    assert_int_equal(vfs_rmdir("/etc/sub"), 0);
    /* the system's own writer gets past it */
    assert_int_equal(vfs_write_all_system("/etc/conf", "v2", 2), 0);
    char *data;
    size_t len;
    assert_int_equal(vfs_read_all("/etc/conf", &data, &len), 0);
    assert_string_equal(data, "v2");
    free(data);
    vfs_set_guard(NULL);
}

/* A position far past the end (FTP REST 2^63-1, then STOR) is refused, never a capacity that
 * doubles until it overflows and loops with the filesystem locked. */
static void far_positions_are_refused_not_looped_on(void **state)
{
    vfs_file_t *f;
    long far = LONG_MAX;
    assert_int_equal(vfs_open("/far", VFS_O_WRITE | VFS_O_CREATE, NULL, &f), 0);
    long at = vfs_seek(f, far, VFS_SEEK_SET);
    if (at >= 0)                      /* a backend may take the position and refuse the write */
        assert_true(vfs_write(f, "past the largest size", 21) < 0);
    else
        assert_int_equal(at, ERR_FBIG);
    assert_int_equal(vfs_seek(f, 4000, VFS_SEEK_SET), 4000);
    assert_int_equal(vfs_write(f, "x", 1), 1);       /* a hole within the limit still works */
    assert_int_equal(vfs_seek(f, (1 << 20) + 1, VFS_SEEK_SET), (1 << 20) + 1);
    assert_int_equal(vfs_write(f, "x", 1), ERR_NOSPC);
    vfs_close(f);
    struct vfs_stat st;
    assert_int_equal(vfs_stat("/far", &st), 0);
    assert_int_equal(st.size, 4001);
}

/* No path can make a name holding a control character (it would break every protocol that
 * prints names: FTP replies, HTTP headers, listings). */
static void names_with_control_characters_are_refused(void **state)
{
    char out[VFS_PATH_MAX];
    vfs_file_t *f;
    assert_int_equal(vfs_resolve("/", "a\r\nSet-Cookie: x", out, sizeof out), ERR_BADNAME);
    assert_int_equal(vfs_resolve("/", "dir\x01/x", out, sizeof out), ERR_BADNAME);
    assert_int_equal(vfs_resolve("/", "tab\there", out, sizeof out), ERR_BADNAME);
    assert_int_equal(vfs_resolve("/", "del\x7f", out, sizeof out), ERR_BADNAME);
    assert_int_equal(vfs_open("/evil\r\nname", VFS_O_WRITE | VFS_O_CREATE, NULL, &f), ERR_BADNAME);
    assert_int_equal(vfs_mkdir("/bad\ndir"), ERR_BADNAME);
    assert_int_equal(vfs_write_all("/ok", "x", 1), 0);
    assert_int_equal(vfs_rename("/ok", "/x\ny"), ERR_BADNAME);
    assert_true(vfs_exists("/ok"));
    resolve("/", "caf\xc3\xa9 & spaces", "/caf\xc3\xa9 & spaces");   /* UTF-8 and spaces stay */
    assert_string_equal(err_str(ERR_BADNAME), "invalid file name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_are_cleaned_and_never_climb_above_root),
        cmocka_unit_test_setup_teardown(files_round_trip_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(mounts_are_separate, setup, teardown),
        cmocka_unit_test_setup_teardown(seek_and_append, setup, teardown),
        cmocka_unit_test_setup_teardown(removing_files_and_directories, setup, teardown),
        cmocka_unit_test_setup_teardown(listing_tells_size_type_and_time, setup, teardown),
        cmocka_unit_test_setup_teardown(the_guard_holds_on_every_mutation, setup, teardown),
        cmocka_unit_test_setup_teardown(far_positions_are_refused_not_looped_on, setup, teardown),
        cmocka_unit_test_setup_teardown(names_with_control_characters_are_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
