# generators: running state errors, iter() on generators, generators over mutated lists
def g():
    yield me_running()
def me_running():
    try:
        next(it)
    except ValueError as e:
        return "ValueError: " + str(e)
it = g()
print(next(it))
def count_to(n):
    yield from range(n)
c = count_to(3)
print(iter(c) is c, list(c), list(c))
items = [1, 2, 3]
def walk():
    for x in items:
        yield x
w = walk()
print(next(w))
items.append(4)
print(list(w))
