# iter and next, including iter(callable, sentinel)
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "exhausted"))
print(next(iter("a")), next(iter(()), "empty"), next(iter({"k": 1})))
vals = [5, 4, 3, 0, 9]
def pop():
    return vals.pop(0)
print(list(iter(pop, 0)), vals)
d = iter({1: "a", 2: "b"}.items())
print(next(d), next(d))
it2 = iter(range(3))
print(iter(it2) is it2, list(it2))
