# read-only computed properties and validation in setters
class Rect:
    def __init__(self, w, h):
        self.w = w
        self.h = h
    @property
    def area(self):
        return self.w * self.h
    @property
    def w(self):
        return self._w
    @w.setter
    def w(self, v):
        if not isinstance(v, int):
            raise TypeError("width must be int")
        self._w = v
r = Rect(2, 3)
print(r.area, r.w)
r.w = 10
print(r.area)
try:
    r.w = "wide"
except TypeError as e:
    print("TypeError", e)
try:
    r.area = 5
except AttributeError:
    print("AttributeError")
print(isinstance(Rect.area, property), Rect.area.fget(r))
