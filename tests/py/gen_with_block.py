# a generator suspended inside a with block: closing it runs __exit__
class Res:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return False
def reader():
    with Res("file"):
        yield 1
        yield 2
    print("after with")
g = reader()
print(next(g))
g.close()
print("closed")
g2 = reader()
print(list(g2))
def returns_inside():
    for i in range(3):
        with Res("r%d" % i):
            if i == 1:
                return
            yield i
print(list(returns_inside()))
