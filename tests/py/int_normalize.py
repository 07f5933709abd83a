# results of big-int arithmetic that fit a small int behave exactly like small ints
big = 2 ** 70
vals = [big - big + 5, (big + 7) - big, big // big, (big * 3) // big, (big + 12) % big, -big + big - 1,
        (big << 1) >> 71, int(str(big)) - big + 9, (2 ** 64 - 1) - (2 ** 64 - 1), abs(-big) - big]
print(vals)
print([v == w for v, w in zip(vals, [5, 7, 1, 3, 12, -1, 1, 9, 0, 0])])
print([hash(v) == hash(w) for v, w in zip(vals, [5, 7, 1, 3, 12, -1, 1, 9, 0, 0])])
d = {5: "five", 7: "seven", -1: "minus one", 0: "zero"}
print(d[vals[0]], d[vals[1]], d[vals[5]], d[vals[8]], vals[2] is not None, [0, 1, 2, 3][vals[3]], "abc"[vals[2]])
print(type(vals[0]).__name__, vals[0] + 1, vals[3] * 2 ** 61, 2 ** 63 - 2 ** 63 + 2 ** 62, sorted(set(vals)))
x = 2 ** 64
for _ in range(64):
    x //= 2
print(x, x == 1, range(10)[x], x.bit_length(), x << 200 >> 200)
