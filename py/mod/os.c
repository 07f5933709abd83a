/* os (uos): files and folders through the embedder's file calls (py_io.fs), and the chip's
 * identity and entropy from the HAL. Paths are relative to the program's working folder. */
#include <string.h>
#include "py/mod/mod.h"
#include "hal/system.h"

#define BI(name) static pv name(int n, pv *a, pv kw)
_Noreturn void py_os_error(int err, pv path);
static int fs(int op, pv p1, pv p2, void *out) {
    py_vm *vm = py_cur;
    if (!vm->io.fs) py_raisef(&py_OSError_type, "no file system");
    return vm->io.fs(vm->io.ctx, op, p1 ? py_str_data(p1) : NULL, p2 ? py_str_data(p2) : NULL, out);
}
/* fs, raising OSError for p1 when it fails */
static void fs_check(int op, pv p1, pv p2, void *out) {
    int e = fs(op, p1, p2, out);
    if (e) py_os_error(e, p1);
}
/* os.stat's and os.statvfs's results: ten ints */
static pv int_tuple(const int64_t f[10]) {
    pv t = py_tuple_new(10);
    for (int i = 0; i < 10; i++) TUPLE(t)->items[i] = py_new_int(f[i]);
    return t;
}
static pv path_arg(int n, pv *a, int i, const char *dflt) {
    pv p = n > i ? a[i] : (dflt ? py_str_cstr(dflt) : PV_NULL);
    if (!p || !IS(p, py_str_type)) py_raisef(&py_TypeError_type, "expected str, bytes or os.PathLike object");
    return p;
}
static void add_name(void *arg, const char *name) { py_list_append((pv)arg, py_str_cstr(name)); }
BI(os_listdir) {
    pv p = path_arg(n, a, 0, ".");
    pv l = py_list_new(0);
    py_dirlist dl = { add_name, (void *)l };
    fs_check(PY_FS_LISTDIR, p, PV_NULL, &dl);
    return l;
}
/* mkdir, rmdir, remove and chdir: one path, nothing back; one body (not inlined in each) */
static __attribute__((noinline)) pv path_op(int n, pv *a, int op) {
    fs_check(op, path_arg(n, a, 0, NULL), PV_NULL, NULL);
    return PV_NONE;
}
#define OS_SIMPLE(name, op) BI(os_##name) { return path_op(n, a, op); }
OS_SIMPLE(mkdir, PY_FS_MKDIR) OS_SIMPLE(rmdir, PY_FS_RMDIR) OS_SIMPLE(remove, PY_FS_REMOVE) OS_SIMPLE(chdir, PY_FS_CHDIR)
BI(os_rename) {
    pv p = path_arg(n, a, 0, NULL), q = path_arg(n, a, 1, NULL);
    fs_check(PY_FS_RENAME, p, q, NULL);
    return PV_NONE;
}
BI(os_stat) {
    pv p = path_arg(n, a, 0, NULL);
    py_stat st = { 0, 0, 0 };
    fs_check(PY_FS_STAT, p, PV_NULL, &st);
    int64_t f[10] = { st.mode, 0, 0, 1, 0, 0, st.size, st.mtime, st.mtime, st.mtime };
    return int_tuple(f);
}
BI(os_getcwd) {
    char buf[256] = "";
    fs_check(PY_FS_GETCWD, PV_NULL, PV_NULL, buf);
    return py_str_cstr(buf);
}
/* ilistdir([path]): (name, type, inode, size) for each entry; type 0x4000 a directory,
 * 0x8000 a file */
BI(os_ilistdir) {
    pv p = path_arg(n, a, 0, ".");
    pv names = os_listdir(1, &p, PV_NULL), l = py_list_new(0);
    const char *dir = py_str_data(p);
    bool slash = !*dir || dir[strlen(dir) - 1] == '/';
    for (size_t i = 0; i < LIST(names)->len; i++) {
        pv name = LIST(names)->items[i];
        pv full = py_strf("%s%s%s", dir, slash ? "" : "/", py_str_data(name));
        py_stat st = { 0, 0, 0 };
        fs(PY_FS_STAT, full, PV_NULL, &st);
        pv t = py_tuple_new(4);
        TUPLE(t)->items[0] = name;
        TUPLE(t)->items[1] = MKSMALL((st.mode & 0170000) == 0040000 ? 0x4000 : 0x8000);
        TUPLE(t)->items[2] = MKSMALL(0);
        TUPLE(t)->items[3] = py_new_int(st.size);
        py_list_append(l, t);
    }
    return py_iter(l);
}
/* statvfs(path): (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax) */
BI(os_statvfs) {
    pv p = path_arg(n, a, 0, NULL);
    py_statvfs st = { 0, 0, 0, false };
    fs_check(PY_FS_STATVFS, p, PV_NULL, &st);
    int64_t f[10] = { st.block_size, st.block_size, st.blocks, st.blocks_free, st.blocks_free, 0, 0, 0, st.read_only, 255 };
    return int_tuple(f);
}
/* uname(): sysname, nodename, release, version, machine, as attributes and as a tuple */
BI(os_uname) {
    const char *v[5] = { "upyOS", hal_board_name(), UPYOS_VERSION, UPYOS_VERSION " (upyOS-C)", hal_platform_name() };
    static const char *const names[5] = { "sysname", "nodename", "release", "version", "machine" };
    pv r = py_module_new(py_intern("uname_result", 12));
    for (int i = 0; i < 5; i++) py_mod_set(r, names[i], py_str_cstr(v[i]));
    return r;
}
BI(os_urandom) {
    pint len = py_to_index(a[0]);
    if (len < 0) py_raisef(&py_ValueError_type, "negative argument not allowed");
    pv b = py_bytes_new(&py_bytes_type, NULL, (size_t)len);
    hal_random_bytes(((py_bytes *)b)->data, (size_t)len);
    return b;
}
static const py_builtin os_funcs[] = {
    FUNC(ilistdir, os_ilistdir, 0, 1), FUNC_KW(statvfs, os_statvfs, 1, 1), FUNC(uname, os_uname, 0, 0), FUNC(urandom, os_urandom, 1, 1),
    FUNC_KW(listdir_q, os_listdir, 0, 1), FUNC_KW(mkdir_q, os_mkdir, 1, 2), FUNC_KW(rmdir_q, os_rmdir, 1, 1), FUNC_KW(remove, os_remove, 1, 1),
    FUNC_KW(unlink_q, os_remove, 1, 1), FUNC_KW(rename_q, os_rename, 2, 2), FUNC_KW(stat_q, os_stat, 1, 1), FUNC(getcwd_q, os_getcwd, 0, 0),
    FUNC_KW(chdir_q, os_chdir, 1, 1), METHODS_END };


pv py_mod_os(pv m) {
    py_mod_add(m, os_funcs);
    py_mod_set(m, "sep", py_str_cstr("/"));
    py_dict_set(((py_module *)m)->dict, QS(name), py_str_cstr("posix"));
    return m;
}
