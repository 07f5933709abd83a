# keyword argument conflicts detected at call time
def f(a, b=0, **kw):
    return a, b, sorted(kw.items())
print(f(1, **{"b": 2, "c": 3}), f(**{"a": 1}), f(1, c=3, **{"d": 4}))
cases = [
    lambda: f(1, a=2),
    lambda: f(**{"a": 1}, a=2),
    lambda: f(1, **{"b": 1}, **{"b": 2}),
    lambda: f(1, **{1: 2}),
    lambda: f(1, **[("b", 2)]),
    lambda: f(*5),
]
for c in cases:
    try:
        print(c())
    except TypeError:
        print("TypeError")
def g(*, only):
    return only
try:
    g(1)
except TypeError as e:
    print("TypeError", e)
print(g(only="kw"))
