# true division of ints is correctly rounded, also for big ints
print(10 ** 30 / 10 ** 10, 2 ** 1000 / 2 ** 999, (2 ** 100 + 1) / 3, 1 / 3, 2 / 3, 10 / 7)
print((10 ** 50 + 1) / 10 ** 50, 7 ** 30 / 3 ** 40, -(2 ** 70) / 3, 123456789123456789 / 1000)
print(2 ** 53 / 1, (2 ** 53 + 1) / 1, (2 ** 54 + 3) / 2, 9007199254740993 / 1)
try:
    10 ** 400 / 1
except OverflowError as e:
    print("OverflowError", e)
print(10 ** 400 // 10 ** 399, 10 ** 400 / 10 ** 399)
