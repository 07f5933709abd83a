# functions as values: passing, returning, storing
def square(x):
    return x * x
def apply(fn, v):
    return fn(v)
ops = {"sq": square, "neg": lambda x: -x, "str": str}
print(apply(square, 4), [ops[k](3) for k in ["sq", "neg", "str"]])
def compose(f, g):
    def h(x):
        return f(g(x))
    return h
inc = lambda x: x + 1
print(compose(square, inc)(3), compose(inc, square)(3))
fns = [square, inc, abs]
print([f(-2) for f in fns], square.__name__, (lambda: 0).__name__)
def counter():
    counter.calls += 1
    return counter.calls
counter.calls = 0
counter(); counter()
print(counter.calls)
print(callable(square), callable(5), square(square(2)))
