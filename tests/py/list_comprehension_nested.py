# building and transforming lists of lists
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid)
print([row[::-1] for row in grid], [list(r) for r in zip(*grid)], [sum(r) for r in grid])
flat = [x for row in grid for x in row]
print(flat, flat[::4], sum(flat))
grid[1][1] = "X"
print(grid[1], [[c for c in row if c != "X"] for row in grid])
copy = [row[:] for row in grid]
copy[0][0] = "Y"
print(grid[0][0], copy[0][0])
