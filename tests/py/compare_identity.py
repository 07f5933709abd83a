# is / is not, == vs identity
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None, True is True)
print(type(a) is list, type(1) is int, type(True) is bool, type(True) is int)
x = ()
y = ()
print(x == y, len(x) == 0)
def f():
    pass
print(f() is None, f is f, (lambda: 0) is (lambda: 0))
class A:
    pass
print(A is A, A() is A(), isinstance(A(), A))
