# generator state across iterations, early exit from loops, multiple generators
def numbered(items):
    for i, it in enumerate(items, 1):
        yield "%d:%s" % (i, it)
for s in numbered("xyz"):
    print(s)
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take(5, naturals())))
a = naturals()
b = naturals()
print(next(a), next(a), next(b), next(a), next(b))
def pipeline():
    evens = (n for n in naturals() if n % 2 == 0)
    squares = (n * n for n in evens)
    return list(take(4, squares))
print(pipeline())
def gen_with_loop_break():
    for x in range(10):
        if x == 3:
            break
        yield x
    yield "after"
print(list(gen_with_loop_break()))
print(list(zip(naturals(), "abc")))
