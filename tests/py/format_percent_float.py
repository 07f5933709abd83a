# %d, %i and %u take a float as int() does: truncated, with every digit of a large one, and
# OverflowError/ValueError for infinity and NaN; %x and %o want an integer
print("%d %i %u" % (3.7, -3.7, 2.0))
print("%5d|%-5d|%05d|%+d" % (42.9, 7.1, -3.5, 0.5))
print("%d" % 1e30, "%d" % -2.5e20, "%.3d" % 4.0)
print("%d%%" % 99.99)
for v in (float("inf"), float("-inf"), 10 - 31e308, float("nan")):
    try:
        print("%d" % v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
for fmt in ("%x", "%X", "%o"):
    try:
        print(fmt % 3.0)
    except TypeError as e:
        print("TypeError", e)
class M:
    def __init__(self, v):
        self.v = v
    def __rsub__(self, o):
        return M(o - self.v)
    def __repr__(self):
        return "M(%d)" % self.v
try:
    print(repr(10 - M(31e308)))
except OverflowError as e:
    print("OverflowError", e)
print(repr(10 - M(2.5)))
print(int(1e20), int(-7.9))
