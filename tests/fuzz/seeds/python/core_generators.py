# generators: yield, send, throw, close, yield from with return values, generator expressions
def countdown(n):
    while n > 0:
        got = yield n
        if got:
            n = got
        else:
            n -= 1
    return "liftoff"

g = countdown(3)
print(next(g), next(g), g.send(10), next(g))
print(list(countdown(4)))

def inner():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("inner caught", e)
        yield 99
    return "inner done"

def outer():
    r = yield from inner()
    print("outer got", r)
    yield r

o = outer()
print(next(o), o.throw(ValueError("boom")), next(o))

def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
c = closing()
print(next(c))
c.close()
print(sum(x * x for x in range(10) if x % 3), max((len(w), w) for w in "a bb ccc".split()))

def pipeline(src):
    for x in src:
        if x % 2 == 0:
            yield x * 10
print(list(pipeline(range(7))), list(zip(pipeline(range(4)), "ab")))

def gen_with_return():
    yield 1
    return 5
try:
    it = gen_with_return()
    next(it)
    next(it)
except StopIteration as e:
    print("stop value", e.value)
