# formatting ints with format() and format specs
n = 1234567
print(format(n), format(n, "d"), format(n, ","), format(n, "_"), format(n, "10d"), format(n, "<10") + "|")
print(format(-n, "+"), format(n, "+"), format(n, " "), format(-42, "08d"), format(42, "^8") + "|")
print(format(255, "x"), format(255, "X"), format(255, "#x"), format(255, "08b"), format(8, "o"), format(255, "_x"))
print(format(65, "c"), format(42, "e"), format(42, ".1f"), format(1, "%"), format(0, "#b"), format(10 ** 15, ","))
print("{:>+8,}".format(12345), "{:=^12}".format(77), "{:*<+6}".format(5))
