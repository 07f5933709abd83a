# an int subclass's instance in arithmetic, comparisons, indexing, formatting and int()
class Count(int):
    def twice(self):
        return self * 2
m = Count(5)
big = Count(2 ** 70)
print(m.twice(), 3 + m, m - 1, m * m, m // 2, m / 2, m ** 2, -m, abs(Count(-3)), ~m, m << 1, m & 4)
print(type(-m).__name__, type(m + 1).__name__, type(m).__name__, isinstance(m, int), isinstance(5, Count))
print(big, big + 1, big.twice(), type(big).__name__, big == 2 ** 70, hash(big) == hash(2 ** 70))
print([10, 20, 30, 40][Count(2)], list(range(Count(3))), "%d %s %r %x" % (m, m, m, m), f"{m:>4}")
print(int(m), type(int(m)).__name__, m.__index__(), type(m.__index__()).__name__, m.real, type(m.real).__name__)
print(bool(Count(0)), bool(m), {m: 1}[5], {5: 2}[m], m in [5], sorted([Count(3), 1, Count(2)]), max(Count(1), Count(7)))
print(m.bit_length(), m.to_bytes(2, "big"), Count(), Count("12"), Count("ff", 16), divmod(m, 2), pow(m, 2, 3), float(m))
class Shifted(int):
    def __new__(cls, v):
        return super().__new__(cls, v + 1)
    def __add__(self, other):
        return "added"
print(Shifted(1), type(Shifted(1)).__name__, Shifted(1) + 2, 2 + Shifted(1), Shifted(1) == 2, sum([Count(1), Count(2)]))
class Half(float):
    def half(self):
        return self / 2
h = Half(3.0)
print(h.half(), h.real, type(h.real).__name__, type(h + 1).__name__, int(h), repr(h))
