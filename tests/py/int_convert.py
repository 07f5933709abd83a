# int() from strings, floats and bases
print(int(), int(42), int(-3.9), int(3.9), int(True), int("  17  "))
print(int("-0"), int("+25"), int("1_000_000"), int("0"))
print(int("ff", 16), int("FF", 16), int("0x1f", 16), int("0x1f", 0), int("0o17", 0), int("0b101", 0))
print(int("z", 36), int("777", 8), int("1010", 2), int("10", 3))
print(int("1234567890123"), int(1e15), int(-2.5e10))
print(int(" -42\n"), int("0b11", 2))
for s in ["12a", "", " ", "1.5", "0x", "--1"]:
    try:
        int(s)
    except ValueError as e:
        print("ValueError", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError", e)
