# keyword arguments and **kwargs
def f(a, b, c=3):
    return a * 100 + b * 10 + c
print(f(1, 2), f(b=2, a=1), f(1, c=9, b=0), f(*(1,), **{"b": 5}))
def g(**kw):
    return sorted(kw.items())
print(g(), g(x=1, y=2), g(**{"z": 0}))
def h(a, **kw):
    return a, kw
print(h(1, b=2, c=3), h(a=5), h(1, **{"a2": 2}))
def order(**kw):
    return list(kw)
print(order(z=1, a=2, m=3))
def make(**opts):
    opts["added"] = True
    return opts
base = {"k": 1}
print(make(**base), base)
