# ranges whose items or lengths do not fit a small int, and whose arithmetic would overflow
# 64 bits in the middle of a computation
big = 2 ** 62
print(list(range(big, big + 3)), range(big - 1, big + 3)[2], range(big).stop)
print(list(range(-big, big, big // 2)), len(range(-big, big, big // 2)))
print(list(reversed(range(-big, big, big // 2))), range(0, big, big // 2)[::-1])
print(list(range(2 ** 63 - 3, 2 ** 63 - 1)), list(range(2 ** 63 - 2, -2 ** 63, -big)))
print(range(-2 ** 63, 2 ** 63 - 1)[-1], range(-2 ** 63, 2 ** 63 - 1)[0])
print(big + 1 in range(0, 2 ** 63 - 1), range(big, big + 5, 2).index(big + 4))
print(7 in range(1, 10, 3), 7 in range(10, 0, -3), 8 in range(10, 0, -3), range(10, 0, -3)[-1])
try:
    len(range(-2 ** 63, 2 ** 63 - 1))
except OverflowError as e:
    print("OverflowError", e)
