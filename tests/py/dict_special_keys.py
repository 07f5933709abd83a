# dict keys that are equal across types, and NaN which is only itself
nan = float("nan")
d = {nan: "the nan", 0.0: "zero", 1: "one", 2 ** 53: "big"}
print(d[nan], d[-0.0], d[0], d[False], d[1.0], d[True], d[float(2 ** 53)], len(d))
try:
    d[float("nan")]
except KeyError:
    print("another nan is another key")
d[float("nan")] = "second nan"
print(len(d), sorted(v for v in d.values()))
s = {nan, nan, 1, 1.0, True}
print(len(s), nan in s, float("nan") in s)
print({(1, nan): 1}.get((1, nan)), [nan].count(nan), [nan].index(nan), nan in [nan], (nan,) == (nan,))
print({1: "a", 1.0: "b"}, {0.0: "x", -0.0: "y"}, {2 ** 53 + 1: "i", float(2 ** 53 + 1): "f"})
