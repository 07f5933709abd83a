# float arithmetic helpers without the math module
print(abs(-1.5), divmod(10.5, 3), divmod(-10.5, 3), 10.5 // 3, 10.5 % 3, round(-1.25, 1))
print((0.5).is_integer(), (4.0).is_integer())
print(sum([0.1] * 10), sum([0.1] * 10) == 1.0, 0.1 * 10 == 1.0)
print(2.0 ** 0.5, 8 ** (1 / 3), (-8.0) ** 2, 1e10 ** 2, 10.0 ** -3, 0.0 ** 0)
print(int(1e15), int(-1e15), int(123.999), float(int(1e17)), 1e17 == int(1e17))
