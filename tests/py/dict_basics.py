# dict creation, access, update and insertion order
d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d), d["two"], "one" in d, "four" not in d)
d["one"] = 10
print(d)
del d["two"]
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
d["two"] = 2
print(d)
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": 1}, z=0), dict(zip("ab", [1, 2])))
print({1: "int", 1.5: "float", (1, 2): "tuple", None: "none", True: "bool"})
print({} == {}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 2})
e = {i: i * i for i in range(5)}
for k in e:
    print(k, e[k], end="; ")
print()
try:
    d["missing"]
except KeyError as ex:
    print("KeyError", ex)
