# __enter__ and __exit__
class Res:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return False
with Res("a") as r:
    print("body", r.name)
with Res("x"), Res("y") as y:
    print("two", y.name)
try:
    with Res("err"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
class Swallow:
    def __enter__(self):
        return "value"
    def __exit__(self, *a):
        print("swallowing", a[0].__name__)
        return True
with Swallow() as v:
    print(v)
    1 / 0
print("after swallow")
def f():
    with Res("ret"):
        return "returned"
print(f())
for i in range(3):
    with Res("loop%d" % i):
        if i == 1:
            break
