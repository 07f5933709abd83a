# shortest repr of floats that round-trips
vals = [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e-7, 1.5e-5, 123.456, 1e15, 1e16, 1.7976931348623157e308,
        5e-324, 2.2250738585072014e-308, 9007199254740993.0, 0.1 * 3, 100.0 / 3, 1234567890.123456789]
for v in vals:
    print(repr(v), str(v), float(repr(v)) == v)
print(1e0, 1e1, 1.0e-1, 12e3, .5e1, 1_0.0_1)
