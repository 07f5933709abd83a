# subclassing dict: __missing__ and added methods
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
d = MyDict(a=1)
print(d["a"], d["zz"], "zz" in d, d.get("zz"), len(d), isinstance(d, dict))
class Counter(dict):
    def add(self, k):
        self[k] = self.get(k, 0) + 1
        return self
c = Counter()
for w in "abcab":
    c.add(w)
print(sorted(c.items()), type(c).__name__, dict(c) == {"a": 2, "b": 2, "c": 1})
