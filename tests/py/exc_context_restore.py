# the exception being handled stops being current when its except clause is left
# (break, continue, return, a generator's yield), so later errors do not chain to it
def chain(e):
    names = []
    while e is not None:
        names.append(type(e).__name__)
        e = e.__cause__ if e.__cause__ is not None else (None if e.__suppress_context__ else e.__context__)
    return names
def leave_by_return():
    try:
        1 / 0
    except ZeroDivisionError:
        return "returned"
print(leave_by_return())
for i in range(3):
    try:
        {}[i]
    except KeyError:
        if i == 1:
            break
        continue
try:
    [][0]
except IndexError as e:
    print("after break:", chain(e))
def handled_in_generator():
    try:
        raise KeyError("in generator")
    except KeyError:
        yield 1
        raise ValueError("resumed")
g = handled_in_generator()
print(next(g))
try:
    None.attribute
except AttributeError as e:
    print("while the generator waits:", chain(e))
try:
    next(g)
except ValueError as e:
    print("resumed:", chain(e))
try:
    raise OSError("outer")
except OSError:
    leave_by_return()
    try:
        int("x")
    except ValueError as e:
        print("caller still handling:", chain(e))
first = RuntimeError("first")
try:
    try:
        raise first
    except RuntimeError:
        try:
            raise TypeError("second")
        except TypeError:
            raise first
except RuntimeError as e:
    print("raised again:", chain(e))
