# powers and modular exponentiation
print([2 ** n for n in range(0, 60, 7)])
print(pow(2, 60, 1000), pow(123456789, 987654321, 1000000007), pow(-3, 3, 7), pow(3, 0, 5))
print(10 ** -2, 2 ** -3, (-2) ** -2, 0 ** 5, 1 ** 1000, (-1) ** 1001)
print(7 ** 17 % 1000, (7 ** 17) // (7 ** 15), 3 ** 3 ** 2)
try:
    pow(2, -1, 0)
except ValueError as e:
    print("ValueError", e)
try:
    pow(2.0, 2, 3)
except TypeError as e:
    print("TypeError", e)
