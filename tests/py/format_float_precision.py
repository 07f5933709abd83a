# float formatting with long precisions: every digit asked for, and sizes that cannot fit an
# int are ValueErrors
print(format(1.5e300, ".100"))
print(format(2.0 ** -30, ".60f"))
print(len(format(1.0, ".2000f")), "%.120e" % 1e-300)
print(format(1e16, ".3"), format(0.1, ".30g"), "%.40f%%" % 0.25)
for spec in ["99999999999999999999d", ".99999999999999999999f", "9999999999999999999999.2f"]:
    try:
        format(1.0 if "f" in spec else 1, spec)
    except ValueError as e:
        print(spec, e)
for fmt in ["%99999999999999999999d", "%.99999999999999999999f"]:
    try:
        fmt % 1
    except ValueError as e:
        print(fmt, e)
