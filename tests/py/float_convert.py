# float() conversions and float methods
print(float(), float(3), float("3.5"), float("  -2.25 "), float("1e3"), float("1E-3"))
print(float("+1.5"), float(".5"), float("5."), float("1_000.5"), float(True))
print(float(2 ** 60), float("0.1"), float("123456789012345678"))
print((2.5).is_integer(), (2.0).is_integer())
print(int(2.9), int(-2.9), round(2.9), round(-2.9), round(3.14159, 3), round(1234.5, -2))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, 0))
for s in ["abc", "", "1.2.3", "1e"]:
    try:
        float(s)
    except ValueError as e:
        print("ValueError", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError", e)
