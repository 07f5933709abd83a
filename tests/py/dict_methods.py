# dict methods
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 9), d.setdefault("c", 3), d)
print(d.pop("b"), d.pop("zz", "dflt"), d)
d.update({"x": 7}); d.update(y=8); d.update([("z", 9)])
print(d)
print(d.popitem(), d)
c = d.copy(); c["new"] = 0
print(d, c)
print(dict.fromkeys(["p", "q"]), dict.fromkeys("ab", 0))
k = d.keys(); v = d.values(); it = d.items()
d["late"] = 1
print(list(k), list(v), list(it), len(k))
print("a" in k, ("a", 1) in it, 7 in v)
d.clear()
print(d)
try:
    d.pop("nothing")
except KeyError as e:
    print("KeyError", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
m = {"a": 1} | {"b": 2}
m |= {"a": 3}
print(m)
