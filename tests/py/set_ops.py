# set algebra with operators and methods
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b, [9])), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a.issubset({1, 2, 3, 4, 5}), a.issuperset({1}), a.isdisjoint({7, 8}), a.isdisjoint(b))
c = set(a)
c |= {10}; print(sorted(c))
c &= {1, 2, 10}; print(sorted(c))
c -= {1}; print(sorted(c))
c ^= {2, 3}; print(sorted(c))
c.intersection_update({3, 10, 11}); print(sorted(c))
c.difference_update({3}); print(sorted(c))
c.symmetric_difference_update({10, 12}); print(sorted(c))
fs = frozenset([1, 2])
print(sorted(fs | {3}), type(fs | {3}).__name__, type({3} | fs).__name__, fs == {1, 2})
