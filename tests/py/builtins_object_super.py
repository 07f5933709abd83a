# object() and super() as builtins
o = object()
print(type(o).__name__, o == o, o != object(), str(o).startswith("<object object at"))
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError", e)
class A:
    def f(self):
        return "A.f"
class B(A):
    def f(self):
        s = super()
        return "B.f>" + s.f()
print(B().f(), isinstance(super(B, B()), super))
