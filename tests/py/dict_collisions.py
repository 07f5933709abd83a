# keys whose hashes collide: lookup, deletion and re-insertion stay correct
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
    def __repr__(self):
        return "K%d" % self.v
d = {}
for i in range(60):
    d[K(i)] = i
print(len(d), d[K(59)], d[K(0)], K(60) in d)
for i in range(0, 60, 2):
    del d[K(i)]
print(len(d), list(d)[:4], d.get(K(2)), d[K(31)])
for i in range(0, 60, 4):
    d[K(i)] = -i
print(len(d), list(d)[-3:], sum(d.values()))
s = set(K(i) for i in range(30)) | set(K(i) for i in range(20, 40))
print(len(s), K(39) in s, K(40) in s)
ints = {}
for i in range(0, 64 * 1000, 64):
    ints[i] = i
print(len(ints), ints[63936], 64000 in ints)
