# uncaught exception from a value sent into a generator
def averager():
    total = 0
    n = 0
    while True:
        v = yield (total / n if n else None)
        total += v
        n += 1
g = averager()
next(g)
print(g.send(4), g.send(8))
g.send("x")
