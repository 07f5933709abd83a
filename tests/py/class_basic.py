# class definition, instances, attributes, methods
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims, type(p).__name__, type(p) is Point)
q = p.moved(1)
print(q.x, q.y, p.x)
p.z = 9
print(p.z, hasattr(p, "z"), hasattr(q, "z"))
Point.dims = 3
print(p.dims, q.dims)
p.dims = 5
print(p.dims, q.dims, Point.dims)
print(Point.norm2(p), isinstance(p, Point), isinstance(3, Point))
m = p.norm2
print(m())
print(sorted(k for k in p.__dict__))
print(p.__dict__ == {"x": 3, "y": 4, "z": 9, "dims": 5}, p.__class__ is Point)
