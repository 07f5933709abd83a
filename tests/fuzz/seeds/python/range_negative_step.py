# range with negative steps, membership, indexing and slicing
r = range(20, -5, -3)
print(list(r), len(r), r[0], r[-1], r[2:5], list(r[2:5]), r[::2], 5 in r, 4 in r, -4 in r)
print(list(range(0, -10, -2)), list(range(-10, 0, 4)), list(range(5, 5)), list(range(5, 6, -1)))
print(range(10)[::-1], list(range(10)[-3:]), range(10)[3:7][1], range(0, 100, 10).index(70))
print(range(1, 10, 2) == range(1, 11, 2), hash(range(3)) == hash(range(0, 3)), list(range(3, -3, -1)))
