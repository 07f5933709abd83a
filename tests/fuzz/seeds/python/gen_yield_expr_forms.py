# yield in expressions: assignment, arguments, bare yield
def g():
    x = yield
    print("got", x)
    y = (yield x) or "default"
    print("y", y)
    yield "end"
it = g()
print(next(it))
print(it.send("first"))
print(it.send(None))
def pairs():
    a = yield 1
    b = yield 2
    yield (a, b)
p = pairs()
print(next(p), p.send("A"), p.send("B"))
