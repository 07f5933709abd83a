# list operations at their edges
a = [0, 1, 2, 3, 4, 5]
print(a.index(4, -3), a.index(1, 0, 2), a[5:2], a[-100:2], a[::-2], a[4:1:-1])
b = list(a)
b.insert(-1, "x"); b.insert(-100, "first"); b.insert(100, "last")
print(b, b.pop(-len(b)), b)
c = list(range(6))
c[::-1] = "abcdef"
print(c)
c[4:1] = ["ins"]
print(c)
del c[5:2]
print(c, [1, 2] * -1, [[]] * 3, [1] * 0)
d = [3, 1, 2]
d.sort(key=None)
print(d, d.sort(), sorted(d, key=lambda v: -v), [].sort() is None)
e = [1, 2, 3]
e[1:2] = []
e[len(e):] = (9,)
e[:0] = "ab"
print(e, e.count("a"), e.index(9))
try:
    [1, 2].index(1, 1)
except ValueError as ex:
    print("ValueError", ex)
try:
    [].insert()
except TypeError as ex:
    print("TypeError")
