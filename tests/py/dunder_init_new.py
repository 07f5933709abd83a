# __init__ runs on the new instance; it must return None
class A:
    def __init__(self, v):
        print("init", v)
        self.v = v
a = A(5)
print(a.v)
class B(A):
    pass
b = B(6)
print(type(b).__name__, b.v)
class C(A):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
c = C(1, 2)
print(c.v, c.w)
class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as e:
    print("TypeError", e)
a.__init__(9)
print(a.v)
