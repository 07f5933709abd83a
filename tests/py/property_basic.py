# @property with getter, setter and deleter
class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def radius(self):
        return self._r
    @radius.setter
    def radius(self, v):
        if v < 0:
            raise ValueError("negative radius")
        self._r = v
    @radius.deleter
    def radius(self):
        print("deleting")
        self._r = 0
    @property
    def diameter(self):
        return self._r * 2
c = Circle(2)
print(c.radius, c.diameter)
c.radius = 5
print(c.radius, c.diameter)
try:
    c.radius = -1
except ValueError as e:
    print("ValueError", e)
try:
    c.diameter = 1
except AttributeError:
    print("AttributeError read-only")
del c.radius
print(c.radius, type(Circle.radius).__name__)
