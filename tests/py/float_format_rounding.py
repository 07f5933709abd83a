# formatting floats rounds the exact binary value, halfway cases to even
for v in [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, 1e-5, 123456.789, 9.995, 0.045]:
    print(repr(v), "%.2f" % v, "%.0f" % v, "{:.1f}".format(v), format(v, ".3g"), "%.1e" % v)
print("%.20f" % 0.1, "%.17g" % 0.1, "%.15g" % (1 / 3))
print("%.3f" % 1e10, "%.2f" % -0.001, "%.1f" % -0.05, "%g" % 100000.0, "%g" % 1000000.0, "%g" % 0.0001234)
print(format(1e100, ".3e"), format(1.7976931348623157e308, ".5g"), format(5e-324, ".3g"), format(-0.0, ".1f"))
