# exceptions raised in generators propagate to the consumer; finally runs
def gen():
    try:
        yield 1
        raise ValueError("from gen")
    finally:
        print("gen finally")
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("consumer caught", e)
print(next(g, "exhausted"))
def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            yield None
print(list(safe_div([(1, 2), (1, 0), (9, 3)])))
