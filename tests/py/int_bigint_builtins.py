# big ints through builtins, formatting, hashing and containers
big = 2 ** 70
print(abs(-big), divmod(big, 3), pow(10, 20), hex(2 ** 64), oct(2 ** 64), bin(2 ** 64 + 1))
print(sum([2 ** 64, 2 ** 64]), max(big, 2 ** 69), min(-big, 0), sorted([big, 1, -big]))
print(str(big), repr(-big), "%x" % big, "%d" % big, f"{big}", "{:,}".format(10 ** 20), format(big, "_x"))
print(hash(big) == hash(2 ** 70), hash(10 ** 20) == hash(10 ** 20), big == 2.0 ** 70, 2 ** 100 == 2.0 ** 100)
d = {big: "big", -big: "negbig"}
print(d[2 ** 70], d[-(2 ** 70)], 2 ** 70 in d, 2 ** 71 in d, {big, 2 ** 70} == {big})
print(10 ** 20 > 1e19, 10 ** 20 == 1e20, 10 ** 23 == 1e23, 2 ** 1000 > 1e300, int(1e20), round(1e20))
print(float(10 ** 20), int("123456789012345678901234567890"), int("-" + "9" * 25), len(str(10 ** 100)))
