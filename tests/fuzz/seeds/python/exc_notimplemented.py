# NotImplementedError for abstract methods, and NotImplemented the constant
class Shape:
    def area(self):
        raise NotImplementedError("subclasses implement area")
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
for sh in (Sq(3), Shape()):
    try:
        print(sh.area())
    except NotImplementedError as e:
        print("NotImplementedError:", e)
try:
    raise NotImplementedError
except RuntimeError as e:
    print("is a RuntimeError:", type(e).__name__)
print(NotImplemented, type(NotImplemented).__name__, bool(NotImplemented) if False else "skip")
