# sets with mixed hashable types; printing sorted by repr
s = {1, 1.0, True, "1", (1,), None, 2.5, frozenset([1])}
print(len(s), sorted(repr(x) for x in s))
s.discard(1)
print(len(s), 1 in s, True in s, 1.0 in s)
t = {0, False, 0.0, -0.0}
print(len(t), t)
print({(1, 2), (2, 1)} == {(2, 1), (1, 2)}, len({"a", "a", "b"}))
try:
    {[1]}
except TypeError as e:
    print("TypeError", e)
