# recursive generators: permutations, combinations, subsets
def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for p in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + p
def combos(items, k):
    if k == 0:
        yield []
        return
    for i in range(len(items)):
        for c in combos(items[i + 1:], k - 1):
            yield [items[i]] + c
def subsets(items):
    if not items:
        yield []
        return
    for s in subsets(items[1:]):
        yield s
        yield [items[0]] + s
print(list(perms([1, 2, 3])), len(list(perms(list(range(5))))))
print(list(combos("abcd", 2)), len(list(subsets(list(range(6))))))
print(sorted(sum(s) for s in subsets([1, 2, 4])))
