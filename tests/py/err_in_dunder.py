# uncaught exception from a special method called by an operator
class Vec:
    def __init__(self, *c):
        self.c = c
    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.c, other.c)])
    def __repr__(self):
        return "Vec%r" % (self.c,)
print(Vec(1, 2) + Vec(3, 4))
print(Vec(1, 2) + 5)
