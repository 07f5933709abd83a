# three chained exceptions in one traceback
def a():
    raise KeyError("first")
def b():
    try:
        a()
    except KeyError:
        raise ValueError("second")
def c():
    try:
        b()
    except ValueError as e:
        raise RuntimeError("third") from e
c()
