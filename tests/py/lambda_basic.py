# lambda expressions
sq = lambda x: x * x
add = lambda a, b=1: a + b
print(sq(5), add(1), add(1, 2), (lambda: "none")(), (lambda *a: a)(1, 2), (lambda **k: sorted(k))(b=1, a=2))
pairs = [(3, "c"), (1, "a"), (2, "b")]
print(sorted(pairs, key=lambda p: p[1], reverse=True), min(pairs, key=lambda p: -p[0]))
print(list(map(lambda x: x + 1, [1, 2])), list(filter(lambda x: x % 2, range(6))))
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
cond = lambda n: "neg" if n < 0 else "zero" if n == 0 else "pos"
print([cond(n) for n in (-1, 0, 1)])
print((lambda x, *, y=2: x * y)(3), (lambda x, y: (y, x))(*"ab"))
