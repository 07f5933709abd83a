print(format(1.5e300, ".100"))
print("%.9999999999f" % 1.0)
print(format(1, "99999999999999999999d"))
