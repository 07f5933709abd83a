# NotImplemented fallback to reflected operands and bitwise methods
class M:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        if isinstance(o, M):
            return M(self.v + o.v)
        if isinstance(o, int):
            return M(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        return M(o + self.v)
    def __rsub__(self, o):
        return M(o - self.v)
    def __and__(self, o):
        return M(self.v & o)
    def __or__(self, o):
        return M(self.v | o)
    def __xor__(self, o):
        return M(self.v ^ o)
    def __lshift__(self, o):
        return M(self.v << o)
    def __rshift__(self, o):
        return M(self.v >> o)
    def __invert__(self):
        return M(~self.v)
    def __repr__(self):
        return "M(%d)" % self.v
print(M(1) + M(2), M(1) + 5, 5 + M(1), 10 - M(3), sum([M(1), M(2)]))
print(M(12) & 10, M(12) | 1, M(12) ^ 4, M(1) << 3, M(16) >> 2, ~M(0))
try:
    M(1) + "x"
except TypeError as e:
    print("TypeError", e)
try:
    M(1) - M(2)
except TypeError as e:
    print("TypeError", e)
