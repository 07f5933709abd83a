# operators follow special methods set or replaced on the class after first use
class N:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return N(self.v + o.v)
    def __repr__(self):
        return "N(%r)" % self.v
a, b = N(1), N(2)
r = []
for i in range(3):
    r.append(a + b)
    if i == 0:
        N.__add__ = lambda s, o: N(s.v * 10 + o.v)
    if i == 1:
        N.__repr__ = lambda s: "<%r>" % s.v
print(r)
class E:
    pass
x, y = E(), E()
print(x == y)
E.__eq__ = lambda s, o: True
print(x == y)
E.__call__ = lambda s, k: k + 1
print(x(41))
