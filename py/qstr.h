/* Names the interpreter knows before it runs anything: attribute and method names, special
 * methods, builtins. They are str objects in read-only data (qstr.c), interned at start-up, so
 * the C code compares a name with one pointer comparison. */
#ifndef PY_QSTR_H
#define PY_QSTR_H
#define QSTR_LIST(Q) Q(_empty, "") Q(__init__, "__init__") Q(__new__, "__new__") \
    Q(__repr__, "__repr__") Q(__str__, "__str__") Q(__eq__, "__eq__") Q(__ne__, "__ne__") \
    Q(__lt__, "__lt__") Q(__le__, "__le__") Q(__gt__, "__gt__") Q(__ge__, "__ge__") \
    Q(__hash__, "__hash__") Q(__len__, "__len__") Q(__bool__, "__bool__") \
    Q(__getitem__, "__getitem__") Q(__setitem__, "__setitem__") Q(__delitem__, "__delitem__") \
    Q(__contains__, "__contains__") Q(__iter__, "__iter__") Q(__next__, "__next__") \
    Q(__call__, "__call__") Q(__enter__, "__enter__") Q(__exit__, "__exit__") \
    Q(__getattr__, "__getattr__") Q(__getattribute__, "__getattribute__") \
    Q(__setattr__, "__setattr__") Q(__delattr__, "__delattr__") \
    Q(__add__, "__add__") Q(__sub__, "__sub__") Q(__mul__, "__mul__") \
    Q(__truediv__, "__truediv__") Q(__floordiv__, "__floordiv__") Q(__mod__, "__mod__") \
    Q(__pow__, "__pow__") Q(__lshift__, "__lshift__") Q(__rshift__, "__rshift__") \
    Q(__and__, "__and__") Q(__or__, "__or__") Q(__xor__, "__xor__") Q(__matmul__, "__matmul__") \
    Q(__radd__, "__radd__") Q(__rsub__, "__rsub__") Q(__rmul__, "__rmul__") \
    Q(__rtruediv__, "__rtruediv__") Q(__rfloordiv__, "__rfloordiv__") Q(__rmod__, "__rmod__") \
    Q(__rpow__, "__rpow__") Q(__rlshift__, "__rlshift__") Q(__rrshift__, "__rrshift__") \
    Q(__rand__, "__rand__") Q(__ror__, "__ror__") Q(__rxor__, "__rxor__") Q(__rmatmul__, "__rmatmul__") \
    Q(__iadd__, "__iadd__") Q(__isub__, "__isub__") Q(__imul__, "__imul__") \
    Q(__itruediv__, "__itruediv__") Q(__ifloordiv__, "__ifloordiv__") Q(__imod__, "__imod__") \
    Q(__ipow__, "__ipow__") Q(__ilshift__, "__ilshift__") Q(__irshift__, "__irshift__") \
    Q(__iand__, "__iand__") Q(__ior__, "__ior__") Q(__ixor__, "__ixor__") Q(__imatmul__, "__imatmul__") \
    Q(__neg__, "__neg__") Q(__pos__, "__pos__") Q(__invert__, "__invert__") Q(__abs__, "__abs__") \
    Q(__index__, "__index__") Q(__int__, "__int__") Q(__float__, "__float__") \
    Q(__format__, "__format__") Q(__get__, "__get__") Q(__set__, "__set__") \
    Q(__name__, "__name__") Q(__qualname__, "__qualname__") Q(__module__, "__module__") \
    Q(__class__, "__class__") Q(__dict__, "__dict__") Q(__doc__, "__doc__") \
    Q(__main__, "__main__") Q(__file__, "__file__") Q(__builtins__, "__builtins__") \
    Q(__bases__, "__bases__") Q(__mro__, "__mro__") Q(__base__, "__base__") \
    Q(__import__, "__import__") Q(__build_class__, "__build_class__") \
    Q(__init_subclass__, "__init_subclass__") Q(__reversed__, "__reversed__") \
    Q(__missing__, "__missing__") Q(__round__, "__round__") Q(__self__, "__self__") \
    Q(__func__, "__func__") Q(__defaults__, "__defaults__") Q(__code__, "__code__") \
    Q(__traceback__, "__traceback__") Q(__cause__, "__cause__") Q(__context__, "__context__") \
    Q(__slots__, "__slots__") Q(__all__, "__all__") Q(__abstractmethods__, "__abstractmethods__") \
    Q(__neg_dummy, "-") \
    Q(args, "args") Q(self, "self") Q(super, "super") Q(object, "object") Q(type, "type") \
    Q(value, "value") Q(key, "key") Q(reverse, "reverse") Q(sep, "sep") Q(end, "end") \
    Q(file, "file") Q(flush, "flush") Q(start, "start") Q(stop, "stop") Q(step, "step") \
    Q(default, "default") Q(real, "real") Q(imag, "imag") Q(send, "send") Q(close, "close") \
    Q(throw, "throw") Q(append, "append") Q(extend, "extend") Q(insert, "insert") \
    Q(pop, "pop") Q(remove, "remove") Q(index, "index") Q(count, "count") Q(sort, "sort") \
    Q(copy, "copy") Q(clear, "clear") Q(keys, "keys") Q(values, "values") Q(items, "items") \
    Q(get, "get") Q(update, "update") Q(setdefault, "setdefault") Q(popitem, "popitem") \
    Q(fromkeys, "fromkeys") Q(add, "add") Q(discard, "discard") Q(union, "union") \
    Q(intersection, "intersection") Q(difference, "difference") \
    Q(symmetric_difference, "symmetric_difference") Q(issubset, "issubset") \
    Q(issuperset, "issuperset") Q(isdisjoint, "isdisjoint") \
    Q(intersection_update, "intersection_update") Q(difference_update, "difference_update") \
    Q(symmetric_difference_update, "symmetric_difference_update") \
    Q(join, "join") Q(split, "split") Q(rsplit, "rsplit") Q(strip, "strip") Q(lstrip, "lstrip") \
    Q(rstrip, "rstrip") Q(replace, "replace") Q(find, "find") Q(rfind, "rfind") \
    Q(rindex, "rindex") Q(startswith, "startswith") Q(endswith, "endswith") Q(upper, "upper") \
    Q(lower, "lower") Q(format, "format") Q(encode, "encode") Q(decode, "decode") \
    Q(isdigit, "isdigit") Q(isalpha, "isalpha") Q(isalnum, "isalnum") Q(isspace, "isspace") \
    Q(isupper, "isupper") Q(islower, "islower") Q(isdecimal, "isdecimal") \
    Q(isnumeric, "isnumeric") Q(isidentifier, "isidentifier") Q(istitle, "istitle") \
    Q(capitalize, "capitalize") Q(title, "title") Q(swapcase, "swapcase") Q(center, "center") \
    Q(ljust, "ljust") Q(rjust, "rjust") Q(zfill, "zfill") Q(splitlines, "splitlines") \
    Q(partition, "partition") Q(rpartition, "rpartition") Q(casefold, "casefold") \
    Q(expandtabs, "expandtabs") Q(removeprefix, "removeprefix") Q(removesuffix, "removesuffix") \
    Q(maketrans, "maketrans") Q(translate, "translate") Q(format_map, "format_map") \
    Q(hex, "hex") Q(fromhex, "fromhex") Q(bit_length, "bit_length") Q(to_bytes, "to_bytes") \
    Q(from_bytes, "from_bytes") Q(is_integer, "is_integer") Q(conjugate, "conjugate") \
    Q(as_integer_ratio, "as_integer_ratio") Q(mro, "mro") Q(getter, "getter") \
    Q(setter, "setter") Q(deleter, "deleter") Q(fget, "fget") Q(fset, "fset") \
    Q(maxsplit, "maxsplit") Q(byteorder, "byteorder") Q(little, "little") Q(big, "big") \
    Q(signed, "signed") Q(errors, "errors") Q(encoding, "encoding") Q(utf_8, "utf-8") \
    Q(argv, "argv") Q(path, "path") Q(modules, "modules") Q(exit, "exit") Q(stdout, "stdout") \
    Q(stderr, "stderr") Q(stdin, "stdin") Q(write, "write") Q(read, "read") \
    Q(readline, "readline") Q(maxsize, "maxsize") Q(platform, "platform") \
    Q(version, "version") Q(version_info, "version_info") Q(implementation, "implementation") \
    Q(getrecursionlimit, "getrecursionlimit") \
    Q(setrecursionlimit, "setrecursionlimit") Q(exc_info, "exc_info") \
    Q(print_exception, "print_exception") Q(sys, "sys") Q(name, "name") Q(lambda, "<lambda>") \
    Q(module, "<module>") Q(listcomp, "<listcomp>") Q(dictcomp, "<dictcomp>") \
    Q(setcomp, "<setcomp>") Q(genexpr, "<genexpr>") Q(dot0, ".0") Q(string, "<string>") \
    Q(print, "print") Q(len, "len") Q(range, "range") Q(isinstance, "isinstance") \
    Q(int, "int") Q(float, "float") Q(str, "str") Q(bool, "bool") Q(list, "list") \
    Q(tuple, "tuple") Q(dict, "dict") Q(set, "set") Q(frozenset, "frozenset") Q(bytes, "bytes") \
    Q(bytearray, "bytearray") Q(slice, "slice") Q(NoneType, "NoneType") Q(function, "function") \
    Q(builtin_function_or_method, "builtin_function_or_method") Q(method, "method") \
    Q(code, "code") Q(cell, "cell") Q(generator, "generator") Q(property, "property") \
    Q(staticmethod, "staticmethod") Q(classmethod, "classmethod") Q(iterator, "iterator") \
    Q(NotImplementedType, "NotImplementedType") Q(ellipsis, "ellipsis") Q(enumerate, "enumerate") \
    Q(zip, "zip") Q(map, "map") Q(filter, "filter") Q(reversed, "reversed") \
    Q(dict_keys, "dict_keys") Q(dict_values, "dict_values") Q(dict_items, "dict_items") \
    Q(abs, "abs") Q(all, "all") Q(any, "any") Q(ascii, "ascii") Q(bin, "bin") \
    Q(callable, "callable") Q(chr, "chr") Q(delattr, "delattr") Q(dir, "dir") \
    Q(divmod, "divmod") Q(eval, "eval") Q(exec, "exec") Q(getattr, "getattr") \
    Q(globals, "globals") Q(hasattr, "hasattr") Q(hash, "hash") Q(id, "id") Q(input, "input") \
    Q(issubclass, "issubclass") Q(iter, "iter") Q(locals, "locals") Q(max, "max") \
    Q(min, "min") Q(next, "next") Q(oct, "oct") Q(ord, "ord") Q(pow, "pow") Q(repr, "repr") \
    Q(round, "round") Q(setattr, "setattr") Q(sorted, "sorted") Q(sum, "sum") Q(vars, "vars") \
    Q(open, "open") Q(NotImplemented, "NotImplemented") Q(Ellipsis, "Ellipsis") \
    Q(None, "None") Q(True, "True") Q(False, "False") Q(tb_dummy, "traceback") \
    Q(time, "time") Q(perf_counter, "perf_counter") Q(ticks_us, "ticks_us") Q(ticks_ms, "ticks_ms") \
    Q(ticks_diff, "ticks_diff") Q(sleep, "sleep") Q(sleep_ms, "sleep_ms") Q(sleep_us, "sleep_us") \
    Q(monotonic, "monotonic") Q(math, "math") Q(gc, "gc") Q(collect, "collect") \
    Q(mem_free, "mem_free") Q(mem_alloc, "mem_alloc") Q(micropython, "micropython") \
    Q(const, "const") Q(_class_cell, "__classcell__") Q(message, "message") Q(errno, "errno") \
    Q(strerror, "strerror") Q(filename, "filename") Q(lineno, "lineno") Q(msg, "msg") \
    Q(keyword, "keyword") Q(with_traceback_dummy, "with_traceback") Q(add_note_dummy, "add_note") \
    Q(base, "base") Q(metaclass, "metaclass") Q(strict, "strict") Q(keepends, "keepends") \
    Q(__class_getitem__, "__class_getitem__") Q(builtins, "builtins") Q(__init_py, "__init__.py") \
    Q(stop_iter_dummy, "StopIteration") \
    Q(compile_dummy, "compile") Q(sqrt, "sqrt") Q(isenabled_dummy, "isenabled") Q(readlines_dummy, "readlines") Q(mode, "mode") Q(__await__, "__await__") Q(__aiter__, "__aiter__") Q(__anext__, "__anext__") Q(__aenter__, "__aenter__") Q(__aexit__, "__aexit__") Q(indices, "indices") Q(quit_dummy, "quit") Q(sin_dummy, "sin") Q(cos_dummy, "cos") Q(tan_dummy, "tan") Q(asin_dummy, "asin") Q(acos_dummy, "acos") Q(atan_dummy, "atan") Q(atan2_dummy, "atan2") Q(exp_dummy, "exp") Q(log_dummy, "log") Q(log10_dummy, "log10") Q(log2_dummy, "log2") Q(fabs_dummy, "fabs") Q(floor_dummy, "floor") Q(ceil_dummy, "ceil") Q(trunc_dummy, "trunc") Q(hypot_dummy, "hypot") Q(fmod_dummy, "fmod") Q(copysign_dummy, "copysign") Q(isnan_dummy, "isnan") Q(isinf_dummy, "isinf") Q(isfinite_dummy, "isfinite") Q(gcd_dummy, "gcd") Q(factorial_dummy, "factorial") Q(degrees_dummy, "degrees") Q(radians_dummy, "radians") Q(isclose_dummy, "isclose") Q(modf_dummy, "modf") Q(frexp_dummy, "frexp") Q(ldexp_dummy, "ldexp") Q(sinh_dummy, "sinh") Q(cosh_dummy, "cosh") Q(tanh_dummy, "tanh") Q(enable_dummy, "enable") Q(disable_dummy, "disable") Q(mem_info_dummy, "mem_info") Q(rel_tol_dummy, "rel_tol") Q(abs_tol_dummy, "abs_tol")
enum {
#define Q(id, s) Q_##id,
    QSTR_LIST(Q)
#undef Q
    Q_COUNT
};
#define QS(id) ((pv)&py_qstrs[Q_##id])
#endif
