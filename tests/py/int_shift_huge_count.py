# shifts by counts beyond 64 bits: right shifts give 0 or -1, a left shift of 0 is 0
print((-1) >> 10 ** 20, 1 >> 10 ** 20, (2 ** 100) >> 2 ** 70, (-2 ** 100) >> 2 ** 70)
print(0 << 2 ** 70, 5 >> 2 ** 64, (-5) >> 2 ** 64, (2 ** 70) >> 2 ** 63, (-2 ** 70) >> 2 ** 62)
for a, b in [(1, -2 ** 70), (1, 2 ** 70)]:
    try:
        print(a << b)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
