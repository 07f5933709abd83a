# time.gmtime at the ends of its range: NaN, infinities and timestamps too large for the
# calendar raise; the largest and smallest years still convert
import time
for t in (10**60, 1e60, float("inf"), float("-inf"), float("nan"), -1e300):
    try:
        time.gmtime(t)
        print(t, "converted")
    except (OverflowError, ValueError) as e:
        print(t, type(e).__name__, e)
for t in (1e16, -1e16, 67000000000000000, -62135596800, -62135596801, 253402300799.5):
    print(t, tuple(time.gmtime(t))[:8])
# time.mktime takes fields that fit in a C int
for t in ((10**18, 1, 1, 0, 0, 0, 0, 0, 0), (2000, 1, 1, 0, 0, -10**12, 0, 0, 0), (2**31, 1, 1, 0, 0, 0, 0, 0, 0),
          (-2**31 - 1, 1, 1, 0, 0, 0, 0, 0, 0), (1.5, 1, 1, 0, 0, 0, 0, 0, 0)):
    try:
        print(time.mktime(t))
    except (OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(type(time.mktime((2000, 1, 1, 0, 0, 2**31 - 1, 0, 0, 0))).__name__)
