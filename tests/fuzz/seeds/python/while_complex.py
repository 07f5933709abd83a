# while loops: counters, search, nested loops with flags
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
a, b = 1071, 462
while b:
    a, b = b, a % b
print("gcd", a)
i = 0
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
