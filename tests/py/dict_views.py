# dict views reflect changes; set operations on keys views
d = {"a": 1, "b": 2, "c": 3}
k = d.keys()
print(len(k), "a" in k, sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}))
d["d"] = 4
print(list(k), list(d.values())[-1], list(d.items())[0])
print(type(k).__name__, type(d.values()).__name__, type(d.items()).__name__)
print(list(reversed(d.items())) == list(d.items())[::-1])
e = dict(d)
print(e == d, e is d, e.keys() == d.keys())
