# id and hash: identity and consistency, not values
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
print(hash(1) == hash(1.0), hash("x") == hash("x"), hash((1, "a")) == hash((1, "a")), hash(True) == 1)
print(hash(0), hash(1), hash(10), type(hash("s")).__name__, hash(None) == hash(None))
class P:
    pass
p = P()
print(hash(p) == hash(p), p is p, p is not P())
x = 10 ** 9
y = 10 ** 9
print(x == y, hash(x) == hash(y))
