# a dict that grows and shrinks many times keeps order and contents right
d = {}
for r in range(10):
    for i in range(200):
        d[(r, i)] = i
    for i in range(0, 200, 2):
        del d[(r, i)]
    if r % 3 == 0:
        for k in list(d)[:50]:
            del d[k]
print(len(d), list(d)[:3], list(d)[-3:], sum(d.values()))
for k in list(d):
    del d[k]
print(len(d), d)
d["again"] = 1
print(d)
s = set()
for i in range(1000):
    s.add(i % 97)
    if i % 5 == 0:
        s.discard(i % 89)
print(len(s), sorted(s)[:10])
