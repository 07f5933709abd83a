# comprehensions with several for and if clauses
print([(a, b, c) for a in range(1, 20) for b in range(a, 20) for c in range(b, 20) if a * a + b * b == c * c])
print([x for x in range(30) if x % 2 if x % 3 if x % 5])
print({k: [v for v in range(k) if v % 2] for k in range(5)})
print([[c for c in w if c in "aeiou"] for w in ["apple", "sky", "queue"]])
print(sum(1 for w in "a bb ccc dddd".split() if len(w) > 1))
