# default argument values, evaluated once at definition time
def f(a, b=2, c="c"):
    return (a, b, c)
print(f(1), f(1, 3), f(1, 3, 4), f(1, c=5), f(a=0))
n = 10
def g(x=n):
    return x
n = 20
print(g(), g(1))
def acc(item, bucket=[]):
    bucket.append(item)
    return bucket
print(acc(1), acc(2), acc(3, []))
def h(x=None):
    if x is None:
        x = []
    x.append(1)
    return x
print(h(), h())
print(f.__defaults__, f.__name__, g.__defaults__)
def k(a, b=[1, 2], *, c={"k": 1}):
    return a, b, c
print(k(0), k.__kwdefaults__)
