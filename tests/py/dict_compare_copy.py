# dict equality, shallow copy and mutation through copies
a = {"x": [1, 2], "y": {"z": 3}}
b = a.copy()
c = dict(a)
b["x"].append(3)
c["new"] = 1
print(a, b == a, c == a, a is b)
print({1: 1} == {1: 1.0}, {"a": 1, "b": 2} == dict(b=2, a=1), {} != {"a": None})
print(list({"b": 1, "a": 2}) == ["b", "a"], {"b": 1, "a": 2} == {"a": 2, "b": 1})
try:
    {"a": 1} < {"b": 2}
except TypeError as e:
    print("TypeError", e)
