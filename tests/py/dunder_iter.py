# __iter__ and __next__ for custom iterators
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)))
for x in Countdown(2):
    print("x", x)
class Bag:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
b = Bag(1, 2, 3)
print(list(b), sum(b), sorted(b, reverse=True), 2 in b, max(b))
class GenIter:
    def __iter__(self):
        yield "a"
        yield "b"
print(list(GenIter()), "".join(GenIter()), dict(zip(GenIter(), Bag(1, 2))))
it = iter(Countdown(2))
print(next(it), next(it), next(it, None))
a, b2, c = Bag(7, 8, 9)
print(a, b2, c)
