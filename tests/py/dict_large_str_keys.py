# many string keys: insertion, lookup, update and deletion
d = {}
for i in range(3000):
    d["key%05d" % i] = i
print(len(d), d["key00000"], d["key02999"], "key03000" in d)
total = 0
for i in range(0, 3000, 7):
    total += d["key%05d" % i]
print(total)
for i in range(0, 3000, 2):
    del d["key%05d" % i]
print(len(d), list(d)[:3], list(d)[-1])
for i in range(0, 3000, 2):
    d["key%05d" % i] = -i
print(len(d), list(d)[1499:1502], sum(d.values()))
