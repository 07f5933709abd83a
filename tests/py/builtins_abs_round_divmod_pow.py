# abs, round, divmod, pow
print(abs(-3), abs(3), abs(-2.5), abs(0), abs(-0.0), abs(True))
print(round(3.7), round(-3.7), round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(1.005, 2))
print(round(17, -1), round(15, -1), round(25, -1), round(123.456, 1), round(-0.5), round(7), type(round(7.0)).__name__)
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(0, 5))
print(pow(2, 10), pow(2, -1), pow(2.0, 3), pow(3, 4, 5), pow(-2, 3), pow(10, 9), pow(7, 0, 1))
print(pow(2, 5), pow(4, 0.5), pow(2.5, 2))
