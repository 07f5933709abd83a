# slice bounds and steps beyond 64 bits stand for the nearest end; steps near the 64-bit
# limits do not overflow the item count
print("abc"[slice(-2 ** 70, 2 ** 70)], [1, 2, 3][-2 ** 70:2 ** 70:2 ** 70], b"abc"[-2 ** 64:])
print([1, 2, 3][::2 ** 63 - 1], [1, 2, 3][::-2 ** 63], [1, 2, 3][::-2 ** 70], [1, 2, 3][2 ** 70::-1])
print(bytearray(b"abc")[::2 ** 65], (1, 2, 3)[-2 ** 63:], "abcdef"[::-2], list(range(10))[-3::-3])
x = [1, 2, 3, 4]
del x[::2 ** 64]
x[2 ** 70:] = [9]
print(x)
