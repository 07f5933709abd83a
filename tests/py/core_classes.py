class Animal:
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return "..."
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
    def __str__(self):
        return f"I am {self.name}"

class Dog(Animal):
    def speak(self):
        return "Woof"
    def describe(self):
        return super().speak() + " " + self.speak()

class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)
    def __hash__(self):
        return hash((self.x, self.y))

d = Dog("rex")
print(d, repr(d), d.speak(), d.describe(), Animal.count)
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d) is Dog)
v = Vec(1, 2) + Vec(3, 4)
print(v, v * 2, 3 * v, v == Vec(4, 6), v != Vec(0, 0), len(v), v[0], list(v))
print(sorted([Vec(2, 1), Vec(1, 5), Vec(1, 2)]), {Vec(1, 1): "a"}[Vec(1, 1)])

class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        self._c = v * 2
    @staticmethod
    def s(x):
        return x + 1
    @classmethod
    def make(cls):
        return cls()

t = Temp.make()
t.c = 5
print(t.c, Temp.s(1), t.s(2))

def counter():
    n = 0
    def inc(k=1):
        nonlocal n
        n += k
        return n
    return inc
c = counter()
c(); c(5)
print(c())
g = 1
def setg():
    global g
    g = 2
setg()
print(g, (lambda a, b=3: a * b)(2))

def fib_gen(n):
    a, b = 0, 1
    for _ in range(n):
        yield a
        a, b = b, a + b
print(list(fib_gen(10)), sum(x for x in range(10)))

def echo():
    r = yield 1
    while r is not None:
        r = yield r * 2
e = echo()
print(next(e), e.send(5), e.send(7))

def delegate():
    yield from range(3)
    yield from fib_gen(4)
print(list(delegate()))

class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True
with Ctx() as cx:
    raise ValueError("swallowed")
print("after with")
s = {1, 2, 3} | {3, 4}
print(sorted(s), {1, 2} & {2, 3}, frozenset([1]) == frozenset({1}))
a, *rest = [1, 2, 3, 4]
print(a, rest, *rest)
def kw(*args, **kwargs):
    return args, sorted(kwargs.items())
print(kw(1, 2, x=3, **{"y": 4}), kw(*[5, 6]))
del rest
x = [1, 2, 3, 4, 5]
del x[1:3]
print(x)
