# docstrings and function attributes
def f():
    "one line doc"
    return 1
def g():
    """multi
    line"""
def h():
    return 2
print(f.__doc__, repr(g.__doc__), h.__doc__, f())
class C:
    "class doc"
    def m(self):
        "method doc"
print(C.__doc__, C.m.__doc__, C.__name__)
