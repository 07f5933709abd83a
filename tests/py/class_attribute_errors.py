# AttributeError messages for instances, classes and built-in objects
class A:
    __slots_not_used__ = None
a = A()
for expr in (lambda: a.x, lambda: A.y, lambda: [].x, lambda: (1).x, lambda: "".x, lambda: {}.x):
    try:
        expr()
    except AttributeError as e:
        print(e)
try:
    [].append = 1
except AttributeError as e:
    print(e)
try:
    del a.nothing
except AttributeError as e:
    print(e)
