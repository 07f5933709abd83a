# dict construction and methods at their edges
print(dict(["ab", "cd"]), dict([(1, 2)], x=3), dict({"a": 1}, a=2), dict(zip(range(3), "xyz")))
f = dict.fromkeys("ab", [])
f["a"].append(1)
print(f, {}.setdefault("k"), dict.fromkeys([]))
d = {"a": 1, "b": 2, "c": 3}
print(d.popitem(), d.popitem(), d)
d.update(x=1)
d.update({"y": 2}, z=3)
d.update([("w", 0)])
print(d, len(d))
for bad in [lambda: dict([1, 2]), lambda: dict(["abc"]), lambda: {}.get([]), lambda: {[]: 1},
            lambda: d.update(1), lambda: {"a": 1}["b"]]:
    try:
        bad()
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__)
e = {1: "a"}
e[1.0] = "b"
e[True] = "c"
print(e, {0: 0, False: 1, 0.0: 2})
print({**{"a": 1}, "a": 2, **{"a": 3}}, {"k": v for v in range(3)})
