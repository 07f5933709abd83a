# converting big ints to and from strings
n = 1
for i in range(1, 51):
    n *= i
s = str(n)
print(s, len(s), int(s) == n, s.count("0"))
print(int("-" + s) == -n, repr(-n)[:10], format(n, ",")[:20], hex(n)[:18])
print(str(10 ** 50), str(-(10 ** 50) + 1), int("1" + "0" * 40) // 10 ** 39)
print(int("0" * 30 + "7"), int("  -000123  "), int("1" * 50, 2), int("z" * 12, 36))
