# for-loop targets with stars, nesting, attributes and subscripts
for a, *b in [(1, 2, 3), (4,), "xyz"]:
    print(a, b)
for (x, y), *rest in [((1, 2), 3, 4), ((5, 6),)]:
    print(x, y, rest)
d = {}
for d["k"], d["v"] in [("a", 1), ("b", 2)]:
    print(sorted(d.items()))
rows = [[0, 0], [0, 0]]
for i, rows[i][i] in enumerate([7, 8]):
    pass
print(rows)
for *init, last in ["ab", "cde"]:
    print(init, last)
