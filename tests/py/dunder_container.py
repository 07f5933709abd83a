# __len__ __getitem__ __setitem__ __delitem__ __contains__
class Store:
    def __init__(self):
        self.d = {}
    def __len__(self):
        return len(self.d)
    def __getitem__(self, k):
        return self.d[k]
    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v
    def __delitem__(self, k):
        print("del", k)
        del self.d[k]
    def __contains__(self, k):
        return k in self.d
s = Store()
s["a"] = 1
s["b"] = 2
print(len(s), s["a"], "a" in s, "z" in s, "z" not in s, bool(s))
del s["a"]
print(len(s), "a" in s)
try:
    s["zz"]
except KeyError as e:
    print("KeyError", e)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Seq()), 9 in Seq(), 5 in Seq(), [x for x in Seq()])
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), "empty" if not Empty() else "full")
