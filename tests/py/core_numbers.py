# ints (small and big), floats, bools, and their operators
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** -1, 10 / 4, divmod(-9, 4), abs(-3), round(2.5), round(3.5))
print(1 << 70, (1 << 70) >> 68, 2 ** 100 // 3 ** 20, -(2 ** 80) % 1000, (2 ** 64) ** 2, 12345678901234567890 * 98765432109876543210)
print(0.1 + 0.2, 1e22, 1.5e-7, 1 / 3, float("inf"), -0.0, 2.0 ** 0.5, 10 ** 16 * 1.0, 123456789.123456789)
print(int("ff", 16), int("0b101", 0), int(" 42 "), int(-3.9), float("1e3"), hex(-255), oct(8), bin(5))
print(True + True, True * 3, 3 == 3.0, 1 < 2.5, 2 ** 53 + 1 > 2.0 ** 53, isinstance(True, int), hash(1) == hash(1.0))
print(max(3, 7.5, -1), min([4, 2, 8]), sum([0.1] * 10), sum(range(101)), round(3.14159, 2), round(1234, -2))
print(7 & 3, 7 | 8, 7 ^ 2, ~5, -1 >> 10, (-2 ** 70) >> 60, (2 ** 70) & (2 ** 70 - 1), (5).bit_length(), (-(2 ** 70)).bit_length())
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7
print(x, 5 > 3 > 1, 1 < 3 < 2, not 0, 0 or "default", 3 and 4, None is None)
try:
    1 // 0
except ZeroDivisionError as e:
    print("zero:", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("zero:", e)
print(f"{2**64:_}", f"{-1.5:+.2e}", f"{255:08b}", f"{3.0}", f"{1e100}", f"{12:>+6}")
