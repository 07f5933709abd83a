# yield from: delegation, return values, send passthrough
def inner():
    yield 1
    yield 2
    return "inner-done"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield from [10, 20]
    yield from "ab"
    yield from range(2)
print(list(outer()))
def tree(t):
    if isinstance(t, list):
        for x in t:
            yield from tree(x)
    else:
        yield t
print(list(tree([1, [2, [3, 4]], [[5]]])))
def sub():
    x = yield "first"
    while x is not None:
        x = yield x * 2
    return "bye"
def deleg():
    res = yield from sub()
    yield res
d = deleg()
print(next(d), d.send(3), d.send(5), d.send(None))
