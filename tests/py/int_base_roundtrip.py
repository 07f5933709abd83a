# int(text, base) and conversion to every base from 2 to 36
digits = "0123456789abcdefghijklmnopqrstuvwxyz"
def to_base(n, b):
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = ""
    while n:
        n, r = divmod(n, b)
        out = digits[r] + out
    return sign + out
nums = [0, 1, -1, 35, 36, 255, -1000, 2 ** 31 - 1, 2 ** 40 + 12345, -(3 ** 30)]
bad = 0
for b in range(2, 37):
    for n in nums:
        s = to_base(n, b)
        if int(s, b) != n or int(s.upper(), b) != n:
            bad += 1
print("bad", bad)
print([to_base(255, b) for b in (2, 8, 16, 36)], int("zz", 36), int("-101", 2), int("  +7f ", 16))
print(int("0b101", 0), int("0o777", 0), int("0xABC", 0), int("1_000", 0), int("0", 0))
for s, b in [("2", 2), ("8", 8), ("g", 16), ("0x10", 10), ("07", 0)]:
    try:
        int(s, b)
    except ValueError as e:
        print("ValueError", e)
