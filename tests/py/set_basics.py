# sets of ints: creation, membership, methods
s = {3, 1, 2}
print(sorted(s), len(s), 2 in s, 5 not in s, set(), set([1, 1, 2]) == {1, 2})
s.add(4); s.add(1)
print(sorted(s))
s.discard(10); s.discard(4)
print(sorted(s))
s.remove(3)
print(sorted(s))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
s.update([7, 8], (9,))
print(sorted(s), s.pop() in {1, 2, 7, 8, 9})
t = s.copy()
t.clear()
print(t, len(s))
print({1, 2} == {2, 1}, {1} != {1, 2}, {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} > {3})
print(set("aab") == {"a", "b"}, sorted(set("hello")), {x % 3 for x in range(10)} == {0, 1, 2})
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
