# builtin functions called with too few or too many positional arguments raise TypeError
# (any() read an argument it was never given); a builtin function kept in a class does not
# become a method
too_few = [any, all, len, abs, sorted, isinstance, getattr, setattr, divmod, pow, iter, next, ord, chr, hash,
           format, exec, eval, round, sum, callable, delattr, hasattr, issubclass, repr]
too_many = [any, all, len, abs, sorted, isinstance, getattr, setattr, divmod, pow, iter, next, ord, chr,
            hash, format, round, sum, callable, delattr, hasattr, issubclass, repr, globals, locals,
            input, vars, dir]
for f in too_few:
    try:
        f()
        print(f.__name__, "no error")
    except TypeError:
        print(f.__name__, "TypeError")
for f in too_many:
    try:
        f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
        print(f.__name__, "no error")
    except TypeError:
        print(f.__name__, "TypeError")

class Holder:
    size = len
try:
    Holder().size()
    print("bound")
except TypeError as e:
    print("not bound:", e)
print(Holder.size("abc"), Holder().size([1, 2]))
try:
    len()
except TypeError as e:
    print(e)
print(any([0, 1]), all([]), max(3, 9, 4), min([5, 2]), round(2.5), divmod(7, 2))
