# a builtin type's method taken from the type checks the self it is called with
for f, args in ((str.upper, (7,)), (list.append, (7, 1)), (dict.keys, ("ab",)), (str.upper, ()), (str.upper, (b"x",))):
    try:
        print(f(*args))
    except TypeError as e:
        print("TypeError", e)
print(str.upper("ab"), list(map(str.upper, ["a", "b"])), bool.bit_length(5), int.__add__(True, 2))
print(repr(str.upper), str.upper.__name__)
class L(list): pass
l = L(); list.append(l, 3); print(l)
class C:
    f = len
print(C.f("abc"), C().f if False else 0)
print(object.__init__ is not None, dict.fromkeys("ab"))
