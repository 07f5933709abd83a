# sum() of ints whose running total leaves the small-int range, then 64 bits, mixed with
# bignums, floats, bools and objects with __radd__, from a list and from an iterator.
print(sum([x * x for x in range(10000)]))
print(sum(x * x for x in range(10000)))
print(sum([2 ** 62 - 1] * 4), sum([-(2 ** 62)] * 5))
print(sum([2 ** 63 - 1, 1, -1]), sum([-(2 ** 63), -1, 1]))
print(sum([1, 2 ** 100, -(2 ** 100), 3]))
print(sum([1, 2.5, 3]), sum([10 ** 20, 0.5]))
print(sum([True, 2, True]), sum([], 7), sum(range(5), 10 ** 20), sum(range(5), -3))
print(sum([2 ** 40] * 3000), sum(iter([2 ** 31] * 7)))


class Tally:
    def __init__(self, n):
        self.n = n

    def __radd__(self, other):
        return Tally(other + self.n)


t = sum([5, 6, 2 ** 62, Tally(1)], 2 ** 62)
print(type(t).__name__, t.n if isinstance(t, Tally) else t)
try:
    sum([1, 2, "a"])
except TypeError as e:
    print("TypeError:", e)
try:
    sum([2 ** 70, None])
except TypeError as e:
    print("TypeError:", e)
