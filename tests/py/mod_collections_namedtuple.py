# collections.namedtuple: fields by name and index, unpacking, _fields _asdict _replace _make
from collections import namedtuple
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, repr(p), str(p), p.x, p.y, p[0], p[-1], p[:1], len(p), list(p))
print(p == (1, 2), p == Point(1, 2), p != Point(2, 1), p < Point(1, 3), hash(p) == hash((1, 2)), isinstance(p, tuple))
x, y = p
print(x, y, Point._fields, p._fields, type(p).__name__, type(p) is Point)
print(p._asdict(), p._replace(y=5), p, Point._make([7, 8]), Point._make(range(2)))
print(Point(*(3, 4)), Point(**{"x": 5, "y": 6}), {p: "key"}[Point(1, 2)])
Color = namedtuple("Color", ["red", "green", "blue"])
print(Color(255, 128, 0), Color(1, 2, 3).green, sorted([Color(3, 0, 0), Color(1, 0, 0)]))
Opt = namedtuple("Opt", "name, size, flags", defaults=[10, ()])
print(Opt("a"), Opt("b", 3), Opt("c", flags=(1,)), Opt._fields)
Rec = namedtuple("Rec", ("a", "b"))
print(Rec(1, 2), "%d-%d" % Rec(1, 2), max(Rec(4, 9)), Rec(1, 2) + (3,), Rec(1, 2) * 2)
class Vec(namedtuple("Vec", "u v")):
    def norm2(self):
        return self.u * self.u + self.v * self.v
v = Vec(3, 4)
print(v, v.norm2(), v.u, isinstance(v, tuple), v._replace(u=0))
print([f"{c.red}/{c.blue}" for c in [Color(1, 2, 3), Color(4, 5, 6)]])
print(namedtuple("Big", ["f%d" % i for i in range(20)])._make(range(20)).f19)
