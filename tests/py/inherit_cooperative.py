# cooperative __init__ through a diamond with super() and keyword arguments
class Base:
    def __init__(self, **kw):
        print("Base", sorted(kw))
        self.log = ["Base"]
class Left(Base):
    def __init__(self, left=0, **kw):
        super().__init__(**kw)
        self.left = left
        self.log.append("Left")
class Right(Base):
    def __init__(self, right=0, **kw):
        super().__init__(**kw)
        self.right = right
        self.log.append("Right")
class Both(Left, Right):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Both")
b = Both(left=1, right=2)
print(b.left, b.right, b.log, [c.__name__ for c in Both.__mro__])
class Sized(Right, Left):
    pass
s = Sized(left=3, right=4)
print(s.left, s.right, s.log)
