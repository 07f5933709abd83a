# return from within loops and nested blocks
def search(grid, target):
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == target:
                return (r, c)
    return None
g = [[1, 2], [3, 4], [5, 6]]
print(search(g, 4), search(g, 7))
def early(xs):
    while True:
        for x in xs:
            if x < 0:
                return "negative " + str(x)
        return "all positive"
print(early([1, 2]), early([1, -2, 3]))
def multi_return(x):
    if x:
        return x, x * 2
print(multi_return(3), multi_return(0))
