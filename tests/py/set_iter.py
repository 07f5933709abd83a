# iterating sets of small ints and comprehension over sets
s = {5, 3, 9, 1}
print(sorted(s), sum(s), max(s), min(s), len(s), sorted(x * 2 for x in s))
evens = {x for x in range(10) if x % 2 == 0}
print(sorted(evens), sorted(evens - {0}), 4 in evens)
seen = set()
out = []
for w in ["b", "a", "b", "c", "a"]:
    if w not in seen:
        seen.add(w)
        out.append(w)
print(out, len(seen))
print(sorted(set([3, 1, 3]) | set((2,))), sorted({1, 2} ^ {2, 3}))
