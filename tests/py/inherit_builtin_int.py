# subclassing int: added methods; arithmetic results are plain int
class MyInt(int):
    def double(self):
        return self * 2
n = MyInt(21)
print(n.double(), n + 4, type(n + 4).__name__, isinstance(n, int), n == 21, hash(n) == hash(21), str(n))
class Flag(int):
    def __repr__(self):
        return "Flag(%d)" % int(self)
print(repr(Flag(3)), [Flag(1)], Flag(2) * 2)
