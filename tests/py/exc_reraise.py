# bare raise re-raises the active exception
def f():
    try:
        raise ValueError("first")
    except ValueError:
        print("handling")
        raise
try:
    f()
except ValueError as e:
    print("re-raised", e)
def g():
    try:
        raise KeyError("a")
    except KeyError as e:
        err = e
    raise err
try:
    g()
except KeyError as e:
    print("stored and raised", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError", e)
def h():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            raise TypeError("nested")
        except TypeError:
            pass
        raise
try:
    h()
except ZeroDivisionError as e:
    print("outer exception restored:", e)
