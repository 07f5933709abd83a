# generator send() and the values of yield expressions
def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            break
        received.append(v)
    yield received
g = echo()
print(g.send(None))
print(g.send("a"), g.send("b"))
print(g.send(None))
def acc():
    total = 0
    while True:
        x = yield total
        total += x
a = acc()
next(a)
print(a.send(5), a.send(10), a.send(-3))
try:
    echo().send(1)
except TypeError as e:
    print("TypeError", e)
def running_avg():
    n = 0
    s = 0.0
    avg = None
    while True:
        v = yield avg
        n += 1
        s += v
        avg = s / n
r = running_avg()
next(r)
print([r.send(v) for v in (10, 20, 60)])
