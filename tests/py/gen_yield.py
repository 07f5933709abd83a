# generator functions with yield
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(4)), sum(count(101)), list(count(0)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
print(next(g, "done"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def with_return():
    yield 1
    return "value"
w = with_return()
next(w)
try:
    next(w)
except StopIteration as e:
    print("returned", e.value)
def lazy():
    print("started")
    yield 1
l = lazy()
print("created")
print(next(l))
print(type(l).__name__, iter(l) is l)
