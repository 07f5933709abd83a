# @staticmethod and @classmethod
class Temp:
    scale = "C"
    def __init__(self, deg):
        self.deg = deg
    @staticmethod
    def c2f(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @classmethod
    def describe(cls):
        return cls.__name__ + " in " + cls.scale
class Kelvin(Temp):
    scale = "K"
print(Temp.c2f(100), Temp(0).c2f(37))
t = Temp.from_f(212)
print(type(t).__name__, t.deg)
k = Kelvin.from_f(32)
print(type(k).__name__, k.deg, Kelvin.describe(), Temp.describe(), k.describe())
sm = staticmethod(lambda: "wrapped")
class W:
    f = sm
print(W.f(), W().f())
