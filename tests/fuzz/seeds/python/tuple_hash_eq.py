# tuples as keys; nested tuples; tuple with unhashable item
grid = {}
for x in range(3):
    for y in range(3):
        grid[(x, y)] = x * 3 + y
print(grid[(2, 1)], (1, 1) in grid, len(grid), sorted(grid)[:3])
print(hash((1, (2, 3))) == hash((1, (2, 3))), (1, 2) == (1.0, 2.0), hash((1, 2)) == hash((1.0, 2.0)))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
print((1, 2) in {(1, 2): 0}, ((1,), 2) in {((1,), 2)})
