# __init__ chains: missing super call, default object init, args errors
class A:
    def __init__(self):
        self.a = 1
class B(A):
    def __init__(self):
        self.b = 2
class C(A):
    def __init__(self):
        super().__init__()
        self.c = 3
b, c = B(), C()
print(hasattr(b, "a"), b.b, c.a, c.c)
class D:
    pass
try:
    D(1)
except TypeError as e:
    print("TypeError", e)
class E(A):
    pass
print(E().a)
