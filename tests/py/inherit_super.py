# super() in methods and __init__
class Base:
    def __init__(self, v):
        self.v = v
        print("Base init", v)
    def hello(self):
        return "base"
class Mid(Base):
    def __init__(self, v):
        super().__init__(v * 2)
        print("Mid init")
    def hello(self):
        return "mid+" + super().hello()
class Leaf(Mid):
    def hello(self):
        return "leaf+" + super().hello()
l = Leaf(5)
print(l.v, l.hello())
class Explicit(Base):
    def hello(self):
        return "explicit+" + super(Explicit, self).hello()
print(Explicit(1).hello())
class WithClassMethod(Base):
    @classmethod
    def make(cls):
        return cls(0)
print(type(WithClassMethod.make()).__name__)
