# insertion order after deletes, updates and re-insertion
d = {}
for k in "edcba":
    d[k] = ord(k)
print(list(d))
del d["c"]
d["c"] = 0
print(list(d))
d["e"] = 1
print(list(d), d["e"])
d.pop("e")
d["e"] = 2
print(list(d.items()))
for i in range(100):
    d["n%d" % i] = i
for i in range(0, 100, 3):
    del d["n%d" % i]
print(len(d), list(d)[:8], list(d)[-3:])
d2 = dict(sorted(d.items(), key=lambda kv: str(kv[1])))
print(list(d2)[:6])
