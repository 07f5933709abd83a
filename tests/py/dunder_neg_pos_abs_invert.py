# unary special methods
class U:
    def __init__(self, v):
        self.v = v
    def __neg__(self):
        return "neg%d" % self.v
    def __pos__(self):
        return "pos%d" % self.v
    def __abs__(self):
        return "abs%d" % self.v
    def __invert__(self):
        return "inv%d" % self.v
u = U(3)
print(-u, +u, abs(u), ~u, -(-5), +(-5), ~~5)
class NoNeg:
    pass
try:
    -NoNeg()
except TypeError as e:
    print("TypeError", e)
