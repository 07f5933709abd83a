# operations on instances of subclasses of set, frozenset, bytes, bytearray and float: results
# are the builtin's type, a frozenset subclass is never changed in place, reprs name the class
class Z(frozenset): pass
print(type(frozenset([1]) | {9}).__name__, type(Z([1]) | {9}).__name__, type({9} | Z([1])).__name__, type(Z([1]).union([2])).__name__, type(Z([1]).copy()).__name__)
class S(set): pass
z = Z([1])
z |= {2}
s = S([1])
s2 = s
s |= {2}
print(repr(z), repr(Z()), repr(S()), repr(S([3])), repr(frozenset()), repr(frozenset([1])), repr(set()), repr({1}))
print(type(z).__name__, s is s2, type(s).__name__, type(s.copy()).__name__, type(s | {4}).__name__, type(s.union()).__name__)
class B2(bytearray):
    pass
b = B2(b"xy")
b += b"z"
print(repr(b), b == b"xyz", b + b"!", b"<" + b, b[0], b[1:], b.upper(), b.decode(), b"y" in b, len(b), b * 2)
b[0] = 65
print(repr(b), bytes(b), bytearray(b), b.hex(), repr(B2()))
class BY(bytes):
    pass
y = BY(b"a-b")
print(y.upper(), type(y.upper()).__name__, y.split(b"-"), type(y + b"c").__name__, type(y * 2).__name__, type(y[1:]).__name__, type(b"".join([y])).__name__, type(y.join([b"1", b"2"])).__name__)
print(b"a-b".split(y[1:2]), y.replace(b"a", b"z"), y.strip(b"ab"), y.find(b"b"), y.startswith(b"a"))
class F(float):
    def __new__(cls, v=0.0):
        return super().__new__(cls, v)
print(F(), F("2.5") * 2, F(3) == 3, repr(F(1.25)), round(F(2.5)), round(F(2.675), 2), int(F(7.9)), int(F(-1e20)))
try:
    int(F("inf"))
except OverflowError as e:
    print("OverflowError", e)
