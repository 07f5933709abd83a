# None and functions returning None
def f():
    pass
def g():
    return
print(f(), g(), None, repr(None), str(None), type(None).__name__)
print(f() is None, None == 0, None is not False, bool(None))
x = None
if x is None:
    print("is none")
print([None, None], (None,), {None: 1}[None])
print(print("inner"))
