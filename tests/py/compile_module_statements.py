# Each statement of a module is compiled and its tree given back before the next one: the
# functions, classes, lambdas and comprehensions of earlier statements must still run, and a
# statement compiled more than once (a def inside a finally) must still be whole.
import gc

def deco(f):
    def wrapped(*a, **kw):
        return ("deco", f(*a, **kw))
    return wrapped

@deco
def add(a, b=2, *, c=3):
    return a + b + c

squares = [x * x for x in range(5)]
pairs = {k: v for k, v in zip("abc", range(3))}
pick = lambda xs, n=1: [x for x in xs if x > n]

class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def describe(self):
        return "%s has %d sides" % (self.name, self.sides)

class Square(Shape):
    sides = 4
    def describe(self):
        return super().describe() + " of equal length"

def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step

for i in range(2):
    try:
        if i:
            continue
        late = i
    finally:
        def in_finally(x=i):
            return ("finally", x)
        gc.collect()

def gen(n):
    for i in range(n):
        yield i * 10

total = sum(x for x in gen(4))
text = f"{squares[2]}-{pairs['b']}-{'%d' % total}-{f'{total:>5}'}"

step = counter()
print(add(1), add(1, 1, c=1))
print(squares, pairs, pick([0, 1, 2, 3]))
print(Square("sq").describe(), Shape("pt").describe())
print(step(), step(), in_finally(), late, total, text)
print(Square.describe.__name__, pick.__name__)
