# tuples: creation, indexing, immutability, methods
t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), () , (1,), tuple(), tuple([4, 5]))
print(t + (4,), t * 2, 2 in t, t.index(3), (1, 1, 2).count(1))
u = 1, 2
print(u, type(u).__name__)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 5), () < (0,))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", e)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "pt"}[(1, 2)])
t2 = ([1], 2)
t2[0].append(3)
print(t2)
print(tuple(range(4)), tuple("abc"), tuple(x * x for x in range(3)))
