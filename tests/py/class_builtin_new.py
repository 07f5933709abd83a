# X.__new__(cls, ...) and super().__new__(cls, ...) in a subclass of a builtin make a value
# of the builtin's layout: indexing, methods, comparison and hashing work on it
class P(tuple):
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))
p = P(1, 2)
print(p, type(p).__name__, len(p), p[0], p == (1, 2), hash(p) == hash((1, 2)))
print(p + (3,), p < (1, 3), sorted([P(2, 1), P(1, 2)]))
class Q(tuple):
    def __new__(cls, *a):
        return super().__new__(cls, a)
    def total(self):
        return sum(self)
q = Q(4, 5, 6)
print(q, q.total(), isinstance(q, tuple), list(q), q.count(4))
class L(list):
    def __new__(cls, *a):
        return list.__new__(cls)
    def __init__(self, *a):
        super().__init__(a)
l = L(1, 2)
l.append(3)
print(l, type(l).__name__, l == [1, 2, 3], len(l))
class L2(list):
    def __new__(cls, *a):
        return super().__new__(cls, *a)
l2 = L2([1, 2])
print(l2, len(l2))
class D(dict):
    def __new__(cls, *a, **k):
        return dict.__new__(cls)
d = D(a=1)
d["b"] = 2
print(sorted(d.items()), type(d).__name__, d == {"a": 1, "b": 2})
class S(str):
    def __new__(cls, v):
        return str.__new__(cls, v.upper())
    def shout(self):
        return self + "!"
s = S("hi")
print(s, s.shout(), s == "HI", hash(s) == hash("HI"), s < "J", len(s), s.lower(), type(s).__name__)
class B(bytes):
    def __new__(cls, v):
        return super().__new__(cls, v)
b = B(b"ab")
print(b, b == b"ab", hash(b) == hash(b"ab"), b.hex(), type(b).__name__)
# instances of an int subclass stay plain ints (docs/python.md): only their value is checked
class I(int):
    def __new__(cls, v):
        return int.__new__(cls, v * 2)
i = I(21)
print(i, i + 1, i == 42, hash(i) == hash(42))
class I2(int):
    def __new__(cls, v):
        return super().__new__(cls, v)
print(I2(7) * 2)
class F(float):
    def __new__(cls, v):
        return float.__new__(cls, v + 0.5)
f = F(1)
print(f, f == 1.5, hash(f) == hash(1.5), f < 2, type(f).__name__, f.is_integer())
class St(set):
    def __new__(cls, *a):
        return set.__new__(cls)
st = St([3, 1])
st.add(2)
print(sorted(st), type(st).__name__, st == {1, 2, 3})
class FS(frozenset):
    def __new__(cls, *a):
        return super().__new__(cls, *a)
fs = FS([1, 2])
print(sorted(fs), fs == frozenset([1, 2]), hash(fs) == hash(frozenset([1, 2])), type(fs).__name__)
class O:
    def __new__(cls, *a):
        o = object.__new__(cls)
        o.made = a
        return o
print(O(1, 2).made)
