# attribute lookup order: instance, class, bases
class A:
    x = "A.x"
    y = "A.y"
    def who(self):
        return "A.who"
class B(A):
    x = "B.x"
class C(B):
    def who(self):
        return "C.who>" + super().who()
c = C()
print(c.x, c.y, c.who())
c.x = "c.x"
print(c.x, C.x, B.x, A.x)
del c.x
print(c.x)
A.y = "A.y2"
print(c.y, B.y)
B.who = lambda self: "B.who"
print(c.who())
