# with-statement cleanup order when nested and failing
class R:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("open", self.n)
        return self
    def __exit__(self, et, ev, tb):
        print("close", self.n, et.__name__ if et else "-")
try:
    with R(1) as a, R(2) as b:
        with R(3):
            raise RuntimeError("fail inside")
except RuntimeError as e:
    print("handled", e)
def use():
    with R("fn"):
        for i in range(3):
            if i == 1:
                return i
print("returned", use())
