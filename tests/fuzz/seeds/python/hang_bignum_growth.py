# while loops: counters, search, nested loops with flags
n = 52
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 10
found = None
while i < 10 and found is None:
    j = 0
    while j < 10:
        if i * j == 42:
            found = (i, j)
            break
        j += 1
    i += 1
print(found)
