# list comprehensions
print([x * x for x in range(6)], [x for x in range(10) if x % 3 == 0], [c.upper() for c in "abc"])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(3)] for x in range(3)])
print([x if x % 2 else -x for x in range(5)], [s for s in ["a", "", "b"] if s])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix], [list(col) for col in zip(*matrix)])
print([n for row in matrix for n in row if n % 2], [len(w) for w in "the quick fox".split()])
x = "outer"
print([x for x in range(2)], x)
print([i for i in range(3) if i if i > 1], [a + b for a, b in [(1, 2), (3, 4)]])
