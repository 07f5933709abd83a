# isinstance checks over a user hierarchy with several levels
class Shape:
    def area(self):
        return 0
class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3 * self.r * self.r
shapes = [Rect(2, 3), Square(2), Circle(1), Shape()]
print([type(s).__name__ for s in shapes], [s.area() for s in shapes])
print([isinstance(s, Rect) for s in shapes], sum(s.area() for s in shapes if isinstance(s, Rect)))
print(issubclass(Square, Shape), Square.__mro__[1].__name__, Square.__base__.__name__)
