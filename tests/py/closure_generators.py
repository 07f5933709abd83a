# closures and generators capturing variables of enclosing scopes
def gen_factory(step):
    def gen(n):
        for i in range(n):
            yield i * step
    return gen
print(list(gen_factory(3)(4)))
def counter_gen():
    count = 0
    def bump():
        nonlocal count
        count += 1
    def g():
        while count < 3:
            bump()
            yield count
    return g()
print(list(counter_gen()))
def make_gens():
    return [(lambda k=k: (k * j for j in range(3)))() for k in range(3)]
print([list(g) for g in make_gens()])
def outer():
    items = []
    gen = (x for x in items)
    items.extend([1, 2])
    return list(gen)
print(outer())
def shadow():
    x = "outer"
    return [x for x in "ab"], x
print(shadow())
