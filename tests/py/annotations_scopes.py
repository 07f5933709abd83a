# annotated assignments whose annotation, target or value make scopes of their own
p: (lambda: 1)
q: [i for i in range(3)] = [j * 2 for j in range(3)]
print(q)
d = {}
d[(lambda: 0)()]: int = (lambda: 5)()
print(d)


def f():
    x: (lambda y: y) = sum(k for k in range(4))
    z: {n: n for n in "ab"}
    return x


print(f())


class C:
    a: int = len([c for c in "abc"])
    b: (lambda: 2)


print(C.a)
