# lambdas: closures, defaults evaluated once, lambdas in classes and dicts
x = 10
f = lambda: x
x = 20
print(f())
g = lambda y=x: y
x = 30
print(g(), g(1))
adders = {n: (lambda v, n=n: v + n) for n in range(3)}
print([adders[k](10) for k in sorted(adders)])
class K:
    double = lambda self: self.v * 2
    def __init__(self, v):
        self.v = v
print(K(4).double(), (lambda *a, **k: (a, sorted(k)))(1, z=2))
rec = lambda n: 1 if n <= 1 else n * rec(n - 1)
print(rec(6), (lambda: None)() is None)
print(sorted(["b", "C", "a"], key=lambda s: s.lower()), list(map(lambda p: p[0] * p[1], [(2, 3), (4, 5)])))
