# conversions between float and int around 2**53, 2**62, 2**63 and 2**64
for f in [2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 62, 2.0 ** 63, -2.0 ** 63, 2.0 ** 64, 1e19, -1e19, 1.5e20, 123456789.987]:
    print(repr(f), int(f), round(f), int(f) == f, float(int(f)) == f)
for n in [2 ** 53 + 1, 2 ** 62 - 1, 2 ** 63 - 1, -(2 ** 63), 2 ** 64 + 1, 10 ** 19 + 1]:
    print(n, float(n), n == float(n), n < float(n), n > float(n), float(n) == n + 0.0)
print(2 ** 63 == 2.0 ** 63, 2 ** 63 - 1 < 2.0 ** 63, 2 ** 64 > 1.8e19, -(2 ** 63) == -2.0 ** 63)
print(int(-0.9), int(0.9), int(-1e-300), divmod(2 ** 63, 2.0), (2 ** 63) / 2, (2 ** 63) // 2.0)
