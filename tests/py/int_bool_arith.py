# bools in arithmetic and as indices
counts = [0, 0]
for v in [3, 0, 5, 0, 0]:
    counts[v == 0] += 1
print(counts, True + True + True, True * 10, -True, True // 2, True ** 5, 10 - False)
print(sum(x > 2 for x in range(6)), ["no", "yes"][3 > 2], {True: "t"}[1], 1.0 + True)
print(True & 3, False | 4, True << 3, hash(True) == hash(1), str(True + 0), repr(True & True))
