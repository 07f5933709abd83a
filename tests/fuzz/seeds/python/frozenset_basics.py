# frozenset: immutable, hashable
f = frozenset([3, 1, 2, 3])
print(sorted(f), len(f), 2 in f, type(f).__name__, frozenset() == set())
d = {f: "key"}
print(d[frozenset({1, 2, 3})])
s = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(s))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError", e)
print(sorted(f - {1}), sorted(f.union([9])), f.issubset(range(5)))
print(repr(frozenset()), repr(frozenset([5])))
