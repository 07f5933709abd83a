# thousands of iterations through try/except/finally/with with break, continue and return: nothing leaks
class Ctx:
    entered = 0
    def __enter__(self):
        Ctx.entered += 1
        return self
    def __exit__(self, *e):
        Ctx.entered -= 1
        return False
def step(i):
    for j in range(3):
        try:
            with Ctx():
                try:
                    if i % 5 == 0:
                        raise ValueError(i)
                    if j == 1:
                        continue
                    if i % 7 == 0:
                        return "ret"
                    if j == 2:
                        break
                finally:
                    pass
        except ValueError:
            return "caught"
        finally:
            if i % 11 == 0:
                pass
    return "done"
counts = {}
for i in range(3000):
    r = step(i)
    counts[r] = counts.get(r, 0) + 1
print(sorted(counts.items()), Ctx.entered)
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(400))
gens = []
for i in range(3000):
    g = (x for x in range(10))
    next(g)
    if i % 1000 == 0:
        gens.append(g)
print(len(gens), [next(g) for g in gens])
