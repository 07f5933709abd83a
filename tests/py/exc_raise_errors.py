# what can be raised and caught: classes and instances of BaseException subclasses only
for thing in (5, "text", object(), int):
    try:
        raise thing
    except TypeError as e:
        print("TypeError", e)
class NotExc:
    pass
try:
    try:
        raise ValueError("v")
    except NotExc:
        print("never")
except TypeError as e:
    print("TypeError", e)
class NoSuper(Exception):
    def __init__(self, code):
        self.code = code
e = NoSuper(3)
print(e.args, e.code, str(e), repr(e))
class WithArgs(Exception):
    def __init__(self, a, b):
        super().__init__(a, b)
print(str(WithArgs(1, "two")), WithArgs(1, 2).args)
try:
    raise KeyError from 5
except TypeError as e:
    print("TypeError", e)
