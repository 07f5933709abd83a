# try/except/else/finally, raise, the hierarchy, custom exceptions
def div(a, b):
    try:
        r = a / b
    except ZeroDivisionError as e:
        print("caught", type(e).__name__, e)
        return None
    else:
        print("else ran")
        return r
    finally:
        print("finally ran")

print(div(6, 3))
print(div(1, 0))

class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code

try:
    raise AppError(42, "bad thing")
except Exception as e:
    print(type(e).__name__, e.code, e.args, str(e), repr(e))

for exc in (ValueError, KeyError, IndexError, TypeError, AttributeError, NameError, RuntimeError):
    try:
        raise exc("x")
    except LookupError as e:
        print("lookup", repr(e))
    except (ValueError, TypeError) as e:
        print("value/type", repr(e))
    except Exception as e:
        print("other", repr(e))

try:
    [][1]
except IndexError as e:
    print(e)
try:
    {}["k"]
except KeyError as e:
    print(repr(e), str(e))
try:
    undefined_name
except NameError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)

def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError:
        print("outer caught")
        raise RuntimeError("converted") from None

try:
    nested()
except RuntimeError as e:
    print("got", e)

def gen_loop():
    for i in range(5):
        try:
            if i == 2:
                continue
            if i == 4:
                break
            print("body", i)
        finally:
            print("fin", i)
    return "done"
print(gen_loop())

try:
    try:
        raise KeyError("a")
    except KeyError:
        raise
except KeyError as e:
    print("reraised", repr(e))
assert True, "never"
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
print(issubclass(ZeroDivisionError, ArithmeticError), isinstance(KeyError(), LookupError))
