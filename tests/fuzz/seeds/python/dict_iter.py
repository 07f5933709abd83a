# iterating dicts and views, modifying during iteration
d = {"x": 1, "y": 2, "z": 3}
for k, v in d.items():
    print(k, v)
print([k for k in d], [v * 10 for v in d.values()], sorted(d, reverse=True))
print(list(reversed(d)), list(reversed(d.values())))
print({v: k for k, v in d.items()})
try:
    for k in d:
        d["w"] = 0
except RuntimeError as e:
    print("RuntimeError", e)
for k in list(d):
    if d[k] % 2:
        del d[k]
print(d)
print(list(zip(d.keys(), d.values())), len(d.items()))
