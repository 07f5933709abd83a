# StopIteration raised by next() and by generators
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e.value), e.args)
def g():
    yield 1
    raise StopIteration("inside")
try:
    list(g())
except RuntimeError as e:
    print("RuntimeError", e)
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
print(list(It()), next(It(), "dflt"))
