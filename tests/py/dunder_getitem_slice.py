# __getitem__/__setitem__/__delitem__ with slices and negative indices
class Arr:
    def __init__(self, n):
        self.data = list(range(n))
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Arr.wrap(self.data[i])
        return self.data[i]
    def __setitem__(self, i, v):
        self.data[i] = v
    def __delitem__(self, i):
        del self.data[i]
    @staticmethod
    def wrap(lst):
        a = Arr(0)
        a.data = lst
        return a
    def __repr__(self):
        return "Arr%r" % (self.data,)
a = Arr(8)
print(a[2], a[-1], a[1:4], a[::3], a[::-1], len(a[2:]))
a[0] = "z"
a[1:3] = ["p", "q", "r"]
print(a)
del a[::2]
print(a)
del a[-1]
print(a, list(a) if False else a.data)
