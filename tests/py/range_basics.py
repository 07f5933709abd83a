# range objects
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(5, 2)))
r = range(1, 20, 4)
print(r, len(r), r[0], r[-1], r[1:3], r[::-1], 9 in r, 10 in r, r.index(13), r.count(5))
print(range(0), len(range(0)), bool(range(0)), range(3) == range(0, 3), range(0, 3, 2) == range(0, 4, 2))
print(list(range(-5, -1)), list(range(-1, -5, -1)), sum(range(101)), len(range(0, 10 ** 6, 7)))
print(min(range(3, 9)), max(range(3, 9)), list(reversed(range(4))), r.start, r.stop, r.step)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError", e)
