/* Names the interpreter knows before it runs anything: attribute and method names, special
 * methods, builtins. They are str objects in read-only data (qstr.c), interned at start-up, so
 * the C code compares a name with one pointer comparison. */
#ifndef PY_QSTR_H
#define PY_QSTR_H
#include "py/mod/names.h"
/* Sorted by their bytes: py_intern finds a predefined name by binary search, without a
 * table in RAM (tests/unit/test_py.c checks the order). */
#define QSTR_LIST(Q) \
    Q(_empty, "") Q(__neg_dummy, "-") Q(dot0, ".0") Q(dictcomp, "<dictcomp>") \
    Q(genexpr, "<genexpr>") Q(lambda, "<lambda>") Q(listcomp, "<listcomp>") Q(module, "<module>") \
    Q(setcomp, "<setcomp>") Q(string, "<string>") Q(Ellipsis, "Ellipsis") Q(False, "False") \
    Q(None, "None") Q(NoneType, "NoneType") Q(NotImplemented, "NotImplemented") \
    Q(NotImplementedType, "NotImplementedType") Q(stop_iter_dummy, "StopIteration") Q(True, "True") \
    Q(__abs__, "__abs__") Q(__abstractmethods__, "__abstractmethods__") Q(__add__, "__add__") \
    Q(__aenter__, "__aenter__") Q(__aexit__, "__aexit__") Q(__aiter__, "__aiter__") \
    Q(__all__, "__all__") Q(__and__, "__and__") Q(__anext__, "__anext__") Q(__await__, "__await__") \
    Q(__base__, "__base__") Q(__bases__, "__bases__") Q(__bool__, "__bool__") \
    Q(__build_class__, "__build_class__") Q(__builtins__, "__builtins__") Q(__call__, "__call__") \
    Q(__cause__, "__cause__") Q(__class__, "__class__") Q(__class_getitem__, "__class_getitem__") \
    Q(_class_cell, "__classcell__") Q(__code__, "__code__") Q(__contains__, "__contains__") \
    Q(__context__, "__context__") Q(__defaults__, "__defaults__") Q(__delattr__, "__delattr__") \
    Q(__delitem__, "__delitem__") Q(__dict__, "__dict__") Q(__doc__, "__doc__") \
    Q(__enter__, "__enter__") Q(__eq__, "__eq__") Q(__exit__, "__exit__") Q(__file__, "__file__") \
    Q(__float__, "__float__") Q(__floordiv__, "__floordiv__") Q(__format__, "__format__") \
    Q(__func__, "__func__") Q(__ge__, "__ge__") Q(__get__, "__get__") Q(__getattr__, "__getattr__") \
    Q(__getattribute__, "__getattribute__") Q(__getitem__, "__getitem__") Q(__gt__, "__gt__") \
    Q(__hash__, "__hash__") Q(__iadd__, "__iadd__") Q(__iand__, "__iand__") \
    Q(__ifloordiv__, "__ifloordiv__") Q(__ilshift__, "__ilshift__") Q(__imatmul__, "__imatmul__") \
    Q(__imod__, "__imod__") Q(__import__, "__import__") Q(__imul__, "__imul__") \
    Q(__index__, "__index__") Q(__init__, "__init__") Q(__init_py, "__init__.py") \
    Q(__init_subclass__, "__init_subclass__") Q(__int__, "__int__") Q(__invert__, "__invert__") \
    Q(__ior__, "__ior__") Q(__ipow__, "__ipow__") Q(__irshift__, "__irshift__") \
    Q(__isub__, "__isub__") Q(__iter__, "__iter__") Q(__itruediv__, "__itruediv__") \
    Q(__ixor__, "__ixor__") Q(__le__, "__le__") Q(__len__, "__len__") Q(__lshift__, "__lshift__") \
    Q(__lt__, "__lt__") Q(__main__, "__main__") Q(__matmul__, "__matmul__") \
    Q(__missing__, "__missing__") Q(__mod__, "__mod__") Q(__module__, "__module__") \
    Q(__mro__, "__mro__") Q(__mul__, "__mul__") Q(__name__, "__name__") Q(__ne__, "__ne__") \
    Q(__neg__, "__neg__") Q(__new__, "__new__") Q(__next__, "__next__") Q(__or__, "__or__") \
    Q(__pos__, "__pos__") Q(__pow__, "__pow__") Q(__qualname__, "__qualname__") \
    Q(__radd__, "__radd__") Q(__rand__, "__rand__") Q(__repr__, "__repr__") \
    Q(__reversed__, "__reversed__") Q(__rfloordiv__, "__rfloordiv__") Q(__rlshift__, "__rlshift__") \
    Q(__rmatmul__, "__rmatmul__") Q(__rmod__, "__rmod__") Q(__rmul__, "__rmul__") \
    Q(__ror__, "__ror__") Q(__round__, "__round__") Q(__rpow__, "__rpow__") \
    Q(__rrshift__, "__rrshift__") Q(__rshift__, "__rshift__") Q(__rsub__, "__rsub__") \
    Q(__rtruediv__, "__rtruediv__") Q(__rxor__, "__rxor__") Q(__self__, "__self__") \
    Q(__set__, "__set__") Q(__setattr__, "__setattr__") Q(__setitem__, "__setitem__") \
    Q(__slots__, "__slots__") Q(__str__, "__str__") Q(__sub__, "__sub__") \
    Q(__traceback__, "__traceback__") Q(__truediv__, "__truediv__") Q(__xor__, "__xor__") \
    Q(a2b_base64_q, "a2b_base64") Q(abs, "abs") Q(abs_tol_dummy, "abs_tol") Q(acos_dummy, "acos") \
    Q(add, "add") Q(add_note_dummy, "add_note") Q(all, "all") Q(any, "any") Q(append, "append") \
    Q(args, "args") Q(argv, "argv") Q(as_integer_ratio, "as_integer_ratio") Q(ascii, "ascii") \
    Q(asin_dummy, "asin") Q(atan_dummy, "atan") Q(atan2_dummy, "atan2") \
    Q(b2a_base64_q, "b2a_base64") Q(base, "base") Q(big, "big") Q(bin, "bin") \
    Q(bit_length, "bit_length") Q(bool, "bool") \
    Q(builtin_function_or_method, "builtin_function_or_method") Q(builtins, "builtins") \
    Q(bytearray, "bytearray") Q(byteorder, "byteorder") Q(bytes, "bytes") Q(calcsize, "calcsize") \
    Q(callable, "callable") Q(capitalize, "capitalize") Q(casefold, "casefold") \
    Q(ceil_dummy, "ceil") Q(cell, "cell") Q(center, "center") Q(chdir_q, "chdir") Q(chr, "chr") \
    Q(classmethod, "classmethod") Q(clear, "clear") Q(close, "close") Q(code, "code") \
    Q(collect, "collect") Q(compile_dummy, "compile") Q(conjugate, "conjugate") Q(const, "const") \
    Q(copy, "copy") Q(copysign_dummy, "copysign") Q(cos_dummy, "cos") Q(cosh_dummy, "cosh") \
    Q(count, "count") Q(crc32_q, "crc32") Q(decode, "decode") Q(default, "default") \
    Q(degrees_dummy, "degrees") Q(delattr, "delattr") Q(deleter, "deleter") Q(dict, "dict") \
    Q(dict_items, "dict_items") Q(dict_keys, "dict_keys") Q(dict_values, "dict_values") \
    Q(difference, "difference") Q(difference_update, "difference_update") Q(digest_q, "digest") \
    Q(dir, "dir") Q(disable_dummy, "disable") Q(discard, "discard") Q(divmod, "divmod") \
    Q(ellipsis, "ellipsis") Q(enable_dummy, "enable") Q(encode, "encode") Q(encoding, "encoding") \
    Q(end, "end") Q(endswith, "endswith") Q(enumerate, "enumerate") Q(errno, "errno") \
    Q(errors, "errors") Q(eval, "eval") Q(exc_info, "exc_info") Q(exec, "exec") Q(exit, "exit") \
    Q(exp_dummy, "exp") Q(expandtabs, "expandtabs") Q(extend, "extend") Q(fabs_dummy, "fabs") \
    Q(factorial_dummy, "factorial") Q(fget, "fget") Q(file, "file") Q(filename, "filename") \
    Q(filter, "filter") Q(find, "find") Q(float, "float") Q(floor_dummy, "floor") Q(flush, "flush") \
    Q(fmod_dummy, "fmod") Q(format, "format") Q(format_map, "format_map") Q(frexp_dummy, "frexp") \
    Q(from_bytes, "from_bytes") Q(fromhex, "fromhex") Q(fromkeys, "fromkeys") \
    Q(frozenset, "frozenset") Q(fset, "fset") Q(function, "function") Q(gc, "gc") \
    Q(gcd_dummy, "gcd") Q(generator, "generator") Q(get, "get") Q(getattr, "getattr") \
    Q(getcwd_q, "getcwd") Q(getrecursionlimit, "getrecursionlimit") Q(getter, "getter") \
    Q(globals, "globals") Q(gmtime_q, "gmtime") Q(hasattr, "hasattr") Q(hash, "hash") Q(hex, "hex") \
    Q(hexdigest_q, "hexdigest") Q(hexlify_q, "hexlify") Q(hypot_dummy, "hypot") Q(id, "id") \
    Q(imag, "imag") Q(implementation, "implementation") Q(index, "index") Q(indices, "indices") \
    Q(input, "input") Q(insert, "insert") Q(int, "int") Q(intersection, "intersection") \
    Q(intersection_update, "intersection_update") Q(is_integer, "is_integer") Q(isalnum, "isalnum") \
    Q(isalpha, "isalpha") Q(isclose_dummy, "isclose") Q(isdecimal, "isdecimal") \
    Q(isdigit, "isdigit") Q(isdisjoint, "isdisjoint") Q(isenabled_dummy, "isenabled") \
    Q(isfinite_dummy, "isfinite") Q(isidentifier, "isidentifier") Q(isinf_dummy, "isinf") \
    Q(isinstance, "isinstance") Q(islower, "islower") Q(isnan_dummy, "isnan") \
    Q(isnumeric, "isnumeric") Q(isspace, "isspace") Q(issubclass, "issubclass") \
    Q(issubset, "issubset") Q(issuperset, "issuperset") Q(istitle, "istitle") Q(isupper, "isupper") \
    Q(items, "items") Q(iter, "iter") Q(iterator, "iterator") Q(join, "join") \
    Q(keepends, "keepends") Q(key, "key") Q(keys, "keys") Q(keyword, "keyword") \
    Q(ldexp_dummy, "ldexp") Q(len, "len") Q(lineno, "lineno") Q(list, "list") \
    Q(listdir_q, "listdir") Q(little, "little") Q(ljust, "ljust") Q(locals, "locals") \
    Q(localtime_q, "localtime") Q(log_dummy, "log") Q(log10_dummy, "log10") Q(log2_dummy, "log2") \
    Q(lower, "lower") Q(lstrip, "lstrip") Q(maketrans, "maketrans") Q(map, "map") Q(math, "math") \
    Q(max, "max") Q(maxsize, "maxsize") Q(maxsplit, "maxsplit") Q(mem_alloc, "mem_alloc") \
    Q(mem_free, "mem_free") Q(mem_info_dummy, "mem_info") Q(message, "message") \
    Q(metaclass, "metaclass") Q(method, "method") Q(micropython, "micropython") Q(min, "min") \
    Q(mkdir_q, "mkdir") Q(mktime_q, "mktime") Q(mode, "mode") Q(modf_dummy, "modf") \
    Q(modules, "modules") Q(monotonic, "monotonic") Q(mro, "mro") Q(msg, "msg") Q(name, "name") \
    Q(newline_dummy, "newline") Q(next, "next") Q(object, "object") Q(oct, "oct") Q(open, "open") \
    Q(ord, "ord") Q(pack, "pack") Q(partition, "partition") Q(path, "path") \
    Q(perf_counter, "perf_counter") Q(platform, "platform") Q(pop, "pop") Q(popitem, "popitem") \
    Q(pow, "pow") Q(print, "print") Q(print_exception, "print_exception") Q(property, "property") \
    Q(quit_dummy, "quit") Q(radians_dummy, "radians") Q(range, "range") Q(read, "read") \
    Q(readline, "readline") Q(readlines_dummy, "readlines") Q(real, "real") \
    Q(rel_tol_dummy, "rel_tol") Q(remove, "remove") Q(removeprefix, "removeprefix") \
    Q(removesuffix, "removesuffix") Q(rename_q, "rename") Q(replace, "replace") Q(repr, "repr") \
    Q(reverse, "reverse") Q(reversed, "reversed") Q(rfind, "rfind") Q(rindex, "rindex") \
    Q(rjust, "rjust") Q(rmdir_q, "rmdir") Q(round, "round") Q(rpartition, "rpartition") \
    Q(rsplit, "rsplit") Q(rstrip, "rstrip") Q(seek_q, "seek") Q(self, "self") Q(send, "send") \
    Q(sep, "sep") Q(set, "set") Q(setattr, "setattr") Q(setdefault, "setdefault") \
    Q(setrecursionlimit, "setrecursionlimit") Q(setter, "setter") Q(sha1_q, "sha1") \
    Q(sha256_q, "sha256") Q(signed, "signed") Q(sin_dummy, "sin") Q(sinh_dummy, "sinh") \
    Q(sleep, "sleep") Q(sleep_ms, "sleep_ms") Q(sleep_us, "sleep_us") Q(slice, "slice") \
    Q(sort, "sort") Q(sorted, "sorted") Q(split, "split") Q(splitlines, "splitlines") \
    Q(sqrt, "sqrt") Q(start, "start") Q(startswith, "startswith") Q(stat_q, "stat") \
    Q(staticmethod, "staticmethod") Q(stderr, "stderr") Q(stdin, "stdin") Q(stdout, "stdout") \
    Q(step, "step") Q(stop, "stop") Q(str, "str") Q(strerror, "strerror") Q(strict, "strict") \
    Q(strip, "strip") Q(sum, "sum") Q(super, "super") Q(swapcase, "swapcase") \
    Q(symmetric_difference, "symmetric_difference") \
    Q(symmetric_difference_update, "symmetric_difference_update") Q(sys, "sys") Q(tan_dummy, "tan") \
    Q(tanh_dummy, "tanh") Q(tell_q, "tell") Q(throw, "throw") Q(ticks_diff, "ticks_diff") \
    Q(ticks_ms, "ticks_ms") Q(ticks_us, "ticks_us") Q(time, "time") Q(title, "title") \
    Q(to_bytes, "to_bytes") Q(tb_dummy, "traceback") Q(translate, "translate") \
    Q(trunc_dummy, "trunc") Q(tuple, "tuple") Q(type, "type") Q(unhexlify_q, "unhexlify") \
    Q(union, "union") Q(unlink_q, "unlink") Q(unpack, "unpack") Q(unpack_from, "unpack_from") \
    Q(update, "update") Q(upper, "upper") Q(utf_8, "utf-8") Q(value, "value") Q(values, "values") \
    Q(vars, "vars") Q(version, "version") Q(version_info, "version_info") \
    Q(with_traceback_dummy, "with_traceback") Q(write, "write") Q(writelines_q, "writelines") \
    Q(zfill, "zfill") Q(zip, "zip")
/* The interpreter's names, then the native modules' (py/mod/names.h): two sorted runs. */
enum {
#define Q(id, s) Q_##id,
    QSTR_LIST(Q)
    Q_CORE_COUNT,
    Q_MOD_BEFORE = Q_CORE_COUNT - 1,
    QSTR_MOD_LIST(Q)
#undef Q
    Q_COUNT
};
#define QS(id) ((pv)&py_qstrs[Q_##id])
#endif
