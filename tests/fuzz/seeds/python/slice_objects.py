# slice objects and __getitem__ receiving them
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(3), slice(None, 5).stop)
print(s.indices(6), slice(None, None, -1).indices(4))
print([0, 1, 2, 3, 4][slice(1, 4)], "abcdef"[slice(None, None, 2)])
class Show:
    def __getitem__(self, key):
        return key
o = Show()
print(o[1], o[1:2], o[::3], o[1:2, 3], o[:, 1], o["k"])
