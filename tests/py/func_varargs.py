# *args collection and mixed positional calls
def f(*args):
    return args
print(f(), f(1), f(1, 2, 3), f(*[4, 5]), f(*"ab", *(6,)))
def g(a, b=0, *rest):
    return a, b, rest
print(g(1), g(1, 2), g(1, 2, 3, 4))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*range(10)))
def both(*a, **k):
    return a, sorted(k.items())
print(both(1, 2, x=3), both(), both(*[1], **{"y": 2}))
def fwd(*a, **k):
    return both(*a, **k)
print(fwd(9, z=8))
print(type(f()).__name__)
