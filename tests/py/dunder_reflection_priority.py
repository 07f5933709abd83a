# a subclass's reflected method runs before the left operand's method
class A:
    def __add__(self, o):
        return "A.__add__"
    def __radd__(self, o):
        return "A.__radd__"
    def __lt__(self, o):
        return "A.__lt__"
    def __gt__(self, o):
        return "A.__gt__"
    def __eq__(self, o):
        return "A.__eq__"
class B(A):
    def __radd__(self, o):
        return "B.__radd__"
    def __gt__(self, o):
        return "B.__gt__"
    def __eq__(self, o):
        return "B.__eq__"
class C(A):
    pass
print(A() + B(), A() + C(), B() + A())
print(A() < B(), A() < C(), B() < A())
print(A() == B(), B() == A(), A() == C())
class Num:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return NotImplemented
x = Num(1)
print(x == x, x == Num(1), x != Num(1), x != x)
class Left:
    def __lt__(self, o):
        return NotImplemented
class Right:
    def __gt__(self, o):
        return "Right.__gt__"
print(Left() < Right())
