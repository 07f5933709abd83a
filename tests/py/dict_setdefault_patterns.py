# grouping and inverting with setdefault and get
pairs = [("fruit", "apple"), ("veg", "kale"), ("fruit", "fig"), ("veg", "leek"), ("nut", "pecan")]
by = {}
for k, v in pairs:
    by.setdefault(k, []).append(v)
print(by)
lengths = {}
for _, v in pairs:
    lengths[len(v)] = lengths.get(len(v), []) + [v]
print(dict(sorted(lengths.items())))
inverse = {}
for k, vs in by.items():
    for v in vs:
        inverse[v] = k
print(sorted(inverse.items()))
