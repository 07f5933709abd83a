# try/except matching: by class, by base class, tuples, bare except
def attempt(fn):
    try:
        fn()
    except ZeroDivisionError:
        return "zero"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except ArithmeticError:
        return "arith"
    except Exception as e:
        return "other " + type(e).__name__
    return "ok"
print(attempt(lambda: 1 / 0), attempt(lambda: {}["k"]), attempt(lambda: [][1]))
print(attempt(lambda: 2.0 ** 10000), attempt(lambda: int("x")), attempt(lambda: None))
try:
    raise RuntimeError("r")
except:
    print("bare except")
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("not here")
except TypeError as e:
    print("outer caught", e)
e = "kept"
try:
    raise ValueError("v")
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("NameError after except:", ne)
